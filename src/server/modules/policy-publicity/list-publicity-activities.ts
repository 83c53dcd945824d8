import type { TPublicityActivity, TPublicityActivityQuery } from '../../../shared/schemas/policy-publicity.ts';
import { findRegionInScope, inSubtree } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { countyOfActor, readActivities } from './publicity-queries.ts';

/** At most this many activities per answer, newest first (a county logs a few hundred a year). */
export const ACTIVITY_LIST_LIMIT = 500;

/**
 * The activities of the caller's subtree, newest first, filtered by period (Shanghai dates,
 * inclusive), township (404 when outside the subtree, as for one that does not exist), policy
 * and kind; voided ones only when asked for.
 *
 * @example
 * const { items } = await listPublicityActivities({ db, actor }, { filters: { from: '2026-10-01', to: '2026-12-31', policyCode: 'dibao' } });
 */
export async function listPublicityActivities({ db, actor }: ReadContext, options: { filters: TPublicityActivityQuery }): Promise<{ items: TPublicityActivity[] }> {
  const county = await countyOfActor(db, actor);
  const f = options.filters;
  const within = f.townshipCode ? (await findRegionInScope(db, actor, f.townshipCode)).path : actor.regionPath;
  let query = db
    .selectFrom('publicity_activity as a')
    .select('a.id')
    .where('a.county_code', '=', county.county_code!)
    .where((eb) => inSubtree(eb.ref('a.region_path'), within));
  if (f.from) query = query.where('a.held_on', '>=', f.from);
  if (f.to) query = query.where('a.held_on', '<=', f.to);
  if (f.kind) query = query.where('a.kind', '=', f.kind);
  if (f.policyCode) {
    const code = f.policyCode;
    query = query.where((eb) => eb.exists(eb.selectFrom('publicity_activity_policy as p').select('p.activity_id').whereRef('p.activity_id', '=', 'a.id').where('p.policy_code', '=', code)));
  }
  if (f.includeVoided !== 'true') query = query.where('a.voided_at', 'is', null);
  const rows = await query.orderBy('a.held_on', 'desc').orderBy('a.id', 'desc').limit(ACTIVITY_LIST_LIMIT).execute();
  return { items: await readActivities(db, rows.map((r) => r.id), county) };
}
