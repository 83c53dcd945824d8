import { z } from 'zod';
import { decodeCursor, pageOf } from '../../http/cursor.ts';
import type { TAuditEntry } from '../../../shared/schemas/audit.ts';
import { ZId } from '../../../shared/schemas/common.ts';
import { auditSourceKind } from '../../../shared/audit-actions.ts';
import { ZRecordedPurpose } from '../../../shared/schemas/reveal-purpose.ts';
import { inSubtree, pathIds, scopePathOf } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { nameOf, resolveAuditNames } from './resolve-audit-names.ts';
import { readJson } from '../../db/json-columns.ts';

export interface ListAuditOptions {
  cursor?: string | undefined;
  limit: number;
  actor?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  regionCode?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * Audit entries of the actor's subtree, newest first. Entries without a region (failed logins
 * of unknown usernames) are shown only to admins of the top of the tree. Each entry carries the
 * names of its operator, record and region (resolved for the whole page at once, within the
 * viewer's scope), its source and, for reveals, the purpose.
 *
 * @example
 * const { items } = await listAudit({ db, actor: countyAdmin }, { limit: 20, action: 'auth.login' });
 */
export async function listAudit(ctx: ReadContext, o: ListAuditOptions) {
  const { db, actor } = ctx;
  const scopePath = await scopePathOf(db, actor, o.regionCode);
  const atRoot = !o.regionCode && pathIds(actor.regionPath).length === 1;
  // ZId, not any digits: an id past int8 would fail in SQL (a 500) instead of as a bad cursor.
  const after = decodeCursor(o.cursor, z.object({ id: ZId }));
  let query = db
    .selectFrom('audit_log as a')
    .leftJoin('region as r', 'r.id', 'a.region_id')
    .selectAll('a')
    .select(['r.code as region_code', 'r.name as region_name', 'r.name_en as region_name_en'])
    .where((eb) => (atRoot ? eb.or([inSubtree(eb.ref('a.region_path'), scopePath), eb('a.region_path', 'is', null)]) : inSubtree(eb.ref('a.region_path'), scopePath)));
  if (o.actor) query = query.where('a.actor_name', '=', o.actor);
  if (o.action) query = query.where('a.action', '=', o.action);
  if (o.entityType) query = query.where('a.entity_type', '=', o.entityType);
  if (o.from) query = query.where('a.at', '>=', new Date(o.from));
  if (o.to) query = query.where('a.at', '<', new Date(o.to));
  if (after) query = query.where('a.id', '<', after.id);
  const rows = await query.orderBy('a.id', 'desc').limit(o.limit + 1).execute();
  const names = await resolveAuditNames(ctx, { rows: rows.slice(0, o.limit) });
  return pageOf(
    rows,
    o.limit,
    (a): TAuditEntry => ({
      id: a.id,
      at: new Date(a.at).toISOString(),
      actorId: a.actor_id,
      actorName: a.actor_name,
      action: a.action,
      entityType: a.entity_type,
      entityId: a.entity_id,
      regionCode: a.region_code,
      before: readJson('audit_log.before', a.before),
      after: readJson('audit_log.after', a.after),
      requestId: a.request_id,
      clientIp: a.client_ip,
      actorDisplayName: a.actor_id === null ? null : (names.actors.get(a.actor_id) ?? null),
      source: auditSourceKind(a.actor_name, a.request_id),
      entityName: nameOf(names, a),
      regionName: a.region_name === null ? null : { name: a.region_name, nameEn: a.region_name_en },
      purpose: purposeOf(a.after),
    }),
    (a) => ({ id: a.id }),
  );
}

/** The purpose recorded in a reveal's or dial's `after`, if it has one. */
function purposeOf(after: unknown) {
  if (typeof after !== 'object' || after === null || !('purpose' in after)) return null;
  const parsed = ZRecordedPurpose.safeParse(after.purpose);
  return parsed.success ? parsed.data : null;
}
