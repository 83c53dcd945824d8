/**
 * Stratified sample allocation across townships: how many completed interviews each township
 * gets out of a county total n.
 */

/**
 * - `proportional`: n_h ∝ N_h (Cochran §5.5; Lohr §3.4.1).
 * - `equal`: n_h = n / H, the usual choice when every township is ranked with the same precision.
 * - `neyman`: n_h ∝ N_h S_h, or N_h S_h / √c_h when per-interview costs c_h are given
 *   (optimum allocation, Cochran §5.5 and §5.9; Lohr §3.4.2).
 */
export type AllocationMethod = 'proportional' | 'equal' | 'neyman';

export interface AllocationStratum {
  id: string;
  /** Residents (e.g. census population aged 18+), for `proportionalTo: 'population'`. */
  population?: number;
  /**
   * Numbers available in the frame. Caps the stratum's sample (it cannot get more interviews
   * than it has numbers); also the size for `proportionalTo: 'frame'`. Leave it out for no cap.
   */
  frameSize?: number;
  /** S_h, the stratum standard deviation guessed from an earlier round (Neyman only). */
  standardDeviation?: number;
  /** Relative cost per completed interview (Neyman only, optional; default 1). */
  cost?: number;
}

export interface AllocationOptions {
  /** Total completed interviews to allocate. */
  n: number;
  strata: readonly AllocationStratum[];
  method: AllocationMethod;
  /** Which size N_h means for proportional and Neyman allocation; default 'population'. */
  proportionalTo?: 'population' | 'frame';
  /** Minimum interviews per stratum (a stratum whose frame is smaller gets its whole frame). Default 0. */
  minPerStratum?: number;
}

export interface StratumAllocation {
  id: string;
  /** Integer sample size. */
  n: number;
  /** The exact (continuous) allocation after the minimum and the cap, before rounding. */
  quota: number;
}

/**
 * The allocation, or why n cannot be allocated. `message` is English for logs; a page shows the
 * reason in the user's language with `required` / `available`.
 */
export type AllocationResult =
  | { ok: true; method: AllocationMethod; n: number; strata: StratumAllocation[] }
  | {
      ok: false;
      /** n is smaller than the minimum per stratum requires. */
      reason: 'below-minimum';
      /** The smallest feasible n: Σ min(minPerStratum, frameSize_h). */
      required: number;
      message: string;
    }
  | {
      ok: false;
      /** n is larger than all the frames together. */
      reason: 'exceeds-frame';
      /** Σ frameSize_h. */
      available: number;
      message: string;
    };

function assertNonNegativeInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
}

function assertNonNegativeFinite(name: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0)) throw new RangeError(`${name} must be a finite number ≥ 0, got ${value}`);
}

