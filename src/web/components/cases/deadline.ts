/**
 * How a case's deadline reads on the pages (Asia/Shanghai): an instant at midnight is the end of
 * the day before (a "resolve within N working days" deadline ends at midnight after the Nth
 * working day, and "2026-12-14 24:00" names that day where "2026-12-15 00:00" would not).
 */
import { formatLocalDateTime } from '../../../shared/time.ts';

/**
 * @example
 * deadlineTime('2026-12-07T03:00:00.000Z'); // '2026-12-07 11:00'
 * deadlineTime('2026-12-14T16:00:00.000Z'); // '2026-12-14 24:00'
 */
export function deadlineTime(at: string): string {
  const local = formatLocalDateTime(at).slice(0, 16);
  if (!local.endsWith(' 00:00')) return local;
  const dayBefore = formatLocalDateTime(new Date(new Date(at).getTime() - 60_000)).slice(0, 10);
  return `${dayBefore} 24:00`;
}

/** Working hours shown to a person: whole hours, or one decimal under ten. */
export const hoursText = (hours: number): string => (hours >= 10 ? String(Math.floor(hours)) : String(Math.floor(hours * 10) / 10));
