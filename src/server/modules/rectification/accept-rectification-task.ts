import { AppError } from '../../http/errors.ts';
import type { WriteContext } from '../../use-case-context.ts';
import type { TRectificationTaskDetail } from '../../../shared/assessment/index.ts';
import { getRectificationTask } from './get-rectification-task.ts';
import { isOwnerMember, lastSubmitter } from './task-access.ts';
import { runTaskStep } from './task-step.ts';

/**
 * The county accepts a submitted task (验收). Refused with 409 `rectification_self_verification`
 * when the verifier belongs to the owner unit or submitted it: nobody verifies their own work.
 * Two accepts at once: the task is locked, the second finds it accepted (409).
 *
 * @example
 * await acceptRectificationTask(ctx, { id, note: '现场核查属实' });
 */
export async function acceptRectificationTask(ctx: WriteContext, options: { id: string; note?: string; now?: Date }): Promise<TRectificationTaskDetail> {
  const now = options.now ?? new Date();
  await runTaskStep(ctx, {
    id: options.id,
    step: 'accept',
    note: options.note,
    now,
    apply: async (trx, row) => {
      if (isOwnerMember(ctx.actor, row) || (await lastSubmitter(trx, row)) === ctx.actor.id) throw new AppError(409, 'rectification_self_verification');
      return { set: { status: 'accepted', accepted_by: ctx.actor.id, accepted_at: now } };
    },
  });
  return getRectificationTask(ctx, { id: options.id, now });
}
