import type { TCalendarYear } from '../../../shared/cases/case-config-schemas.ts';
import { forbidden } from '../../http/errors.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { calendarYearView } from './calendar-view.ts';

/**
 * One year of the actor's county calendar (工作日历): every holiday and make-up working day with
 * its name and source, whether the maintained package has that year's State Council notice
 * (`officialAvailable`: 2027's is not in chinese-days@1.5.7, so deadlines then count weekends
 * only), when the official data was loaded, and the warnings of the check (a holiday block longer
 * than ten days).
 *
 * @example
 * const year = await getCalendarYear({ db, actor }, { year: 2026 });
 * year.days.find((d) => d.day === '2026-10-10'); // { kind: 'workday', name: '国庆节', source: 'chinese-days@1.5.7', … }
 */
export async function getCalendarYear({ db, actor }: ReadContext, { year }: { year: number }): Promise<TCalendarYear> {
  if (!actor.countyCode) throw forbidden();
  return calendarYearView(db, actor.countyCode, year);
}
