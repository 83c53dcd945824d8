import type { TRate } from '../../../shared/cases/index.ts';
import { hasAnyRole } from '../../../shared/roles.ts';
import { forbidden } from '../../http/errors.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { loadCaseSettings } from './case-settings.ts';
import { rateOf } from './rate-rules.ts';
import { ratesQuery } from './rates-sql.ts';

export interface CountyCaseRates {
  month: string;
  /** Every township ('r' + region id, its villages' cases included) and department ('d' + id) with something counted. */
  rows: { unitKey: string; response: TRate; resolution: TRate; satisfaction: TRate }[];
}

/**
 * The three rates of a Shanghai month for every unit the county's cases count at — its
 * townships and its departments — counted in one statement: the rows of `getCaseRates` at the
 * 'township' and 'department' levels together, by the same rules and settings, without the
 * ranking. Each case counts at exactly one of these units, so the rows add up to the county
 * (the leaders' dashboard). County staff only.
 *
 * @example
 * const { rows } = await getCountyCaseRates({ db, actor }, { month: '2026-11', now });
 * rows.find((r) => r.unitKey === `r${townshipId}`)?.response; // { successes: 41, n: 44, estimate: 0.93, … }
 */
export async function getCountyCaseRates({ db, actor }: ReadContext, options: { month: string; now?: Date }): Promise<CountyCaseRates> {
  if (!hasAnyRole(actor.roles, ['county_admin', 'county_leader']) || !actor.countyCode) throw forbidden();
  const countyCode = actor.countyCode;
  const settings = await loadCaseSettings(db, { countyCode });
  const counted = await ratesQuery({ countyCode, level: 'county', month: options.month, now: options.now ?? new Date(), basicallySatisfiedCounts: settings.basicallySatisfiedCounts }).execute(db);
  return {
    month: options.month,
    rows: counted.rows.map((r) => ({ unitKey: r.unit_key, response: rateOf(r.responded, r.response_n), resolution: rateOf(r.solved, r.callbacks), satisfaction: rateOf(r.satisfied, r.satisfaction_n) })),
  };
}
