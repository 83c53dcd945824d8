import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { calendarFromDays, type TWorkingCalendar } from '../../../shared/cases/index.ts';
import { localDate } from '../../../shared/time.ts';

export interface LoadWorkingCalendarOptions {
  countyCode: string;
  /**
   * Only the days a deadline counted from this instant can reach (the next 400 days: the longest
   * deadline a category allows, 90 working days, ends well inside them); every stored day when left out.
   */
  from?: Date;
}

/** Calendar days after `from` that a deadline can reach: 90 working days plus a year's holidays, with room to spare. */
const DEADLINE_HORIZON_DAYS = 400;

/**
 * A county's working calendar (official holidays and make-up working days) from its stored days.
 * A few dozen rows a year; a dispatch reads only the window its deadlines can reach. Handed to the pure
 * working-time functions of `shared/cases`.
 *
 * @example
 * const calendar = await loadWorkingCalendar({ db }, { countyCode: '370921' });
 * isWorkingDay('2026-10-01', calendar); // false
 */
export async function loadWorkingCalendar({ db }: { db: Kysely<DB> }, { countyCode, from }: LoadWorkingCalendarOptions): Promise<TWorkingCalendar> {
  const rows = await db
    .selectFrom('working_calendar_day')
    .select(['day', 'kind'])
    .where('county_code', '=', countyCode)
    .$if(from !== undefined, (q) => q.where('day', '>=', localDate(from)).where('day', '<=', localDate(new Date(from!.getTime() + DEADLINE_HORIZON_DAYS * 86_400_000))))
    .execute();
  return calendarFromDays(rows);
}
