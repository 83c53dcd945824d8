import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { TAuditAction, TAuditEntityType } from '../../../shared/audit-actions.ts';
import type { DB } from '../../db/schema.ts';

/** Who did it and through which request; the CLI passes its own (actorName 'cli:…'). */
export interface AuditSource {
  actorId: string | null;
  actorName: string | null;
  requestId: string | null;
  clientIp: string | null;
}

/** Where an entry is written: the transaction of the change it records, and who made the change. */
export interface AuditContext {
  db: Kysely<DB>;
  source: AuditSource;
}

export interface AuditEntry {
  /** One of `AUDIT_ACTIONS` (src/shared/audit-actions.ts), each with a label in both languages. */
  action: TAuditAction;
  entityType: TAuditEntityType;
  entityId?: string | null;
  /** The region the change belongs to: decides which admins can see the entry. */
  region?: { id: string; path: string; county_code: string | null } | null;
  before?: unknown;
  after?: unknown;
}

export function auditSourceOf(req: FastifyRequest): AuditSource {
  return {
    actorId: req.actor?.id ?? null,
    actorName: req.actor?.username ?? null,
    requestId: String(req.id),
    clientIp: req.ip,
  };
}

/** A source for changes made from the command line. */
export const cliAuditSource = (command: string): AuditSource => ({ actorId: null, actorName: `cli:${command}`, requestId: null, clientIp: null });

/**
 * Appends one entry. Call it inside the same transaction as the change it records, so that a
 * change is never stored without its audit entry nor the reverse.
 *
 * @example
 * await db.transaction().execute(async (trx) => {
 *   await trx.updateTable('app_user').set({ active: false }).where('id', '=', id).execute();
 *   await recordAudit({ db: trx, source: auditSourceOf(req) }, { action: 'user.update', entityType: 'user', entityId: id, after: { active: false } });
 * });
 */
export async function recordAudit(ctx: AuditContext, entry: AuditEntry): Promise<void> {
  await recordAudits(ctx, [entry]);
}

/** Appends several entries of one change in one statement (e.g. a bulk assignment, one per household). */
export async function recordAudits({ db, source }: AuditContext, entries: readonly AuditEntry[]): Promise<void> {
  if (!entries.length) return;
  await db
    .insertInto('audit_log')
    .values(
      entries.map((entry) => ({
        actor_id: source.actorId,
        actor_name: source.actorName,
        request_id: source.requestId,
        client_ip: source.clientIp,
        action: entry.action,
        entity_type: entry.entityType,
        entity_id: entry.entityId ?? null,
        region_id: entry.region?.id ?? null,
        region_path: entry.region?.path ?? null,
        county_code: entry.region?.county_code ?? null,
        before: entry.before === undefined ? null : JSON.stringify(entry.before),
        after: entry.after === undefined ? null : JSON.stringify(entry.after),
      })),
    )
    .execute();
}
