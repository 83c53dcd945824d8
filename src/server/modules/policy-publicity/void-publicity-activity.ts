import type { TPublicityActivity } from '../../../shared/schemas/policy-publicity.ts';
import { conflict } from '../../http/errors.ts';
import { assertInScopeOr404 } from '../../scope/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { countyOfActor, readActivities } from './publicity-queries.ts';

/**
 * Voids a mistaken activity with a reason (作废): it stays, marked, and no longer counts. Never
 * deleted. 404 outside the caller's subtree; 409 `publicity_activity_voided` when it already is.
 *
 * @example
 * await voidPublicityActivity({ db, actor, source }, { id: '12', reason: '重复录入' });
 */
export async function voidPublicityActivity({ db, actor, source }: WriteContext, options: { id: string; reason: string; now?: Date }): Promise<TPublicityActivity> {
  const county = await countyOfActor(db, actor);
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('publicity_activity').select(['id', 'region_id', 'region_path', 'county_code', 'voided_at', 'title']).where('id', '=', options.id).forUpdate().executeTakeFirst();
    assertInScopeOr404(actor, row, (r) => r.region_path);
    if (row.voided_at) throw conflict('publicity_activity_voided');
    await trx.updateTable('publicity_activity').set({ voided_at: options.now ?? new Date(), void_reason: options.reason }).where('id', '=', row.id).execute();
    await recordAudit({ db: trx, source }, {
      action: 'publicity_activity.void',
      entityType: 'publicity_activity',
      entityId: row.id,
      region: { id: row.region_id, path: row.region_path, county_code: row.county_code },
      before: { voided: false, title: row.title },
      after: { voided: true, reason: options.reason },
    });
  });
  return (await readActivities(db, [options.id], county))[0]!;
}
