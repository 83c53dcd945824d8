import { describe, expect, it } from 'vitest';
import { seededRandom } from './testing/seeded-random.ts';
import { wilsonInterval } from './wilson.ts';

const interval = (successes: number, n: number, continuityCorrection = false, confidence = 0.95) => {
  const result = wilsonInterval({ successes, n, continuityCorrection, confidence });
  if (!result) throw new Error('expected an interval');
  return result.interval;
};

describe('wilsonInterval', () => {
  // Newcombe, R. G. (1998). Two-sided confidence intervals for the single proportion: comparison
  // of seven methods. Statistics in Medicine 17, 857–872. Illustrative examples, 95% limits for
  // method 3 (score, no continuity correction) and method 4 (score with continuity correction):
  //   81/263: 0.2553–0.3662 and 0.2535–0.3682
  //   15/148: 0.0624–0.1605 and 0.0598–0.1644
  //    0/20:  0.0000–0.1611 and 0.0000–0.2005
  //    1/29:  0.0061–0.1718 and 0.0018–0.1963
  it.each([
    [81, 263, 0.2553, 0.3662, 0.2535, 0.3682],
    [15, 148, 0.0624, 0.1605, 0.0598, 0.1644],
    [0, 20, 0.0, 0.1611, 0.0, 0.2005],
    [1, 29, 0.0061, 0.1718, 0.0018, 0.1963],
  ])('Newcombe (1998): %i/%i → score %f–%f, with correction %f–%f', (x, n, lower, upper, ccLower, ccUpper) => {
    const plain = interval(x, n);
    expect(plain.lower).toBeCloseTo(lower, 4);
    expect(plain.upper).toBeCloseTo(upper, 4);
    const corrected = interval(x, n, true);
    expect(corrected.lower).toBeCloseTo(ccLower, 4);
    expect(corrected.upper).toBeCloseTo(ccUpper, 4);
  });

  it('returns the estimate and the confidence level with the interval', () => {
    expect(wilsonInterval({ successes: 81, n: 263 })).toEqual({
      successes: 81,
      n: 263,
      estimate: 81 / 263,
      interval: { lower: expect.closeTo(0.2553, 4), upper: expect.closeTo(0.3662, 4), confidence: 0.95 },
    });
  });

  it('returns null (not NaN) when there is no answer to estimate from', () => {
    expect(wilsonInterval({ successes: 0, n: 0 })).toBeNull();
    expect(wilsonInterval({ successes: 0, n: 0, continuityCorrection: true })).toBeNull();
  });

  it('gives non-degenerate intervals at 0 and n successes', () => {
    const none = interval(0, 10);
    expect(none.lower).toBe(0);
    expect(none.upper).toBeGreaterThan(0);
    const all = interval(10, 10);
    expect(all.upper).toBe(1);
    expect(all.lower).toBeLessThan(1);
    expect(interval(10, 10, true).upper).toBe(1);
  });

  describe('properties over many (x, n, level)', () => {
    const random = seededRandom(2013);
    const cases = Array.from({ length: 500 }, () => {
      const n = random.int(1, 400);
      return { n, x: random.int(0, n), confidence: random.real(0.5, 0.999) };
    });

    it('the interval lies in [0, 1] and contains the estimate', () => {
      for (const { x, n, confidence } of cases) {
        for (const cc of [false, true]) {
          const result = wilsonInterval({ successes: x, n, confidence, continuityCorrection: cc });
          expect(result).not.toBeNull();
          if (!result) continue;
          const { lower, upper } = result.interval;
          expect(lower).toBeGreaterThanOrEqual(0);
          expect(upper).toBeLessThanOrEqual(1);
          expect(lower).toBeLessThanOrEqual(result.estimate);
          expect(upper).toBeGreaterThanOrEqual(result.estimate);
        }
      }
    });

    it('the continuity-corrected interval contains the plain one', () => {
      for (const { x, n, confidence } of cases) {
        const plain = interval(x, n, false, confidence);
        const corrected = interval(x, n, true, confidence);
        expect(corrected.lower).toBeLessThanOrEqual(plain.lower + 1e-15);
        expect(corrected.upper).toBeGreaterThanOrEqual(plain.upper - 1e-15);
      }
    });

    it('a higher confidence level gives a wider, nested interval', () => {
      for (const { x, n } of cases) {
        const narrow = interval(x, n, false, 0.9);
        const wide = interval(x, n, false, 0.99);
        expect(wide.lower).toBeLessThanOrEqual(narrow.lower);
        expect(wide.upper).toBeGreaterThanOrEqual(narrow.upper);
      }
    });

    it('is symmetric: the interval for n − x mirrors the one for x', () => {
      for (const { x, n } of cases) {
        for (const cc of [false, true]) {
          const a = interval(x, n, cc);
          const b = interval(n - x, n, cc);
          expect(a.lower).toBeCloseTo(1 - b.upper, 12);
          expect(a.upper).toBeCloseTo(1 - b.lower, 12);
        }
      }
    });
  });

  it('narrows as n grows at a fixed proportion', () => {
    let previous = Infinity;
    for (const n of [10, 20, 50, 100, 200, 500, 1000, 5000]) {
      const { lower, upper } = interval(0.3 * n, n);
      expect(upper - lower).toBeLessThan(previous);
      previous = upper - lower;
    }
  });

  it('rejects impossible counts and levels', () => {
    expect(() => wilsonInterval({ successes: 5, n: 4 })).toThrow(RangeError);
    expect(() => wilsonInterval({ successes: -1, n: 4 })).toThrow(RangeError);
    expect(() => wilsonInterval({ successes: 1.5, n: 4 })).toThrow(RangeError);
    expect(() => wilsonInterval({ successes: 1, n: 4, confidence: 1 })).toThrow(RangeError);
    expect(() => wilsonInterval({ successes: 0, n: 0, confidence: 95 })).toThrow(RangeError);
  });
});
