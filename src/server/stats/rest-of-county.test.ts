import { describe, expect, it } from 'vitest';
import { normalUpperTail } from './normal.ts';
import { compareTownshipsWithRest, compareWithRest, judgeAgainstRest, restOfCounty, type AreaFigure, type TownshipFigure } from './rest-of-county.ts';
import { wilsonInterval } from './wilson.ts';

/** A mean figure with a symmetric 95% interval (half = 1.96·se unless given). */
const mean = (estimate: number, se: number, n = 100, half = 1.96 * se): AreaFigure => ({ suppressed: false, n, estimate, standardError: se, interval: { lower: estimate - half, upper: estimate + half } });
/** A rate as the results give it: Wilson interval, Wald standard error. */
const rate = (k: number, n: number): AreaFigure => {
  if (n < 5) return { suppressed: true, n };
  const w = wilsonInterval({ successes: k, n })!;
  return { suppressed: false, n, estimate: w.estimate, standardError: Math.sqrt((w.estimate * (1 - w.estimate)) / n), interval: w.interval };
};
const T = (code: string, population: number, figure: AreaFigure): TownshipFigure => ({ code, population, figure });
const verdicts = (townships: TownshipFigure[], higherIsBetter = true) => compareTownshipsWithRest({ townships, higherIsBetter }).map((j) => `${j.code} ${j.verdict}`);

describe('restOfCounty', () => {
  it('weights the other reportable townships by population and adds their variances', () => {
    const r = restOfCounty([T('A', 100, mean(60, 5)), T('B', 100, mean(80, 2, 50)), T('C', 300, mean(90, 1, 70)), T('D', 900, { suppressed: true, n: 4 })], 'A')!;
    expect(r.estimate).toBeCloseTo(0.25 * 80 + 0.75 * 90, 12);
    expect(r.standardError).toBeCloseTo(Math.sqrt(0.25 ** 2 * 4 + 0.75 ** 2 * 1), 12);
    expect(r).toMatchObject({ n: 120, townships: 2 });
  });
  it('leaves out townships without population, without a standard error or without an interval', () => {
    const r = restOfCounty(
      [T('A', 1, mean(1, 1)), T('B', 0, mean(10, 1)), T('C', 5, { suppressed: false, n: 9, estimate: 50, standardError: null, interval: null }), T('D', 5, { suppressed: false, n: 9, estimate: 50, standardError: 1, interval: null }), T('E', 5, mean(70, 2, 30))],
      'A',
    )!;
    expect(r).toEqual({ estimate: 70, standardError: 2, n: 30, townships: 1 });
  });
  it('is null for a township that is the whole county (alone, or the only one with population)', () => {
    expect(restOfCounty([T('A', 1, mean(1, 1))], 'A')).toBeNull();
    expect(restOfCounty([T('A', 1000, mean(1, 1)), T('B', 0, mean(2, 1))], 'A')).toBeNull();
    expect(restOfCounty([T('A', 1, mean(1, 1)), T('B', 1, { suppressed: true, n: 2 })], 'A')).toBeNull();
  });
  it('does not depend on the order of the townships', () => {
    const list = [T('A', 3, mean(60, 2)), T('B', 7, mean(70, 3)), T('C', 11, mean(80, 1)), T('D', 2, mean(75, 4))];
    const a = restOfCounty(list, 'B')!;
    const b = restOfCounty([...list].reverse(), 'B')!;
    expect(b.estimate).toBeCloseTo(a.estimate, 12);
    expect(b.standardError).toBeCloseTo(a.standardError, 12);
  });
});

