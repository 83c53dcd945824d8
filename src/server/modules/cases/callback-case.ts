import type { Actor } from '../../http/context.ts';
import { moveCaseStatus } from './case-access.ts';
import { assignCase } from './assign-case.ts';
import { caseCategoryOf, currentAssignmentOf, unitOfAssignment } from './case-steps-shared.ts';
import { addCaseEvent, auditCase, runCaseStep } from './case-step.ts';
import { getCase } from './get-case.ts';
import type { CaseWriteContext } from './register-case.ts';
import type { TCaseDetail } from '../../../shared/schemas/cases.ts';

export interface CallbackCaseOptions {
  id: string;
  outcome: 'reached' | 'unreachable';
  solved?: boolean;
  satisfaction?: 'satisfied' | 'basically_satisfied' | 'dissatisfied';
  note?: string;
  now?: Date;
}

/**
 * 回访: the dispatcher calls the resident about the resolution. Unreachable is an attempt (the
 * case stays resolved; enough of them allow closing); reached and solved → called_back; reached
 * and not solved → 重办: dispatched again to the same unit as the last assignment, flagged
 * reopened (it counts against the unit), with new deadlines.
 *
 * @example
 * await callbackCase(ctx, { id, outcome: 'reached', solved: false, satisfaction: 'dissatisfied', note: '路灯仍不亮' });
 */
export async function callbackCase(ctx: CaseWriteContext<Actor>, options: CallbackCaseOptions): Promise<TCaseDetail> {
  const { id, outcome, note = '' } = options;
  const solved = outcome === 'reached' ? (options.solved ?? null) : null;
  const satisfaction = outcome === 'reached' ? (options.satisfaction ?? null) : null;
  await runCaseStep(ctx, { id, step: 'callback', now: options.now }, async ({ trx, row, actor, now: at }) => {
    const last = (await currentAssignmentOf(trx, row))!;
    const callback = await trx
      .insertInto('case_callback')
      .values({ county_code: row.county_code, case_id: row.id, assignment_id: last.id, outcome, solved, satisfaction, note, called_by: actor.id, called_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const to = solved === true ? 'called_back' : solved === false ? 'dispatched' : 'resolved';
    await addCaseEvent(trx, { row, kind: 'callback', from: row.status, to, actorId: actor.id, now: at, note, assignmentId: last.id, details: { callbackId: callback.id, outcome, solved, satisfaction } });
    await auditCase(trx, ctx.source, { row, action: 'case.callback', after: { callbackId: callback.id, outcome, solved, satisfaction } });
    if (solved === true) {
      await moveCaseStatus(trx, { row, to: 'called_back', now: at });
    } else if (solved === false) {
      const category = await caseCategoryOf(trx, row);
      const unit = unitOfAssignment(last);
      const a = await assignCase(trx, { caseRow: { id: row.id, county_code: row.county_code, urgent: row.urgent, status: row.status }, category, unit, dispatchedBy: actor.id, eventKind: 'reopen', note, reopened: true, now: at });
      await auditCase(trx, ctx.source, { row, action: 'case.reopen', after: { assignmentId: a.id, level: unit.level, reopenCount: row.reopen_count + 1 } });
    } else {
      await trx.updateTable('resident_case').set({ updated_at: at }).where('county_code', '=', row.county_code).where('id', '=', row.id).execute();
    }
  });
  return getCase(ctx, { id });
}
