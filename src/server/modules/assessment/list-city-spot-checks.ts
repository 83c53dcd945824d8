import { forbidden } from '../../http/errors.ts';
import type { ReadContext } from '../../use-case-context.ts';
import type { TCitySpotCheck } from '../../../shared/assessment/assessment-api-schemas.ts';
import { toSpotCheck } from './city-spot-check-rows.ts';

/**
 * The city's spot-check figures for the actor's county (市级抽查), latest period first.
 *
 * @example
 * const { items } = await listCitySpotChecks({ db, actor }, {});
 */
export async function listCitySpotChecks({ db, actor }: ReadContext, _options: Record<string, never> = {}): Promise<{ items: TCitySpotCheck[] }> {
  if (!actor.countyCode) throw forbidden();
  const rows = await db.selectFrom('city_spot_check').selectAll().where('county_code', '=', actor.countyCode).orderBy('period_end', 'desc').orderBy('figure').execute();
  return { items: rows.map(toSpotCheck) };
}
