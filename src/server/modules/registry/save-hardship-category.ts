import { forbidden } from '../../http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { pathIds } from '../../scope/index.ts';
import type { WriteContext } from '../../use-case-context.ts';

export interface SaveHardshipCategoryOptions {
  /** The category's key; a new code adds a category. */
  code: string;
  name: string;
  nameEn: string;
  sort: number;
  active: boolean;
}

/**
 * Adds or changes a hardship category (the list is configuration, kept by the county).
 * Categories are deactivated, never deleted: old labels keep pointing at them.
 *
 * @example
 * await saveHardshipCategory({ db, actor: countyAdmin, source }, { code: 'migrant_worker_family', name: '外出务工家庭', nameEn: 'Migrant worker family', sort: 85, active: true });
 */
export async function saveHardshipCategory({ db, actor, source }: WriteContext, input: SaveHardshipCategoryOptions) {
  const { code } = input;
  // The list serves the whole deployment: only an administrator of a top-level region changes it.
  if (pathIds(actor.regionPath).length !== 1) throw forbidden();
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('hardship_category').selectAll().where('code', '=', code).executeTakeFirst();
    const values = { name: input.name, name_en: input.nameEn, sort: input.sort, active: input.active };
    const saved = await trx
      .insertInto('hardship_category')
      .values({ code, ...values })
      .onConflict((oc) => oc.column('code').doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit({ db: trx, source }, { action: before ? 'hardship_category.update' : 'hardship_category.create', entityType: 'hardship_category', entityId: code, before: before ?? undefined, after: saved });
    return { code: saved.code, name: saved.name, nameEn: saved.name_en, sort: saved.sort, active: saved.active };
  });
}
