/**
 * The working calendar's self-consistency check (工作日历校验): what the county admin's edits of a
 * year may not do, and what they may do with a warning. Pure, shared by the server (which refuses
 * with 422 and these issues) and the web page (which shows the same words before saving).
 */
import { isWeekend, isWorkingDay, type TWorkingCalendar } from './working-calendar.ts';

/** A holiday block (rest days in a row, weekends included) longer than this is unusual: 春节 and 国庆 run 8–9 days. */
export const LONG_HOLIDAY_BLOCK_DAYS = 10;

export interface CalendarEditIssue {
  /** Where in the request: `set.3.day`, `remove.0`. */
  path: string;
  /** English with the day in it; the server's problem says it in the caller's language (issue-messages.ts). */
  message: string;
}

export interface CalendarDayRow {
  day: string;
  kind: 'holiday' | 'workday';
  name: string;
  source: string;
}

export interface CalendarEdits {
  year: number;
  /** The county's stored days of that year. */
  existing: readonly CalendarDayRow[];
  set: readonly { day: string; kind: 'holiday' | 'workday'; name: string }[];
  remove: readonly string[];
}

/**
 * Checks a year's edits against each other and against the calendar they change. Refused: a date
 * outside the year, a day listed twice in one request (or both set and removed), a day set both as
 * a holiday and as a working day, a make-up working day (调休上班) on a weekday (Monday–Friday are
 * working days already), removing a day that is not in the calendar or that came from the official
 * data (reload the official data instead). Returns the issues (empty: accepted) and the year's days
 * after the edits.
 *
 * @example
 * checkCalendarEdits({ year: 2027, existing: [], set: [{ day: '2027-02-08', kind: 'workday', name: '春节' }], remove: [] }).issues;
 * // [{ path: 'set.0.day', message: '2027-02-08 is a weekday: a make-up working day must fall on a Saturday or Sunday' }]
 */
export function checkCalendarEdits({ year, existing, set, remove }: CalendarEdits): { issues: CalendarEditIssue[]; days: CalendarDayRow[] } {
  const issues: CalendarEditIssue[] = [];
  const inYear = (day: string) => day.slice(0, 4) === String(year);
  const seen = new Map<string, { kind: 'holiday' | 'workday' | 'remove'; index: number }>();
  const byDay = new Map(existing.map((d) => [d.day, d]));
  set.forEach((edit, i) => {
    const path = `set.${i}.day`;
    if (!inYear(edit.day)) return void issues.push({ path, message: `${edit.day} is not in ${year}` });
    const earlier = seen.get(edit.day);
    if (earlier && earlier.kind !== 'remove' && earlier.kind !== edit.kind) issues.push({ path, message: `${edit.day} is listed both as a holiday and as a working day` });
    else if (earlier) issues.push({ path, message: `${edit.day} is listed twice` });
    else seen.set(edit.day, { kind: edit.kind, index: i });
    if (edit.kind === 'workday' && !isWeekend(edit.day)) issues.push({ path, message: `${edit.day} is a weekday: a make-up working day must fall on a Saturday or Sunday` });
  });
  remove.forEach((day, i) => {
    const path = `remove.${i}`;
    if (!inYear(day)) return void issues.push({ path, message: `${day} is not in ${year}` });
    if (seen.has(day)) return void issues.push({ path, message: `${day} is listed twice` });
    seen.set(day, { kind: 'remove', index: i });
    const stored = byDay.get(day);
    if (!stored) issues.push({ path, message: `${day} is not in the calendar` });
    else if (stored.source !== 'manual') issues.push({ path, message: `${day} is not a manual day: official days change by reloading the official data` });
  });
  for (const edit of set) byDay.set(edit.day, { day: edit.day, kind: edit.kind, name: edit.name, source: 'manual' });
  for (const day of remove) byDay.delete(day);
  const days = [...byDay.values()].filter((d) => inYear(d.day)).sort((a, b) => a.day.localeCompare(b.day));
  return { issues, days };
}

const nextDate = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * Rest-day blocks of a year (weekends included) that contain a holiday and run longer than
 * `LONG_HOLIDAY_BLOCK_DAYS`: allowed, but the page warns, since a typing error (a month's holidays
 * instead of a week's) would silently push every deadline back.
 *
 * @example
 * longHolidayBlocks(2026, calendar); // [] — 春节 2026 is 9 days
 */
export function longHolidayBlocks(year: number, calendar: TWorkingCalendar): { code: 'long_holiday_block'; from: string; to: string; days: number }[] {
  const blocks: { code: 'long_holiday_block'; from: string; to: string; days: number }[] = [];
  let start: string | null = null;
  let length = 0;
  let hasHoliday = false;
  let previous = '';
  const close = () => {
    if (start && hasHoliday && length > LONG_HOLIDAY_BLOCK_DAYS) blocks.push({ code: 'long_holiday_block', from: start, to: previous, days: length });
    start = null;
    length = 0;
    hasHoliday = false;
  };
  for (let day = `${year}-01-01`; day.startsWith(String(year)); day = nextDate(day)) {
    if (isWorkingDay(day, calendar)) close();
    else {
      start ??= day;
      length++;
      hasHoliday ||= calendar.holidays.has(day);
    }
    previous = day;
  }
  close();
  return blocks;
}
