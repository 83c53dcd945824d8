import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../stats/index.ts';
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

/* A figure of k heard of n as computeWaveResults gives it: the Wilson interval, the standard error √(p(1−p)/n). */
const rate = (k: number, n: number): CellFigure => {
  if (n < 5) return { suppressed: true, n };
  const p = k / n;
  return { suppressed: false, n, estimate: p, standardError: Math.sqrt((p * (1 - p)) / n), interval: wilsonInterval({ successes: k, n })!.interval };
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

  it('lists only the cells significantly below the rest of the county, with the county’s figure beside them', () => {
    const input = build({ A: { dibao: [10, 100], pension: [70, 100] }, B: { dibao: [70, 100], pension: [72, 100] }, C: { dibao: [72, 100], pension: [68, 100] }, D: { dibao: [75, 100], pension: [65, 100] } });
    const { items, tested } = lowestAwarenessCells(input);
    expect(tested).toBe(8);
    expect(items.map((i) => [i.townshipCode, i.policyCode, i.significantlyBelow])).toEqual([['A', 'dibao', true]]);
    expect(items[0]!.adjustedP).toBeLessThan(0.05);
    expect(items[0]!.countyEstimate).toBeCloseTo((0.1 + 0.7 + 0.72 + 0.75) / 4, 10);
  });

  it('does not name the lowest estimate when its interval cannot separate it from the county', () => {
    // D's pension (65%) is the lowest remaining estimate; it used to be listed after the significant cells.
    const input = build({ A: { pension: [70, 100] }, B: { pension: [72, 100] }, C: { pension: [68, 100] }, D: { pension: [65, 100] } });
    expect(lowestAwarenessCells(input).items).toEqual([]);
  });

  it('a township 10 points lower on n = 40 is not named: its interval reaches the rest of the county', () => {
    // 24 of 40 (60%, Wilson 44.6%–73.6%) against three townships at 70%.
    const input = build({ A: { dibao: [24, 40] }, B: { dibao: [70, 100] }, C: { dibao: [70, 100] }, D: { dibao: [70, 100] } });
    expect(lowestAwarenessCells(input).items).toEqual([]);
  });

  it('0 of 5 who heard of a policy is not named against a rest at 30% (its Wilson interval reaches 43%), 0 of 40 against 60% is', () => {
    expect(lowestAwarenessCells(build({ A: { dibao: [0, 5] }, B: { dibao: [30, 100] }, C: { dibao: [30, 100] } })).items).toEqual([]);
    expect(lowestAwarenessCells(build({ A: { dibao: [0, 40] }, B: { dibao: [60, 100] }, C: { dibao: [60, 100] } })).items.map((i) => i.townshipCode)).toEqual(['A']);
  });

  it('is the same z-test as against the county that contains the township (its covariance taken into account)', () => {
    // Two townships: the county is their mean, so p_A − p_county = (p_A − p_B)/2 with variance (se_A² + se_B²)/4 — the same z as p_A − p_B over √(se_A² + se_B²).
    const input = build({ A: { dibao: [40, 100] }, B: { dibao: [60, 100] } });
    const se = Math.sqrt(0.24 / 100);
    const z = -0.1 / Math.sqrt((se ** 2 + se ** 2) / 4);
    const p = Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
    const a = lowestAwarenessCells(input).items.find((i) => i.townshipCode === 'A')!;
    // Holm over two equal p-values: both become 2p.
    expect(a.adjustedP).toBeCloseTo(Math.min(1, 2 * p), 6);
    expect(a.significantlyBelow).toBe(true);
  });

  it('Holm-adjusts over every tested cell: a difference significant alone is not among many', () => {
    const one = build({ A: { dibao: [55, 100] }, B: { dibao: [75, 100] }, C: { dibao: [75, 100] }, D: { dibao: [75, 100] } });
    const alone = lowestAwarenessCells(one).items.find((i) => i.townshipCode === 'A')!;
    expect(alone.significantlyBelow).toBe(true);
    const manyPolicies = Object.fromEntries(['A', 'B', 'C', 'D'].map((t) => [t, Object.fromEntries(Array.from({ length: 12 }, (_, k) => [`p${k}`, t === 'A' && k === 0 ? [60, 100] : [75, 100]]))])) as Record<string, Record<string, [number, number]>>;
    const oneOfMany = build({ A: { p0: [60, 100] }, B: { p0: [75, 100] }, C: { p0: [75, 100] }, D: { p0: [75, 100] } });
    expect(lowestAwarenessCells(oneOfMany).items.map((i) => i.townshipCode)).toEqual(['A']);
    expect(lowestAwarenessCells(build(manyPolicies)).items).toEqual([]);
  });

  it('never lists or tests a suppressed cell, and leaves it out of the rest of the county', () => {
    const input = build({ A: { dibao: [1, 4] }, B: { dibao: [50, 100] }, C: { dibao: [60, 100] } });
    const { items, tested } = lowestAwarenessCells(input);
    expect(items).toEqual([]);
    expect(tested).toBe(2);
  });

  it('a significantly higher cell is not "below"', () => {
    const input = build({ A: { dibao: [95, 100] }, B: { dibao: [50, 100] }, C: { dibao: [50, 100] } });
    expect(lowestAwarenessCells(input).items.some((i) => i.townshipCode === 'A')).toBe(false);
  });

  it('keeps every significant cell, lowest first', () => {
    const input = build({ A: { dibao: [5, 100], pension: [10, 100] }, B: { dibao: [80, 100], pension: [80, 100] }, C: { dibao: [80, 100], pension: [80, 100] }, D: { dibao: [80, 100], pension: [80, 100] } });
    expect(lowestAwarenessCells(input).items.map((i) => [i.townshipCode, i.policyCode])).toEqual([
      ['A', 'dibao'],
      ['A', 'pension'],
    ]);
  });

  it('tests from the townships’ own cells: a suppressed county figure only leaves its estimate out; a township without population is still compared', () => {
    const cells = [{ townshipCode: 'A', policyCode: 'dibao', figure: rate(2, 50) }, { townshipCode: 'Z', policyCode: 'dibao', figure: rate(30, 50) }];
    const suppressedCounty = lowestAwarenessCells({ cells, county: new Map([['dibao', { suppressed: true, n: 3 }]]), populations: new Map([['A', 1], ['Z', 1]]) });
    expect(suppressedCounty.tested).toBe(2);
    expect(suppressedCounty.items.map((i) => [i.townshipCode, i.countyEstimate])).toEqual([['A', null]]);
    const noPopulation = lowestAwarenessCells({ cells, county: new Map([['dibao', rate(30, 100)]]), populations: new Map([['Z', 10]]) });
    expect(noPopulation.items.map((i) => i.townshipCode)).toEqual(['A']);
  });

  it('a township that is the whole county is not compared', () => {
    const cells = [{ townshipCode: 'A', policyCode: 'dibao', figure: rate(3, 100) }];
    expect(lowestAwarenessCells({ cells, county: new Map([['dibao', rate(3, 100)]]), populations: new Map([['A', 5]]) })).toEqual({ tested: 0, items: [] });
  });

  it('orders ties by township and policy code, and answers nothing for no cells', () => {
    const input = build({ B: { x: [10, 100] }, A: { y: [10, 100], x: [10, 100] }, C: { x: [80, 100], y: [80, 100] }, D: { x: [80, 100], y: [80, 100] } });
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
