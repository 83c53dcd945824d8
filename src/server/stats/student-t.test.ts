import { describe, expect, it } from 'vitest';
import { normalQuantile } from './normal.ts';
import { studentTCdf, studentTQuantile, twoSidedT } from './student-t.ts';

/**
 * Closed forms of the t distribution function for integer ν (Abramowitz & Stegun 26.7.3 and
 * 26.7.4), an independent check of the incomplete-beta route: with θ = arctan(t/√ν),
 * odd ν: A = (2/π)[θ + sinθ cosθ (1 + (2/3)cos²θ + … + (2·4…(ν−3))/(3·5…(ν−2)) cos^{ν−3}θ)] (A = 2θ/π for ν = 1),
 * even ν: A = sinθ [1 + (1/2)cos²θ + (1·3)/(2·4)cos⁴θ + … + (1·3…(ν−3))/(2·4…(ν−2)) cos^{ν−2}θ],
 * and P(T ≤ t) = (1 + A)/2.
 */
function closedFormCdf(t: number, df: number): number {
  const theta = Math.atan(t / Math.sqrt(df));
  const c2 = Math.cos(theta) ** 2;
  let term = 1;
  let sum = 1;
  let a: number;
  if (df % 2 === 1) {
    for (let k = 1; k <= (df - 3) / 2; k++) {
      term *= ((2 * k) / (2 * k + 1)) * c2;
      sum += term;
    }
    a = df === 1 ? (2 * theta) / Math.PI : (2 / Math.PI) * (theta + Math.sin(theta) * Math.cos(theta) * sum);
  } else {
    for (let k = 1; k <= (df - 2) / 2; k++) {
      term *= ((2 * k - 1) / (2 * k)) * c2;
      sum += term;
    }
    a = Math.sin(theta) * sum;
  }
  return (1 + a) / 2;
}

describe('studentTQuantile', () => {
  // Critical values of Student's t (NIST/SEMATECH e-Handbook of Statistical Methods, Table
  // 1.3.6.7.2; the same three decimals as any printed t table), upper-tail areas 0.10 … 0.005.
  it.each([
    [1, [3.078, 6.314, 12.706, 31.821, 63.657]],
    [2, [1.886, 2.92, 4.303, 6.965, 9.925]],
    [5, [1.476, 2.015, 2.571, 3.365, 4.032]],
    [10, [1.372, 1.812, 2.228, 2.764, 3.169]],
    [30, [1.31, 1.697, 2.042, 2.457, 2.75]],
    [100, [1.29, 1.66, 1.984, 2.364, 2.626]],
    [Infinity, [1.282, 1.645, 1.96, 2.326, 2.576]],
  ])('ν = %s matches the table', (df, row) => {
    const ps = [0.9, 0.95, 0.975, 0.99, 0.995];
    ps.forEach((p, i) => expect(studentTQuantile(p, df)).toBeCloseTo(row[i] ?? Number.NaN, 3));
  });

  it('gives the two-sided 95% values the brief names: 12.706, 2.228, 2.042 and → 1.960', () => {
    expect(twoSidedT(0.95, 1)).toBeCloseTo(12.706, 3);
    expect(twoSidedT(0.95, 10)).toBeCloseTo(2.228, 3);
    expect(twoSidedT(0.95, 30)).toBeCloseTo(2.042, 3);
    expect(twoSidedT(0.95, 1e6)).toBeCloseTo(1.96, 3);
    expect(Math.abs(twoSidedT(0.95, 1e7) - normalQuantile(0.975))).toBeLessThan(1e-6);
    expect(twoSidedT(0.95, Infinity)).toBe(normalQuantile(0.975));
  });

  it('is exact for ν = 1 (cot πα) and ν = 2', () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(1 / Math.tan(Math.PI * 0.025), 12);
    // ν = 2: P(T ≤ t) = ½ + t/(2√(2 + t²)), so t_{1−α} = (1 − 2α)/√(2α(1 − α)); 4.303 in the table.
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(0.95 / Math.sqrt(2 * 0.025 * 0.975), 12);
  });

  it('inverts the closed-form distribution function for ν = 1 … 15', () => {
    for (let df = 1; df <= 15; df++) {
      for (const p of [1e-6, 0.001, 0.01, 0.025, 0.05, 0.2, 0.4, 0.6, 0.9, 0.975, 0.995, 0.999999]) {
        const t = studentTQuantile(p, df);
        expect(Math.abs(closedFormCdf(t, df) - p), `ν = ${df}, p = ${p}`).toBeLessThan(1e-12);
      }
    }
  });

  it('works for non-integer ν (Satterthwaite) and lies between its integer neighbours', () => {
    for (const df of [1.5, 2.5, 7.3, 29.9, 99.9]) {
      for (const p of [0.9, 0.975, 0.995]) {
        const t = studentTQuantile(p, df);
        expect(t).toBeLessThan(studentTQuantile(p, Math.floor(df)));
        expect(t).toBeGreaterThan(studentTQuantile(p, Math.ceil(df)));
        expect(studentTCdf(t, df)).toBeCloseTo(p, 12);
      }
    }
  });

  it('decreases toward the normal quantile as ν grows', () => {
    let previous = Infinity;
    for (const df of [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 1000, 1e5]) {
      const t = studentTQuantile(0.975, df);
      expect(t).toBeLessThan(previous);
      expect(t).toBeGreaterThan(normalQuantile(0.975));
      previous = t;
    }
  });

  it('is odd around ½ and handles the end points', () => {
    for (const df of [1, 3, 12.5, 200]) {
      expect(studentTQuantile(0.5, df)).toBe(0);
      expect(studentTQuantile(0.01, df)).toBeCloseTo(-studentTQuantile(0.99, df), 12);
      expect(studentTQuantile(0, df)).toBe(-Infinity);
      expect(studentTQuantile(1, df)).toBe(Infinity);
    }
  });

  it('rejects bad arguments', () => {
    expect(() => studentTQuantile(0.5, 0)).toThrow(RangeError);
    expect(() => studentTQuantile(0.5, -3)).toThrow(RangeError);
    expect(() => studentTQuantile(1.2, 3)).toThrow(RangeError);
    expect(() => twoSidedT(1, 3)).toThrow(RangeError);
  });
});

describe('studentTCdf', () => {
  it('agrees with the closed forms for ν = 1 … 20', () => {
    for (let df = 1; df <= 20; df++) {
      for (const t of [-30, -4, -2.2, -1, -0.3, 0, 0.3, 1, 2.2, 4, 30]) {
        expect(Math.abs(studentTCdf(t, df) - closedFormCdf(t, df)), `ν = ${df}, t = ${t}`).toBeLessThan(1e-13);
      }
    }
  });

  it('gives the paired t-test p-value of the sleep data (t = 4.0621, 9 df: p = 0.002833)', () => {
    expect(2 * (1 - studentTCdf(4.062127683382037, 9))).toBeCloseTo(0.002833, 6);
  });

  it('handles infinities and ν = ∞', () => {
    expect(studentTCdf(Infinity, 4)).toBe(1);
    expect(studentTCdf(-Infinity, 4)).toBe(0);
    expect(studentTCdf(1.959963984540054, Infinity)).toBeCloseTo(0.975, 14);
    expect(() => studentTCdf(Number.NaN, 4)).toThrow(RangeError);
  });
});