describe('compareWithRest', () => {
  it('tests the difference of two independent estimates, two-sided', () => {
    const c = compareWithRest([T('A', 100, mean(60, 2)), T('B', 100, mean(85, 2)), T('C', 100, mean(86, 2)), T('D', 100, mean(84, 2))], 'A');
    if (!c.tested) throw new Error('tested');
    const se = Math.sqrt(4 + 4 / 3);
    expect(c.difference).toBeCloseTo(-25, 12);
    expect(c.standardError).toBeCloseTo(se, 12);
    expect(c.z).toBeCloseTo(-25 / se, 12);
    expect(c.p).toBeCloseTo(2 * normalUpperTail(25 / se), 15);
    expect(c.differenceInterval.lower).toBeCloseTo(-25 - 1.959963984540054 * se, 10);
    expect(c.intervalSide).toBe('below');
    expect(c.rest).toMatchObject({ n: 300, townships: 3 });
  });
  it.each<[string, TownshipFigure[], string]>([
    ['suppressed', [T('A', 1, { suppressed: true, n: 4 }), T('B', 1, mean(1, 1))], 'suppressed'],
    ['unknown code', [T('B', 1, mean(1, 1))], 'suppressed'],
    ['no standard error', [T('A', 1, { suppressed: false, n: 9, estimate: 5, standardError: null, interval: { lower: 1, upper: 9 } }), T('B', 1, mean(1, 1))], 'no_interval'],
    ['no interval', [T('A', 1, { suppressed: false, n: 9, estimate: 5, standardError: 1, interval: null }), T('B', 1, mean(1, 1))], 'no_interval'],
    ['every answer the same (a mean with sd 0)', [T('A', 1, { suppressed: false, n: 6, estimate: 60, standardError: 0, interval: { lower: 60, upper: 60 } }), T('B', 1, mean(80, 1))], 'no_variance'],
    ['no sampling variance on either side', [T('A', 1, { suppressed: false, n: 6, estimate: 0, standardError: 0, interval: { lower: 0, upper: 0.39 } }), T('B', 1, { suppressed: false, n: 6, estimate: 1, standardError: 0, interval: { lower: 0.61, upper: 1 } })], 'no_variance'],
    ['the whole county', [T('A', 1, mean(1, 1))], 'no_rest'],
    ['every other township suppressed', [T('A', 1, mean(1, 1)), T('B', 1, { suppressed: true, n: 1 })], 'no_rest'],
  ])('does not compare: %s', (_name, townships, reason) => {
    expect(compareWithRest(townships, 'A')).toEqual({ code: 'A', tested: false, reason });
  });
  it('compares a township of zero population (it has a rest, it just weighs nothing in it)', () => {
    expect(compareWithRest([T('A', 0, mean(50, 2)), T('B', 10, mean(80, 2))], 'A')).toMatchObject({ tested: true, difference: -30 });
  });
  it('a rate with no variance of its own is still compared, through the rest’s and its Wilson interval', () => {
    const c = compareWithRest([T('A', 1, rate(0, 40)), T('B', 1, rate(60, 100)), T('C', 1, rate(62, 100))], 'A');
    expect(c).toMatchObject({ tested: true, intervalSide: 'below' });
  });
});

