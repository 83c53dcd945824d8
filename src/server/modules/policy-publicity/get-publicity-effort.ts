import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { TPublicityEffort, TPublicityEffortCell } from '../../../shared/schemas/policy-publicity.ts';
import { inSubtree } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { countyOfActor, townshipIdOf, townshipsOf, type CountyRow } from './publicity-queries.ts';

/** The instant a Shanghai date begins (China keeps no daylight saving time). */
const shanghaiStart = (date: string) => new Date(`${date}T00:00:00+08:00`);
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * The effort per township × policy over Shanghai dates `from`..`to` (inclusive) inside `within`:
 * activities not voided (and the audience they counted), and visits not voided that explained the
 * policy, read from the visits module's `visit_policy` (counted, not copied). A visit's township
 * is its village's parent.
 */
export async function effortCells(db: Kysely<DB>, options: { county: CountyRow; within: string; from: string; to: string }): Promise<TPublicityEffortCell[]> {
  const { county, within, from, to } = options;
  const countyCode = county.county_code!;
  const townships = await townshipsOf(db, countyCode);
  const cells = new Map<string, TPublicityEffortCell>();
  const cell = (townshipId: string, policyCode: string) => {
    const township = townships.get(townshipId);
    if (!township) return undefined;
    const key = `${township.code}|${policyCode}`;
    let c = cells.get(key);
    if (!c) cells.set(key, (c = { townshipCode: township.code, policyCode, activities: 0, audience: 0, visits: 0 }));
    return c;
  };
  const activities = await db
    .selectFrom('publicity_activity as a')
    .innerJoin('publicity_activity_policy as p', 'p.activity_id', 'a.id')
    .select(['a.region_path', 'p.policy_code', 'a.audience'])
    .where('a.county_code', '=', countyCode)
    .where((eb) => inSubtree(eb.ref('a.region_path'), within))
    .where('a.voided_at', 'is', null)
    .where('a.held_on', '>=', from)
    .where('a.held_on', '<=', to)
    .execute();
  for (const a of activities) {
    const c = cell(townshipIdOf(a.region_path, county.path) ?? '', a.policy_code);
    if (!c) continue;
    c.activities++;
    c.audience += a.audience ?? 0;
  }
  const visits = await db
    .selectFrom('visit as v')
    .innerJoin('visit_policy as vp', 'vp.visit_id', 'v.id')
    .innerJoin('region as r', 'r.id', 'v.village_id')
    .select(['r.parent_id', 'vp.policy_code', sql<string>`count(*)`.as('n')])
    .where('v.county_code', '=', countyCode)
    .where((eb) => inSubtree(eb.ref('r.path'), within))
    .where('v.voided_at', 'is', null)
    .where('v.visited_at', '>=', shanghaiStart(from))
    .where('v.visited_at', '<', shanghaiStart(nextDay(to)))
    .groupBy(['r.parent_id', 'vp.policy_code'])
    .execute();
  for (const v of visits) {
    const c = cell(v.parent_id ?? '', v.policy_code);
    if (c) c.visits += Number(v.n);
  }
  return [...cells.values()].sort((a, b) => a.townshipCode.localeCompare(b.townshipCode) || a.policyCode.localeCompare(b.policyCode));
}

/**
 * The publicity effort of a period per township × policy in the caller's subtree: activities
 * logged, the audience they counted, and visits that explained the policy.
 *
 * @example
 * const { cells } = await getPublicityEffort({ db, actor }, { from: '2026-10-01', to: '2026-12-31' });
 * cells[0]; // => { townshipCode: '370921104', policyCode: 'dibao', activities: 4, audience: 310, visits: 57 }
 */
export async function getPublicityEffort({ db, actor }: ReadContext, options: { from: string; to: string }): Promise<TPublicityEffort> {
  const county = await countyOfActor(db, actor);
  return { from: options.from, to: options.to, cells: await effortCells(db, { county, within: actor.regionPath, from: options.from, to: options.to }) };
}
