import { erfc } from './special-functions.ts';

/**
 * The standard normal distribution: quantile (Wichura's AS 241) and upper tail.
 */

/* eslint-disable no-loss-of-precision -- the coefficients stay exactly as printed in AS 241 (20
   digits) so they can be checked against the paper; rounding them to doubles is intended. */
// Wichura, M. J. (1988). Algorithm AS 241: The percentage points of the normal distribution.
// Applied Statistics 37(3), 477–484 — PPND16, relative accuracy about 1e-16. Coefficients in
// increasing powers of r.
const A = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125,
  45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727,
] as const;
const B = [
  1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867,
  39307.89580009271061, 28729.085735721942674, 5226.495278852854561,
] as const;
const C = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504,
  1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
] as const;
const D = [
  1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459,
  0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9,
] as const;
const E = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123,
  0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
] as const;
const F = [
  1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4,
  1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15,
] as const;
/* eslint-enable no-loss-of-precision */

function polynomial(coefficients: readonly number[], x: number): number {
  let value = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) value = value * x + (coefficients[i] ?? 0);
  return value;
}

/**
 * The standard normal quantile Φ⁻¹(p) (Wichura's AS 241). p = 0 and p = 1 give −∞ and +∞.
 *
 * @example
 * normalQuantile(0.975); // => 1.959963984540054
 * normalQuantile(0.5);   // => 0
 * normalQuantile(0.05);  // => -1.6448536269514729
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`a probability must be in [0, 1], got ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * polynomial(A, r)) / polynomial(B, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value = polynomial(C, r) / polynomial(D, r);
  } else {
    r -= 5;
    value = polynomial(E, r) / polynomial(F, r);
  }
  return q < 0 ? -value : value;
}

/**
 * The standard normal distribution function Φ(z).
 *
 * @example
 * normalCdf(0);                 // => 0.5
 * normalCdf(1.959963984540054); // => 0.975
 */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) throw new RangeError('normalCdf of NaN');
  return z < 0 ? 0.5 * erfc(-z / Math.SQRT2) : 1 - 0.5 * erfc(z / Math.SQRT2);
}

/**
 * The upper tail 1 − Φ(z), computed directly so that small tail areas keep their precision
 * (p-values of large differences).
 *
 * @example
 * normalUpperTail(1.959963984540054); // => 0.025
 * normalUpperTail(10);                // => 7.619853024160527e-24
 */
export function normalUpperTail(z: number): number {
  if (Number.isNaN(z)) throw new RangeError('normalUpperTail of NaN');
  return 0.5 * erfc(z / Math.SQRT2);
}

/**
 * The two-sided critical value z_{1−α/2} for a confidence level 1 − α, e.g. 1.96 for 95%.
 *
 * @example
 * twoSidedZ(0.95); // => 1.959963984540054
 * twoSidedZ(0.9);  // => 1.6448536269514722
 */
export function twoSidedZ(confidence: number): number {
  assertConfidence(confidence);
  return normalQuantile(1 - (1 - confidence) / 2);
}

/**
 * Throws a RangeError unless 0 < confidence < 1 (a level of 95 instead of 0.95 is a common slip).
 *
 * @example
 * assertConfidence(95); // throws RangeError: strictly between 0 and 1
 */
export function assertConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`a confidence level must be strictly between 0 and 1, got ${confidence}`);
  }
}
