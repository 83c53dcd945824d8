import { describe, expect, it } from 'vitest';
import { defaultTileLayout, resolveTileLayout, TILE_GRID_MAX, validateTileLayout } from './tile-layout.ts';

const codes = (n: number) => Array.from({ length: n }, (_, k) => `370921${String(101 + k)}`);

describe('the default tile layout', () => {
  it('is empty for no township', () => {
    expect(defaultTileLayout([])).toEqual({ custom: false, rows: 0, cols: 0, tiles: [] });
  });
  it.each([
    [1, 1, 1],
    [2, 1, 2],
    [3, 2, 2],
    [4, 2, 2],
    [5, 2, 3],
    [9, 3, 3],
    [10, 3, 4],
    [13, 4, 4],
    [17, 4, 5],
    [30, 5, 6],
  ])('%i townships: a near-square grid of %i × %i, filled row by row in code order, every tile distinct', (n, rows, cols) => {
    const layout = defaultTileLayout([...codes(n)].reverse());
    expect(layout).toMatchObject({ custom: false, rows, cols });
    expect(layout.tiles.map((t) => t.code)).toEqual(codes(n));
    layout.tiles.forEach((t, k) => expect(t).toMatchObject({ row: Math.floor(k / cols), col: k % cols }));
    expect(new Set(layout.tiles.map((t) => `${t.row}:${t.col}`)).size).toBe(n);
    expect(Math.abs(rows - cols)).toBeLessThanOrEqual(1);
  });
});

describe('resolving a stored layout', () => {
  it('nothing stored, or only placements of townships no longer current: the default grid', () => {
    expect(resolveTileLayout(codes(4), [])).toEqual(defaultTileLayout(codes(4)));
    expect(resolveTileLayout(codes(4), [{ code: '370921999', row: 0, col: 0 }])).toEqual(defaultTileLayout(codes(4)));
  });
  it('keeps every stored placement and places a new township in the first free cell within the width', () => {
    const [a, b, c, d] = codes(4) as [string, string, string, string];
    const layout = resolveTileLayout([a, b, c, d], [
      { code: b, row: 0, col: 2 },
      { code: a, row: 1, col: 0 },
      { code: c, row: 0, col: 0 },
    ]);
    expect(layout.custom).toBe(true);
    expect(layout.tiles).toEqual([
      { code: a, row: 1, col: 0 },
      { code: b, row: 0, col: 2 },
      { code: c, row: 0, col: 0 },
      { code: d, row: 0, col: 1 },
    ]);
    expect(layout).toMatchObject({ rows: 2, cols: 3 });
  });
  it('of two placements on one cell or two of one township, the first wins; the other is placed anew', () => {
    const [a, b] = codes(2) as [string, string];
    const layout = resolveTileLayout([a, b], [
      { code: a, row: 0, col: 0 },
      { code: b, row: 0, col: 0 },
      { code: a, row: 3, col: 3 },
    ]);
    expect(layout.tiles).toEqual([
      { code: a, row: 0, col: 0 },
      { code: b, row: 1, col: 0 },
    ]);
  });
});

describe('validating a placement', () => {
  const [a, b, c] = codes(3) as [string, string, string];
  const all = [a, b, c];
  const ok = [
    { code: a, row: 0, col: 0 },
    { code: b, row: 0, col: 1 },
    { code: c, row: 5, col: 11 },
  ];
  it('accepts every township once on distinct tiles, and the empty placement', () => {
    expect(validateTileLayout(ok, all)).toBeNull();
    expect(validateTileLayout([], all)).toBeNull();
  });
  it.each([
    ['a code of no current township', [...ok.slice(0, 2), { code: '370921999', row: 2, col: 2 }], 'dashboard_tile_unknown_township', 2],
    ['a township twice', [...ok, { code: a, row: 3, col: 3 }], 'dashboard_tile_duplicate_township', 3],
    ['two townships on one tile', [ok[0]!, { code: b, row: 0, col: 0 }, ok[2]!], 'dashboard_tile_position_taken', 1],
    ['a row past the grid', [ok[0]!, ok[1]!, { code: c, row: TILE_GRID_MAX, col: 0 }], 'dashboard_tile_out_of_range', 2],
    ['a negative column', [{ code: a, row: 0, col: -1 }, ok[1]!, ok[2]!], 'dashboard_tile_out_of_range', 0],
    ['a fractional row', [{ code: a, row: 0.5, col: 0 }, ok[1]!, ok[2]!], 'dashboard_tile_out_of_range', 0],
    ['a township left out', ok.slice(0, 2), 'dashboard_tile_missing_township', -1],
  ])('refuses %s', (_what, tiles, problem, index) => {
    expect(validateTileLayout(tiles, all)).toEqual({ problem, index });
  });
});
