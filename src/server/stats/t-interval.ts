import { DEFAULT_CONFIDENCE, type ConfidenceInterval } from './interval.ts';
import { assertConfidence } from './normal.ts';
import { twoSidedT } from './student-t.ts';

export interface MeanEstimate {
  /** Number of values (valid answers). */
  n: number;
  /** Sample mean; null when n = 0. */
  mean: number | null;
  /** Sample standard deviation (divisor n − 1); null when n < 2. */
  standardDeviation: number | null;
  /** Standard error of the mean, with the finite population correction when a size is given. */
  standardError: number | null;
  /** Degrees of freedom of the t quantile (n − 1); null when n < 2. */
  df: number | null;
  /** The t-based interval; null when n < 2 (one answer says nothing about its spread). */
  interval: ConfidenceInterval | null;
}

export interface MeanSummary {
  n: number;
  mean: number;
  standardDeviation: number;
}

export interface TIntervalOptions {
  /** Confidence level, default 0.95. */
  confidence?: number;
  /**
   * Size of the population sampled (e.g. residents of the township). Gives the finite population
   * correction √(1 − n/N); leave it out when the population is large or unknown.
   */
  populationSize?: number;
}

function assertPopulationSize(populationSize: number | undefined, n: number): void {
  if (populationSize === undefined) return;
  if (!(Number.isFinite(populationSize) && populationSize >= n && populationSize > 0)) {
    throw new RangeError(`populationSize must be a finite number ≥ n (${n}), got ${populationSize}`);
  }
}

function fromSummary(n: number, mean: number | null, sd: number | null, options: TIntervalOptions): MeanEstimate {
  const { confidence = DEFAULT_CONFIDENCE, populationSize } = options;
  assertConfidence(confidence);
  assertPopulationSize(populationSize, n);
  if (n < 2 || mean === null || sd === null) {
    return { n, mean, standardDeviation: null, standardError: null, df: null, interval: null };
  }
  const fpc = populationSize === undefined ? 1 : 1 - n / populationSize;
  const standardError = Math.sqrt((fpc * sd * sd) / n);
  const df = n - 1;
  const half = twoSidedT(confidence, df) * standardError;
  return {
    n,
    mean,
    standardDeviation: sd,
    standardError,
    df,
    interval: { lower: mean - half, upper: mean + half, confidence },
  };
}

/**
 * The mean of per-respondent scores (e.g. the 0–100 satisfaction index, "don't know" already
 * excluded) with a Student t interval, ȳ ± t_{1−α/2, n−1} · s/√n. Fewer than two values give no
 * interval rather than NaN.
 *
 * @example
 * tInterval({ values: [1.2, 2.4, 1.3, 1.3, 0.0, 1.0, 1.8, 0.8, 4.6, 1.4] });
 * // => { n: 10, mean: 1.58, df: 9, interval: { lower: 0.7001142, upper: 2.4598858, confidence: 0.95 } }
 * tInterval({ values: [80] });
 * // => { n: 1, mean: 80, standardError: null, interval: null }
 */
export function tInterval(options: TIntervalOptions & { values: readonly number[] }): MeanEstimate {
  const { values } = options;
  for (const value of values) {
    if (!Number.isFinite(value)) throw new RangeError(`values must be finite numbers, got ${value}`);
  }
  const n = values.length;
  if (n === 0) return fromSummary(0, null, null, options);
  // Two passes (mean, then squared deviations) keep the variance accurate for 0–100 scores.
  const mean = values.reduce((sum, value) => sum + value, 0) / n;
  if (n === 1) return fromSummary(1, mean, null, options);
  const sumOfSquares = values.reduce((sum, value) => sum + (value - mean) ** 2, 0);
  return fromSummary(n, mean, Math.sqrt(sumOfSquares / (n - 1)), options);
}

/**
 * The same interval from summary statistics (n, mean, standard deviation) when the raw values
 * are not at hand, e.g. a stratum summary kept from an earlier round.
 *
 * @example
 * tIntervalFromSummary({ summary: { n: 10, mean: 1.58, standardDeviation: 1.2299955 } });
 * // => { df: 9, standardError: 0.3889587, interval: { lower: 0.7001142, upper: 2.4598858, confidence: 0.95 } }
 */
export function tIntervalFromSummary(options: TIntervalOptions & { summary: MeanSummary }): MeanEstimate {
  const { n, mean, standardDeviation } = options.summary;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (!Number.isFinite(mean)) throw new RangeError(`mean must be finite, got ${mean}`);
  if (!(Number.isFinite(standardDeviation) && standardDeviation >= 0)) {
    throw new RangeError(`standardDeviation must be a finite number ≥ 0, got ${standardDeviation}`);
  }
  return fromSummary(n, n === 0 ? null : mean, n < 2 ? null : standardDeviation, options);
}
