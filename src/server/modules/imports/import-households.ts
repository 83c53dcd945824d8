/**
 * `lianxin import households` and POST /api/imports/households: loads a registry spreadsheet
 * (one row per resident) into households, residents, phones and hardship labels.
 *
 * How, for a file of any size in constant memory:
 * 1. stream the file (read-spreadsheet.ts), validate each row in plain JS (import-row.ts),
 *    encrypt and hash its numbers, and stage it in a TEMP table (one COPY that streams
 *    for the whole file on PostgreSQL, INSERTs of a JSON array in batches on PGlite); row
 *    issues are written as found;
 * 2. in ONE transaction: the set-based checks (duplicates, registry conflicts, households with
 *    bad rows), then, unless the file is rejected, the merge into the registry and its audit.
 * The registry is only touched in step 2, so a bad file, a bad row in all-or-nothing mode, a
 * crash or any error leaves it exactly as it was. Progress goes to `onProgress` and, every few
 * thousand rows, to the job row, in short writes of their own that the web page can poll.
 */
import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { localDate } from '../../../shared/time.ts';
import { ImportDirectory, type ImportCategory, type ImportTownship, type ImportVillage } from '../../../shared/registry/import-directory.ts';
import type { ImportHeader } from '../../../shared/registry/import-header.ts';
import { validateImportRow } from '../../../shared/registry/import-row.ts';
import type { TImportMode } from '../../../shared/registry/import-schemas.ts';
import type { TProblemCode } from '../../../shared/problem.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { AppError, notFound, type ProblemIssue } from '../../http/errors.ts';
import { dataKeyOf, type FieldCipher } from '../../security/field-cipher.ts';
import { inSubtree } from '../../scope/index.ts';
import { recordAudit, type AuditSource } from '../audit/index.ts';
import { checkStagedRows } from './check-staged-rows.ts';
import { ImportIssueLog } from './import-issue-log.ts';
import { IMPORT_OWNER, ownImportJob } from './import-owner.ts';
import { openImportSession, type ImportSession } from './import-session.ts';
import { createStage, dropStage, analyzeStage, openStageWriter, stageNames, toStageRow } from './import-stage.ts';
import { recordCrossScopeConflicts } from './record-cross-scope-conflicts.ts';
import { mergeStagedRows, type MergeCounts } from './merge-staged-rows.ts';
import { reviewImportChanges } from './review-import-changes.ts';
import { openSpreadsheet, SpreadsheetError, type OpenedSheet } from '../../spreadsheets/index.ts';
import { defaultRowWorkers, RowWorkers } from './row-workers.ts';
import { stageWithRowWorkers } from './stage-with-row-workers.ts';
import type { WriteContext } from '../../use-case-context.ts';

/** Rows per staging write on PGlite (on PostgreSQL rows stream into one COPY), and how often progress is reported. */
const BATCH_ROWS = 2_000;
/**
 * Files from this size (about 70,000 households) use row workers by default: measured on two busy
 * cores, workers slowed a 9 MB and a 22 MB file (their start and warm-up) and sped up a 102 MB one.
 */
export const ROW_WORKERS_FROM_BYTES = 32 * 1024 * 1024;
/** How often the job row's progress is updated. */
const PROGRESS_EVERY_ROWS = 5_000;
/** A county has ~700,000 residents; a file beyond this is a mistake or an attack. */
export const MAX_IMPORT_ROWS = 2_000_000;
/** Only one import merges at a time: their checks must see each other's households. */
export const MERGE_LOCK = 73092102;

export type ImportPhase = 'reading' | 'checking' | 'writing' | 'done';

export interface ImportProgress {
  phase: ImportPhase;
  rowsRead: number;
  /** Rows without problems of their own (before the whole-file checks). */
  rowsValid: number;
  /** Rows written to the registry (inserted, updated or found unchanged); known at the end. */
  rowsWritten: number;
  bytesRead: number;
  totalBytes: number | null;
}

