import type { WriteContext } from '../../use-case-context.ts';
import type { TConfirmRectificationRequest, TRectificationTaskDetail } from '../../../shared/assessment/index.ts';
import { getRectificationTask } from './get-rectification-task.ts';
import { runTaskStep } from './task-step.ts';
import { resolveOwner } from './task-views.ts';

/**
 * Confirms a proposal (county admin): its owner (a township or a department), due date and
 * measures (the title too, if changed) — the task opens. 409 for a task that is not a proposal.
 *
 * @example
 * await confirmRectificationTask(ctx, { id, ownerRegionCode: '370921104', dueOn: '2027-01-31', measures: '逐村排查…' });
 */
export async function confirmRectificationTask(ctx: WriteContext, options: TConfirmRectificationRequest & { id: string; now?: Date }): Promise<TRectificationTaskDetail> {
  const now = options.now ?? new Date();
  await runTaskStep(ctx, {
    id: options.id,
    step: 'confirm',
    now,
    apply: async (trx, row) => {
      const owner = await resolveOwner(trx, ctx.actor, options);
      return {
        set: { status: 'open', ...owner, due_on: options.dueOn, measures: options.measures ?? row.measures, title: options.title ?? row.title, confirmed_by: ctx.actor.id, confirmed_at: now },
        details: { dueOn: options.dueOn, ...owner },
      };
    },
  });
  return getRectificationTask(ctx, { id: options.id, now });
}
