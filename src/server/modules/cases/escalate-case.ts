import type { Actor } from '../../http/context.ts';
import { moveCaseStatus } from './case-access.ts';
import { assignCase } from './assign-case.ts';
import { escalationUnit } from './case-routing.ts';
import { caseCategoryOf, caseRegionOf, currentAssignmentOf, endOpenAssignment } from './case-steps-shared.ts';
import { addCaseEvent, auditCase, runCaseStep } from './case-step.ts';
import { getCase } from './get-case.ts';
import type { CaseWriteContext } from './register-case.ts';
import type { TCaseDetail } from '../../../shared/schemas/cases.ts';
import type { TCaseLevel } from '../../../shared/cases/index.ts';

/**
 * 上报: the unit sends the case one level up with a reason — a village's to its township, a
 * township's to the category's department (or, when the category names none, back to the
 * county's dispatcher: registered). A department is the top: 409 `case_top_level`.
 *
 * @example
 * await escalateCase(ctx, { id, reason: '需乡镇协调资金' });
 */
export async function escalateCase(ctx: CaseWriteContext<Actor>, { id, reason, now }: { id: string; reason: string; now?: Date }): Promise<TCaseDetail> {
  await runCaseStep(ctx, { id, step: 'escalate', now }, async ({ trx, row, actor, now: at }) => {
    const current = await currentAssignmentOf(trx, row);
    const level = (current?.level ?? 'village') as TCaseLevel;
    const category = await caseCategoryOf(trx, row);
    const unit = await escalationUnit(trx, { level, category, region: await caseRegionOf(trx, row) });
    if (unit) {
      const a = await assignCase(trx, { caseRow: { id: row.id, county_code: row.county_code, urgent: row.urgent, status: row.status }, category, unit, dispatchedBy: actor.id, eventKind: 'escalate', note: reason, endCurrent: 'escalated', now: at });
      await auditCase(trx, ctx.source, { row, action: 'case.escalate', after: { from: level, to: unit.level, assignmentId: a.id, reason } });
      return;
    }
    const ended = await endOpenAssignment(trx, { row, reason: 'escalated', now: at });
    await moveCaseStatus(trx, { row, to: 'registered', now: at, set: { unit_region_id: null, unit_department_id: null } });
    await addCaseEvent(trx, { row, kind: 'escalate', from: row.status, to: 'registered', actorId: actor.id, now: at, note: reason, assignmentId: ended, details: { level: null } });
    await auditCase(trx, ctx.source, { row, action: 'case.escalate', after: { from: level, to: null, reason } });
  });
  return getCase(ctx, { id });
}