/**
 * Who imports: a signed-in user (the job is theirs to confirm), or `actor` null for the command
 * line and the demo seed, which import for the deployment. The cipher encrypts the numbers.
 */
export type ImportContext = WriteContext<Actor | null> & { cipher: FieldCipher };

export interface ImportHouseholdsOptions {
  /** The file's bytes (a file stream, an upload). */
  input: AsyncIterable<Buffer | Uint8Array>;
  fileName: string;
  /** Size of the file when known, for progress. */
  totalBytes?: number | null;
  mode: TImportMode;
  /** The importer's region: rows may only name villages inside it. */
  regionId: string;
  /** Job id to use (default: a new UUID). */
  jobId?: string;
  /** Today in Asia/Shanghai (labels start on it; birth dates may not be after it). Default: now. */
  today?: string;
  onProgress?: (progress: ImportProgress) => void;
  /** Called once the header has been read and checked, with the job id: the file is importable so far. */
  onStarted?: (jobId: string) => void;
  signal?: AbortSignal;
  /** Issues stored at most (default MAX_STORED_ISSUES); the rest are counted. */
  maxStoredIssues?: number;
  /**
   * Changes to records the registry holds (review-import-changes.ts): 'write' them (default), or
   * 'ask' first: the job then ends awaiting_confirmation with the changes listed, nothing written.
   */
  changes?: 'write' | 'ask';
  /** This import confirms a preview: it writes only if its changes are exactly the previewed ones (else 409 import_preview_stale). */
  confirms?: { jobId: string; digest: string; fileSha256: string };
  /** Called once a confirmation's changes were found to be the previewed ones (the merge follows). */
  onConfirmed?: () => void;
  /**
   * Worker threads for the per-row work (row-workers.ts): `size` 0 does it on this thread. Default:
   * defaultRowWorkers() for a file of ROW_WORKERS_FROM_BYTES or more, else none. Tests and the
   * benchmark set it; `memoryMb` is each worker's heap limit.
   */
  rowWorkers?: { size: number; memoryMb?: number };
}

export interface ImportResult {
  jobId: string;
  status: 'succeeded' | 'rejected' | 'awaiting_confirmation';
  fileName: string;
  mode: TImportMode;
  format: OpenedSheet['format'];
  encoding: OpenedSheet['encoding'];
  headerRowNo: number;
  ignoredColumns: string[];
  rows: { read: number; inserted: number; updated: number; unchanged: number; rejected: number };
  households: MergeCounts['households'];
  phonesAdded: number;
  labelsAdded: number;
  issues: { found: number; stored: number; truncated: boolean };
  /** Changes to records the registry holds: written, or (awaiting_confirmation) to confirm. */
  changes: { found: number; stored: number; digest: string | null };
  fileSha256: string;
  durationMs: number;
}

/**
 * Imports a households file. Resolves with the outcome when the file was read to the end
 * (`succeeded`, or `rejected` with per-row issues); rejects with a 422 AppError for a file that
 * cannot be imported at all (empty, unreadable, no header …) or 413 for one too large to read,
 * which the job row also records.
 *
 * @example
 * const result = await importHouseholds({ db, actor, source: auditSourceOf(req), cipher }, {
 *   input: fs.createReadStream('堽城镇户籍台账.xlsx'), fileName: '堽城镇户籍台账.xlsx', mode: 'all_or_nothing', regionId: actor.regionId,
 * });
 * console.log(result.status, result.rows);
 */
