import { sql, type Kysely } from 'kysely';
import type { TCaseBatchDetail, TCaseBatchRowReport } from '../../../shared/cases/case-batch-schemas.ts';
import { PROBLEM_MESSAGES } from '../../../shared/problem.ts';
import { formatLocalDateTime } from '../../../shared/time.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import { actorCounty } from '../../scope/index.ts';
import { SpreadsheetError } from '../../spreadsheets/index.ts';
import { recordAudit } from '../audit/index.ts';
import { registerCase, type CaseWriteContext } from '../cases/index.ts';
import type { Actor } from '../../http/context.ts';
import { batchDetail } from './case-batch-view.ts';
import { categoryLookup, parseBatchRow, type BatchDirectory } from './parse-batch-row.ts';
import { readBatchFile, readBatchJson } from './read-batch-file.ts';

export interface ImportCaseBatchOptions {
  /** The work orders: a spreadsheet file's bytes (XLSX, CSV in UTF-8 or GBK), or a JSON body (an array, as parsed). */
  input: { file: AsyncIterable<Buffer | Uint8Array> } | { json: unknown };
  fileName: string;
  now?: Date;
}

const HOTLINE = 'hotline_12345' as const;
const isUniqueViolation = (error: unknown) => typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';

/**
 * Imports a batch of work orders transferred by the city's 12345 hotline (市 12345 热线转办):
 * every row becomes a case through `registerCase` (channel hotline_12345, the batch, the
 * 工单编号 as external_ref, dispatched along its category's default route).
 *
 * Good rows are stored and bad ones reported (the hotline wants an outcome per work order), all
 * in ONE transaction: each row runs under a savepoint, so a refused row leaves nothing, and a
 * crash or an unexpected error anywhere rolls the whole batch back (no batch row, no case) — the
 * same file can then simply be sent again. A 工单编号 registered before is reported as
 * "already registered as MQ…" and not created again; the same file twice (SHA-256) answers 409
 * case_batch_duplicate naming the earlier batch. The per-row report is stored in
 * case_batch.report.
 *
 * @example
 * const batch = await importCaseBatch({ db, actor, source, cipher }, { input: { file: upload.open() }, fileName: '12345转办-1201.xlsx' });
 * batch.rowsCreated; // 18
 * batch.report[3]; // { rowNo: 6, externalRef: 'SD-0004', outcome: 'refused', problems: [{ 'zh-CN': '没有诉求分类“路灯”…', en: … }], … }
 */
