import type { Actor } from '../../http/context.ts';
import { notFound } from '../../http/errors.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { readStoredFile, type VisitFileConfig } from '../visit-files/index.ts';
import { loadCase } from './case-access.ts';

/**
 * An evidence photo with its bytes, when the case is in the actor's area and names it (404
 * otherwise, whether or not it exists).
 *
 * @example
 * const { mediaType, bytes } = await openCaseFile({ db, actor, files }, { id, sha256 });
 */
export async function openCaseFile(ctx: ReadContext<Actor> & { files: VisitFileConfig }, { id, sha256 }: { id: string; sha256: string }): Promise<{ sha256: string; mediaType: string; bytes: Buffer }> {
  const row = await loadCase(ctx.db, { actor: ctx.actor, id });
  const file = await ctx.db
    .selectFrom('case_file as cf')
    .innerJoin('stored_file as f', 'f.sha256', 'cf.sha256')
    .select(['f.sha256', 'f.media_type'])
    .where('cf.county_code', '=', row.county_code)
    .where('cf.case_id', '=', row.id)
    .where('cf.sha256', '=', sha256)
    .executeTakeFirst();
  if (!file) throw notFound();
  const bytes = await readStoredFile(ctx.files.dir, sha256);
  if (!bytes) throw notFound();
  return { sha256, mediaType: file.media_type, bytes };
}
