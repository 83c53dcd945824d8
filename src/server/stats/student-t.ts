import { normalCdf, normalQuantile } from './normal.ts';
import { logGamma, regularizedIncompleteBetaXY } from './special-functions.ts';

/**
 * Student's t distribution with ν > 0 degrees of freedom (ν need not be an integer, so
 * Satterthwaite's approximate degrees of freedom work; ν = ∞ is the standard normal).
 */

function assertDegreesOfFreedom(df: number): void {
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be > 0, got ${df}`);
}

/** P(T > t) for t ≥ 0, from the incomplete beta function without forming 1 − x. */
function upperTail(t: number, df: number): number {
  const t2 = t * t;
  return 0.5 * regularizedIncompleteBetaXY(df / (df + t2), t2 / (df + t2), df / 2, 0.5);
}

function density(t: number, df: number): number {
  const logDensity =
    logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * Math.log1p((t * t) / df);
  return Math.exp(logDensity);
}

/**
 * The distribution function P(T ≤ t).
 *
 * @example
 * studentTCdf(0, 5);                  // => 0.5
 * studentTCdf(2.228138851986274, 10); // => 0.975
 */
export function studentTCdf(t: number, df: number): number {
  assertDegreesOfFreedom(df);
  if (Number.isNaN(t)) throw new RangeError('studentTCdf of NaN');
  if (df === Infinity) return normalCdf(t);
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  if (t === 0) return 0.5;
  const tail = upperTail(Math.abs(t), df);
  return t > 0 ? 1 - tail : tail;
}

/**
 * Cornish–Fisher expansion of t in powers of 1/ν around the normal quantile (Abramowitz &
 * Stegun 26.7.5); good for moderate ν, only a starting point for Newton's method.
 */
function cornishFisherStart(z: number, df: number): number {
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4;
}

/**
 * The quantile t_{p,ν}: the t with P(T ≤ t) = p. Exact closed forms for ν = 1 and ν = 2; otherwise
 * a Cornish–Fisher start refined by Newton's method on the exact upper tail (the tail is convex
 * for t > 0, so the iteration converges monotonically once it is below the root).
 *
 * @example
 * studentTQuantile(0.975, 1);  // => 12.706204736174698
 * studentTQuantile(0.975, 10); // => 2.228138851986274
 * studentTQuantile(0.975, 30); // => 2.0422724563012373
 * studentTQuantile(0.975, Infinity); // => 1.959963984540054
 */
export function studentTQuantile(p: number, df: number): number {
  assertDegreesOfFreedom(df);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`a probability must be in [0, 1], got ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (df === Infinity) return normalQuantile(p);
  const sign = p > 0.5 ? 1 : -1;
  // Work with the smaller tail area so that p close to 1 keeps its precision.
  const tail = p > 0.5 ? 1 - p : p;
  if (df === 1) return sign / Math.tan(Math.PI * tail);
  if (df === 2) return (sign * (1 - 2 * tail)) / Math.sqrt(2 * tail * (1 - tail));

  let t = cornishFisherStart(normalQuantile(1 - tail), df);
  if (!Number.isFinite(t) || t <= 0) t = normalQuantile(1 - tail);
  for (let i = 0; i < 200; i++) {
    const step = (upperTail(t, df) - tail) / density(t, df);
    let next = t + step;
    // A start above the root can overshoot below zero; halving keeps t positive and below the root.
    if (!(next > 0)) next = t / 2;
    if (Math.abs(next - t) <= 1e-15 * Math.max(1, Math.abs(next))) return sign * next;
    t = next;
  }
  return sign * t;
}

/**
 * The two-sided critical value t_{1−α/2,ν} for a confidence level 1 − α.
 *
 * @example
 * twoSidedT(0.95, 9); // => 2.262157163
 */
export function twoSidedT(confidence: number, df: number): number {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`a confidence level must be strictly between 0 and 1, got ${confidence}`);
  }
  return studentTQuantile(1 - (1 - confidence) / 2, df);
}
