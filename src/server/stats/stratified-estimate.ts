import { DEFAULT_CONFIDENCE, type ConfidenceInterval } from './interval.ts';
import { assertConfidence, twoSidedZ } from './normal.ts';
import { twoSidedT } from './student-t.ts';

/**
 * How the interval's critical value is chosen:
 * - `satterthwaite` (default): Student t with Satterthwaite's effective degrees of freedom
 *   (Σ v_h)² / Σ v_h²/(n_h − 1), v_h = W_h²(1 − f_h)s_h²/n_h. It lies between min(n_h − 1) and
 *   n − H and falls toward the smaller value when one township dominates the variance, so a
 *   township with few interviews and a large weight widens the county interval honestly.
 * - `design-df`: t with n − H degrees of freedom (Lohr; R survey's degf()).
 * - `normal`: z, the large-sample interval (Cochran §5.3).
 * With 50–400 interviews per township the three agree to the second decimal of an index.
 */
export type StratifiedIntervalMethod = 'satterthwaite' | 'design-df' | 'normal';

export interface StratumMean {
  id?: string;
  /** N_h: the township's population (or frame size); W_h = N_h / Σ N. */
  populationSize: number;
  /** n_h: valid answers in the township (at least 2, to estimate its variance). */
  n: number;
  /** ȳ_h: the township's mean score. */
  mean: number;
  /** s_h²: the township's sample variance (divisor n_h − 1). */
  variance: number;
}

export interface StratumProportion {
  id?: string;
  populationSize: number;
  n: number;
  /** Answers in the category counted, e.g. 满意 + 基本满意. */
  successes: number;
}

export interface StratifiedOptions {
  /** Confidence level, default 0.95. */
  confidence?: number;
  /** Apply the finite population correction 1 − n_h/N_h, default true. */
  fpc?: boolean;
  /** Critical value: see StratifiedIntervalMethod; default 'satterthwaite'. */
  interval?: StratifiedIntervalMethod;
}

export interface StratifiedEstimate {
  /** ȳ_st = Σ W_h ȳ_h (or p_st = Σ W_h p_h). */
  estimate: number;
  /** Σ W_h² (1 − f_h) s_h² / n_h. */
  variance: number;
  standardError: number;
  /** Degrees of freedom of the t quantile; null for the normal interval or when the variance is 0. */
  df: number | null;
  interval: ConfidenceInterval;
  method: StratifiedIntervalMethod;
  /** Total valid answers Σ n_h. */
  n: number;
  /** Number of strata H. */
  strata: number;
  /** Σ N_h. */
  populationSize: number;
}

interface StratumMoments {
  populationSize: number;
  n: number;
  mean: number;
  variance: number;
}

function describe(index: number, id: string | undefined): string {
  return id === undefined ? `stratum #${index + 1}` : `stratum ${id}`;
}

function validateStratum(index: number, id: string | undefined, populationSize: number, n: number, fpc: boolean): void {
  const name = describe(index, id);
  if (!(Number.isFinite(populationSize) && populationSize > 0)) {
    throw new RangeError(`${name}: populationSize must be a finite number > 0, got ${populationSize}`);
  }
  if (!Number.isInteger(n) || n < 2) {
    throw new RangeError(`${name}: n must be an integer ≥ 2 to estimate its variance (collapse it with a neighbour), got ${n}`);
  }
  if (fpc && n > populationSize) throw new RangeError(`${name}: n (${n}) exceeds populationSize (${populationSize})`);
}

