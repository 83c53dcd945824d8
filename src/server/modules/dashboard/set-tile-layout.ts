import { sql } from 'kysely';
import type { TTileLayout, TTilePosition } from '../../../shared/dashboard/dashboard-schemas.ts';
import { resolveTileLayout, validateTileLayout } from '../../../shared/dashboard/tile-layout.ts';
import { forbidden, unprocessable } from '../../http/errors.ts';
import { actorCounty } from '../../scope/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';

/**
 * Places the county's township tiles on the dashboard's map (county admin): every current
 * township exactly once, no two on one tile, inside the 12 × 12 grid (422 with the problem's code
 * otherwise); an empty list removes the placement, back to the default grid. Replaces the
 * county's rows in one transaction, audited as `dashboard.tile_layout` with the placements before
 * and after.
 *
 * @example
 * await setTileLayout({ db, actor, source }, { tiles: [{ code: '370921104', row: 0, col: 1 }, …] });
 * // => { custom: true, rows: 3, cols: 5, tiles: [{ code: '370921001', row: 1, col: 2 }, …] }
 */
export async function setTileLayout({ db, actor, source }: WriteContext, options: { tiles: readonly TTilePosition[]; now?: Date }): Promise<TTileLayout> {
  if (!actor.roles.includes('county_admin')) throw forbidden();
  const county = await actorCounty(db, actor);
  const now = options.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    // Two admins saving at once: one after the other, each auditing a true "before".
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`township_tile:${county.code}`}))`.execute(trx);
    const townships = await trx
      .selectFrom('region')
      .select(['id', 'code'])
      .where('parent_id', '=', county.id)
      .where('level', '=', 'township')
      .where('closed_on', 'is', null)
      .orderBy('code')
      .execute();
    const codes = townships.map((t) => t.code);
    const problem = validateTileLayout(options.tiles, codes);
    if (problem) throw unprocessable(problem.problem);
    const idOf = new Map(townships.map((t) => [t.code, t.id]));
    const codeOf = new Map(townships.map((t) => [t.id, t.code]));
    const before = await trx.selectFrom('township_tile').select(['township_id', 'tile_row', 'tile_col']).where('county_code', '=', county.code).orderBy('township_id').execute();
    await trx.deleteFrom('township_tile').where('county_code', '=', county.code).execute();
    if (options.tiles.length) {
      await trx
        .insertInto('township_tile')
        .values(options.tiles.map((t) => ({ township_id: idOf.get(t.code)!, county_code: county.code, tile_row: t.row, tile_col: t.col, updated_by: actor.id, updated_at: now })))
        .execute();
    }
    const placement = (rows: readonly { code: string; row: number; col: number }[]) => [...rows].sort((a, b) => a.code.localeCompare(b.code)).map((t) => `${t.code}@${t.row},${t.col}`);
    await recordAudit(
      { db: trx, source },
      {
        action: 'dashboard.tile_layout',
        entityType: 'region',
        entityId: county.code,
        region: county,
        before: { tiles: placement(before.map((r) => ({ code: codeOf.get(r.township_id) ?? r.township_id, row: r.tile_row, col: r.tile_col }))) },
        after: { tiles: placement(options.tiles) },
      },
    );
    const layout = resolveTileLayout(codes, options.tiles);
    return { custom: layout.custom, rows: layout.rows, cols: layout.cols, tiles: layout.tiles };
  });
}
