import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { findRegionInScope } from '../../scope/index.ts';

/** Dated events of a region (opened, renamed, moved, merged, closed), oldest first. */
export async function listRegionHistory(db: Kysely<DB>, actor: Actor, code: string) {
  const region = await findRegionInScope(db, actor, code);
  const events = await db.selectFrom('region_event').selectAll().where('region_id', '=', region.id).orderBy('id').execute();
  return events.map((e) => ({
    id: e.id,
    kind: e.kind,
    effectiveOn: e.effective_on,
    details: (e.details ?? {}) as Record<string, unknown>,
    createdAt: new Date(e.created_at).toISOString(),
  }));
}
