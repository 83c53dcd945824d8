import { describe, expect, it } from 'vitest';
import { stratifiedMean, stratifiedProportion, type StratumMean } from './stratified-estimate.ts';
import { tIntervalFromSummary } from './t-interval.ts';
import { seededRandom } from './testing/seeded-random.ts';

// Lohr, Sampling: Design and Analysis (2nd ed. 2010, 3rd ed. 2021), Example 3.2: acres devoted to
// farms in 1992 (Census of Agriculture), stratified random sample of 300 of the 3078 U.S.
// counties, strata = regions, proportional allocation. The stratum summaries printed in the
// example (sample size, mean, variance, N_h):
//   Northeast      21   97,629.81     7,647,472,708    220
//   North Central 103  300,504.16    29,618,183,543   1054
//   South         135  211,315.04    53,587,487,856   1382
//   West           41  662,295.51   396,185,950,266    422
// and the results: ȳ_str = 295,561 with SE 16,380; t̂_str = 909,736,035 with SE 50,417,248.
// The interval with n − H = 296 df is [263,325, 327,797] (Lu & Lohr's R Companion computes it
// with confint(..., df = degf(dstr))).
const LOHR_AGSTRAT: StratumMean[] = [
  { id: 'NE', populationSize: 220, n: 21, mean: 97629.81, variance: 7647472708 },
  { id: 'NC', populationSize: 1054, n: 103, mean: 300504.16, variance: 29618183543 },
  { id: 'S', populationSize: 1382, n: 135, mean: 211315.04, variance: 53587487856 },
  { id: 'W', populationSize: 422, n: 41, mean: 662295.51, variance: 396185950266 },
];

// The same sample, counties with fewer than 200,000 acres in farms (Lohr, proportions from a
// stratified sample; the R Companion's `lt200k`): 20 of 21 (NE), 31 of 103 (NC), 91 of 135 (S),
// 12 of 41 (W). Published: p̂_str = 0.5139, SE 0.0248.
const LOHR_LT200K = [
  { id: 'NE', populationSize: 220, n: 21, successes: 20 },
  { id: 'NC', populationSize: 1054, n: 103, successes: 31 },
  { id: 'S', populationSize: 1382, n: 135, successes: 91 },
  { id: 'W', populationSize: 422, n: 41, successes: 12 },
];

