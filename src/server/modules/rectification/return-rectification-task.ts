import { AppError } from '../../http/errors.ts';
import type { WriteContext } from '../../use-case-context.ts';
import type { TRectificationTaskDetail } from '../../../shared/assessment/index.ts';
import { getRectificationTask } from './get-rectification-task.ts';
import { isOwnerMember, lastSubmitter } from './task-access.ts';
import { runTaskStep } from './task-step.ts';

/**
 * The county sends a submitted task back to its owner with a reason (back to 'open'). Like
 * accepting, refused (409 `rectification_self_verification`) to someone of the owner unit or who
 * submitted it.
 *
 * @example
 * await returnRectificationTask(ctx, { id, reason: '缺少整改前后对比照片' });
 */
export async function returnRectificationTask(ctx: WriteContext, options: { id: string; reason: string; now?: Date }): Promise<TRectificationTaskDetail> {
  await runTaskStep(ctx, {
    id: options.id,
    step: 'return',
    note: options.reason,
    now: options.now,
    apply: async (trx, row) => {
      if (isOwnerMember(ctx.actor, row) || (await lastSubmitter(trx, row)) === ctx.actor.id) throw new AppError(409, 'rectification_self_verification');
      return { set: { status: 'open' } };
    },
  });
  return getRectificationTask(ctx, { id: options.id, now: options.now });
}
