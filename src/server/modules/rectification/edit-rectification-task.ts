import type { WriteContext } from '../../use-case-context.ts';
import type { TEditRectificationRequest, TRectificationTaskDetail } from '../../../shared/assessment/index.ts';
import { getRectificationTask } from './get-rectification-task.ts';
import { auditedTask, runTaskStep } from './task-step.ts';
import { resolveOwner } from './task-views.ts';

/**
 * Edits a proposal or an open task (county admin): title, problem, measures, due date, owner.
 * The update and the audit entry keep the values before and after.
 *
 * @example
 * await editRectificationTask(ctx, { id, dueOn: '2027-02-28', measures: '增加入户走访' });
 */
export async function editRectificationTask(ctx: WriteContext, options: TEditRectificationRequest & { id: string; now?: Date }): Promise<TRectificationTaskDetail> {
  await runTaskStep(ctx, {
    id: options.id,
    step: 'edit',
    now: options.now,
    apply: async (trx, row) => {
      const owner = options.ownerRegionCode || options.ownerDepartmentId ? await resolveOwner(trx, ctx.actor, options) : {};
      const set = {
        ...owner,
        ...(options.title !== undefined ? { title: options.title } : {}),
        ...(options.problem !== undefined ? { problem: options.problem } : {}),
        ...(options.measures !== undefined ? { measures: options.measures } : {}),
        ...(options.dueOn !== undefined ? { due_on: options.dueOn } : {}),
      };
      const before = auditedTask(row);
      const after = auditedTask({ ...row, ...set });
      return { set, details: { before, after } };
    },
  });
  return getRectificationTask(ctx, { id: options.id, now: options.now });
}
