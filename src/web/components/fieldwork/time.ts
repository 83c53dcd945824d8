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
