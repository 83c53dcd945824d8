import type { Region } from '../../db/schema.ts';

/**
 * Whether a region is open on a date (YYYY-MM-DD).
 *
 * @example
 * isOpenOn({ opened_on: '2020-01-01', closed_on: '2026-07-01' }, '2026-07-01'); // => false
 */
export const isOpenOn = (region: Pick<Region, 'opened_on' | 'closed_on'>, date: string) =>
  region.opened_on <= date && (region.closed_on === null || region.closed_on > date);
