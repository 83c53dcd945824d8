import type { Actor } from '../../http/context.ts';
import { stepNotAllowed, moveCaseStatus } from './case-access.ts';
import { addCaseEvent, auditCase, runCaseStep } from './case-step.ts';
import { getCase } from './get-case.ts';
import type { CaseWriteContext } from './register-case.ts';
import type { TCaseDetail } from '../../../shared/schemas/cases.ts';

/**
 * 签收: the unit accepts the case (dispatched → accepted) and its assignment records who and when
 * (the response deadline is met or missed here). Two people accepting at once: one wins, the
 * other gets 409 `case_step_not_allowed`.
 *
 * @example
 * await acceptCase(ctx, { id, note: '已签收，明天上门' });
 */
export async function acceptCase(ctx: CaseWriteContext<Actor>, { id, note, now }: { id: string; note?: string; now?: Date }): Promise<TCaseDetail> {
  await runCaseStep(ctx, { id, step: 'accept', now }, async ({ trx, row, actor, now: at }) => {
    const accepted = await trx
      .updateTable('case_assignment')
      .set({ accepted_at: at, accepted_by: actor.id })
      .where('county_code', '=', row.county_code)
      .where('id', '=', row.current_assignment_id!)
      .where('accepted_at', 'is', null)
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    if (Number(accepted.numUpdatedRows) !== 1) throw stepNotAllowed(row.status);
    await moveCaseStatus(trx, { row, to: 'accepted', now: at });
    await addCaseEvent(trx, { row, kind: 'accept', from: row.status, to: 'accepted', actorId: actor.id, now: at, note: note ?? '', assignmentId: row.current_assignment_id });
    await auditCase(trx, ctx.source, { row, action: 'case.accept', after: { assignmentId: row.current_assignment_id } });
  });
  return getCase(ctx, { id });
}