function combine(strata: readonly StratumMoments[], options: StratifiedOptions, bounds?: { min: number; max: number }): StratifiedEstimate {
  const { confidence = DEFAULT_CONFIDENCE, fpc = true, interval: method = 'satterthwaite' } = options;
  assertConfidence(confidence);
  if (strata.length === 0) throw new RangeError('a stratified estimate needs at least one stratum');
  const populationSize = strata.reduce((sum, s) => sum + s.populationSize, 0);
  let estimate = 0;
  let variance = 0;
  let dfDenominator = 0;
  let n = 0;
  for (const s of strata) {
    const weight = s.populationSize / populationSize;
    const finiteCorrection = fpc ? 1 - s.n / s.populationSize : 1;
    const contribution = (weight * weight * finiteCorrection * s.variance) / s.n;
    estimate += weight * s.mean;
    variance += contribution;
    dfDenominator += (contribution * contribution) / (s.n - 1);
    n += s.n;
  }
  const standardError = Math.sqrt(variance);
  let df: number | null = null;
  if (variance > 0 && method === 'satterthwaite') df = (variance * variance) / dfDenominator;
  if (variance > 0 && method === 'design-df') df = n - strata.length;
  const critical = variance === 0 ? 0 : df === null ? twoSidedZ(confidence) : twoSidedT(confidence, df);
  let lower = estimate - critical * standardError;
  let upper = estimate + critical * standardError;
  if (bounds) {
    lower = Math.max(bounds.min, lower);
    upper = Math.min(bounds.max, upper);
  }
  return {
    estimate,
    variance,
    standardError,
    df,
    interval: { lower, upper, confidence },
    method,
    n,
    strata: strata.length,
    populationSize,
  };
}

/**
 * The county mean (e.g. satisfaction index) from township means as a stratified estimate,
 * townships weighted by population: ȳ_st = Σ W_h ȳ_h, V = Σ W_h² (1 − f_h) s_h²/n_h
 * (Cochran, Sampling Techniques, 3rd ed., §5.3; Lohr, Sampling: Design and Analysis, §3.2).
 *
 * @example
 * stratifiedMean({ strata: [
 *   { id: 'NE', populationSize: 220, n: 21, mean: 97629.81, variance: 7647472708 },
 *   { id: 'NC', populationSize: 1054, n: 103, mean: 300504.16, variance: 29618183543 },
 *   { id: 'S', populationSize: 1382, n: 135, mean: 211315.04, variance: 53587487856 },
 *   { id: 'W', populationSize: 422, n: 41, mean: 662295.51, variance: 396185950266 },
 * ], interval: 'design-df' });
 * // => { estimate: 295560.76, standardError: 16379.87, df: 296, interval: { lower: 263325.0, upper: 327796.5 } }
 */
export function stratifiedMean(options: StratifiedOptions & { strata: readonly StratumMean[] }): StratifiedEstimate {
  const fpc = options.fpc ?? true;
  const moments = options.strata.map((s, index) => {
    validateStratum(index, s.id, s.populationSize, s.n, fpc);
    if (!Number.isFinite(s.mean)) throw new RangeError(`${describe(index, s.id)}: mean must be finite, got ${s.mean}`);
    if (!(Number.isFinite(s.variance) && s.variance >= 0)) {
      throw new RangeError(`${describe(index, s.id)}: variance must be a finite number ≥ 0, got ${s.variance}`);
    }
    return { populationSize: s.populationSize, n: s.n, mean: s.mean, variance: s.variance };
  });
  return combine(moments, options);
}

/**
 * The county rate (satisfaction rate, dissatisfaction rate, policy awareness) from township
 * counts as a stratified proportion: p_st = Σ W_h p_h with s_h² = p_h(1 − p_h)·n_h/(n_h − 1).
 * The interval is the mean's interval clipped to [0, 1].
 *
 * @example
 * stratifiedProportion({ strata: [
 *   { id: 'NE', populationSize: 220, n: 21, successes: 20 },
 *   { id: 'NC', populationSize: 1054, n: 103, successes: 31 },
 *   { id: 'S', populationSize: 1382, n: 135, successes: 91 },
 *   { id: 'W', populationSize: 422, n: 41, successes: 12 },
 * ] });
 * // => { estimate: 0.5139, standardError: 0.0248 }
 */
export function stratifiedProportion(options: StratifiedOptions & { strata: readonly StratumProportion[] }): StratifiedEstimate {
  const fpc = options.fpc ?? true;
  const moments = options.strata.map((s, index) => {
    validateStratum(index, s.id, s.populationSize, s.n, fpc);
    if (!Number.isInteger(s.successes) || s.successes < 0 || s.successes > s.n) {
      throw new RangeError(`${describe(index, s.id)}: successes must be an integer in [0, n], got ${s.successes}`);
    }
    const p = s.successes / s.n;
    return { populationSize: s.populationSize, n: s.n, mean: p, variance: (p * (1 - p) * s.n) / (s.n - 1) };
  });
  return combine(moments, options, { min: 0, max: 1 });
}
