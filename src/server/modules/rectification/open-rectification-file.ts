import type { Actor } from '../../http/context.ts';
import { notFound } from '../../http/errors.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { readStoredFile, type VisitFileConfig } from '../visit-files/index.ts';
import { loadTask } from './task-access.ts';

/**
 * A task's photo with its bytes, when the task is in the caller's sight and names it (404
 * otherwise, whether or not it exists).
 *
 * @example
 * const { mediaType, bytes } = await openRectificationFile({ db, actor, files }, { id, sha256 });
 */
export async function openRectificationFile(ctx: ReadContext<Actor> & { files: VisitFileConfig }, { id, sha256 }: { id: string; sha256: string }): Promise<{ sha256: string; mediaType: string; bytes: Buffer }> {
  const row = await loadTask(ctx.db, { actor: ctx.actor, id });
  const file = await ctx.db
    .selectFrom('rectification_file as rf')
    .innerJoin('stored_file as f', 'f.sha256', 'rf.sha256')
    .select(['f.sha256', 'f.media_type'])
    .where('rf.county_code', '=', row.county_code)
    .where('rf.task_id', '=', row.id)
    .where('rf.sha256', '=', sha256)
    .executeTakeFirst();
  if (!file) throw notFound();
  const bytes = await readStoredFile(ctx.files.dir, sha256);
  if (!bytes) throw notFound();
  return { sha256, mediaType: file.media_type, bytes };
}
