/**
 * The frame of every step on a case: one transaction that locks the case, checks scope (404),
 * the taker (403) and the status (409), runs the step, and writes the history row and the audit
 * entry with it. The use cases (`acceptCase`, `resolveCase`, …) are the step bodies.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { recordAudit, type AuditSource } from '../audit/index.ts';
import type { TCaseStep } from '../../../shared/cases/index.ts';
import type { TAuditAction } from '../../../shared/audit-actions.ts';
import { assertCaseStep, loadCase, type CaseRow } from './case-access.ts';
import type { CaseWriteContext } from './register-case.ts';

/** What a step body is given: the transaction, the locked case and the moment of the step. */
export interface CaseStepScope {
  trx: Transaction<DB>;
  row: CaseRow;
  actor: Actor;
  now: Date;
}

/**
 * Runs one step on a case in one transaction (lock, scope, taker, status, then `body`).
 *
 * @example
 * await runCaseStep(ctx, { id, step: 'accept' }, async ({ trx, row, now }) => { … });
 */
export async function runCaseStep<T>(ctx: CaseWriteContext<Actor>, { id, step, now = new Date() }: { id: string; step: TCaseStep; now?: Date }, body: (scope: CaseStepScope) => Promise<T>): Promise<T> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await loadCase(trx, { actor: ctx.actor, id, lock: true });
    assertCaseStep(ctx.actor, row, step);
    return body({ trx, row, actor: ctx.actor, now });
  });
}

/**
 * Writes one history step (case_event) and answers its id.
 *
 * @example
 * const eventId = await addCaseEvent(trx, { row, kind: 'accept', from: 'dispatched', to: 'accepted', actorId, now });
 */
export async function addCaseEvent(
  db: Kysely<DB>,
  e: { row: Pick<CaseRow, 'id' | 'county_code'>; kind: string; from: string | null; to: string | null; actorId: string | null; now: Date; note?: string; assignmentId?: string | null; details?: Record<string, unknown> },
): Promise<string> {
  const inserted = await db
    .insertInto('case_event')
    .values({
      county_code: e.row.county_code,
      case_id: e.row.id,
      kind: e.kind as never,
      from_status: e.from,
      to_status: e.to,
      assignment_id: e.assignmentId ?? null,
      actor_id: e.actorId,
      note: e.note ?? '',
      details: JSON.stringify(e.details ?? {}),
      at: e.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/**
 * The audit entry of a step on a case, in the step's transaction.
 *
 * @example
 * await auditCase(trx, ctx.source, { row, action: 'case.accept', after: { assignmentId } });
 */
export async function auditCase(db: Kysely<DB>, source: AuditSource, { row, action, before, after }: { row: CaseRow; action: TAuditAction; before?: Record<string, unknown>; after?: Record<string, unknown> }): Promise<void> {
  await recordAudit({ db, source }, {
    action,
    entityType: 'case',
    entityId: row.id,
    region: { id: row.region_id, path: row.region_path, county_code: row.county_code },
    ...(before ? { before } : {}),
    after: { caseNo: row.case_no, ...(after ?? {}) },
  });
}
