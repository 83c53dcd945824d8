import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile, normalUpperTail, twoSidedZ } from './normal.ts';

describe('normalQuantile (Wichura AS 241)', () => {
  it('gives z_0.975 = 1.959963984540054 to double precision', () => {
    expect(Math.abs(normalQuantile(0.975) - 1.959963984540054)).toBeLessThanOrEqual(1e-15);
    expect(Math.abs(normalQuantile(0.025) + 1.959963984540054)).toBeLessThanOrEqual(1e-15);
  });

  // Percentage points of the standard normal to ten significant digits (Abramowitz & Stegun,
  // Handbook of Mathematical Functions, Table 26.5; the same in every normal table).
  it.each([
    [0.5, 0],
    [0.9, 1.281551566],
    [0.95, 1.644853627],
    [0.975, 1.959963985],
    [0.99, 2.326347874],
    [0.995, 2.575829304],
    [0.999, 3.090232306],
    [0.9995, 3.290526731],
    [0.99999, 4.264890794],
  ])('Φ⁻¹(%f) = %f', (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 9);
    expect(normalQuantile(1 - p)).toBeCloseTo(-z, 9);
  });

  it('inverts Φ to ~1e-13 in all three regions of the approximation, tails included', () => {
    const ps = [1e-300, 1e-100, 1e-30, 1e-20, 1e-12, 1e-8, 1e-4, 0.001, 0.01, 0.0249, 0.075, 0.1, 0.3, 0.5, 0.7, 0.925, 0.99, 0.999999];
    for (const p of ps) {
      const z = normalQuantile(p);
      const back = p < 0.5 ? normalCdf(z) : normalUpperTail(z);
      const target = p < 0.5 ? p : 1 - p;
      expect(Math.abs(back / target - 1), `p = ${p}`).toBeLessThan(1e-12);
    }
  });

  it('is odd around ½ and strictly increasing', () => {
    let previous = -Infinity;
    for (let i = 1; i < 1000; i++) {
      const p = i / 1000;
      const z = normalQuantile(p);
      expect(z).toBeGreaterThan(previous);
      expect(z + normalQuantile(1 - p)).toBeCloseTo(0, 12);
      previous = z;
    }
  });

  it('maps 0 and 1 to ∓∞ and rejects probabilities outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    for (const bad of [-0.1, 1.1, Number.NaN]) expect(() => normalQuantile(bad)).toThrow(RangeError);
  });
});

describe('normalCdf and normalUpperTail', () => {
  it('match reference values (A&S Table 26.1)', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1)).toBeCloseTo(0.8413447461, 10);
    expect(normalCdf(-1)).toBeCloseTo(0.1586552539, 10);
    expect(normalCdf(2)).toBeCloseTo(0.9772498681, 10);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980, 10);
    // Far tail, where 1 − Φ would have lost every digit: Q(10) = 7.6198530241605e-24.
    expect(normalUpperTail(10) / 7.6198530241605e-24).toBeCloseTo(1, 10);
  });

  it('upper tail and cdf add up to 1', () => {
    for (let z = -8; z <= 8; z += 0.25) expect(normalCdf(z) + normalUpperTail(z)).toBeCloseTo(1, 14);
  });

  it('rejects NaN', () => {
    expect(() => normalCdf(Number.NaN)).toThrow(RangeError);
    expect(() => normalUpperTail(Number.NaN)).toThrow(RangeError);
  });
});

describe('twoSidedZ', () => {
  it('is z_{1−α/2}: 1.645 for 90%, 1.960 for 95%, 2.576 for 99%', () => {
    expect(twoSidedZ(0.9)).toBeCloseTo(1.644853627, 9);
    expect(twoSidedZ(0.95)).toBeCloseTo(1.959963985, 9);
    expect(twoSidedZ(0.99)).toBeCloseTo(2.575829304, 9);
  });

  it('rejects levels outside (0, 1)', () => {
    for (const bad of [0, 1, 95, -0.5, Number.NaN]) expect(() => twoSidedZ(bad)).toThrow(RangeError);
  });
});
