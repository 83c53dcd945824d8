/**
 * The working-calendar module's front door (工作日历, issue 11): the county's official holidays and
 * make-up working days (调休), which every case deadline is counted in, loaded from the maintained
 * `chinese-days` data (the State Council's annual notices) and editable by the county admin.
 */
export { loadWorkingCalendar } from './load-working-calendar.ts';
export { OFFICIAL_CALENDAR_SOURCE, loadOfficialHolidays, officialDays, officialYears } from './official-holidays.ts';
export type { OfficialDay } from './official-holidays.ts';
