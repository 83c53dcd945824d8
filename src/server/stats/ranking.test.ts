import { describe, expect, it } from 'vitest';
import { normalUpperTail } from './normal.ts';
import { adjustPValues, rankEstimates, type RankItem } from './ranking.ts';
import { seededRandom } from './testing/seeded-random.ts';

describe('adjustPValues', () => {
  it('Holm (1979) step-down, checked by hand', () => {
    // m = 4, sorted p: 0.005, 0.01, 0.03, 0.04 → 4·0.005 = 0.02, 3·0.01 = 0.03, 2·0.03 = 0.06,
    // 1·0.04 = 0.04 → running maximum 0.02, 0.03, 0.06, 0.06; back in input order:
    const adjusted = adjustPValues({ pValues: [0.01, 0.04, 0.03, 0.005], adjustment: 'holm' });
    [0.03, 0.06, 0.06, 0.02].forEach((value, i) => expect(adjusted[i]).toBeCloseTo(value, 15));
  });

  it('Bonferroni multiplies by m and caps at 1', () => {
    const adjusted = adjustPValues({ pValues: [0.01, 0.04, 0.3, 0.005], adjustment: 'bonferroni' });
    [0.04, 0.16, 1, 0.02].forEach((value, i) => expect(adjusted[i]).toBeCloseTo(value, 15));
  });

  it('Holm never exceeds Bonferroni and never goes below the raw p', () => {
    const random = seededRandom(1979);
    for (let k = 0; k < 200; k++) {
      const pValues = Array.from({ length: random.int(1, 30) }, () => random.next() ** 3);
      const holm = adjustPValues({ pValues, adjustment: 'holm' });
      const bonferroni = adjustPValues({ pValues, adjustment: 'bonferroni' });
      pValues.forEach((p, i) => {
        expect(holm[i]).toBeGreaterThanOrEqual(p);
        expect(holm[i]).toBeLessThanOrEqual((bonferroni[i] ?? 1) + 1e-15);
      });
    }
  });

  it('rejects p-values outside [0, 1] and unknown methods', () => {
    expect(() => adjustPValues({ pValues: [1.2], adjustment: 'holm' })).toThrow(RangeError);
    expect(() => adjustPValues({ pValues: [0.2], adjustment: 'sidak' as 'holm' })).toThrow(RangeError);
  });
});

// Thirteen townships with satisfaction indexes and standard errors of a typical round
// (about 200 interviews each, s ≈ 25 points → SE ≈ 1.8).
const NINGYANG: RankItem[] = [
  { id: '文庙街道', estimate: 86.2, standardError: 1.6 },
  { id: '八仙桥街道', estimate: 85.9, standardError: 1.7 },
  { id: '泗店镇', estimate: 83.1, standardError: 1.8 },
  { id: '东疏镇', estimate: 82.7, standardError: 1.9 },
  { id: '伏山镇', estimate: 82.7, standardError: 1.8 },
  { id: '堽城镇', estimate: 81.0, standardError: 1.7 },
  { id: '蒋集镇', estimate: 79.4, standardError: 2.0 },
  { id: '磁窑镇', estimate: 78.8, standardError: 1.8 },
  { id: '华丰镇', estimate: 77.5, standardError: 1.9 },
  { id: '葛石镇', estimate: 76.0, standardError: 1.8 },
  { id: '东庄镇', estimate: 74.2, standardError: 2.1 },
  { id: '鹤山镇', estimate: 72.9, standardError: 1.8 },
  { id: '乡饮乡', estimate: 68.4, standardError: 2.2 },
];