export async function importCaseBatch(ctx: CaseWriteContext<Actor>, options: ImportCaseBatchOptions): Promise<TCaseBatchDetail> {
  const { db, actor } = ctx;
  const now = options.now ?? new Date();
  const county = await actorCounty(db, actor);
  let file;
  try {
    file = 'file' in options.input ? await readBatchFile(options.input.file) : readBatchJson(options.input.json);
  } catch (error) {
    if (error instanceof SpreadsheetError) throw error.toAppError();
    throw error;
  }
  await refuseDuplicate(db, county.code, file.digest);
  const directory = await loadDirectory(db, county.code);

  const id = await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('case_batch')
      .values({ county_code: county.code, source: HOTLINE, file_name: options.fileName, digest: file.digest, report: '[]', created_by: actor.id, created_at: now })
      // The same file sent twice at once: the second waits on the unique digest, then finds the first.
      .onConflict((oc) => oc.columns(['county_code', 'digest']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw await duplicateError(trx, county.code, file.digest);
    const batchId = inserted.id;

    const refs = [...new Set(file.rows.map((r) => r.values.externalRef?.replace(/\s/g, '')).filter((r): r is string => Boolean(r)))];
    const existing = new Map<string, { id: string; case_no: string }>();
    for (let i = 0; i < refs.length; i += 500) {
      const found = await trx
        .selectFrom('resident_case')
        .select(['id', 'case_no', 'external_ref'])
        .where('county_code', '=', county.code)
        .where('channel', '=', HOTLINE)
        .where('external_ref', 'in', refs.slice(i, i + 500))
        .execute();
      for (const f of found) existing.set(f.external_ref!, { id: f.id, case_no: f.case_no });
    }

    const report: TCaseBatchRowReport[] = [];
    const firstRow = new Map<string, number>();
    for (const row of file.rows) {
      const parsed = parseBatchRow(directory, row.values);
      const ref = parsed.externalRef;
      const earlier = ref ? existing.get(ref) : undefined;
      if (earlier) {
        report.push({ rowNo: row.rowNo, externalRef: ref, outcome: 'existing', caseId: earlier.id, caseNo: earlier.case_no, problems: [alreadyRegistered(earlier.case_no)] });
        continue;
      }
      if (ref && firstRow.has(ref)) {
        const first = firstRow.get(ref)!;
        report.push({ rowNo: row.rowNo, externalRef: ref, outcome: 'refused', caseId: null, caseNo: null, problems: [{ 'zh-CN': `工单编号与本文件第 ${first} 行重复`, en: `the work order number repeats row ${first} of this file` }] });
        continue;
      }
      if (ref) firstRow.set(ref, row.rowNo);
      if (!parsed.ok) {
        report.push({ rowNo: row.rowNo, externalRef: ref, outcome: 'refused', caseId: null, caseNo: null, problems: parsed.problems });
        continue;
      }
      await sql`SAVEPOINT batch_row`.execute(trx);
      try {
        const made = await registerCase({ ...ctx, db: trx }, { intake: parsed.intake, channel: HOTLINE, batchId, externalRef: parsed.externalRef, now });
        await sql`RELEASE SAVEPOINT batch_row`.execute(trx);
        report.push({ rowNo: row.rowNo, externalRef: ref, outcome: 'created', caseId: made.id, caseNo: made.caseNo, problems: [] });
      } catch (error) {
        // Only what the intake refuses is a row's problem; anything else fails the whole batch.
        if (!(error instanceof AppError) && !isUniqueViolation(error)) throw error;
        await sql`ROLLBACK TO SAVEPOINT batch_row`.execute(trx);
        if (isUniqueViolation(error)) {
          // Registered by someone else since we looked (another batch holding the same order).
          const other = await trx.selectFrom('resident_case').select(['id', 'case_no']).where('county_code', '=', county.code).where('channel', '=', HOTLINE).where('external_ref', '=', parsed.externalRef).executeTakeFirst();
          report.push({ rowNo: row.rowNo, externalRef: ref, outcome: other ? 'existing' : 'refused', caseId: other?.id ?? null, caseNo: other?.case_no ?? null, problems: [other ? alreadyRegistered(other.case_no) : PROBLEM_MESSAGES.conflict] });
        } else {
          const code = (error as AppError).code;
          report.push({ rowNo: row.rowNo, externalRef: ref, outcome: 'refused', caseId: null, caseNo: null, problems: [PROBLEM_MESSAGES[code]] });
        }
      }
    }

    const created = report.filter((r) => r.outcome === 'created').length;
    await trx
      .updateTable('case_batch')
      .set({ report: JSON.stringify(report), rows_total: report.length, rows_created: created, rows_refused: report.length - created })
      .where('county_code', '=', county.code)
      .where('id', '=', batchId)
      .execute();
    await recordAudit({ db: trx, source: ctx.source }, {
      action: 'case_batch.import',
      entityType: 'case_batch',
      entityId: batchId,
      region: county,
      after: { fileName: options.fileName, digest: file.digest, rows: report.length, created, existing: report.filter((r) => r.outcome === 'existing').length, refused: report.filter((r) => r.outcome === 'refused').length },
    });
    return batchId;
  });
  const detail = await batchDetail(db, { countyCode: county.code, id });
  return detail!;
}

const alreadyRegistered = (caseNo: string) => ({ 'zh-CN': `该工单已登记为 ${caseNo}，未重复登记`, en: `already registered as ${caseNo}; not registered again` });

async function refuseDuplicate(db: Kysely<DB>, countyCode: string, digest: string): Promise<void> {
  const earlier = await db.selectFrom('case_batch').select('id').where('county_code', '=', countyCode).where('digest', '=', digest).executeTakeFirst();
  if (earlier) throw await duplicateError(db, countyCode, digest);
}

async function duplicateError(db: Kysely<DB>, countyCode: string, digest: string): Promise<AppError> {
  const earlier = await db.selectFrom('case_batch').select(['id', 'file_name', 'created_at']).where('county_code', '=', countyCode).where('digest', '=', digest).executeTakeFirstOrThrow();
  const on = formatLocalDateTime(earlier.created_at);
  return new AppError(409, 'case_batch_duplicate', {
    issues: [{ path: 'batch', message: `#${earlier.id} ${earlier.file_name} (${on})` }],
    extensions: { batchId: earlier.id },
  });
}

/** The county's open townships and villages and its active categories, to read rows against. */
async function loadDirectory(db: Kysely<DB>, countyCode: string): Promise<BatchDirectory> {
  const regions = await db
    .selectFrom('region as r')
    .leftJoin('region as p', 'p.id', 'r.parent_id')
    .select(['r.code', 'r.name', 'r.level', 'p.code as parent_code'])
    .where('r.county_code', '=', countyCode)
    .where('r.level', 'in', ['township', 'village'])
    .where('r.closed_on', 'is', null)
    .execute();
  const categories = await db.selectFrom('case_category').select(['code', 'name', 'name_en']).where('county_code', '=', countyCode).where('active', '=', true).orderBy('sort').orderBy('code').execute();
  return {
    categories: categoryLookup(categories),
    townships: regions.filter((r) => r.level === 'township').map((r) => ({ code: r.code, name: r.name })),
    villages: regions.filter((r) => r.level === 'village').map((r) => ({ code: r.code, name: r.name, townshipCode: r.parent_code ?? '' })),
  };
}
