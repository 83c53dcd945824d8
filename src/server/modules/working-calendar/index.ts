/**
 * The working-calendar module's front door (工作日历, issue 11): the county's official holidays and
 * make-up working days (调休), which every case deadline is counted in, loaded from the maintained
 * `chinese-days` data (the State Council's annual notices) and editable by the county admin.
 */
export { loadWorkingCalendar } from './load-working-calendar.ts';
export { OFFICIAL_CALENDAR_SOURCE, loadOfficialHolidays, officialDays, officialYears } from './official-holidays.ts';
export type { OfficialDay } from './official-holidays.ts';
export { getCalendarYear } from './get-calendar-year.ts';
export { updateCalendarYear } from './update-calendar-year.ts';
export { loadOfficialYear } from './load-official-year.ts';
/** For `lianxin serve` and `lianxin calendar load`: the official years of every county with accounts. */
export { loadOfficialCalendars } from './load-official-calendars.ts';
