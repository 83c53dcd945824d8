import type { Actor } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { storeVisitFile, type VisitFileConfig } from '../visit-files/index.ts';
import type { TRectificationFileView } from '../../../shared/assessment/index.ts';
import { isOwnerMember, loadTask, regionIdOfPath } from './task-access.ts';

/**
 * Stores one photo for a task's next progress report (the owner, on an open task): through the
 * visit-files pipeline (sniffed, bounded, re-encoded without metadata — EXIF and GPS gone —,
 * content-addressed), then named on the task. 403 `rectification_not_owner` for anyone else;
 * 409 `rectification_step_not_allowed` on a task not open.
 *
 * @example
 * const file = await storeRectificationFile({ ...ctx, files: visitFileConfig(env) }, { id, bytes: jpeg });
 */
export async function storeRectificationFile(ctx: WriteContext<Actor> & { files: VisitFileConfig }, { id, bytes, now = new Date() }: { id: string; bytes: Buffer; now?: Date }): Promise<TRectificationFileView> {
  const row = await loadTask(ctx.db, { actor: ctx.actor, id });
  if (!isOwnerMember(ctx.actor, row)) throw new AppError(403, 'rectification_not_owner');
  if (row.status !== 'open') throw new AppError(409, 'rectification_step_not_allowed', { extensions: { caseStatus: row.status } });
  const stored = await storeVisitFile({ db: ctx.db, actor: ctx.actor, source: ctx.source, files: ctx.files }, { bytes, kind: 'photo' });
  await ctx.db.transaction().execute(async (trx) => {
    const added = await trx
      .insertInto('rectification_file')
      .values({ task_id: row.id, sha256: stored.sha256, county_code: row.county_code, added_by: ctx.actor.id, added_at: now })
      .onConflict((oc) => oc.columns(['task_id', 'sha256']).doNothing())
      .returning('sha256')
      .executeTakeFirst();
    // The same photo twice is one file on the task, audited once.
    if (added) {
      await recordAudit(
        { db: trx, source: ctx.source },
        { action: 'rectification.add_file', entityType: 'rectification_task', entityId: row.id, region: { id: regionIdOfPath(row.region_path), path: row.region_path, county_code: row.county_code }, after: { sha256: stored.sha256, bytes: stored.bytes } },
      );
    }
  });
  const f = await ctx.db
    .selectFrom('rectification_file as rf')
    .innerJoin('stored_file as f', 'f.sha256', 'rf.sha256')
    .select(['f.sha256', 'f.media_type', 'f.bytes', 'f.width', 'f.height', 'rf.added_at'])
    .where('rf.task_id', '=', row.id)
    .where('rf.sha256', '=', stored.sha256)
    .executeTakeFirstOrThrow();
  return { sha256: f.sha256, mediaType: f.media_type, bytes: f.bytes, width: f.width, height: f.height, addedAt: new Date(f.added_at).toISOString() };
}
