/** The city spot checks' rows as the API shows them, and the one write both the hand entry and the import use. */
import type { Kysely, Selectable } from 'kysely';
import type { CitySpotCheckTable, DB } from '../../db/schema.ts';
import type { TCitySpotCheck } from '../../../shared/assessment/assessment-api-schemas.ts';
import type { z } from 'zod';
import type { ZCitySpotCheckInput } from '../../../shared/assessment/assessment-api-schemas.ts';

export type ParsedSpotCheck = z.output<typeof ZCitySpotCheckInput>;

export function toSpotCheck(r: Selectable<CitySpotCheckTable>): TCitySpotCheck {
  const num = (v: string | null) => (v === null ? null : Number(v));
  return {
    id: r.id,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    figure: r.figure,
    estimate: Number(r.estimate),
    n: r.n,
    lower: num(r.lower_bound),
    upper: num(r.upper_bound),
    source: r.source,
    cityRank: r.city_rank,
    cityCounties: r.city_counties,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/**
 * Writes one figure of a period (replacing the one entered before for the same period and
 * figure): returns the row before (null when new) and after.
 *
 * @example
 * const { before, after } = await upsertSpotCheck(trx, { countyCode: '370921', input, actorId: '1', now });
 */
export async function upsertSpotCheck(db: Kysely<DB>, options: { countyCode: string; input: ParsedSpotCheck; actorId: string | null; now: Date }) {
  const { input, countyCode } = options;
  const before = await db
    .selectFrom('city_spot_check')
    .selectAll()
    .where('county_code', '=', countyCode)
    .where('period_start', '=', input.periodStart)
    .where('period_end', '=', input.periodEnd)
    .where('figure', '=', input.figure)
    .executeTakeFirst();
  const values = {
    estimate: input.estimate,
    n: input.n,
    lower_bound: input.lower,
    upper_bound: input.upper,
    source: input.source,
    city_rank: input.cityRank,
    city_counties: input.cityCounties,
    created_by: options.actorId,
    created_at: options.now,
  };
  const after = before
    ? await db.updateTable('city_spot_check').set(values).where('id', '=', before.id).returningAll().executeTakeFirstOrThrow()
    : await db
        .insertInto('city_spot_check')
        .values({ county_code: countyCode, period_start: input.periodStart, period_end: input.periodEnd, figure: input.figure, ...values })
        .returningAll()
        .executeTakeFirstOrThrow();
  return { before: before ? toSpotCheck(before) : null, after: toSpotCheck(after) };
}
