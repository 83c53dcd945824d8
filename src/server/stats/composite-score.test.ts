import { describe, expect, it } from 'vitest';
import { MissingComponentError, compositeScores, type CompositeComponent } from './composite-score.ts';

const components: CompositeComponent[] = [
  { key: 'index', weight: 0.5, scaling: { kind: 'fixed', worst: 60, best: 100 } },
  { key: 'dissatisfied', weight: 0.2, scaling: { kind: 'fixed', worst: 0.3, best: 0.05 } },
  { key: 'coverage', weight: 0.3, scaling: { kind: 'relative', higherIsBetter: true } },
];
const township = (id: string, index: number, indexSe: number, dissatisfied: number, coverage: number, adjustment = 0) => ({
  id,
  adjustment,
  values: { index: { estimate: index, standardError: indexSe }, dissatisfied: { estimate: dissatisfied, standardError: 0.01 }, coverage: { estimate: coverage, standardError: 0 } },
});

describe('compositeScores', () => {
  it('scales, weights and adds the adjustment', () => {
    const { items } = compositeScores({ components, townships: [township('a', 80, 2, 0.1, 0.9, 1.5), township('b', 70, 2, 0.2, 0.5)] });
    const a = items.find((i) => i.id === 'a')!;
    // index 80 → 50 points, dissatisfied 0.1 → 80 points, coverage best → 100; 0.5·50 + 0.2·80 + 0.3·100 + 1.5
    expect(a.components.index!.points).toBeCloseTo(50, 10);
    expect(a.components.dissatisfied!.points).toBeCloseTo(80, 10);
    expect(a.components.coverage!.points).toBe(100);
    expect(a.estimate).toBeCloseTo(25 + 16 + 30 + 1.5, 10);
    const b = items.find((i) => i.id === 'b')!;
    expect(b.components.coverage!.points).toBe(0);
    expect(a.rank).toBe(1);
  });

  it('carries the survey’s standard error through the linear scaling and the weights', () => {
    const { items } = compositeScores({ components, townships: [township('a', 80, 2, 0.1, 0.9), township('b', 70, 2, 0.2, 0.5)] });
    const a = items.find((i) => i.id === 'a')!;
    // index se 2 → 5 points; dissatisfied se 0.01 → 4 points; coverage exact
    expect(a.components.index!.standardError).toBeCloseTo(5, 10);
    expect(a.components.dissatisfied!.standardError).toBeCloseTo(4, 10);
    expect(a.standardError).toBeCloseTo(Math.sqrt((0.5 * 5) ** 2 + (0.2 * 4) ** 2), 10);
  });

  it('says which places the uncertainty cannot separate', () => {
    const close = compositeScores({ components, townships: [township('a', 80, 4, 0.1, 0.7), township('b', 79, 4, 0.1, 0.69), township('c', 62, 1, 0.28, 0.3)] });
    const a = close.items.find((i) => i.id === 'a')!;
    expect(a.notSignificantlyDifferent).toContain('b');
    expect(a.notSignificantlyDifferent).not.toContain('c');
    expect(close.items.find((i) => i.id === 'c')!.bestRank).toBe(3);
  });

  it('pins points at the bounds with no sampling error beyond the range', () => {
    const { items } = compositeScores({ components, townships: [township('a', 104, 3, 0.01, 0.9), township('b', 50, 3, 0.5, 0.5)] });
    const a = items.find((i) => i.id === 'a')!;
    expect(a.components.index).toEqual({ points: 100, standardError: 0 });
    expect(a.components.dissatisfied).toEqual({ points: 100, standardError: 0 });
    expect(items.find((i) => i.id === 'b')!.components.index).toEqual({ points: 0, standardError: 0 });
  });

  it('gives everyone full relative points when all townships are equal', () => {
    const { items } = compositeScores({ components, townships: [township('a', 80, 2, 0.1, 0.6), township('b', 80, 2, 0.1, 0.6)] });
    expect(items.every((i) => i.components.coverage!.points === 100)).toBe(true);
  });

  it('refuses weights that do not add up to 1', () => {
    expect(() => compositeScores({ components: [{ ...components[0]!, weight: 0.5 }], townships: [] })).toThrow(/add up to 1/);
    expect(() => compositeScores({ components: [], townships: [] })).toThrow(RangeError);
    expect(() => compositeScores({ components: [{ ...components[0]!, weight: 1.2 }, { ...components[1]!, weight: -0.2 }], townships: [] })).toThrow(RangeError);
  });

  it('names every township and component without data', () => {
    const t = township('a', 80, 2, 0.1, 0.9);
    try {
      compositeScores({ components, townships: [{ ...t, values: { ...t.values, coverage: null } }, { id: 'b', values: {} }] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(MissingComponentError);
      expect((e as MissingComponentError).missing).toEqual([
        { township: 'a', component: 'coverage' },
        { township: 'b', component: 'index' },
        { township: 'b', component: 'dissatisfied' },
        { township: 'b', component: 'coverage' },
      ]);
    }
  });
});
