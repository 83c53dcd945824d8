/**
 * The XLSX report of an import job: a summary sheet (the job, then its problems grouped by kind),
 * every issue (row, column, masked value, code, and the message in Chinese and English), and
 * the changes to existing households and people, field by field. Streamed: issues are read page by page and
 * written row by row, so a report of 100,000 issues takes no more memory than one of ten. Text
 * cells go through safeCell: a value like =HYPERLINK(…) in the file must not become a formula.
 */
import type { Worksheet } from 'exceljs';
import type { Writable } from 'node:stream';
import { PROBLEM_MESSAGES, type TProblemCode } from '../../../shared/problem.ts';
import { describeImportChange } from '../../../shared/registry/import-changes.ts';
import { IMPORT_ISSUE_MESSAGES, IMPORT_STATUS_TEXT, isImportIssueCode } from '../../../shared/registry/import-issues.ts';
import { formatLocalDateTime } from '../../../shared/time.ts';
import type { Actor } from '../../http/context.ts';
import { safeCell } from '../../export/safe-cell.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { findImportJobInScope } from './import-job-queries.ts';
import { categoryNames } from './list-import-changes.ts';
import { listImportIssueGroups } from './list-import-issue-groups.ts';

const PAGE = 5_000;

const messages = (code: string) => {
  if (isImportIssueCode(code)) return IMPORT_ISSUE_MESSAGES[code];
  if (Object.hasOwn(PROBLEM_MESSAGES, code)) return PROBLEM_MESSAGES[code as TProblemCode];
  return { 'zh-CN': code, en: code };
};

/**
 * Writes the report of job `id` to `output` (a file or an HTTP response) and ends it. Without an
 * actor (the command line, which acts for the deployment) the job is not scope-checked.
 *
 * @example
 * await writeImportReport({ db, actor: null }, { id: jobId, output: fs.createWriteStream('report.xlsx') });
 */
export async function writeImportReport({ db, actor }: ReadContext<Actor | null>, { id: jobId, output }: { id: string; output: Writable }): Promise<void> {
  if (actor) await findImportJobInScope(db, actor, jobId);
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
  const status = IMPORT_STATUS_TEXT[job.status === 'succeeded' && job.rejected_rows > 0 ? 'succeeded_partly' : job.status];
  line('状态 Status', `${status['zh-CN']} ${status.en}`);
  line('开始 Started', formatLocalDateTime(job.created_at));
  line('结束 Finished', job.finished_at ? formatLocalDateTime(job.finished_at) : '');
  line('读取行数 Rows read', job.processed_rows);
  line('新增 Inserted', job.inserted);
  line('更新 Updated', job.updated);
  line('未变 Unchanged', job.unchanged);
  line('未导入的行 Rows not imported', job.rejected_rows);
  line(job.status === 'awaiting_confirmation' ? '待确认的改动 Changes to confirm' : '对已有记录的改动 Changes to existing records', job.change_count);
  if (job.problem) {
    const m = messages(job.problem);
    line('文件问题 File problem', `${job.problem}: ${m['zh-CN']} ${m.en}`);
  }
  // Problems by kind: what to fix, how often, and the first rows.
  const { groups, notStored } = await listImportIssueGroups({ db, actor: null }, { id: jobId, locale: 'zh-CN' });
  if (groups.length) {
    summary.addRow([]).commit();
    const head = summary.addRow(['问题分类 Problems by kind', '行数 Rows', '列 Column', '问题代码 Code', '问题说明', 'Problem', '行号（前 20 个） First rows']);
    head.font = { bold: true };
    head.commit();
    for (const g of groups) {
      const m = messages(g.problem);
      summary.addRow([safeCell(m['zh-CN']), g.count, safeCell(g.column), g.problem, m['zh-CN'], m.en, g.rows.join(', ') + (g.count > g.rows.length ? ' …' : '')]).commit();
    }
    if (notStored) summary.addRow(['未列出的问题 Problems not listed', notStored]).commit();
  }
  await summary.commit();

  const sheet = addTableSheet(book, '问题 Issues', [
    { header: '行号 Row', width: 10 },
    { header: '列 Column', width: 16 },
    { header: '值 Value', width: 24 },
    { header: '问题代码 Code', width: 24 },
    { header: '问题说明', width: 60 },
    { header: 'Problem', width: 70 },
  ]);
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

  const changes = addTableSheet(book, '改动 Changes', [
    { header: '行号 Row', width: 10 },
    { header: '户编号 Household no', width: 20 },
    { header: '人员 Person', width: 14 },
    { header: '项目 Field', width: 22 },
    { header: '原值 Before', width: 30 },
    { header: '新值 After', width: 30 },
  ]);
  const zh = await categoryNames(db, 'zh-CN');
  const en = await categoryNames(db, 'en');
  let afterChange: { row: number; id: string } | null = null;
  for (;;) {
    let query = db.selectFrom('import_change').select(['id', 'row_no', 'household_no', 'person', 'field', 'old_value', 'new_value']).where('job_id', '=', jobId).where('county_code', '=', job.county_code ?? '');
    if (afterChange) {
      const a = afterChange;
      query = query.where((eb) => eb.or([eb('row_no', '>', a.row), eb.and([eb('row_no', '=', a.row), eb('id', '>', a.id)])]));
    }
    const rows = await query.orderBy('row_no').orderBy('id').limit(PAGE).execute();
    for (const r of rows) {
      const change = { field: r.field, oldValue: r.old_value, newValue: r.new_value };
      const [c, e] = [describeImportChange(change, 'zh-CN', zh), describeImportChange(change, 'en', en)];
      const both = (a: string, b: string) => (a === b ? a : `${a} ${b}`);
      changes.addRow([r.row_no, safeCell(r.household_no), safeCell(r.person), both(c.fieldLabel, e.fieldLabel), safeCell(both(c.oldValue, e.oldValue)), safeCell(both(c.newValue, e.newValue))]).commit();
    }
    if (rows.length < PAGE) break;
    const last = rows[rows.length - 1]!;
    afterChange = { row: last.row_no, id: last.id };
  }
  await changes.commit();
  await book.commit();
}

/** A streamed worksheet with its columns and a bold header row, already committed. */
function addTableSheet(book: { addWorksheet(name: string): Worksheet }, name: string, columns: { header: string; width: number }[]) {
  const sheet = book.addWorksheet(name);
  sheet.columns = columns;
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  return sheet;
}
