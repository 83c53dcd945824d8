import { describe, expect, it } from 'vitest';
import { lowestAwarenessCells, resolveAwarenessItems, type CellFigure } from './awareness-rules.ts';

describe('resolveAwarenessItems: the one resolver', () => {
  const known = new Set(['dibao', 'pension', 'old_policy']);
  // Every combination of: the question's own code (none / known / unknown) × the county's link (none / known / unknown).
  const own = [undefined, 'dibao', 'nope'] as const;
  const link = [undefined, 'pension', 'gone'] as const;
  for (const o of own) {
    for (const l of link) {
      it(`question ${o ?? '—'}, county link ${l ?? '—'}`, () => {
        const [r] = resolveAwarenessItems({ items: [{ questionCode: 'Q10a', policyCode: o }], countyLinks: new Map(l ? [['Q10a', l]] : []), knownPolicies: known });
        if (o === 'dibao') expect(r).toEqual({ questionCode: 'Q10a', status: 'linked', policyCode: 'dibao', source: 'questionnaire' });
        else if (l === 'pension') expect(r).toEqual({ questionCode: 'Q10a', status: 'linked', policyCode: 'pension', source: 'county_link' });
        else expect(r).toEqual({ questionCode: 'Q10a', status: 'unlinked' });
      });
    }
  }

  it('never guesses: a link for another question code does not apply', () => {
    expect(resolveAwarenessItems({ items: [{ questionCode: 'Q10b' }], countyLinks: new Map([['Q10a', 'dibao']]), knownPolicies: known })).toEqual([{ questionCode: 'Q10b', status: 'unlinked' }]);
  });

  it('the question’s own code wins over the county’s link', () => {
    const [r] = resolveAwarenessItems({ items: [{ questionCode: 'Q10a', policyCode: 'dibao' }], countyLinks: new Map([['Q10a', 'pension']]), knownPolicies: known });
    expect(r).toMatchObject({ policyCode: 'dibao', source: 'questionnaire' });
  });

  it('keeps one item per policy: later items resolving to a taken policy are duplicates, in questionnaire order', () => {
    const r = resolveAwarenessItems({
      items: [{ questionCode: 'Q10a' }, { questionCode: 'Q10b', policyCode: 'dibao' }, { questionCode: 'Q10c', policyCode: 'dibao' }, { questionCode: 'Q10d' }],
      countyLinks: new Map([['Q10a', 'pension'], ['Q10d', 'pension']]),
      knownPolicies: known,
    });
    expect(r).toEqual([
      { questionCode: 'Q10a', status: 'linked', policyCode: 'pension', source: 'county_link' },
      { questionCode: 'Q10b', status: 'linked', policyCode: 'dibao', source: 'questionnaire' },
      { questionCode: 'Q10c', status: 'duplicate', policyCode: 'dibao', source: 'questionnaire', firstQuestionCode: 'Q10b' },
      { questionCode: 'Q10d', status: 'duplicate', policyCode: 'pension', source: 'county_link', firstQuestionCode: 'Q10a' },
    ]);
  });

  it('an unlinked item does not take a policy', () => {
    const r = resolveAwarenessItems({ items: [{ questionCode: 'X' }, { questionCode: 'Y', policyCode: 'old_policy' }], countyLinks: new Map(), knownPolicies: known });
    expect(r.map((x) => x.status)).toEqual(['unlinked', 'linked']);
  });

  it('answers nothing for no items', () => {
    expect(resolveAwarenessItems({ items: [], countyLinks: new Map([['Q10a', 'dibao']]), knownPolicies: known })).toEqual([]);
  });
});

