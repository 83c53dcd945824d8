import { describe, expect, it } from 'vitest';
import { validateTileLayout } from '../../../shared/dashboard/tile-layout.ts';
import { DEMO_TILE_LAYOUT, demoTownshipCodes } from '../demo/index.ts';
import { previousMonth, separationGroups, sumRates } from './dashboard-blocks.ts';

describe('the dashboard’s pure pieces', () => {
  it('separation groups: maximal runs whose every pair cannot be told apart', () => {
    const similar = new Map([
      ['a', ['b']],
      ['b', ['a', 'c']],
      ['c', ['b', 'd']],
      ['d', ['c']],
    ]);
    expect(separationGroups(['a', 'b', 'c', 'd', 'e'], similar)).toEqual([
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
    ]);
    // One-sided lists count both ways; a run covered by a longer one is not repeated.
    expect(separationGroups(['a', 'b', 'c'], new Map([['a', ['b', 'c']], ['b', ['c']]]))).toEqual([['a', 'b', 'c']]);
    expect(separationGroups(['a', 'b'], new Map())).toEqual([]);
  });
  it('sums the units’ counts into the county’s rate with its Wilson interval', () => {
    const r = sumRates([
      { successes: 8, n: 10 },
      { successes: 9, n: 10 },
    ]);
    expect(r).toMatchObject({ successes: 17, n: 20, estimate: 0.85 });
    expect(r.lower).toBeCloseTo(0.6396, 3);
    expect(r.upper).toBeCloseTo(0.9476, 3);
    expect(sumRates([])).toEqual({ successes: 0, n: 0, estimate: null, lower: null, upper: null });
  });
  it('the month before', () => {
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(previousMonth('2026-12')).toBe('2026-11');
    expect(previousMonth('2026-10')).toBe('2026-09');
  });
  it('the demo county’s hand-made layout places all 13 townships, none on another’s tile', () => {
    const townships = demoTownshipCodes();
    const tiles = townships.map((t) => ({ code: t.code, ...DEMO_TILE_LAYOUT[t.name]! }));
    expect(Object.keys(DEMO_TILE_LAYOUT).sort()).toEqual(townships.map((t) => t.name).sort());
    expect(validateTileLayout(tiles, townships.map((t) => t.code))).toBeNull();
  });
});
