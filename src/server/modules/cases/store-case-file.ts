import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { storeVisitFile, type VisitFileConfig } from '../visit-files/index.ts';
import type { TCaseFileView } from '../../../shared/schemas/cases.ts';
import { isCaseDispatcher, isCaseUnit, loadCase, type CaseRow } from './case-access.ts';
import { auditCase } from './case-step.ts';
import type { CaseWriteContext } from './register-case.ts';

/**
 * Stores one evidence photo of a case (办理材料) and names it on the case: the dispatcher or the
 * case's unit uploads it (403 `case_not_your_unit` otherwise).
 * The image goes through the visit-files pipeline (sniffed, re-encoded without metadata,
 * content-addressed; its 413/422 answers), as a `stored_file` of kind 'photo'; a notes or
 * resolve step then names it by hash.
 *
 * @example
 * const file = await storeCaseFile({ ...ctx, files: visitFileConfig(env) }, { id, bytes: jpeg });
 */
export async function storeCaseFile(ctx: CaseWriteContext<Actor> & { files: VisitFileConfig }, { id, bytes, now = new Date() }: { id: string; bytes: Buffer; now?: Date }): Promise<TCaseFileView> {
  const row = await loadCase(ctx.db, { actor: ctx.actor, id });
  if (!isCaseDispatcher(ctx.actor, row) && !isCaseUnit(ctx.actor, row)) throw new AppError(403, 'case_not_your_unit');
  const stored = await storeVisitFile({ db: ctx.db, actor: ctx.actor, source: ctx.source, files: ctx.files }, { bytes, kind: 'photo' });
  await ctx.db.transaction().execute(async (trx) => {
    const added = await trx
      .insertInto('case_file')
      .values({ case_id: row.id, sha256: stored.sha256, county_code: row.county_code, added_by: ctx.actor.id, added_at: now })
      .onConflict((oc) => oc.columns(['case_id', 'sha256']).doNothing())
      .returning('sha256')
      .executeTakeFirst();
    // The same photo again is one file on the case, audited once.
    if (added) await auditCase(trx, ctx.source, { row, action: 'case.add_file', after: { sha256: stored.sha256, bytes: stored.bytes } });
  });
  const file = await ctx.db
    .selectFrom('case_file as cf')
    .innerJoin('stored_file as f', 'f.sha256', 'cf.sha256')
    .leftJoin('app_user as u', 'u.id', 'cf.added_by')
    .select(['f.sha256', 'f.media_type', 'f.bytes', 'f.width', 'f.height', 'f.captured_at', 'cf.event_id', 'u.display_name', 'cf.added_at'])
    .where('cf.county_code', '=', row.county_code)
    .where('cf.case_id', '=', row.id)
    .where('cf.sha256', '=', stored.sha256)
    .executeTakeFirstOrThrow();
  return {
    sha256: file.sha256,
    mediaType: file.media_type,
    bytes: file.bytes,
    width: file.width,
    height: file.height,
    capturedAt: file.captured_at ? new Date(file.captured_at).toISOString() : null,
    eventId: file.event_id,
    addedBy: file.display_name,
    addedAt: new Date(file.added_at).toISOString(),
  };
}

/**
 * Ties photos already uploaded to the case to a step (a note, a resolution); 422
 * `case_file_not_on_case` when one is not the case's. A photo already tied to a step keeps it.
 *
 * @example
 * await attachCaseFiles(trx, { row, eventId, files: [sha256] });
 */
export async function attachCaseFiles(db: Kysely<DB>, { row, eventId, files }: { row: CaseRow; eventId: string; files: readonly string[] }): Promise<void> {
  const wanted = [...new Set(files)];
  if (wanted.length === 0) return;
  const found = await db.selectFrom('case_file').select('sha256').where('county_code', '=', row.county_code).where('case_id', '=', row.id).where('sha256', 'in', wanted).execute();
  if (found.length !== wanted.length) throw new AppError(422, 'case_file_not_on_case');
  await db.updateTable('case_file').set({ event_id: eventId }).where('county_code', '=', row.county_code).where('case_id', '=', row.id).where('sha256', 'in', wanted).where('event_id', 'is', null).execute();
}
