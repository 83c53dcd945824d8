import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { calendarFromDays, type TWorkingCalendar } from '../../../shared/cases/index.ts';

export interface LoadWorkingCalendarOptions {
  countyCode: string;
}

/**
 * A county's working calendar (official holidays and make-up working days) from its stored days.
 * A few dozen rows a year: read whole, once per use case or sweep, and handed to the pure
 * working-time functions of `shared/cases`.
 *
 * @example
 * const calendar = await loadWorkingCalendar({ db }, { countyCode: '370921' });
 * isWorkingDay('2026-10-01', calendar); // false
 */
export async function loadWorkingCalendar({ db }: { db: Kysely<DB> }, { countyCode }: LoadWorkingCalendarOptions): Promise<TWorkingCalendar> {
  const rows = await db.selectFrom('working_calendar_day').select(['day', 'kind']).where('county_code', '=', countyCode).execute();
  return calendarFromDays(rows);
}
