import { DEFAULT_CONFIDENCE, type ConfidenceInterval } from './interval.ts';
import { normalUpperTail, twoSidedZ } from './normal.ts';

/** One wave's estimate for a township (a domain score, the index, a rate) with its standard error. */
export interface WaveEstimate {
  estimate: number;
  standardError: number;
}

export interface CompareWavesOptions {
  before: WaveEstimate;
  after: WaveEstimate;
  /** Confidence of the difference's interval; the test's level is 1 − confidence. Default 0.95. */
  confidence?: number;
  /** True for satisfaction (a rise is an improvement), false for a dissatisfaction rate. Default true. */
  higherIsBetter?: boolean;
}

export type WaveChangeVerdict = 'improved' | 'no_measurable_change' | 'worse';

export interface WaveChange {
  /** after − before. */
  difference: number;
  standardError: number;
  interval: ConfidenceInterval;
  z: number;
  /** Two-sided p-value of "no change". */
  p: number;
  verdict: WaveChangeVerdict;
}

function assertEstimate(name: string, e: WaveEstimate): void {
  if (!Number.isFinite(e.estimate)) throw new RangeError(`${name}.estimate must be finite, got ${e.estimate}`);
  if (!(Number.isFinite(e.standardError) && e.standardError >= 0)) throw new RangeError(`${name}.standardError must be a finite number ≥ 0, got ${e.standardError}`);
}

/**
 * Whether a township's figure changed between two waves (整改成效: "did it work"), by a two-sided
 * z-test on the difference of two independent estimates — each wave draws its own sample, so
 * se(diff) = √(se_before² + se_after²) — with the difference's confidence interval. The verdict is
 * "improved" or "worse" only when the interval excludes zero; otherwise "no measurable change",
 * which is what a bulletin must say instead of a bare difference of two point estimates.
 *
 * @example
 * compareWaves({ before: { estimate: 72, standardError: 2 }, after: { estimate: 80, standardError: 2 } });
 * // => { difference: 8, standardError: 2.8284, z: 2.8284, p: 0.0047, verdict: 'improved', interval: { lower: 2.4564, upper: 13.5436 } }
 * compareWaves({ before: { estimate: 72, standardError: 2 }, after: { estimate: 78, standardError: 2.5 } });
 * // => { difference: 6, p: 0.0609, verdict: 'no_measurable_change' }
 * compareWaves({ before: { estimate: 0.12, standardError: 0.02 }, after: { estimate: 0.2, standardError: 0.025 }, higherIsBetter: false });
 * // => { verdict: 'worse' }
 */
export function compareWaves(options: CompareWavesOptions): WaveChange {
  const { before, after, confidence = DEFAULT_CONFIDENCE, higherIsBetter = true } = options;
  assertEstimate('before', before);
  assertEstimate('after', after);
  const z95 = twoSidedZ(confidence);
  const difference = after.estimate - before.estimate;
  const standardError = Math.sqrt(before.standardError ** 2 + after.standardError ** 2);
  let z: number;
  let p: number;
  if (standardError === 0) {
    // Census-like figures (no sampling error): any difference is a real one.
    z = difference === 0 ? 0 : Math.sign(difference) * Infinity;
    p = difference === 0 ? 1 : 0;
  } else {
    z = difference / standardError;
    p = Math.min(1, 2 * normalUpperTail(Math.abs(z)));
  }
  const interval = { lower: difference - z95 * standardError, upper: difference + z95 * standardError, confidence };
  const significant = p < 1 - confidence;
  const better = higherIsBetter ? difference > 0 : difference < 0;
  const verdict: WaveChangeVerdict = !significant ? 'no_measurable_change' : better ? 'improved' : 'worse';
  return { difference, standardError, interval, z, p, verdict };
}
