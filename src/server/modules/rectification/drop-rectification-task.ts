import type { WriteContext } from '../../use-case-context.ts';
import type { TRectificationTaskDetail } from '../../../shared/assessment/index.ts';
import { getRectificationTask } from './get-rectification-task.ts';
import { runTaskStep } from './task-step.ts';

/**
 * Drops a proposal or an open task (county admin) with a reason, kept on the task and in its
 * timeline. 409 for a task submitted, accepted or already dropped.
 *
 * @example
 * await dropRectificationTask(ctx, { id, reason: '与上一轮整改任务重复' });
 */
export async function dropRectificationTask(ctx: WriteContext, options: { id: string; reason: string; now?: Date }): Promise<TRectificationTaskDetail> {
  await runTaskStep(ctx, { id: options.id, step: 'drop', note: options.reason, now: options.now, apply: async () => ({ set: { status: 'dropped', drop_reason: options.reason } }) });
  return getRectificationTask(ctx, { id: options.id, now: options.now });
}
