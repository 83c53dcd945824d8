import { findRegionInScope } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { readJson } from '../../db/json-columns.ts';

/**
 * Dated events of a region (opened, renamed, moved, merged, closed), oldest first.
 *
 * @example
 * const events = await listRegionHistory({ db, actor }, { code: '370921104' });
 */
export async function listRegionHistory({ db, actor }: ReadContext, { code }: { code: string }) {
  const region = await findRegionInScope(db, actor, code);
  const events = await db.selectFrom('region_event').selectAll().where('region_id', '=', region.id).orderBy('id').execute();
  return events.map((e) => ({
    id: e.id,
    kind: e.kind,
    effectiveOn: e.effective_on,
    details: readJson('region_event.details', e.details),
    createdAt: new Date(e.created_at).toISOString(),
  }));
}
