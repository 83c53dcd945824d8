import type { Actor } from '../../http/context.ts';
import { forbidden } from '../../http/errors.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { ZCitySpotCheckInput, type TCitySpotCheck, type TCitySpotCheckInput } from '../../../shared/assessment/assessment-api-schemas.ts';
import { recordAudit } from '../audit/index.ts';
import { countyOf, lockCountySpotChecks } from './assessment-store.ts';
import { upsertSpotCheck } from './city-spot-check-rows.ts';

/**
 * Enters one figure of the city's spot check of the county by hand (replacing an earlier entry of
 * the same period and figure), audited with the figure before and after. `actor: null` (the demo)
 * names the county.
 *
 * @example
 * await saveCitySpotCheck({ db, actor, source }, { input: { periodStart: '2026-10-01', periodEnd: '2026-12-31', figure: 'index', estimate: 86.1, n: 600, lower: 84.9, upper: 87.3, source: '泰联服办〔2027〕3号', cityRank: 4, cityCounties: 6 } });
 */
export async function saveCitySpotCheck(ctx: WriteContext<Actor | null>, options: { input: TCitySpotCheckInput; countyCode?: string; now?: Date }): Promise<TCitySpotCheck> {
  const { db, actor, source } = ctx;
  const countyCode = actor === null ? options.countyCode : actor.countyCode;
  if (!countyCode) throw forbidden();
  const input = ZCitySpotCheckInput.parse(options.input);
  const now = options.now ?? new Date();
  const county = await countyOf(db, countyCode);
  return db.transaction().execute(async (trx) => {
    await lockCountySpotChecks(trx, countyCode);
    const { before, after } = await upsertSpotCheck(trx, { countyCode, input, actorId: actor?.id ?? null, now });
    await recordAudit({ db: trx, source }, { action: 'city_spot_check.save', entityType: 'city_spot_check', entityId: after.id, region: county, before, after });
    return after;
  });
}