describe('stratifiedMean', () => {
  it('reproduces Lohr Example 3.2: ȳ_str = 295,561, SE 16,380; totals 909,736,035 and 50,417,248', () => {
    const result = stratifiedMean({ strata: LOHR_AGSTRAT, interval: 'design-df' });
    expect(Math.round(result.estimate)).toBe(295561);
    expect(Math.round(result.standardError)).toBe(16380);
    // The printed means are rounded to cents, so the total agrees to the first seven digits.
    expect(result.estimate * result.populationSize).toBeCloseTo(909736035, -2);
    expect(Math.round(result.standardError * result.populationSize)).toBe(50417248);
    expect(result.df).toBe(296);
    expect(Math.round(result.interval.lower)).toBe(263325);
    expect(Math.round(result.interval.upper)).toBe(327797);
    expect(result).toMatchObject({ n: 300, strata: 4, populationSize: 3078, method: 'design-df' });
  });

  it('gives the normal interval ȳ ± 1.96·SE on request', () => {
    const result = stratifiedMean({ strata: LOHR_AGSTRAT, interval: 'normal' });
    expect(result.df).toBeNull();
    expect(result.interval.lower).toBeCloseTo(result.estimate - 1.959963984540054 * result.standardError, 6);
  });

  it('uses Satterthwaite degrees of freedom by default: the West dominates, so df ≈ 100, not 296', () => {
    const result = stratifiedMean({ strata: LOHR_AGSTRAT });
    expect(result.method).toBe('satterthwaite');
    // v_h = W_h²(1 − f_h)s_h²/n_h; df = (Σv_h)² / Σ v_h²/(n_h − 1), checked by hand to 99.92.
    expect(result.df).toBeCloseTo(99.92, 2);
    expect(result.interval.upper - result.interval.lower).toBeGreaterThan(
      stratifiedMean({ strata: LOHR_AGSTRAT, interval: 'design-df' }).interval.upper -
        stratifiedMean({ strata: LOHR_AGSTRAT, interval: 'design-df' }).interval.lower,
    );
  });

  it('a hand-checked two-township example', () => {
    const strata: StratumMean[] = [
      { id: 'a', populationSize: 6000, n: 100, mean: 80, variance: 400 },
      { id: 'b', populationSize: 4000, n: 50, mean: 70, variance: 900 },
    ];
    // W = 0.6, 0.4; ȳ = 0.6·80 + 0.4·70 = 76.
    // V = 0.36·(1 − 100/6000)·400/100 + 0.16·(1 − 50/4000)·900/50 = 1.416 + 2.844 = 4.26.
    const result = stratifiedMean({ strata, interval: 'normal' });
    expect(result.estimate).toBeCloseTo(76, 12);
    expect(result.variance).toBeCloseTo(4.26, 12);
    expect(result.standardError).toBeCloseTo(Math.sqrt(4.26), 12);
    // Without the finite population correction: 0.36·400/100 + 0.16·900/50 = 1.44 + 2.88 = 4.32.
    expect(stratifiedMean({ strata, fpc: false }).variance).toBeCloseTo(4.32, 12);
  });

  it('with one stratum it is the simple random sample mean and t interval', () => {
    const result = stratifiedMean({ strata: [{ populationSize: 5000, n: 40, mean: 72, variance: 650 }] });
    const srs = tIntervalFromSummary({ summary: { n: 40, mean: 72, standardDeviation: Math.sqrt(650) }, populationSize: 5000 });
    expect(result.estimate).toBe(72);
    expect(result.df).toBeCloseTo(39, 10);
    expect(result.standardError).toBeCloseTo(srs.standardError ?? Number.NaN, 12);
    expect(result.interval.lower).toBeCloseTo(srs.interval?.lower ?? Number.NaN, 10);
  });

  describe('properties', () => {
    const random = seededRandom(370921);
    const designs = Array.from({ length: 200 }, () =>
      Array.from({ length: random.int(1, 13) }, (_, h) => {
        const n = random.int(2, 400);
        return { id: `t${h}`, populationSize: n + random.int(0, 60000), n, mean: random.real(0, 100), variance: random.real(0, 2000) };
      }),
    );

    it('the estimate lies between the smallest and largest stratum mean, inside its interval', () => {
      for (const strata of designs) {
        const result = stratifiedMean({ strata });
        const means = strata.map((s) => s.mean);
        expect(result.estimate).toBeGreaterThanOrEqual(Math.min(...means) - 1e-9);
        expect(result.estimate).toBeLessThanOrEqual(Math.max(...means) + 1e-9);
        expect(result.interval.lower).toBeLessThanOrEqual(result.estimate);
        expect(result.interval.upper).toBeGreaterThanOrEqual(result.estimate);
      }
    });

    it('Satterthwaite df lies between min(n_h − 1) and Σ(n_h − 1)', () => {
      for (const strata of designs) {
        const { df } = stratifiedMean({ strata });
        if (df === null) continue;
        expect(df).toBeGreaterThanOrEqual(Math.min(...strata.map((s) => s.n - 1)) - 1e-9);
        expect(df).toBeLessThanOrEqual(strata.reduce((sum, s) => sum + s.n - 1, 0) + 1e-9);
      }
    });

    it('the finite population correction never increases the variance', () => {
      for (const strata of designs) {
        expect(stratifiedMean({ strata }).variance).toBeLessThanOrEqual(stratifiedMean({ strata, fpc: false }).variance + 1e-12);
      }
    });

    it('the t intervals contain the normal interval', () => {
      for (const strata of designs) {
        const normal = stratifiedMean({ strata, interval: 'normal' }).interval;
        for (const method of ['satterthwaite', 'design-df'] as const) {
          const t = stratifiedMean({ strata, interval: method }).interval;
          expect(t.lower).toBeLessThanOrEqual(normal.lower + 1e-9);
          expect(t.upper).toBeGreaterThanOrEqual(normal.upper - 1e-9);
        }
      }
    });
  });

  it('rejects strata it cannot estimate from', () => {
    expect(() => stratifiedMean({ strata: [] })).toThrow(RangeError);
    expect(() => stratifiedMean({ strata: [{ populationSize: 100, n: 1, mean: 50, variance: 0 }] })).toThrow(/collapse/);
    expect(() => stratifiedMean({ strata: [{ populationSize: 10, n: 20, mean: 50, variance: 1 }] })).toThrow(RangeError);
    expect(() => stratifiedMean({ strata: [{ populationSize: 0, n: 2, mean: 50, variance: 1 }] })).toThrow(RangeError);
    expect(() => stratifiedMean({ strata: [{ populationSize: 100, n: 5, mean: 50, variance: -1 }] })).toThrow(RangeError);
    expect(() => stratifiedMean({ strata: [{ populationSize: 100, n: 5, mean: Number.NaN, variance: 1 }] })).toThrow(RangeError);
    expect(() => stratifiedMean({ strata: LOHR_AGSTRAT, confidence: 1.5 })).toThrow(RangeError);
  });
});

describe('stratifiedProportion', () => {
  it('reproduces Lohr’s stratified proportion: p̂ = 0.5139, SE 0.0248, 95% CI [0.465, 0.563] on 296 df', () => {
    const result = stratifiedProportion({ strata: LOHR_LT200K, interval: 'design-df' });
    expect(result.estimate).toBeCloseTo(0.5139, 4);
    expect(result.standardError).toBeCloseTo(0.0248, 4);
    expect(result.interval.lower).toBeCloseTo(0.465, 3);
    expect(result.interval.upper).toBeCloseTo(0.563, 3);
  });

  it('uses s_h² = p_h(1 − p_h)·n_h/(n_h − 1)', () => {
    // One stratum, 30 of 50, N = 1000: V = (1 − 0.05)·0.6·0.4·(50/49)/50.
    const result = stratifiedProportion({ strata: [{ populationSize: 1000, n: 50, successes: 30 }] });
    expect(result.variance).toBeCloseTo((0.95 * 0.24 * (50 / 49)) / 50, 14);
  });

  it('clips the interval to [0, 1] and degenerates to a point when every township answered alike', () => {
    const nearZero = stratifiedProportion({
      strata: [
        { populationSize: 5000, n: 30, successes: 0 },
        { populationSize: 5000, n: 30, successes: 1 },
      ],
    });
    expect(nearZero.interval.lower).toBe(0);
    const allSatisfied = stratifiedProportion({
      strata: [
        { populationSize: 5000, n: 30, successes: 30 },
        { populationSize: 8000, n: 40, successes: 40 },
      ],
    });
    expect(allSatisfied).toMatchObject({ estimate: 1, variance: 0, standardError: 0, df: null });
    expect(allSatisfied.interval).toEqual({ lower: 1, upper: 1, confidence: 0.95 });
  });

  it('rejects impossible counts', () => {
    expect(() => stratifiedProportion({ strata: [{ populationSize: 100, n: 10, successes: 11 }] })).toThrow(RangeError);
    expect(() => stratifiedProportion({ strata: [{ populationSize: 100, n: 10, successes: 2.5 }] })).toThrow(RangeError);
  });
});
