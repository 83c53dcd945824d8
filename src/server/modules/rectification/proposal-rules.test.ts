import { describe, expect, it } from 'vitest';
import type { TEstimate } from '../../../shared/schemas/survey-results.ts';
import { belowCountyTests, belowThreshold, caseSurgeP, figureRules, isCasePilingUp, proposeFromResults, type AreaFigures, type FigureRule } from './proposal-rules.ts';

const est = (estimate: number, se: number, n = 100, half = 1.96 * se): TEstimate => ({ suppressed: false, n, estimate, standardError: se, interval: { lower: estimate - half, upper: estimate + half, confidence: 0.95 }, df: n - 1, method: 't' });
const suppressed: TEstimate = { suppressed: true, n: 4 };
const INDEX: FigureRule = { key: 'index', higherIsBetter: true, threshold: 80 };
const DISSAT: FigureRule = { key: 'dissatisfaction', higherIsBetter: false, threshold: 0.15 };

describe('belowThreshold', () => {
  it.each([
    // estimate, se, threshold rule, expected
    [72, 2, INDEX, true], // 68.1–75.9: all below 80
    [78, 2, INDEX, false], // 74.1–81.9 reaches 80
    [79.9, 0.01, INDEX, true],
    [80, 0, INDEX, false], // on the threshold is not below
    [85, 2, INDEX, false],
    [0.25, 0.02, DISSAT, true], // 0.21–0.29 all above 0.15
    [0.17, 0.02, DISSAT, false], // 0.13–0.21 reaches below
    [0.1, 0.02, DISSAT, false],
    [0.15, 0, DISSAT, false],
  ] as const)('estimate %d (se %d) against %o → %s', (e, se, rule, expected) => {
    expect(belowThreshold(est(e, se), rule)).toBe(expected);
  });
  it('never proposes a suppressed figure or one without an interval', () => {
    expect(belowThreshold(suppressed, INDEX)).toBe(false);
    expect(belowThreshold({ suppressed: false, n: 10, estimate: 10, standardError: null, interval: null, df: null, method: 't' }, INDEX)).toBe(false);
  });
});

describe('belowCountyTests', () => {
  const townships = [
    { code: 'A', population: 100, estimate: est(60, 2) },
    { code: 'B', population: 100, estimate: est(85, 2) },
    { code: 'C', population: 100, estimate: est(86, 2) },
    { code: 'D', population: 100, estimate: est(84, 2) },
    { code: 'E', population: 100, estimate: suppressed },
  ];
  it('finds the township significantly below the rest, Holm-adjusted, and skips suppressed ones', () => {
    const tests = belowCountyTests(townships, INDEX);
    expect(tests.map((t) => t.code)).toEqual(['A', 'B', 'C', 'D']);
    const a = tests.find((t) => t.code === 'A')!;
    const se = Math.sqrt(4 + 4 / 3);
    expect(a.z).toBeCloseTo((60 - 85) / se, 10);
    expect(a.worse).toBe(true);
    expect(a.pAdjusted).toBeGreaterThanOrEqual(a.p);
    // B, C, D are above A's rest but not on the bad side significantly.
    expect(tests.filter((t) => t.worse).map((t) => t.code)).toEqual(['A']);
  });
  it('a township significantly above the rest is never "worse"; for dissatisfaction the bad side is above', () => {
    const high = [
      { code: 'A', population: 100, estimate: est(0.4, 0.02) },
      { code: 'B', population: 100, estimate: est(0.1, 0.02) },
      { code: 'C', population: 100, estimate: est(0.1, 0.02) },
    ];
    expect(belowCountyTests(high, DISSAT).filter((t) => t.worse).map((t) => t.code)).toEqual(['A']);
    // The same figures read as "higher is better": now the low ones are the bad side, A never.
    expect(belowCountyTests(high, { ...DISSAT, higherIsBetter: true }).filter((t) => t.worse).map((t) => t.code)).toEqual(['B', 'C']);
  });
  it('does not propose on a difference the intervals cannot support', () => {
    const close = [
      { code: 'A', population: 100, estimate: est(78, 3) },
      { code: 'B', population: 100, estimate: est(82, 3) },
      { code: 'C', population: 100, estimate: est(81, 3) },
    ];
    expect(belowCountyTests(close, INDEX).some((t) => t.worse)).toBe(false);
  });
  it('Holm: a p that is significant alone may not survive the adjustment across townships', () => {
    // Eight townships; A is below the rest with an unadjusted p ≈ 0.02, which Holm multiplies by 8.
    const many = [{ code: 'A', population: 100, estimate: est(78, 1.5) }, ...'BCDEFGH'.split('').map((c) => ({ code: c, population: 100, estimate: est(82, 1.5) }))];
    const a = belowCountyTests(many, INDEX).find((t) => t.code === 'A')!;
    expect(a.p).toBeLessThan(0.05);
    expect(a.pAdjusted).toBeGreaterThan(0.05);
    expect(a.worse).toBe(false);
  });
});

