import { AppError } from '../../http/errors.ts';
import type { WriteContext } from '../../use-case-context.ts';
import type { TRectificationTaskDetail } from '../../../shared/assessment/index.ts';
import { getRectificationTask } from './get-rectification-task.ts';
import { runTaskStep } from './task-step.ts';

/**
 * The owner reports progress (进展) on an open task: a note and photos already uploaded to the
 * task (storeRectificationFile), now named by this report. 422 `rectification_file_not_on_task`
 * for a photo that is not the task's or is already in an earlier report.
 *
 * @example
 * await reportRectificationProgress(ctx, { id, note: '已清理河道垃圾 3 处', files: [sha256] });
 */
export async function reportRectificationProgress(ctx: WriteContext, options: { id: string; note: string; files?: string[]; now?: Date }): Promise<TRectificationTaskDetail> {
  const files = [...new Set(options.files ?? [])];
  await runTaskStep(ctx, {
    id: options.id,
    step: 'progress',
    note: options.note,
    now: options.now,
    apply: async (trx, row) => {
      if (files.length) {
        const found = await trx.selectFrom('rectification_file').select('sha256').where('county_code', '=', row.county_code).where('task_id', '=', row.id).where('update_id', 'is', null).where('sha256', 'in', files).execute();
        if (found.length !== files.length) throw new AppError(422, 'rectification_file_not_on_task');
      }
      return { set: {}, details: { files } };
    },
    afterUpdate: async (trx, updateId, row) => {
      if (files.length) await trx.updateTable('rectification_file').set({ update_id: updateId }).where('county_code', '=', row.county_code).where('task_id', '=', row.id).where('sha256', 'in', files).execute();
    },
  });
  return getRectificationTask(ctx, { id: options.id, now: options.now });
}
