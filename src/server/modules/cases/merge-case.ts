import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import type { AuditSource } from '../audit/index.ts';
import { OPEN_CASE_STATUSES, type TCaseStatus } from '../../../shared/cases/index.ts';
import type { TCaseDetail } from '../../../shared/schemas/cases.ts';
import { canSeeCase, moveCaseStatus, type CaseRow } from './case-access.ts';
import { endOpenAssignment } from './case-steps-shared.ts';
import { addCaseEvent, auditCase, runCaseStep } from './case-step.ts';
import { getCase } from './get-case.ts';
import type { CaseWriteContext } from './register-case.ts';

/**
 * Merges `row` into the case `intoId` inside the caller's transaction (the caller checked `row`):
 * the target must be another open case the actor may see (422 `case_merge_invalid` otherwise;
 * it is locked so it cannot close meanwhile). The merged case ends — status merged, its open
 * assignment ended 'merged' — and both cases' histories say so; it is handled and counted once,
 * in the case it joined.
 *
 * @example
 * await mergeCaseInto(trx, { actor, source, row, intoId, now });
 */
export async function mergeCaseInto(
  db: Kysely<DB>,
  { actor, source, row, intoId, note = '', now }: { actor: Actor; source: AuditSource; row: CaseRow; intoId: string; note?: string; now: Date },
): Promise<{ id: string; caseNo: string }> {
  const into = intoId === row.id ? undefined : await db.selectFrom('resident_case').selectAll().where('county_code', '=', row.county_code).where('id', '=', intoId).forUpdate().executeTakeFirst();
  if (!into || !OPEN_CASE_STATUSES.includes(into.status as TCaseStatus) || !(await canSeeCase(db, actor, into))) throw new AppError(422, 'case_merge_invalid');
  const assignmentId = await endOpenAssignment(db, { row, reason: 'merged', now });
  await moveCaseStatus(db, { row, to: 'merged', now, set: { merged_into_id: into.id, unit_region_id: null, unit_department_id: null } });
  await addCaseEvent(db, { row, kind: 'merge', from: row.status, to: 'merged', actorId: actor.id, now, note, assignmentId, details: { intoId: into.id, intoCaseNo: into.case_no } });
  await addCaseEvent(db, { row: into, kind: 'merge', from: into.status, to: into.status, actorId: actor.id, now, note, details: { fromId: row.id, fromCaseNo: row.case_no } });
  await db.updateTable('resident_case').set({ updated_at: now }).where('county_code', '=', into.county_code).where('id', '=', into.id).execute();
  await auditCase(db, source, { row, action: 'case.merge', before: { status: row.status }, after: { intoId: into.id, intoCaseNo: into.case_no } });
  return { id: into.id, caseNo: into.case_no };
}

/**
 * 合并: the dispatcher merges a case into another open case in their area (the same problem
 * reported twice). Answers the merged case's page.
 *
 * @example
 * await mergeCase(ctx, { id: duplicateId, intoId: firstId });
 */
export async function mergeCase(ctx: CaseWriteContext<Actor>, { id, intoId, note, now }: { id: string; intoId: string; note?: string; now?: Date }): Promise<TCaseDetail> {
  await runCaseStep(ctx, { id, step: 'merge', now }, async ({ trx, row, actor, now: at }) => {
    await mergeCaseInto(trx, { actor, source: ctx.source, row, intoId, note, now: at });
  });
  return getCase(ctx, { id });
}
