/**
 * Times on the workstation are Asia/Shanghai, whatever the browser's own zone: instants from the
 * API are shown there, and the date-time pickers read and write Shanghai wall-clock times.
 */
import dayjs, { type Dayjs } from 'dayjs';
import { formatLocalDateTime, localDate } from '../../../shared/time.ts';

/** '2026-11-29 14:05' in Asia/Shanghai. */
export const shanghaiMinute = (at: string | Date) => formatLocalDateTime(at).slice(0, 16);

/** '14:05' in Asia/Shanghai. */
export const shanghaiClock = (at: string | Date) => formatLocalDateTime(at).slice(11, 16);

/**
 * A picker's value, read as a Shanghai wall-clock time, as an instant with its offset.
 *
 * @example
 * shanghaiInstant(dayjs('2026-12-01 10:30')); // '2026-12-01T10:30:00+08:00'
 */
export const shanghaiInstant = (value: Dayjs) => `${value.format('YYYY-MM-DDTHH:mm')}:00+08:00`;

/** The picker value showing an instant's Shanghai wall-clock time. */
export const pickerValue = (at: string | Date) => dayjs(formatLocalDateTime(at));

/** Days before today in Shanghai cannot be picked. */
export const beforeShanghaiToday = (day: Dayjs) => day.format('YYYY-MM-DD') < localDate();

/**
 * A calling window in Asia/Shanghai, as people read it: '2026-12-01 14:00–20:30'; a window ending
 * at midnight ends at '24:00', as it was configured, not '00:00'.
 *
 * @example
 * shanghaiWindow({ from: '2026-12-01T06:00:00Z', to: '2026-12-01T12:30:00Z' }); // '2026-12-01 14:00–20:30'
 */
export function shanghaiWindow(window: { from: string; to: string }): string {
  const from = formatLocalDateTime(window.from);
  const to = formatLocalDateTime(window.to);
  const end = to.slice(11, 16) === '00:00' && to.slice(0, 10) !== from.slice(0, 10) ? '24:00' : to.slice(11, 16);
  return `${from.slice(0, 16)}–${end}`;
}