export async function importHouseholds(ctx: ImportContext, options: ImportHouseholdsOptions): Promise<ImportResult> {
  const { db, cipher } = ctx;
  const audit = ctx.source;
  const userId = ctx.actor?.id ?? null;
  const started = performance.now();
  const jobId = options.jobId ?? crypto.randomUUID();
  const today = options.today ?? localDate();
  const region = await db.selectFrom('region').select(['id', 'code', 'path', 'county_code']).where('id', '=', options.regionId).executeTakeFirst();
  if (!region) throw notFound();
  // The session (on PostgreSQL, the job's advisory lock) exists before the job row does, so that
  // no reader ever sees a 'running' row whose lock is free and takes it for a dead process's.
  const disown = ownImportJob(db, jobId);
  let session: ImportSession | null = null;
  try {
    session = await openImportSession(db, jobId);
    await db
      .insertInto('import_job')
      .values({
        id: jobId,
        county_code: region.county_code,
        region_id: region.id,
        user_id: userId,
        kind: 'households',
        file_name: options.fileName,
        mode: options.mode,
        status: 'running',
        owner_host: IMPORT_OWNER.host,
        owner_pid: IMPORT_OWNER.pid,
        heartbeat_at: new Date(),
        confirms_job_id: options.confirms?.jobId ?? null,
      })
      .execute();
  } catch (error) {
    disown();
    await session?.release(true);
    throw error;
  }

  const progress: ImportProgress = { phase: 'reading', rowsRead: 0, rowsValid: 0, rowsWritten: 0, bytesRead: 0, totalBytes: options.totalBytes ?? null };
  const report = () => options.onProgress?.({ ...progress });
  const issues = new ImportIssueLog(jobId, options.maxStoredIssues);
  const names = stageNames(jobId);
  const fileHash = crypto.createHash('sha256');
  let sheet: OpenedSheet | null = null;
  let workers: RowWorkers | null = null;
  let ok = false;
  try {
    const directory = await loadDirectory(db, region.path, today);
    sheet = await openSpreadsheet(hashing(options.input, fileHash), {
      onBytes: (bytes) => {
        progress.bytesRead = bytes;
      },
    });
    options.onStarted?.(jobId);
    await createStage(session, names);

    // 1. Read, validate, protect, stage.
    const header = sheet.header;
    const active = session;
    const stage = openStageWriter(active, names, BATCH_ROWS);
    let lastProgressWrite = 0;
    const tick = async () => {
      options.signal?.throwIfAborted();
      report();
      if (progress.rowsRead - lastProgressWrite >= PROGRESS_EVERY_ROWS) {
        lastProgressWrite = progress.rowsRead;
        await writeProgress(db, jobId, progress);
      }
    };
    const countRow = () => {
      if (++progress.rowsRead > MAX_IMPORT_ROWS) throw new SpreadsheetError('import_too_many_rows', [{ path: 'rows', message: String(MAX_IMPORT_ROWS) }]);
    };
    // A small file is done before workers have warmed up (each loads and compiles its own code).
    const threads = options.rowWorkers?.size ?? ((options.totalBytes ?? 0) >= ROW_WORKERS_FROM_BYTES ? defaultRowWorkers() : 0);
    const dataKey = dataKeyOf(cipher);
    if (threads > 0 && dataKey && (active.copy || active.openCopy)) {
      // The per-row work in worker threads; this thread hands out batches and stages their COPY text in order.
      workers = new RowWorkers(threads, { header, ...directory.parts, today, dataKey }, options.rowWorkers?.memoryMb);
      await stageWithRowWorkers({ db }, { pool: workers, rows: sheet.rows, stage, issues, counts: progress, onRow: countRow, tick, reportEveryRows: BATCH_ROWS });
    } else {
      for await (const { rowNo, cells } of sheet.rows) {
        countRow();
        const row = validateImportRow(cells, rowNo, { header, directory: directory.directory, today });
        if (row.issues.length === 0) progress.rowsValid++;
        else if (issues.add(rowNo, row.issues)) await issues.flush(db);
        const staging = stage.add(toStageRow(row, cipher));
        if (staging) await staging;
        if (progress.rowsRead % BATCH_ROWS === 0) await tick();
      }
    }
    await stage.close();
    if (progress.rowsRead === 0) throw new SpreadsheetError('import_no_rows');
    await issues.flush(db);
    await writeProgress(db, jobId, progress, true);
    options.signal?.throwIfAborted();

    // 2. Check and merge, in one transaction.
    progress.phase = 'checking';
    report();
    await analyzeStage(session, names);
    const headers = { idNumber: headerOf(header, 'idNumber'), householdNo: headerOf(header, 'householdNo') };
    const outcome = await active.transaction(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${MERGE_LOCK})`.execute(trx);
      // The checks sort the whole file (three window partitions) and hash-join it with the registry: let them do it in memory.
      await sql`SET LOCAL work_mem = '64MB'`.execute(trx);
      const checked = await checkStagedRows({ trx, names, jobId, scopePath: region.path, mode: options.mode, headers, issues });
      await recordCrossScopeConflicts({ trx, names, jobId, importRegionId: region.id, audit });
      const good = checked.rows - checked.badRows;
      const rejected = good === 0 || (options.mode === 'all_or_nothing' && checked.badRows > 0);
      const fileSha256 = fileHash.digest('hex');
      const review = rejected ? null : await reviewImportChanges({ trx, names, jobId, fileSha256, confirms: options.confirms });
      if (review && options.confirms) options.onConfirmed?.();
      const awaiting = review !== null && review.count > 0 && options.changes === 'ask' && !options.confirms;
      let counts: MergeCounts | null = awaiting ? { ...review.planned, phonesAdded: 0, labelsAdded: 0 } : null;
      if (!rejected && !awaiting) {
        progress.phase = 'writing';
        report();
        options.signal?.throwIfAborted();
        counts = await mergeStagedRows({ trx, names, jobId, today, labelSource: `import:${options.fileName}`, userId, audit });
      }
      await issues.close(trx);
      const status = rejected ? ('rejected' as const) : awaiting ? ('awaiting_confirmation' as const) : ('succeeded' as const);
      const rows = {
        read: progress.rowsRead,
        inserted: counts?.rows.inserted ?? 0,
        updated: counts?.rows.updated ?? 0,
        unchanged: counts?.rows.unchanged ?? 0,
        // In a rejected all-or-nothing file these are the rows with problems; nothing was written either way.
        rejected: checked.badRows,
      };
      await trx
        .updateTable('import_job')
        .set({
          status,
          total_rows: rows.read,
          processed_rows: rows.read,
          inserted: rows.inserted,
          updated: rows.updated,
          unchanged: rows.unchanged,
          rejected_rows: rows.rejected,
          finished_at: new Date(),
          file_sha256: fileSha256,
          changes_digest: review?.digest ?? null,
          change_count: review?.count ?? 0,
        })
        .where('id', '=', jobId)
        .execute();
      const result: Omit<ImportResult, 'durationMs'> = {
        jobId,
        status,
        fileName: options.fileName,
        mode: options.mode,
        format: sheet!.format,
        encoding: sheet!.encoding,
        headerRowNo: sheet!.headerRowNo,
        ignoredColumns: header.ignored,
        rows,
        households: counts?.households ?? { inserted: 0, updated: 0, unchanged: 0 },
        phonesAdded: counts?.phonesAdded ?? 0,
        labelsAdded: counts?.labelsAdded ?? 0,
        issues: { found: issues.found, stored: issues.stored, truncated: issues.truncated },
        changes: { found: review?.count ?? 0, stored: review?.stored ?? 0, digest: review?.digest ?? null },
        fileSha256,
      };
      await recordAudit({ db: trx, source: audit }, {
        action: 'import.households',
        entityType: 'import',
        entityId: jobId,
        region,
        after: { fileName: result.fileName, mode: result.mode, status, rows, households: result.households, phonesAdded: result.phonesAdded, labelsAdded: result.labelsAdded, issues: result.issues, changes: result.changes.found, confirms: options.confirms?.jobId ?? null },
      });
      return result;
    });
    progress.phase = 'done';
    progress.rowsWritten = outcome.rows.inserted + outcome.rows.updated + outcome.rows.unchanged;
    report();
    ok = true;
    return { ...outcome, durationMs: Math.round(performance.now() - started) };
  } catch (error) {
    const aborted = options.signal?.aborted && !(error instanceof SpreadsheetError);
    // A confirmation whose changes are no longer the previewed ones is the user's to redo, not a failure.
    const stale = error instanceof AppError && error.code === 'import_preview_stale';
    const problem: TProblemCode = error instanceof SpreadsheetError ? error.code : stale ? 'import_preview_stale' : aborted ? 'import_interrupted' : 'import_failed';
    await finishFailed(db, audit, jobId, region, error instanceof SpreadsheetError || stale ? 'rejected' : 'failed', problem, progress.rowsRead, error instanceof SpreadsheetError ? error.issues : []).catch(() => {});
    if (error instanceof SpreadsheetError) throw error.toAppError();
    throw error;
  } finally {
    await workers?.close(false);
    await sheet?.close().catch(() => {});
    // After a failure the connection may be mid-COPY or in an aborted transaction: discard it (TEMP tables go with it).
    if (ok || !session.dedicated) await dropStage(session, names).catch(() => {});
    await session.release(!ok);
    disown();
  }
}

/** The file's bytes as they go by, into `hash`. */
async function* hashing(input: AsyncIterable<Buffer | Uint8Array>, hash: crypto.Hash): AsyncGenerator<Buffer | Uint8Array> {
  for await (const chunk of input) {
    hash.update(chunk);
    yield chunk;
  }
}

const headerOf = (header: ImportHeader, field: 'idNumber' | 'householdNo') => header.byField[field]?.[0]?.header ?? '';

/** The villages and townships inside the scope, and the active hardship categories (and the parts, for the row workers to build their own). */
async function loadDirectory(db: Kysely<DB>, scopePath: string, today: string): Promise<{ directory: ImportDirectory; parts: { villages: ImportVillage[]; townships: ImportTownship[]; categories: ImportCategory[] } }> {
  const regions = await db
    .selectFrom('region')
    .select(['id', 'code', 'name', 'level', 'parent_id', 'county_code', 'path', 'closed_on'])
    .where((eb) => inSubtree(eb.ref('path'), scopePath))
    .where('level', 'in', ['township', 'village'])
    .execute();
  const categories = await db.selectFrom('hardship_category').select(['code', 'name', 'name_en']).where('active', '=', true).execute();
  const parts = {
    villages: regions
      .filter((r) => r.level === 'village' && r.county_code)
      .map((r) => ({ id: r.id, code: r.code, name: r.name, countyCode: r.county_code!, path: r.path, townshipId: r.parent_id ?? '', open: r.closed_on === null || r.closed_on > today })),
    townships: regions.filter((r) => r.level === 'township').map((r) => ({ id: r.id, name: r.name })),
    categories: categories.map((c) => ({ code: c.code, name: c.name, nameEn: c.name_en })),
  };
  return { directory: new ImportDirectory(parts.villages, parts.townships, parts.categories), parts };
}

/** Progress on the job row, committed at once (outside the import's transaction). */
async function writeProgress(db: Kysely<DB>, jobId: string, p: ImportProgress, final = false) {
  // While reading, the total is extrapolated from the bytes read; at the end of the file it is exact.
  const estimate = !final && p.totalBytes && p.bytesRead > 0 ? Math.max(p.rowsRead, Math.round((p.rowsRead * p.totalBytes) / p.bytesRead)) : p.rowsRead;
  await db.updateTable('import_job').set({ processed_rows: p.rowsRead, total_rows: estimate, heartbeat_at: new Date() }).where('id', '=', jobId).where('status', '=', 'running').execute();
}

async function finishFailed(
  db: Kysely<DB>,
  source: AuditSource,
  jobId: string,
  region: { id: string; path: string; county_code: string | null },
  status: 'rejected' | 'failed',
  problem: TProblemCode,
  rowsRead: number,
  fileIssues: ProblemIssue[],
) {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('import_job').set({ status, problem, processed_rows: rowsRead, finished_at: new Date() }).where('id', '=', jobId).execute();
    await recordAudit({ db: trx, source }, { action: 'import.households', entityType: 'import', entityId: jobId, region, after: { status, problem, rowsRead, details: fileIssues } });
  });
}
