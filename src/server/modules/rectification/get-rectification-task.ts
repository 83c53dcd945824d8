import { readJson } from '../../db/json-columns.ts';
import type { ReadContext } from '../../use-case-context.ts';
import type { TRectificationFileView, TRectificationTaskDetail } from '../../../shared/assessment/index.ts';
import { allowedTaskSteps, loadTask } from './task-access.ts';
import { summarizeTasks } from './task-views.ts';

/**
 * One task with its problem, evidence (figures with n and intervals), measures, the timeline of
 * its updates with their photos, the photos uploaded but not yet reported, the steps the caller
 * may take, and its effect (did it work). 404 outside the caller's sight.
 *
 * @example
 * const task = await getRectificationTask({ db, actor }, { id: '12' }); // { taskNo: 'ZG2026-0012', updates: [...], allowedSteps: ['accept', 'return'], … }
 */
export async function getRectificationTask({ db, actor }: ReadContext, options: { id: string; now?: Date }): Promise<TRectificationTaskDetail> {
  const row = await loadTask(db, { actor, id: options.id });
  const [summary] = await summarizeTasks(db, [row], { now: options.now });
  const [updates, files, category] = await Promise.all([
    db
      .selectFrom('rectification_update as u')
      .leftJoin('app_user as a', 'a.id', 'u.actor_id')
      .select(['u.id', 'u.kind', 'u.note', 'u.details', 'u.at', 'a.display_name'])
      .where('u.county_code', '=', row.county_code)
      .where('u.task_id', '=', row.id)
      .orderBy('u.at')
      .orderBy('u.id')
      .execute(),
    db
      .selectFrom('rectification_file as rf')
      .innerJoin('stored_file as f', 'f.sha256', 'rf.sha256')
      .select(['rf.sha256', 'rf.update_id', 'rf.added_at', 'f.media_type', 'f.bytes', 'f.width', 'f.height'])
      .where('rf.county_code', '=', row.county_code)
      .where('rf.task_id', '=', row.id)
      .orderBy('rf.added_at')
      .execute(),
    row.case_category_id ? db.selectFrom('case_category').select(['id', 'code', 'name', 'name_en']).where('id', '=', row.case_category_id).executeTakeFirst() : undefined,
  ]);
  const view = (f: (typeof files)[number]): TRectificationFileView => ({ sha256: f.sha256, mediaType: f.media_type, bytes: f.bytes, width: f.width, height: f.height, addedAt: new Date(f.added_at).toISOString() });
  return {
    ...summary!,
    problem: row.problem,
    measures: row.measures,
    evidence: readJson('rectification_task.evidence', row.evidence),
    dropReason: row.drop_reason,
    caseCategory: category ? { id: category.id, code: category.code, name: category.name, nameEn: category.name_en } : null,
    updates: updates.map((u) => ({
      id: u.id,
      kind: u.kind,
      note: u.note,
      details: readJson('rectification_update.details', u.details),
      actor: u.display_name,
      at: new Date(u.at).toISOString(),
      files: files.filter((f) => f.update_id === u.id).map(view),
    })),
    pendingFiles: files.filter((f) => f.update_id === null).map(view),
    allowedSteps: allowedTaskSteps(actor, row),
  };
}
