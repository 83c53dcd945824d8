/**
 * Calling hours (拨打时段) of a wave: local Asia/Shanghai ranges such as 09:00–11:30 and
 * 14:00–20:30. China has kept UTC+8 without daylight saving since 1991, so local clock times map
 * to instants by a fixed offset; no time-zone database is needed.
 */
import { clockMinutes, type TCallingRange } from '../../../shared/schemas/survey.ts';

const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

/** Midnight of the local (Asia/Shanghai) day of an instant, as an instant. */
const localMidnight = (at: Date) => new Date(Math.floor((at.getTime() + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS);

/**
 * Whether an instant is inside one of the ranges (from inclusive, to exclusive).
 *
 * @example
 * isCallingTime([{ from: '09:00', to: '11:30' }], new Date('2026-11-30T02:00:00Z')); // true (10:00 local)
 * isCallingTime([{ from: '09:00', to: '11:30' }], new Date('2026-11-30T04:00:00Z')); // false (12:00 local)
 */
export function isCallingTime(hours: readonly TCallingRange[], at: Date): boolean {
  const minute = (at.getTime() - localMidnight(at).getTime()) / MINUTE_MS;
  return hours.some((r) => minute >= clockMinutes(r.from) && minute < clockMinutes(r.to));
}

/**
 * The calling window that contains `at`, or else the next one to open (today or a later day),
 * as instants; null when there are no ranges.
 *
 * @example
 * nextCallingWindow([{ from: '14:00', to: '20:30' }], new Date('2026-11-30T13:00:00Z'));
 * // => { from: 2026-12-01T06:00:00Z, to: 2026-12-01T12:30:00Z } (21:00 local: tomorrow 14:00)
 */
export function nextCallingWindow(hours: readonly TCallingRange[], at: Date): { from: Date; to: Date } | null {
  if (!hours.length) return null;
  const sorted = [...hours].sort((a, b) => clockMinutes(a.from) - clockMinutes(b.from));
  for (let day = 0; day <= 1; day++) {
    const midnight = localMidnight(at).getTime() + day * DAY_MS;
    for (const r of sorted) {
      const from = new Date(midnight + clockMinutes(r.from) * MINUTE_MS);
      const to = new Date(midnight + clockMinutes(r.to) * MINUTE_MS);
      if (to.getTime() > at.getTime()) return { from, to };
    }
  }
  return null;
}

/**
 * A window as people read it, in local time: '2026-12-01 14:00–20:30'.
 *
 * @example
 * formatWindow({ from: new Date('2026-12-01T06:00:00Z'), to: new Date('2026-12-01T12:30:00Z') }); // '2026-12-01 14:00–20:30'
 */
export function formatWindow(window: { from: Date; to: Date }): string {
  const local = (d: Date) => new Date(d.getTime() + OFFSET_MS).toISOString();
  const from = local(window.from);
  const to = local(window.to);
  // A range ending at midnight reads '24:00', as it was configured, not '00:00' of the next day.
  const end = to.slice(11, 16) === '00:00' && to.slice(0, 10) !== from.slice(0, 10) ? '24:00' : to.slice(11, 16);
  return `${from.slice(0, 10)} ${from.slice(11, 16)}–${end}`;
}