describe('rankEstimates', () => {
  it('a hand-checked three-township example', () => {
    // A − B = 3, SE √(1² + 1²) = 1.414 → z = 2.121, p = 0.0339; A − C = 8 → z = 5.657; B − C = 5 → z = 3.536.
    // Holm with m = 3: p(AC) ≈ 1.5e-8 → ×3; p(BC) = 0.000407 → ×2 = 0.000813; p(AB) = 0.0339 → ×1 = 0.0339.
    // All three below 0.05: ranks are certain.
    const ranking = rankEstimates({
      items: [
        { id: 'C', estimate: 82, standardError: 1 },
        { id: 'A', estimate: 90, standardError: 1 },
        { id: 'B', estimate: 87, standardError: 1 },
      ],
    });
    expect(ranking.items.map((t) => [t.id, t.rank, t.bestRank, t.worstRank])).toEqual([
      ['A', 1, 1, 1],
      ['B', 2, 2, 2],
      ['C', 3, 3, 3],
    ]);
    const ab = ranking.comparisons.find((c) => c.a === 'A' && c.b === 'B');
    expect(ab?.z).toBeCloseTo(3 / Math.SQRT2, 12);
    expect(ab?.p).toBeCloseTo(2 * normalUpperTail(3 / Math.SQRT2), 14);
    expect(ab?.p).toBeCloseTo(0.0339, 4);
    expect(ab?.adjustedP).toBeCloseTo(ab?.p ?? Number.NaN, 14);
    expect(ranking.comparisons.find((c) => c.a === 'B' && c.b === 'C')?.adjustedP).toBeCloseTo(2 * 2 * normalUpperTail(5 / Math.SQRT2), 14);
  });

  it('Bonferroni is stricter: the same A–B difference is no longer significant', () => {
    const items = [
      { id: 'A', estimate: 90, standardError: 1 },
      { id: 'B', estimate: 87, standardError: 1 },
      { id: 'C', estimate: 82, standardError: 1 },
    ];
    const ranking = rankEstimates({ items, adjustment: 'bonferroni' });
    // 3 × 0.0339 = 0.1018 ≥ 0.05.
    expect(ranking.items.map((t) => [t.id, t.bestRank, t.worstRank])).toEqual([
      ['A', 1, 2],
      ['B', 1, 2],
      ['C', 3, 3],
    ]);
    expect(ranking.items[0]?.notSignificantlyDifferent).toEqual(['B']);
  });

  it('ranks the thirteen townships with plausible rank ranges', () => {
    const ranking = rankEstimates({ items: NINGYANG });
    const top = ranking.items[0];
    const bottom = ranking.items[12];
    expect(top?.id).toBe('文庙街道');
    expect(top?.bestRank).toBe(1);
    expect(bottom?.id).toBe('乡饮乡');
    expect(bottom?.worstRank).toBe(13);
    // Equal estimates share a rank, and the tie is ordered by id (code-unit order), not by input.
    const tied = ranking.items.filter((t) => t.estimate === 82.7);
    expect(tied.map((t) => t.rank)).toEqual([4, 4]);
    expect(tied.map((t) => t.id)).toEqual(['东疏镇', '伏山镇']); // U+4E1C 东 before U+4F0F 伏
    expect(ranking.items[5]?.rank).toBe(6);
    // The top two are indistinguishable from each other.
    expect(top?.notSignificantlyDifferent).toContain('八仙桥街道');
    expect(ranking.comparisons).toHaveLength((13 * 12) / 2);
  });

  it('lower-is-better orders a dissatisfaction rate ascending', () => {
    const ranking = rankEstimates({
      items: [
        { id: 'a', estimate: 0.12, standardError: 0.01 },
        { id: 'b', estimate: 0.05, standardError: 0.01 },
      ],
      higherIsBetter: false,
    });
    expect(ranking.items.map((t) => t.id)).toEqual(['b', 'a']);
    expect(ranking.items[0]).toMatchObject({ rank: 1, bestRank: 1, worstRank: 1 });
  });

  it('exact estimates (SE 0) differ significantly unless equal', () => {
    const ranking = rankEstimates({
      items: [
        { id: 'a', estimate: 80, standardError: 0 },
        { id: 'b', estimate: 79.9, standardError: 0 },
        { id: 'c', estimate: 79.9, standardError: 0 },
      ],
    });
    expect(ranking.items.map((t) => [t.id, t.rank, t.bestRank, t.worstRank])).toEqual([
      ['a', 1, 1, 1],
      ['b', 2, 2, 3],
      ['c', 2, 2, 3],
    ]);
  });

  describe('properties', () => {
    const random = seededRandom(13);
    const cases = Array.from({ length: 150 }, () =>
      Array.from({ length: random.int(1, 15) }, (_, h) => ({
        id: `t${String(h).padStart(2, '0')}`,
        estimate: Math.round(random.real(60, 95)),
        standardError: random.real(0.5, 4),
      })),
    );

    it('the rank interval contains the rank and the significance relation is symmetric', () => {
      for (const items of cases) {
        const ranking = rankEstimates({ items });
        for (const t of ranking.items) {
          expect(t.bestRank).toBeGreaterThanOrEqual(1);
          expect(t.bestRank).toBeLessThanOrEqual(t.rank);
          expect(t.worstRank).toBeGreaterThanOrEqual(t.rank);
          expect(t.worstRank).toBeLessThanOrEqual(items.length);
          for (const other of t.notSignificantlyDifferent) {
            expect(ranking.items.find((u) => u.id === other)?.notSignificantlyDifferent).toContain(t.id);
          }
        }
      }
    });

    it('is independent of input order', () => {
      for (const items of cases) {
        const shuffled = [...items];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = random.int(0, i);
          [shuffled[i], shuffled[j]] = [shuffled[j] as RankItem, shuffled[i] as RankItem];
        }
        expect(rankEstimates({ items: shuffled })).toEqual(rankEstimates({ items }));
      }
    });

    it('every Bonferroni-significant pair is Holm-significant', () => {
      for (const items of cases) {
        const holm = rankEstimates({ items }).comparisons;
        const bonferroni = rankEstimates({ items, adjustment: 'bonferroni' }).comparisons;
        bonferroni.forEach((c, k) => {
          if (c.significant) expect(holm[k]?.significant).toBe(true);
        });
      }
    });

    it('estimates are in ranking order and ranks are competition ranks', () => {
      for (const items of cases) {
        const ranked = rankEstimates({ items }).items;
        ranked.forEach((t, i) => {
          if (i > 0) expect(t.estimate).toBeLessThanOrEqual(ranked[i - 1]?.estimate ?? Infinity);
          expect(t.rank).toBe(1 + ranked.filter((u) => u.estimate > t.estimate).length);
        });
      }
    });
  });

  it('rejects duplicates and non-finite inputs', () => {
    expect(() => rankEstimates({ items: [{ id: 'a', estimate: 1, standardError: 1 }, { id: 'a', estimate: 2, standardError: 1 }] })).toThrow(RangeError);
    expect(() => rankEstimates({ items: [{ id: 'a', estimate: Number.NaN, standardError: 1 }] })).toThrow(RangeError);
    expect(() => rankEstimates({ items: [{ id: 'a', estimate: 1, standardError: -1 }] })).toThrow(RangeError);
    expect(() => rankEstimates({ items: [], alpha: 0 })).toThrow(RangeError);
  });

  it('handles an empty list and a single township', () => {
    expect(rankEstimates({ items: [] })).toEqual({ items: [], comparisons: [] });
    expect(rankEstimates({ items: [{ id: 'a', estimate: 70, standardError: 2 }] }).items[0]).toMatchObject({ rank: 1, bestRank: 1, worstRank: 1, notSignificantlyDifferent: [] });
  });
});
