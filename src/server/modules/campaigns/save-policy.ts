import type { TPolicy, TSavePolicyRequest } from '../../../shared/visits/index.ts';
import { forbidden } from '../../http/errors.ts';
import { pathIds } from '../../scope/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';

/**
 * Adds or changes an entry of the policy list. Entries are deactivated, never deleted: recorded
 * visits keep naming them.
 *
 * @example
 * await savePolicy({ db, actor: countyAdmin, source }, { code: 'heating_subsidy', name: '冬季取暖补贴', nameEn: 'Winter heating subsidy', sort: 110, active: true });
 */
export async function savePolicy({ db, actor, source }: WriteContext, input: TSavePolicyRequest & { code: string }): Promise<TPolicy> {
  // The list serves the whole deployment: only an administrator of a top-level region changes it.
  if (pathIds(actor.regionPath).length !== 1) throw forbidden();
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('policy').selectAll().where('code', '=', input.code).executeTakeFirst();
    const values = { name: input.name, name_en: input.nameEn, sort: input.sort, active: input.active };
    const saved = await trx
      .insertInto('policy')
      .values({ code: input.code, ...values })
      .onConflict((oc) => oc.column('code').doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit({ db: trx, source }, { action: before ? 'policy.update' : 'policy.create', entityType: 'policy', entityId: input.code, before: before ?? undefined, after: saved });
    return { code: saved.code, name: saved.name, nameEn: saved.name_en, sort: saved.sort, active: saved.active };
  });
}
