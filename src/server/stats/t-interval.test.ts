import { describe, expect, it } from 'vitest';
import { tInterval, tIntervalFromSummary } from './t-interval.ts';
import { seededRandom } from './testing/seeded-random.ts';

// Student (1908), "The probable error of a mean", Biometrika 6:1–25: Cushny and Peebles' extra
// hours of sleep, drug 2 minus drug 1, for ten patients (R's `sleep` data). The paired t-test
// printed in R's documentation gives mean difference 1.58, t = 4.0621 on 9 df, p = 0.002833 and
// the 95% interval 0.7001142 to 2.4598858.
const SLEEP_DIFFERENCES = [1.2, 2.4, 1.3, 1.3, 0.0, 1.0, 1.8, 0.8, 4.6, 1.4];

describe('tInterval', () => {
  it('reproduces the 95% interval of Student’s sleep data', () => {
    const result = tInterval({ values: SLEEP_DIFFERENCES });
    expect(result.n).toBe(10);
    expect(result.mean).toBeCloseTo(1.58, 12);
    expect(result.df).toBe(9);
    expect(result.interval?.lower).toBeCloseTo(0.7001142, 7);
    expect(result.interval?.upper).toBeCloseTo(2.4598858, 7);
    expect((result.mean ?? 0) / (result.standardError ?? 1)).toBeCloseTo(4.0621, 4);
  });

  it('gives no interval, and no NaN, for fewer than two values', () => {
    expect(tInterval({ values: [] })).toEqual({ n: 0, mean: null, standardDeviation: null, standardError: null, df: null, interval: null });
    expect(tInterval({ values: [60] })).toEqual({ n: 1, mean: 60, standardDeviation: null, standardError: null, df: null, interval: null });
  });

  it('gives a zero-width interval when every respondent gave the same score', () => {
    const result = tInterval({ values: [100, 100, 100] });
    expect(result.interval).toEqual({ lower: 100, upper: 100, confidence: 0.95 });
  });

  it('uses the t quantile: two values give ȳ ± 12.706·s/√2', () => {
    const result = tInterval({ values: [0, 100] });
    expect(result.standardError).toBeCloseTo(50, 12);
    expect(result.interval?.upper).toBeCloseTo(50 + 12.706204736 * 50, 6);
  });

  it('applies the finite population correction when the population size is given', () => {
    const values = [100, 60, 60, 0, 100, 60];
    const infinite = tInterval({ values });
    const finite = tInterval({ values, populationSize: 12 });
    expect(finite.standardError).toBeCloseTo((infinite.standardError ?? 0) * Math.sqrt(1 - 6 / 12), 12);
    expect(tInterval({ values, populationSize: 6 }).standardError).toBe(0);
    expect(() => tInterval({ values, populationSize: 5 })).toThrow(RangeError);
  });

  describe('properties', () => {
    const random = seededRandom(1116);
    const samples = Array.from({ length: 200 }, () =>
      Array.from({ length: random.int(2, 60) }, () => [0, 60, 100][random.int(0, 2)] ?? 0),
    );

    it('the interval contains the mean and lies symmetric around it', () => {
      for (const values of samples) {
        const { mean, interval } = tInterval({ values });
        if (mean === null || interval === null) throw new Error('expected an interval');
        expect(interval.lower).toBeLessThanOrEqual(mean);
        expect(interval.upper).toBeGreaterThanOrEqual(mean);
        expect(mean - interval.lower).toBeCloseTo(interval.upper - mean, 9);
      }
    });

    it('a higher confidence level gives a wider interval', () => {
      for (const values of samples) {
        const narrow = tInterval({ values, confidence: 0.9 }).interval;
        const wide = tInterval({ values, confidence: 0.99 }).interval;
        if (!narrow || !wide) throw new Error('expected intervals');
        expect(wide.upper - wide.lower).toBeGreaterThanOrEqual(narrow.upper - narrow.lower);
      }
    });

    it('agrees with the summary-statistics form', () => {
      for (const values of samples) {
        const raw = tInterval({ values });
        const summary = tIntervalFromSummary({
          summary: { n: raw.n, mean: raw.mean ?? 0, standardDeviation: raw.standardDeviation ?? 0 },
        });
        expect(summary.interval?.lower).toBeCloseTo(raw.interval?.lower ?? Number.NaN, 10);
        expect(summary.interval?.upper).toBeCloseTo(raw.interval?.upper ?? Number.NaN, 10);
      }
    });
  });

  it('rejects non-finite values and bad options', () => {
    expect(() => tInterval({ values: [1, Number.NaN] })).toThrow(RangeError);
    expect(() => tInterval({ values: [1, 2], confidence: 0 })).toThrow(RangeError);
    expect(() => tIntervalFromSummary({ summary: { n: 3, mean: 1, standardDeviation: -1 } })).toThrow(RangeError);
    expect(() => tIntervalFromSummary({ summary: { n: 2.5, mean: 1, standardDeviation: 1 } })).toThrow(RangeError);
  });
});

describe('tIntervalFromSummary', () => {
  it('reproduces the sleep-data interval from n, mean and s', () => {
    const result = tIntervalFromSummary({ summary: { n: 10, mean: 1.58, standardDeviation: 1.2299954832798732 } });
    expect(result.interval?.lower).toBeCloseTo(0.7001142, 7);
    expect(result.interval?.upper).toBeCloseTo(2.4598858, 7);
  });

  it('gives no interval below two values', () => {
    expect(tIntervalFromSummary({ summary: { n: 1, mean: 70, standardDeviation: 0 } })).toMatchObject({ mean: 70, interval: null });
    expect(tIntervalFromSummary({ summary: { n: 0, mean: 0, standardDeviation: 0 } })).toMatchObject({ mean: null, interval: null });
  });
});
