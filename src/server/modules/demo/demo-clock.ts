/** The demo survey's calendar arithmetic, in Asia/Shanghai (UTC+8 all year, no daylight saving). */

/** @example quarterOf('2026-11-30'); // { year: 2026, quarter: 4 } */
export const quarterOf = (date: string) => ({ year: Number(date.slice(0, 4)), quarter: Math.ceil(Number(date.slice(5, 7)) / 3) });
/** @example addDays('2026-09-30', 2); // '2026-10-02' */
export const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** @example localInstant('2026-09-08', '09:00'); // 2026-09-08T01:00:00.000Z */
export const localInstant = (date: string, clock: string) => new Date(`${date}T${clock}:00+08:00`);
/** @example plusSeconds(at, 60); // a minute later */
export const plusSeconds = (at: Date, seconds: number) => new Date(at.getTime() + seconds * 1000);
/**
 * Local hour and weekday of an instant.
 *
 * @example
 * localClock(new Date('2026-09-12T11:00:00Z')); // { hour: 19, weekend: true } (a Saturday evening)
 */
export const localClock = (at: Date) => {
  const shifted = new Date(at.getTime() + 8 * 3_600_000);
  return { hour: shifted.getUTCHours(), weekend: shifted.getUTCDay() === 0 || shifted.getUTCDay() === 6 };
};
