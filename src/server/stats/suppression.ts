/**
 * Small-cell suppression: a township must never learn who said what, so no aggregate resting on
 * fewer than a handful of valid answers leaves the statistics layer with its numbers.
 */

/** Default smallest base that may be shown (fewer than 5 valid answers are suppressed). */
export const MIN_REPORTABLE_N = 5;

/** What a suppressed aggregate becomes: its base, and nothing that could identify an answer. */
export interface Suppressed {
  suppressed: true;
  n: number;
}

export type Released<T extends { n: number }> = T & { suppressed: false };

export type Reportable<T extends { n: number }> = Released<T> | Suppressed;

/**
 * Returns the aggregate marked `suppressed: false` when its base n is at least `minN`
 * (default 5), otherwise `{ suppressed: true, n }` with every number dropped. The aggregate's
 * own `n` must be its valid base (don't-know and missing answers excluded).
 *
 * Suppressing single cells does not stop differencing (county total minus the other townships);
 * callers that publish totals next to suppressed parts must suppress a complementary cell too.
 *
 * @example
 * suppressSmall({ aggregate: { n: 4, index: 72.5 } });  // => { suppressed: true, n: 4 }
 * suppressSmall({ aggregate: { n: 12, index: 80 } });   // => { suppressed: false, n: 12, index: 80 }
 */
export function suppressSmall<T extends { n: number }>(options: { aggregate: T; minN?: number }): Reportable<T> {
  const { aggregate, minN = MIN_REPORTABLE_N } = options;
  if (!Number.isInteger(minN) || minN < 1) throw new RangeError(`minN must be an integer ≥ 1, got ${minN}`);
  if (!Number.isInteger(aggregate.n) || aggregate.n < 0) throw new RangeError(`n must be a non-negative integer, got ${aggregate.n}`);
  if (aggregate.n < minN) return { suppressed: true, n: aggregate.n };
  return { ...aggregate, suppressed: false };
}

/**
 * Whether a reportable aggregate carries numbers (narrows the type).
 *
 * @example
 * isReleased(suppressSmall({ aggregate: { n: 3, index: 50 } })); // => false
 */
export function isReleased<T extends { n: number }>(value: Reportable<T>): value is Released<T> {
  return !value.suppressed;
}