describe('proposeFromResults', () => {
  const area = (code: string, population: number, figures: Record<string, TEstimate>): AreaFigures => ({ code, population, figure: (k) => figures[k] });
  const rules = figureRules(['Q2'], { indexThreshold: 80, domainScoreThreshold: 75, dissatisfactionThreshold: 0.15 });
  it('proposes below-threshold and below-county figures once each, with their evidence', () => {
    const townships = [
      area('A', 100, { index: est(70, 2), dissatisfaction: est(0.3, 0.03), 'domain:Q2:score': est(90, 2) }),
      area('B', 100, { index: est(88, 1), dissatisfaction: est(0.05, 0.01), 'domain:Q2:score': est(76, 0.5) }),
      area('C', 100, { index: est(89, 1), dissatisfaction: est(0.05, 0.01), 'domain:Q2:score': est(92, 1) }),
      area('D', 100, { index: suppressed, dissatisfaction: suppressed, 'domain:Q2:score': suppressed }),
    ];
    const county = area('X', 400, { index: est(82, 1), dissatisfaction: est(0.13, 0.01), 'domain:Q2:score': est(86, 1) });
    const p = proposeFromResults({ county, townships, rules });
    expect(p.map((x) => `${x.townshipCode} ${x.figureKey} ${x.evidence.reason}`)).toEqual(['A index below_threshold', 'A dissatisfaction below_threshold', 'B domain:Q2:score below_county']);
    const a = p[0]!.evidence;
    expect(a).toMatchObject({ kind: 'survey', figureKey: 'index', threshold: 80, township: { estimate: 70, n: 100, standardError: 2 }, county: { estimate: 82 } });
    expect(a.p).toBeLessThan(0.05);
    expect(a.rest!.estimate).toBeCloseTo(88.5, 10);
    expect(p[2]!.evidence.p).toBeLessThan(0.05);
    expect(p.some((x) => x.townshipCode === 'D')).toBe(false);
  });
  it('figureRules lists the index, dissatisfaction and each domain score with their direction', () => {
    expect(rules.map((r) => [r.key, r.higherIsBetter, r.threshold])).toEqual([
      ['index', true, 80],
      ['dissatisfaction', false, 0.15],
      ['domain:Q2:score', true, 75],
    ]);
  });
});

describe('cases piling up', () => {
  /** P(X ≥ k) for X ~ Binomial(n, ½), written out. */
  const binomialTail = (k: number, n: number) => {
    let s = 0;
    for (let x = k; x <= n; x++) {
      let c = 1;
      for (let i = 0; i < x; i++) c = (c * (n - i)) / (i + 1);
      s += c / 2 ** n;
    }
    return s;
  };
  it('caseSurgeP is the exact binomial tail of the conditional test, for every small pair of counts', () => {
    for (let recent = 0; recent <= 25; recent++) for (let previous = 0; previous <= 25; previous++) expect(caseSurgeP(recent, previous)).toBeCloseTo(recent === 0 ? 1 : binomialTail(recent, recent + previous), 9);
  });
  it('refuses counts that are not whole numbers ≥ 0', () => {
    expect(() => caseSurgeP(-1, 2)).toThrow(RangeError);
    expect(() => caseSurgeP(1.5, 2)).toThrow(RangeError);
  });
  it.each([
    [10, 2, 5, true],
    [4, 0, 5, false], // p = 1/16 and below the minimum
    [5, 0, 5, true], // p = 1/32
    [6, 6, 5, false],
    [20, 10, 5, null], // near the edge: whatever the exact tail says
  ])('recent %d, previous %d, minimum %d', (recent, previous, minCount, expected) => {
    const r = isCasePilingUp({ recent, previous, minCount, alpha: 0.05 });
    expect(r.pilingUp).toBe(recent >= minCount && binomialTail(recent, recent + previous) < 0.05);
    if (expected !== null) expect(r.pilingUp).toBe(expected);
  });
});
