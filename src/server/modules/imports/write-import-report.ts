/**
 * The XLSX report of an import job: a summary sheet and every issue (row, column, masked value,
 * code, and the message in Chinese and English). Streamed: issues are read page by page and
 * written row by row, so a report of 100,000 issues takes no more memory than one of ten. Text
 * cells go through safeCell: a value like =HYPERLINK(…) in the file must not become a formula.
 */
import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import { PROBLEM_MESSAGES, type TProblemCode } from '../../../shared/problem.ts';
import { IMPORT_ISSUE_MESSAGES, isImportIssueCode } from '../../../shared/registry/import-issues.ts';
import { formatLocalDateTime } from '../../../shared/time.ts';
import type { DB } from '../../db/schema.ts';
import { safeCell } from '../../export/safe-cell.ts';

const PAGE = 5_000;

const messages = (code: string) => {
  if (isImportIssueCode(code)) return IMPORT_ISSUE_MESSAGES[code];
  if (Object.hasOwn(PROBLEM_MESSAGES, code)) return PROBLEM_MESSAGES[code as TProblemCode];
  return { 'zh-CN': code, en: code };
};

/**
 * Writes the report of `jobId` to `output` (a file or an HTTP response) and ends it.
 *
 * @example
 * await writeImportReport(db, jobId, fs.createWriteStream('report.xlsx'));
 */
export async function writeImportReport(db: Kysely<DB>, jobId: string, output: Writable): Promise<void> {
  const job = await db
    .selectFrom('import_job as j')
    .leftJoin('region as r', 'r.id', 'j.region_id')
    .selectAll('j')
    .select(['r.code as region_code', 'r.name as region_name'])
    .where('j.id', '=', jobId)
    .executeTakeFirstOrThrow();
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });

  const summary = book.addWorksheet('概况 Summary');
  summary.columns = [{ width: 28 }, { width: 60 }];
  const line = (label: string, value: string | number) => summary.addRow([label, typeof value === 'string' ? safeCell(value) : value]).commit();
  line('文件 File', job.file_name);
  line('范围 Region', job.region_code ? `${job.region_name ?? ''} ${job.region_code}` : '');
  line('方式 Mode', job.mode === 'partial' ? '部分导入 partial' : '全部或不导入 all or nothing');
  line('状态 Status', job.status);
  line('开始 Started', formatLocalDateTime(job.created_at));
  line('结束 Finished', job.finished_at ? formatLocalDateTime(job.finished_at) : '');
  line('读取行数 Rows read', job.processed_rows);
  line('新增 Inserted', job.inserted);
  line('更新 Updated', job.updated);
  line('未变 Unchanged', job.unchanged);
  line('未导入的行 Rows not imported', job.rejected_rows);
  if (job.problem) {
    const m = messages(job.problem);
    line('文件问题 File problem', `${job.problem}: ${m['zh-CN']} ${m.en}`);
  }
  await summary.commit();

  const sheet = book.addWorksheet('问题 Issues');
  sheet.columns = [
    { header: '行号 Row', width: 10 },
    { header: '列 Column', width: 16 },
    { header: '值 Value', width: 24 },
    { header: '问题代码 Code', width: 24 },
    { header: '问题说明', width: 60 },
    { header: 'Problem', width: 70 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let after: { row: number; id: string } | null = null;
  for (;;) {
    let query = db.selectFrom('import_issue').select(['id', 'row_no', 'column_name', 'value', 'problem']).where('job_id', '=', jobId);
    if (after) {
      const a = after;
      query = query.where((eb) => eb.or([eb('row_no', '>', a.row), eb.and([eb('row_no', '=', a.row), eb('id', '>', a.id)])]));
    }
    const rows = await query.orderBy('row_no').orderBy('id').limit(PAGE).execute();
    for (const r of rows) {
      const m = messages(r.problem);
      sheet.addRow([r.row_no, safeCell(r.column_name), safeCell(r.value), r.problem, m['zh-CN'], m.en]).commit();
    }
    if (rows.length < PAGE) break;
    const last = rows[rows.length - 1]!;
    after = { row: last.row_no, id: last.id };
  }
  await sheet.commit();
  await book.commit();
}