function weightOf(stratum: AllocationStratum, options: AllocationOptions): number {
  if (options.method === 'equal') return 1;
  const basis = options.proportionalTo ?? 'population';
  const size = basis === 'population' ? stratum.population : stratum.frameSize;
  if (size === undefined) throw new RangeError(`stratum ${stratum.id}: ${basis === 'population' ? 'population' : 'frameSize'} is required`);
  assertNonNegativeFinite(`stratum ${stratum.id}: ${basis === 'population' ? 'population' : 'frameSize'}`, size);
  if (options.method === 'proportional') return size;
  const sd = stratum.standardDeviation;
  if (sd === undefined) throw new RangeError(`stratum ${stratum.id}: standardDeviation is required for Neyman allocation`);
  assertNonNegativeFinite(`stratum ${stratum.id}: standardDeviation`, sd);
  const cost = stratum.cost ?? 1;
  if (!(Number.isFinite(cost) && cost > 0)) throw new RangeError(`stratum ${stratum.id}: cost must be a finite number > 0, got ${cost}`);
  return (size * sd) / Math.sqrt(cost);
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/**
 * x_h = clamp(λ·w_h, lower_h, upper_h) with Σ x_h = n, solved exactly: the sum is piecewise linear
 * and non-decreasing in λ with breakpoints lower_h/w_h and upper_h/w_h. Strata with w_h = 0 stay at
 * their minimum unless the others are all at their caps, then they share the rest equally.
 * Assumes Σ lower ≤ n ≤ Σ upper.
 */
function continuousAllocation(n: number, weights: readonly number[], lower: readonly number[], upper: readonly number[]): number[] {
  const at = (lambda: number) => weights.map((w, h) => clamp(lambda * w, lower[h] ?? 0, upper[h] ?? Infinity));
  const sumAt = (lambda: number) => at(lambda).reduce((a, b) => a + b, 0);
  const weighted = weights.map((w) => w > 0);
  const capacity = weights.reduce((sum, w, h) => sum + (w > 0 ? (upper[h] ?? Infinity) : (lower[h] ?? 0)), 0);
  if (capacity < n) {
    const filled = weights.map((w, h) => (w > 0 ? (upper[h] ?? 0) : (lower[h] ?? 0)));
    const zeroIndexes = weights.flatMap((w, h) => (w > 0 ? [] : [h]));
    const rest = continuousAllocation(
      n - capacity,
      zeroIndexes.map(() => 1),
      zeroIndexes.map(() => 0),
      zeroIndexes.map((h) => (upper[h] ?? Infinity) - (lower[h] ?? 0)),
    );
    zeroIndexes.forEach((h, i) => (filled[h] = (filled[h] ?? 0) + (rest[i] ?? 0)));
    return filled;
  }
  const breakpoints = [
    0,
    ...weights.flatMap((w, h) => (weighted[h] ? [(lower[h] ?? 0) / w, (upper[h] ?? Infinity) / w] : [])),
  ]
    .filter((b) => Number.isFinite(b))
    .sort((a, b) => a - b);
  let previous = 0;
  let previousSum = sumAt(0);
  if (previousSum >= n) return at(0);
  for (const b of breakpoints) {
    const s = sumAt(b);
    if (s >= n) {
      return at(previous + ((n - previousSum) * (b - previous)) / (s - previousSum));
    }
    previous = b;
    previousSum = s;
  }
  // Beyond the last breakpoint only uncapped strata grow, with slope Σ w_h over them.
  const slope = weights.reduce((sum, w, h) => sum + (weighted[h] && (upper[h] ?? Infinity) === Infinity ? w : 0), 0);
  return at(previous + (n - previousSum) / slope);
}

/** Values within this distance of an integer are that integer (floating-point noise from λ·w). */
const SNAP = 1e-9;

/**
 * Largest-remainder (Hamilton) rounding within [lower, upper]: floors, then one more to the
 * strata with the largest fractional parts. Ties go to the larger quota, then to the earlier
 * stratum in the input, so the same input always gives the same allocation.
 */
function roundLargestRemainder(n: number, quotas: readonly number[], upper: readonly number[]): number[] {
  const snapped = quotas.map((q) => (Math.abs(q - Math.round(q)) < SNAP ? Math.round(q) : q));
  const result = snapped.map(Math.floor);
  let remaining = n - result.reduce((a, b) => a + b, 0);
  const order = snapped
    .map((q, h) => ({ h, fraction: q - Math.floor(q), quota: q }))
    .sort((a, b) => b.fraction - a.fraction || b.quota - a.quota || a.h - b.h);
  for (const { h } of order) {
    if (remaining <= 0) break;
    if ((result[h] ?? 0) + 1 <= (upper[h] ?? Infinity)) {
      result[h] = (result[h] ?? 0) + 1;
      remaining--;
    }
  }
  if (remaining !== 0) throw new Error(`allocation rounding left ${remaining} interviews unassigned`);
  return result;
}

/**
 * Allocates n interviews across strata (townships): proportional, equal or Neyman, each with a
 * minimum per stratum and a cap at the stratum's frame size. The continuous allocation is solved
 * exactly under both bounds, then rounded by largest remainder so the integers sum to n.
 *
 * Malformed input (negative sizes, missing fields, duplicate ids) throws a RangeError; an n that
 * the bounds cannot satisfy returns `{ ok: false, reason }` with the limit, for the caller to
 * show. Largest remainder respects the quota (|n_h − quota_h| < 1) but, like every quota method,
 * can lose a stratum one interview when n grows by one (the Alabama paradox).
 *
 * @example
 * allocateSample({ n: 300, method: 'proportional', strata: [
 *   { id: 'NC', population: 1054 }, { id: 'NE', population: 220 },
 *   { id: 'S', population: 1382 }, { id: 'W', population: 422 },
 * ] }).ok;
 * // => true
 * allocateSample({ n: 300, method: 'proportional', strata: [
 *   { id: 'NC', population: 1054 }, { id: 'NE', population: 220 },
 *   { id: 'S', population: 1382 }, { id: 'W', population: 422 },
 * ] }).strata.map((s) => s.n);
 * // => [103, 21, 135, 41]
 * allocateSample({ n: 10, method: 'equal', minPerStratum: 5, strata: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] }).reason;
 * // => 'below-minimum'
 */
export function allocateSample(options: AllocationOptions): AllocationResult {
  const { n, strata, method, minPerStratum = 0 } = options;
  assertNonNegativeInteger('n', n);
  assertNonNegativeInteger('minPerStratum', minPerStratum);
  if (strata.length === 0) throw new RangeError('allocation needs at least one stratum');
  if (!['proportional', 'equal', 'neyman'].includes(method)) throw new RangeError(`unknown allocation method ${String(method)}`);
  const seen = new Set<string>();
  for (const s of strata) {
    if (seen.has(s.id)) throw new RangeError(`duplicate stratum id ${s.id}`);
    seen.add(s.id);
    if (s.frameSize !== undefined) assertNonNegativeInteger(`stratum ${s.id}: frameSize`, s.frameSize);
  }

  const upper = strata.map((s) => s.frameSize ?? Infinity);
  const lower = upper.map((cap) => Math.min(minPerStratum, cap));
  const required = lower.reduce((a, b) => a + b, 0);
  const available = upper.reduce((a, b) => a + b, 0);
  if (n < required) {
    return {
      ok: false,
      reason: 'below-minimum',
      required,
      message: `n = ${n} is below the ${required} interviews that a minimum of ${minPerStratum} per stratum over ${strata.length} strata requires`,
    };
  }
  if (n > available) {
    return {
      ok: false,
      reason: 'exceeds-frame',
      available,
      message: `n = ${n} exceeds the ${available} numbers in all the frames together`,
    };
  }

  let weights = strata.map((s) => weightOf(s, options));
  // All-zero sizes (e.g. every S_h = 0) carry no information about where to sample: share equally.
  if (weights.every((w) => w === 0)) weights = weights.map(() => 1);
  const quotas = continuousAllocation(n, weights, lower, upper);
  const sizes = roundLargestRemainder(n, quotas, upper);
  return {
    ok: true,
    method,
    n,
    strata: strata.map((s, h) => ({ id: s.id, n: sizes[h] ?? 0, quota: quotas[h] ?? 0 })),
  };
}