/* A Wilson-like figure of k heard of n (the standard error √(p(1−p)/n), as computeWaveResults gives it). */
const rate = (k: number, n: number): CellFigure => {
  if (n < 5) return { suppressed: true, n };
  const p = k / n;
  return { suppressed: false, n, estimate: p, standardError: Math.sqrt((p * (1 - p)) / n), interval: { lower: p - 0.1, upper: p + 0.1, confidence: 0.95 } };
};
/* The county as Σ W p with its standard error √Σ W² se² over the reportable townships (no fpc). */
const countyOf = (figures: { population: number; figure: CellFigure }[]): CellFigure => {
  const inc = figures.filter((f): f is { population: number; figure: Extract<CellFigure, { suppressed: false }> } => !f.figure.suppressed);
  const total = inc.reduce((s, f) => s + f.population, 0);
  const estimate = inc.reduce((s, f) => s + (f.population / total) * f.figure.estimate, 0);
  const se = Math.sqrt(inc.reduce((s, f) => s + (f.population / total) ** 2 * f.figure.standardError! ** 2, 0));
  return { suppressed: false, n: inc.reduce((s, f) => s + f.figure.n, 0), estimate, standardError: se, interval: null };
};

describe('lowestAwarenessCells: where awareness is lowest', () => {
  const populations = new Map([['A', 40_000], ['B', 40_000], ['C', 40_000], ['D', 40_000]]);
  const build = (cells: Record<string, Record<string, [number, number]>>) => {
    const list = Object.entries(cells).flatMap(([t, byPolicy]) => Object.entries(byPolicy).map(([policyCode, [k, n]]) => ({ townshipCode: t, policyCode, figure: rate(k, n) })));
    const policies = [...new Set(list.map((c) => c.policyCode))];
    const county = new Map(policies.map((p) => [p, countyOf(list.filter((c) => c.policyCode === p).map((c) => ({ population: populations.get(c.townshipCode)!, figure: c.figure })))]));
    return { cells: list, county, populations };
  };

  it('lists a cell significantly below the county first, then the lowest estimates', () => {
    const input = build({ A: { dibao: [10, 100], pension: [70, 100] }, B: { dibao: [70, 100], pension: [72, 100] }, C: { dibao: [72, 100], pension: [68, 100] }, D: { dibao: [75, 100], pension: [65, 100] } });
    const { items, tested } = lowestAwarenessCells({ ...input, limit: 3 });
    expect(tested).toBe(8);
    expect(items.map((i) => [i.townshipCode, i.policyCode, i.significantlyBelow])).toEqual([
      ['A', 'dibao', true],
      ['D', 'pension', false],
      ['C', 'pension', false],
    ]);
    expect(items[0]!.adjustedP).toBeLessThan(0.05);
    expect(items[0]!.countyEstimate).toBeCloseTo((0.1 + 0.7 + 0.72 + 0.75) / 4, 10);
  });

  it('uses the covariance of a township with the county that contains it', () => {
    // Two townships: the county is their mean, so p_A − p_county = (p_A − p_B)/2 with variance (se_A² + se_B²)/4.
    const input = build({ A: { dibao: [40, 100] }, B: { dibao: [60, 100] } });
    const { items } = lowestAwarenessCells(input);
    const seA = Math.sqrt(0.24 / 100);
    const seB = Math.sqrt(0.24 / 100);
    const z = -0.1 / Math.sqrt((seA ** 2 + seB ** 2) / 4);
    const p = Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
    const a = items.find((i) => i.townshipCode === 'A')!;
    // Holm over two equal p-values: both become 2p.
    expect(a.adjustedP).toBeCloseTo(Math.min(1, 2 * p), 6);
    expect(a.significantlyBelow).toBe(2 * p < 0.05);
  });

  it('Holm-adjusts over every tested cell: a difference significant alone is not among many', () => {
    const one = build({ A: { dibao: [55, 100] }, B: { dibao: [75, 100] }, C: { dibao: [75, 100] }, D: { dibao: [75, 100] } });
    const alone = lowestAwarenessCells(one).items.find((i) => i.townshipCode === 'A')!;
    expect(alone.significantlyBelow).toBe(true);
    const manyPolicies = Object.fromEntries(['A', 'B', 'C', 'D'].map((t) => [t, Object.fromEntries(Array.from({ length: 12 }, (_, k) => [`p${k}`, t === 'A' && k === 0 ? [55, 100] : [75, 100]]))])) as Record<string, Record<string, [number, number]>>;
    const many = lowestAwarenessCells(build(manyPolicies)).items.find((i) => i.townshipCode === 'A' && i.policyCode === 'p0')!;
    expect(many.adjustedP!).toBeGreaterThan(alone.adjustedP!);
  });

  it('never lists a suppressed cell, and leaves it out of the county’s weights', () => {
    const input = build({ A: { dibao: [1, 4] }, B: { dibao: [50, 100] }, C: { dibao: [60, 100] } });
    const { items, tested } = lowestAwarenessCells(input);
    expect(items.map((i) => i.townshipCode)).toEqual(['B', 'C']);
    expect(tested).toBe(2);
  });

  it('a significantly higher cell is not "below"', () => {
    const input = build({ A: { dibao: [95, 100] }, B: { dibao: [50, 100] }, C: { dibao: [50, 100] } });
    const a = lowestAwarenessCells(input).items.find((i) => i.townshipCode === 'A')!;
    expect(a.adjustedP).toBeLessThan(0.05);
    expect(a.significantlyBelow).toBe(false);
  });

  it('keeps every significant cell even beyond the limit, and cuts only the rest', () => {
    const input = build({ A: { dibao: [5, 100], pension: [5, 100] }, B: { dibao: [80, 100], pension: [80, 100] }, C: { dibao: [80, 100], pension: [80, 100] }, D: { dibao: [80, 100], pension: [80, 100] } });
    const { items } = lowestAwarenessCells({ ...input, limit: 1 });
    expect(items.map((i) => [i.townshipCode, i.significantlyBelow])).toEqual([['A', true], ['A', true]]);
  });

  it('does not test a cell when the county figure is suppressed or has no standard error, nor a township without population', () => {
    const cells = [{ townshipCode: 'A', policyCode: 'dibao', figure: rate(10, 50) }, { townshipCode: 'Z', policyCode: 'dibao', figure: rate(20, 50) }];
    const suppressedCounty = lowestAwarenessCells({ cells, county: new Map([['dibao', { suppressed: true, n: 3 }]]), populations: new Map([['A', 1], ['Z', 1]]) });
    expect(suppressedCounty.tested).toBe(0);
    expect(suppressedCounty.items.map((i) => [i.townshipCode, i.adjustedP, i.countyEstimate])).toEqual([['A', null, null], ['Z', null, null]]);
    const noPopulation = lowestAwarenessCells({ cells, county: new Map([['dibao', rate(30, 100)]]), populations: new Map([['A', 10]]) });
    expect(noPopulation.tested).toBe(1);
    expect(noPopulation.items.find((i) => i.townshipCode === 'Z')!.adjustedP).toBeNull();
  });

  it('a single township equal to its county is not different (no variance, no difference)', () => {
    const cells = [{ townshipCode: 'A', policyCode: 'dibao', figure: rate(30, 100) }];
    const county = new Map([['dibao', rate(30, 100)]]);
    const { items } = lowestAwarenessCells({ cells, county, populations: new Map([['A', 5]]) });
    expect(items[0]).toMatchObject({ adjustedP: 1, significantlyBelow: false });
  });

  it('orders ties by township and policy code, and answers nothing for no cells', () => {
    const input = build({ B: { x: [50, 100] }, A: { y: [50, 100], x: [50, 100] } });
    expect(lowestAwarenessCells(input).items.map((i) => `${i.townshipCode}:${i.policyCode}`)).toEqual(['A:x', 'A:y', 'B:x']);
    expect(lowestAwarenessCells({ cells: [], county: new Map(), populations: new Map() })).toEqual({ tested: 0, items: [] });
  });
});

/* The normal CDF, written out (Abramowitz–Stegun 7.1.26 is too coarse here: use erf by series). */
function normalCdf(z: number): number {
  // erf by its Taylor series, enough terms for |z| < 6.
  const x = z / Math.SQRT2;
  let sum = 0;
  let term = x;
  for (let n = 0; n < 200; n++) {
    sum += term / (2 * n + 1);
    term *= (-x * x) / (n + 1);
  }
  return 0.5 * (1 + (2 / Math.sqrt(Math.PI)) * sum);
}
