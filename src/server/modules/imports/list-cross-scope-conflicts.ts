import { z } from 'zod';
import type { TCrossScopeConflict } from '../../../shared/registry/import-schemas.ts';
import { ZId } from '../../../shared/schemas/common.ts';
import { decodeCursor, pageOf } from '../../http/cursor.ts';
import { selectCrossScopeConflicts, toCrossScopeConflict } from './cross-scope-conflict-queries.ts';
import { inSubtree } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';

const ZConflictCursor = z.object({ id: ZId });

/**
 * Imports' collisions with records outside the importer's region, for the county to resolve:
 * those of imports into the actor's subtree, newest first.
 *
 * @example
 * const { items } = await listCrossScopeConflicts({ db, actor }, { status: 'open', limit: 50 });
 */
export async function listCrossScopeConflicts(
  { db, actor }: ReadContext,
  options: { status: 'open' | 'resolved' | 'all'; cursor?: string | undefined; limit: number },
): Promise<{ items: TCrossScopeConflict[]; nextCursor: string | null }> {
  const after = decodeCursor(options.cursor, ZConflictCursor);
  let query = selectCrossScopeConflicts(db).where((eb) => inSubtree(eb.ref('ir.path'), actor.regionPath));
  if (actor.countyCode) query = query.where('c.county_code', '=', actor.countyCode);
  if (options.status !== 'all') query = query.where('c.status', '=', options.status);
  if (after) query = query.where('c.id', '<', after.id);
  const rows = await query.orderBy('c.id', 'desc').limit(options.limit + 1).execute();
  return pageOf(rows, options.limit, toCrossScopeConflict, (r) => ({ id: r.id }));
}
