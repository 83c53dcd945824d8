/**
 * Working time in Asia/Shanghai (工作日 / 工作时): the arithmetic behind a case's deadlines. Pure:
 * the calendar (official holidays and make-up working days, 调休) is loaded by the server from the
 * county's `working_calendar_day` rows and passed in.
 *
 * Rules (README, "Cases"):
 * - A day is a working day when it is a make-up working day (调休上班), or a Monday to Friday that
 *   is not an official holiday.
 * - Working hours are office hours, 09:00–17:00 Shanghai on working days (8 a day): "accept within
 *   4 working hours" from Friday 15:00 ends Monday 11:00; from 20:00 it ends the next working day
 *   at 13:00.
 * - "Resolve within N working days" counts from the working day after the dispatch (the day of
 *   dispatch does not count, as 自受理之日起 is read in practice) and ends at midnight at the end of
 *   the Nth working day.
 */

/** Office hours in minutes after midnight, Shanghai. */
export const OFFICE_HOURS = { start: 9 * 60, end: 17 * 60 } as const;
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000; // China has kept UTC+8 without daylight saving since 1991
const DAY_MS = 24 * 60 * 60 * 1000;

/** A county's calendar: dates as YYYY-MM-DD. */
export interface TWorkingCalendar {
  /** Official holidays (法定节假日 and the rest days around them). */
  holidays: ReadonlySet<string>;
  /** Weekend days that are working days (调休上班). */
  workdays: ReadonlySet<string>;
}

/** An empty calendar: weekends only. */
export const WEEKENDS_ONLY: TWorkingCalendar = { holidays: new Set(), workdays: new Set() };

const dateOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** The Shanghai day number and minute of the day at an instant. */
function shanghaiClock(at: Date): { day: number; minute: number } {
  const local = at.getTime() + SHANGHAI_OFFSET_MS;
  const day = Math.floor(local / DAY_MS);
  return { day, minute: (local - day * DAY_MS) / 60_000 };
}
/** The instant of a Shanghai day number plus minutes. */
const instantOf = (day: number, minute: number): Date => new Date(day * DAY_MS + minute * 60_000 - SHANGHAI_OFFSET_MS);

/**
 * Whether a Shanghai date is a working day.
 *
 * @example
 * isWorkingDay('2026-10-01', calendar); // false (国庆节)
 * isWorkingDay('2026-10-10', calendar); // true (a Saturday worked in lieu)
 * isWorkingDay('2026-12-05', WEEKENDS_ONLY); // false (a Saturday)
 */
export function isWorkingDay(date: string, calendar: TWorkingCalendar): boolean {
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

const isWorkingDayNumber = (day: number, calendar: TWorkingCalendar) => isWorkingDay(dateOf(day), calendar);

/** Ten years of days: no calendar has that many rest days in a row, so a longer walk is a bug. */
const MAX_WALK_DAYS = 3660;

/**
 * The instant `hours` working hours after `from` (office hours on working days).
 *
 * @example
 * // Friday 2026-12-04 15:00 Shanghai + 4 working hours = Monday 2026-12-07 11:00 Shanghai
 * addWorkingHours(new Date('2026-12-04T07:00:00Z'), 4, WEEKENDS_ONLY).toISOString(); // '2026-12-07T03:00:00.000Z'
 */
export function addWorkingHours(from: Date, hours: number, calendar: TWorkingCalendar): Date {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`working hours must be a non-negative number, not ${hours}`);
  let { day, minute } = shanghaiClock(from);
  let remaining = hours * 60;
  for (let walked = 0; walked < MAX_WALK_DAYS; walked++, day++, minute = 0) {
    if (!isWorkingDayNumber(day, calendar)) continue;
    const start = Math.max(minute, OFFICE_HOURS.start);
    if (start >= OFFICE_HOURS.end) continue;
    const available = OFFICE_HOURS.end - start;
    if (remaining <= available) return instantOf(day, start + remaining);
    remaining -= available;
  }
  throw new RangeError('no working time found within ten years: the calendar marks every day as a rest day');
}

/**
 * The deadline `days` working days after `from`: midnight (Shanghai) at the end of the Nth working
 * day after the day of `from`.
 *
 * @example
 * // dispatched Wednesday 2026-09-30; 国庆 (10-01 … 10-07) is skipped; Thursday 10-08, Friday
 * // 10-09 and Saturday 10-10 (worked in lieu, 调休) are the three days; due at midnight after 10-10:
 * addWorkingDays(new Date('2026-09-30T08:00:00Z'), 3, calendar2026).toISOString(); // '2026-10-10T16:00:00.000Z'
 */
export function addWorkingDays(from: Date, days: number, calendar: TWorkingCalendar): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`working days must be a non-negative integer, not ${days}`);
  let { day } = shanghaiClock(from);
  if (days === 0) return instantOf(day + 1, 0);
  let counted = 0;
  for (let walked = 0; walked < MAX_WALK_DAYS; walked++) {
    day++;
    if (isWorkingDayNumber(day, calendar) && ++counted === days) return instantOf(day + 1, 0);
  }
  throw new RangeError('no working day found within ten years: the calendar marks every day as a rest day');
}

/**
 * Working hours (office hours on working days) between two instants; 0 when `to` is not after
 * `from`. Used for "due soon" (less than N working hours left).
 *
 * @example
 * workingHoursBetween(new Date('2026-12-04T07:00:00Z'), new Date('2026-12-07T03:00:00Z'), WEEKENDS_ONLY); // 4
 */
export function workingHoursBetween(from: Date, to: Date, calendar: TWorkingCalendar): number {
  if (to <= from) return 0;
  const a = shanghaiClock(from);
  const b = shanghaiClock(to);
  let minutes = 0;
  for (let day = a.day; day <= b.day; day++) {
    if (!isWorkingDayNumber(day, calendar)) continue;
    const start = Math.max(day === a.day ? a.minute : 0, OFFICE_HOURS.start);
    const end = Math.min(day === b.day ? b.minute : 24 * 60, OFFICE_HOURS.end);
    if (end > start) minutes += end - start;
  }
  return minutes / 60;
}

/**
 * A calendar from stored rows.
 *
 * @example
 * calendarFromDays([{ day: '2026-10-01', kind: 'holiday' }, { day: '2026-10-10', kind: 'workday' }]);
 */
export function calendarFromDays(rows: readonly { day: string; kind: 'holiday' | 'workday' }[]): TWorkingCalendar {
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  for (const r of rows) (r.kind === 'holiday' ? holidays : workdays).add(r.day);
  return { holidays, workdays };
}

/** Whether a date string is a weekend day (Saturday or Sunday). */
export const isWeekend = (date: string): boolean => {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
};
