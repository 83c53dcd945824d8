/**
 * Confirming a preview: a re-import that would change records the registry holds ended
 * awaiting_confirmation with its changes listed. Confirming imports the same file again as a new
 * job (confirms_job_id) that writes only if its changes are exactly the previewed ones (same
 * bytes, same changes, same new households and people); otherwise it writes nothing and answers
 * 409 import_preview_stale. The preview becomes 'confirmed' when claimed (a second confirmation
 * is 409) and 'expired' when the confirmation fails or its file is gone.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import type { ReadContext, WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { importHouseholds, type ImportContext, type ImportHouseholdsOptions, type ImportResult } from './import-households.ts';
import { findImportJobInScope, selectImportJobs } from './import-job-queries.ts';

type PreviewRow = Awaited<ReturnType<typeof findImportJobInScope>>;

/**
 * The preview `id` if `actor` may confirm it now: in scope (else 404), awaiting confirmation
 * (else 409 import_not_awaiting_confirmation), and previewed by `actor` (else 403
 * import_confirm_not_yours). `actor` null: the command line, which confirms only its own
 * previews (those without a user).
 *
 * @example
 * const preview = await findConfirmablePreview({ db, actor }, { id: params.id });
 */
export async function findConfirmablePreview({ db, actor }: ReadContext<Actor | null>, { id }: { id: string }): Promise<PreviewRow> {
  const row = actor ? await findImportJobInScope(db, actor, id) : await findPreviewById(db, id);
  if (row.status !== 'awaiting_confirmation' || !row.changes_digest || !row.file_sha256) throw new AppError(409, 'import_not_awaiting_confirmation');
  if ((row.user_id ?? null) !== (actor?.id ?? null)) throw new AppError(403, 'import_confirm_not_yours');
  return row;
}

async function findPreviewById(db: Kysely<DB>, id: string): Promise<PreviewRow> {
  const row = await selectImportJobs(db).where('j.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError(404, 'not_found');
  return row;
}

/**
 * Moves a preview from `from` (default awaiting_confirmation) to `status`, audited; false when
 * it was not there. Needs no actor: a timer expires previews too.
 *
 * @example
 * await settlePreview({ db, source: auditSourceOf(req) }, { id: jobId, status: 'expired' });
 */
export async function settlePreview(
  { db, source }: Pick<WriteContext<Actor | null>, 'db' | 'source'>,
  { id, status, from = 'awaiting_confirmation' }: { id: string; status: 'confirmed' | 'expired'; from?: 'awaiting_confirmation' | 'confirmed' },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.updateTable('import_job').set({ status }).where('id', '=', id).where('status', '=', from).returning(['region_id']).executeTakeFirst();
    if (!row) return false;
    const region = row.region_id ? await trx.selectFrom('region').select(['id', 'path', 'county_code']).where('id', '=', row.region_id).executeTakeFirst() : undefined;
    await recordAudit({ db: trx, source }, { action: status === 'confirmed' ? 'import.preview_confirmed' : 'import.preview_expired', entityType: 'import', entityId: id, region: region ?? null, before: { status: from }, after: { status } });
    return true;
  });
}

export interface ConfirmImportOptions extends Pick<ImportHouseholdsOptions, 'jobId' | 'onProgress' | 'onConfirmed' | 'signal' | 'today'> {
  /** The preview to confirm (findConfirmablePreview has checked it). */
  preview: PreviewRow;
  /** The preview's file again: the server's kept upload, or the file named on the command line. */
  input: AsyncIterable<Buffer | Uint8Array>;
  totalBytes?: number | null;
}

/**
 * Claims the preview and imports its file again, writing only the previewed changes. Rejects with
 * 409 import_preview_stale (nothing written; the preview expires) when they differ, 409
 * import_not_awaiting_confirmation when someone confirmed it meanwhile.
 *
 * @example
 * const ctx = { db, actor, source: auditSourceOf(req), cipher };
 * const preview = await findConfirmablePreview(ctx, { id });
 * const result = await confirmImport(ctx, { preview, input: upload.open() });
 */
export async function confirmImport(ctx: ImportContext, options: ConfirmImportOptions): Promise<ImportResult> {
  const { preview } = options;
  if (!(await settlePreview(ctx, { id: preview.id, status: 'confirmed' }))) throw new AppError(409, 'import_not_awaiting_confirmation');
  try {
    // The preview's importer is the actor (findConfirmablePreview checked it), so the new job is theirs too.
    return await importHouseholds(ctx, {
      input: options.input,
      totalBytes: options.totalBytes ?? null,
      fileName: preview.file_name,
      mode: preview.mode,
      regionId: preview.region_id!,
      ...(options.jobId ? { jobId: options.jobId } : {}),
      ...(options.today ? { today: options.today } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.onConfirmed ? { onConfirmed: options.onConfirmed } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      confirms: { jobId: preview.id, digest: preview.changes_digest!, fileSha256: preview.file_sha256! },
    });
  } catch (error) {
    // The preview cannot be confirmed again: its changes are no longer what the registry would get.
    await settlePreview(ctx, { id: preview.id, status: 'expired', from: 'confirmed' }).catch(() => {});
    throw error;
  }
}
