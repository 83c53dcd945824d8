/**
 * The registry's count of adults per township: the default population of a wave's strata (for
 * proportional allocation and the county's weighted estimate).
 */
import { sql, type Kysely } from 'kysely';
import { localDate } from '../../../shared/time.ts';
import type { DB } from '../../db/schema.ts';

/**
 * Open townships of a county with the number of active residents aged 18 or more on `on`
 * (a resident belongs to the township of their household's village).
 *
 * @example
 * const townships = await townshipAdults(db, { countyId: '3', countyCode: '370921' });
 * townships[0]; // { id: '14', code: '370921001', name: '八仙桥街道', adults: 52311 }
 */
export async function townshipAdults(db: Kysely<DB>, o: { countyId: string; countyCode: string; on?: string }) {
  const on = o.on ?? localDate();
  const townships = await db
    .selectFrom('region')
    .select(['id', 'code', 'name'])
    .where('parent_id', '=', o.countyId)
    .where('level', '=', 'township')
    .where('closed_on', 'is', null)
    .orderBy('code')
    .execute();
  const counts = await db
    .selectFrom('resident as r')
    .innerJoin('household as h', 'h.id', 'r.household_id')
    .innerJoin('region as v', 'v.id', 'h.village_id')
    .select(['v.parent_id as township_id', sql<number>`count(*)::int`.as('adults')])
    .where('r.county_code', '=', o.countyCode)
    .where('r.active', '=', true)
    // 18 years before the date, as PostgreSQL counts them (29 February → 28 February).
    .where('r.birth_date', '<=', sql<string>`(${on}::date - interval '18 years')::date`)
    .groupBy('v.parent_id')
    .execute();
  return townships.map((t) => ({ ...t, adults: Number(counts.find((c) => c.township_id === t.id)?.adults ?? 0) }));
}
