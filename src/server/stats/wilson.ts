import { DEFAULT_CONFIDENCE, type ConfidenceInterval } from './interval.ts';
import { twoSidedZ } from './normal.ts';

export interface WilsonOptions {
  /** Number of answers in the category counted (e.g. 满意 + 基本满意). */
  successes: number;
  /** Valid base: answers that count (不了解/说不清 already excluded). */
  n: number;
  /** Confidence level, default 0.95. */
  confidence?: number;
  /**
   * Newcombe's continuity-corrected score interval (his method 4): wider, aims at the minimum
   * rather than the mean coverage. Default false (method 3).
   */
  continuityCorrection?: boolean;
}

export interface ProportionEstimate {
  successes: number;
  n: number;
  estimate: number;
  interval: ConfidenceInterval;
}

function assertCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
}

/**
 * The Wilson score interval for a binomial proportion, with or without continuity correction,
 * in the closed forms of Newcombe (1998), Statistics in Medicine 17:857–872, methods 3 and 4.
 * Unlike the textbook p ± z·√(p(1−p)/n) it never leaves [0, 1] and does not collapse to zero
 * width at 0 or n successes, which matters for small townships and rare answers.
 *
 * With n = 0 there is nothing to estimate: the result is null (never NaN).
 *
 * @example
 * wilsonInterval({ successes: 81, n: 263 });
 * // => { estimate: 0.3080, interval: { lower: 0.2553, upper: 0.3662, confidence: 0.95 } }
 * wilsonInterval({ successes: 0, n: 20, continuityCorrection: true });
 * // => { estimate: 0, interval: { lower: 0, upper: 0.2005, confidence: 0.95 } }
 * wilsonInterval({ successes: 0, n: 0 });
 * // => null
 */
export function wilsonInterval(options: WilsonOptions): ProportionEstimate | null {
  const { successes, n, confidence = DEFAULT_CONFIDENCE, continuityCorrection = false } = options;
  assertCount('successes', successes);
  assertCount('n', n);
  if (successes > n) throw new RangeError(`successes (${successes}) cannot exceed n (${n})`);
  const z = twoSidedZ(confidence);
  if (n === 0) return null;

  const p = successes / n;
  const q = 1 - p;
  const z2 = z * z;
  const denominator = 2 * (n + z2);
  let lower: number;
  let upper: number;
  if (!continuityCorrection) {
    const centre = 2 * n * p + z2;
    const half = z * Math.sqrt(z2 + 4 * n * p * q);
    lower = (centre - half) / denominator;
    upper = (centre + half) / denominator;
  } else {
    // Newcombe's equations; the radicands are non-negative whenever the limit is used (the
    // limits at p = 0 and p = 1 are fixed below), max(0, ·) only absorbs rounding.
    lower = (2 * n * p + z2 - 1 - z * Math.sqrt(Math.max(0, z2 - 2 - 1 / n + 4 * p * (n * q + 1)))) / denominator;
    upper = (2 * n * p + z2 + 1 + z * Math.sqrt(Math.max(0, z2 + 2 - 1 / n + 4 * p * (n * q - 1)))) / denominator;
  }
  if (successes === 0) lower = 0;
  if (successes === n) upper = 1;
  // Rounding can push a limit a hair past the estimate or outside [0, 1]; the interval must hold both.
  lower = Math.max(0, Math.min(lower, p));
  upper = Math.min(1, Math.max(upper, p));
  return { successes, n, estimate: p, interval: { lower, upper, confidence } };
}
