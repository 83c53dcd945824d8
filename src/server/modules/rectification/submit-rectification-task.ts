import type { WriteContext } from '../../use-case-context.ts';
import type { TRectificationTaskDetail } from '../../../shared/assessment/index.ts';
import { getRectificationTask } from './get-rectification-task.ts';
import { runTaskStep } from './task-step.ts';

/**
 * The owner submits the task for the county's verification (403 `rectification_not_owner` for
 * anyone else). The submission's time decides whether it was on time (isTaskOverdue).
 *
 * @example
 * await submitRectificationTask(ctx, { id, note: '整改措施已全部落实' });
 */
export async function submitRectificationTask(ctx: WriteContext, options: { id: string; note?: string; now?: Date }): Promise<TRectificationTaskDetail> {
  const now = options.now ?? new Date();
  await runTaskStep(ctx, { id: options.id, step: 'submit', note: options.note, now, apply: async () => ({ set: { status: 'submitted', submitted_at: now } }) });
  return getRectificationTask(ctx, { id: options.id, now });
}
