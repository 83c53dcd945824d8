/**
 * The tile map's layout (驾驶舱 · 乡镇示意图): one square tile per township on a small grid, since
 * no boundary data ships with the platform. Pure rules, shared by the server (which stores a
 * county admin's placement and answers the layout) and the web (the editor's checks).
 */

/** Rows and columns a placement may use (0 … TILE_GRID_MAX − 1). */
export const TILE_GRID_MAX = 12;

export interface TilePlacement {
  code: string;
  row: number;
  col: number;
}

export interface ResolvedTileLayout {
  /** True when at least one stored placement is used. */
  custom: boolean;
  rows: number;
  cols: number;
  /** One per township, in the townships' code order. */
  tiles: TilePlacement[];
}

/**
 * The default grid: near-square (⌈√n⌉ columns), filled row by row in code order.
 *
 * @example
 * defaultTileLayout(['370921001', '370921002', '370921101']);
 * // => { custom: false, rows: 2, cols: 2, tiles: [{ code: '370921001', row: 0, col: 0 }, { code: '370921002', row: 0, col: 1 }, { code: '370921101', row: 1, col: 0 }] }
 */
export function defaultTileLayout(codes: readonly string[]): ResolvedTileLayout {
  const sorted = [...codes].sort();
  const cols = Math.max(1, Math.ceil(Math.sqrt(sorted.length)));
  const rows = sorted.length === 0 ? 0 : Math.ceil(sorted.length / cols);
  return { custom: false, rows, cols: sorted.length === 0 ? 0 : cols, tiles: sorted.map((code, k) => ({ code, row: Math.floor(k / cols), col: k % cols })) };
}

/**
 * The layout to draw: the stored placements of the county's current townships, and the
 * townships without one (opened after the admin placed the tiles) in the first free cells, row
 * by row, within the placed grid's width. Placements of townships no longer current are
 * ignored, and of two placements on one cell the first wins (the store refuses both anyway).
 * Nothing stored: the default grid.
 *
 * @example
 * resolveTileLayout(['a', 'b', 'c'], [{ code: 'b', row: 0, col: 1 }, { code: 'a', row: 1, col: 0 }]);
 * // => { custom: true, rows: 2, cols: 2, tiles: [{ code: 'a', row: 1, col: 0 }, { code: 'b', row: 0, col: 1 }, { code: 'c', row: 0, col: 0 }] }
 */
export function resolveTileLayout(codes: readonly string[], stored: readonly TilePlacement[]): ResolvedTileLayout {
  const current = new Set(codes);
  const taken = new Set<string>();
  const placed = new Map<string, TilePlacement>();
  for (const p of stored) {
    const cell = `${p.row}:${p.col}`;
    if (!current.has(p.code) || placed.has(p.code) || taken.has(cell)) continue;
    if (!Number.isInteger(p.row) || !Number.isInteger(p.col) || p.row < 0 || p.col < 0) continue;
    placed.set(p.code, { code: p.code, row: p.row, col: p.col });
    taken.add(cell);
  }
  if (placed.size === 0) return defaultTileLayout(codes);
  const width = Math.max(...[...placed.values()].map((p) => p.col + 1));
  let cursor = 0;
  for (const code of [...codes].sort()) {
    if (placed.has(code)) continue;
    while (taken.has(`${Math.floor(cursor / width)}:${cursor % width}`)) cursor++;
    const p = { code, row: Math.floor(cursor / width), col: cursor % width };
    placed.set(code, p);
    taken.add(`${p.row}:${p.col}`);
  }
  const tiles = [...codes].sort().map((code) => placed.get(code)!);
  return { custom: true, rows: Math.max(...tiles.map((t) => t.row + 1)), cols: Math.max(...tiles.map((t) => t.col + 1)), tiles };
}

export type TileLayoutProblem = 'dashboard_tile_unknown_township' | 'dashboard_tile_duplicate_township' | 'dashboard_tile_position_taken' | 'dashboard_tile_missing_township' | 'dashboard_tile_out_of_range';

/**
 * Checks a county admin's placement against the county's current townships: every township
 * exactly once, none of another place, no two on one tile, every tile inside the grid. An empty
 * placement is valid (back to the default grid). Returns the first problem and the index of the
 * placement it is about (-1 for a missing township), or null.
 *
 * @example
 * validateTileLayout([{ code: 'a', row: 0, col: 0 }, { code: 'b', row: 0, col: 0 }], ['a', 'b']);
 * // => { problem: 'dashboard_tile_position_taken', index: 1 }
 */
export function validateTileLayout(tiles: readonly TilePlacement[], codes: readonly string[]): { problem: TileLayoutProblem; index: number } | null {
  if (tiles.length === 0) return null;
  const current = new Set(codes);
  const seen = new Set<string>();
  const cells = new Set<string>();
  for (let k = 0; k < tiles.length; k++) {
    const t = tiles[k]!;
    if (!current.has(t.code)) return { problem: 'dashboard_tile_unknown_township', index: k };
    if (seen.has(t.code)) return { problem: 'dashboard_tile_duplicate_township', index: k };
    const inRange = (x: number) => Number.isInteger(x) && x >= 0 && x < TILE_GRID_MAX;
    if (!inRange(t.row) || !inRange(t.col)) return { problem: 'dashboard_tile_out_of_range', index: k };
    const cell = `${t.row}:${t.col}`;
    if (cells.has(cell)) return { problem: 'dashboard_tile_position_taken', index: k };
    seen.add(t.code);
    cells.add(cell);
  }
  if (codes.some((c) => !seen.has(c))) return { problem: 'dashboard_tile_missing_township', index: -1 };
  return null;
}