describe('judgeAgainstRest and compareTownshipsWithRest', () => {
  it('finds the township significantly below the rest, and those significantly above on the good side', () => {
    expect(verdicts([T('A', 100, mean(60, 2)), T('B', 100, mean(85, 2)), T('C', 100, mean(86, 2)), T('D', 100, mean(84, 2)), T('E', 100, { suppressed: true, n: 3 })])).toEqual([
      'A worse',
      'B better',
      'C better',
      'D better',
      'E not_tested',
    ]);
  });
  it('for a figure where lower is better (dissatisfaction) the bad side is above', () => {
    const high = [T('A', 100, mean(0.4, 0.02)), T('B', 100, mean(0.1, 0.02)), T('C', 100, mean(0.1, 0.02))];
    expect(verdicts(high, false)).toEqual(['A worse', 'B better', 'C better']);
    expect(verdicts(high, true)).toEqual(['A better', 'B worse', 'C worse']);
  });
  it('a township 3 points lower on n = 40 is not called weak', () => {
    // se of a 0–100 index on 40 interviews, sd ≈ 20: about 3.2; the rest of twelve townships of 40.
    const townships = [T('A', 50_000, mean(77, 3.2, 40)), ...Array.from({ length: 12 }, (_, k) => T(`B${k}`, 50_000, mean(80, 3.2, 40)))];
    const [a] = compareTownshipsWithRest({ townships });
    expect(a).toMatchObject({ code: 'A', tested: true, verdict: 'no_measurable_difference' });
    expect(a!.tested && a!.difference).toBeCloseTo(-3, 10);
  });
  it('Holm: a p significant alone does not survive the adjustment across eight townships', () => {
    const many = [T('A', 100, mean(78, 1.5)), ...'BCDEFGH'.split('').map((c) => T(c, 100, mean(82, 1.5)))];
    const [a] = compareTownshipsWithRest({ townships: many });
    expect(a!.tested && a!.p).toBeLessThan(0.05);
    expect(a!.pAdjusted).toBeGreaterThan(0.05);
    expect(a!.verdict).toBe('no_measurable_difference');
    // The same two townships alone: one test, no adjustment, significant.
    expect(compareTownshipsWithRest({ townships: [many[0]!, T('B', 700, mean(82, 1.5 / Math.sqrt(7)))] })[0]!.verdict).toBe('worse');
  });
  it('never names a township whose own interval contains the rest’s figure, however small its standard error', () => {
    // 0 of 5 heard of the policy: Wald se 0, Wilson interval 0–43%; the rest at 30% lies inside it.
    const small = [T('A', 1, rate(0, 5)), T('B', 1, rate(30, 100)), T('C', 1, rate(30, 100))];
    const [a] = compareTownshipsWithRest({ townships: small });
    expect(a!.tested && a!.p).toBeLessThan(1e-6);
    expect(a).toMatchObject({ intervalSide: 'overlaps', verdict: 'no_measurable_difference' });
    // 0 of 40: the Wilson interval ends below 9%, well under the rest's 60%: named.
    const clear = [T('A', 1, rate(0, 40)), T('B', 1, rate(60, 100)), T('C', 1, rate(60, 100))];
    expect(compareTownshipsWithRest({ townships: clear })[0]!.verdict).toBe('worse');
  });
  it('small n: a t interval on 5 interviews wider than the z-test’s reach keeps the township unnamed', () => {
    // se 4 on n = 5: t(4) half-width 11.1; a difference of −9.5 passes z (p ≈ 0.017) but the interval reaches the rest.
    const townships = [T('A', 1, mean(70.5, 4, 5, 2.776 * 4)), T('B', 1, mean(80, 0.3, 400))];
    const [a] = compareTownshipsWithRest({ townships });
    expect(a!.tested && a!.p).toBeLessThan(0.05);
    expect(a).toMatchObject({ intervalSide: 'overlaps', verdict: 'no_measurable_difference' });
  });
  it('a township equal to the rest is not different; untested ones stay out of the adjustment', () => {
    const equal = compareTownshipsWithRest({ townships: [T('A', 1, mean(80, 2)), T('B', 1, mean(80, 2))] });
    expect(equal.map((j) => [j.verdict, j.pAdjusted])).toEqual([
      ['no_measurable_difference', 1],
      ['no_measurable_difference', 1],
    ]);
    const judged = judgeAgainstRest({ items: [{ comparison: { code: 'X', tested: false, reason: 'suppressed' } }, { comparison: compareWithRest([T('A', 1, mean(60, 2)), T('B', 1, mean(80, 2))], 'A') }] });
    expect(judged.map((j) => [j.verdict, j.pAdjusted === null])).toEqual([
      ['not_tested', true],
      ['worse', false],
    ]);
    // One test only: Holm leaves its p as it is.
    expect(judged[1]!.pAdjusted).toBe(judged[1]!.tested ? judged[1]!.p : NaN);
  });
  it('one family across several figures: judgeAgainstRest takes each item’s own direction', () => {
    const dissat = [T('A', 1, mean(0.4, 0.02)), T('B', 1, mean(0.1, 0.02))];
    const index = [T('A', 1, mean(60, 2)), T('B', 1, mean(80, 2))];
    const judged = judgeAgainstRest({ items: [{ comparison: compareWithRest(dissat, 'A'), higherIsBetter: false }, { comparison: compareWithRest(index, 'A') }] });
    expect(judged.map((j) => j.verdict)).toEqual(['worse', 'worse']);
  });
  it('answers nothing for no townships, and refuses an alpha outside (0, 1)', () => {
    expect(compareTownshipsWithRest({ townships: [] })).toEqual([]);
    expect(() => judgeAgainstRest({ items: [], alpha: 5 })).toThrow(RangeError);
  });
  it('the verdicts do not depend on the order of the townships', () => {
    const list = [T('A', 3, mean(60, 2)), T('B', 7, mean(70, 3)), T('C', 11, mean(80, 1)), T('D', 2, mean(75, 4)), T('E', 5, mean(90, 2))];
    const sorted = (js: ReturnType<typeof compareTownshipsWithRest>) => js.map((j) => `${j.code} ${j.verdict} ${j.pAdjusted?.toFixed(12)}`).sort();
    expect(sorted(compareTownshipsWithRest({ townships: [...list].reverse() }))).toEqual(sorted(compareTownshipsWithRest({ townships: list })));
  });
});
