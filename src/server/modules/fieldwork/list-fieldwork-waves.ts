/** The waves an interviewer can call for: their county's waves in fieldwork, with calling hours. */
import type { TFieldworkWave } from '../../../shared/schemas/survey-fieldwork.ts';
import { isInScope } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { isCallingTime, nextCallingWindow } from './calling-hours.ts';
import { wavePeriod } from './fieldwork-rules.ts';
import { callingHours } from './next-case.ts';

/**
 * @example
 * const { items } = await listFieldworkWaves({ db, actor }, { now: new Date() });
 */
export async function listFieldworkWaves({ db, actor }: ReadContext, { now }: { now: Date }): Promise<{ items: TFieldworkWave[] }> {
  if (!actor.countyCode) return { items: [] };
  const rows = await db
    .selectFrom('survey_wave as w')
    .innerJoin('region as r', 'r.id', 'w.county_id')
    .select(['w.id', 'w.name', 'w.starts_on', 'w.ends_on', 'w.calling_hours', 'w.max_attempts', 'r.path'])
    .where('w.county_code', '=', actor.countyCode)
    .where('w.status', '=', 'fieldwork')
    .orderBy('w.id')
    .execute();
  return {
    items: rows
      .filter((w) => isInScope(actor, w.path))
      .map((w) => {
        const hours = callingHours(w);
        const next = nextCallingWindow(hours, now);
        const period = wavePeriod(w, now);
        return {
          id: w.id,
          name: w.name,
          startsOn: w.starts_on,
          endsOn: w.ends_on,
          callingHours: hours,
          period,
          callingNow: period === 'open' && isCallingTime(hours, now),
          nextWindow: next ? { from: next.from.toISOString(), to: next.to.toISOString() } : null,
          maxAttempts: w.max_attempts,
        };
      }),
  };
}
