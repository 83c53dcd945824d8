import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { PROBLEM_MESSAGES } from '../../shared/problem.ts';
import { describeImportChange } from '../../shared/registry/import-changes.ts';
import { IMPORT_ISSUE_MESSAGES, isImportIssueCode } from '../../shared/registry/import-issues.ts';
import type { TImportIssueGroup } from '../../shared/registry/import-schemas.ts';
import { AppError } from '../../server/http/errors.ts';
import type { ImportProgress, ImportResult } from '../../server/modules/imports/index.ts';
import type { ReadContext } from '../../server/use-case-context.ts';
import { CliError } from '../errors.ts';
import { startProgress, type Progress } from '../progress.ts';
import { output, withDatabase, type CliOptions } from '../context.ts';

/** Issues printed on the terminal; the rest are in the job's report (--report, or the web page). */
const SHOWN_ISSUES = 20;
/** Changes printed on the terminal before asking for confirmation; all of them are in the report. */
const SHOWN_CHANGES = 50;
/** Exit status of a preview: nothing written, changes to confirm. */
export const EXIT_CONFIRM = 3;

interface ImportHouseholdsCliOptions extends CliOptions {
  partial?: boolean;
  region?: string;
  report?: string;
  yes?: boolean;
  confirmChanges?: string;
}

interface ChangeLine {
  row_no: number;
  household_no: string;
  person: string;
  field: string;
  old_value: string;
  new_value: string;
}

/** Progress on stderr, per phase (startProgress shows nothing with --json or when stderr is not a terminal). */
function importProgress(options: CliOptions) {
  let bar: Progress | null = null;
  let phase = '';
  return {
    update(p: ImportProgress) {
      if (p.phase !== phase) {
        bar?.stop();
        phase = p.phase;
        if (p.phase === 'reading') bar = startProgress('Reading 读取', Math.max(p.totalBytes ?? p.bytesRead, 1), { json: options.json, unit: 'bytes' });
        else if (p.phase === 'done') bar = null;
        else bar = startProgress(p.phase === 'checking' ? 'Checking 检查' : 'Writing 写入', 1, { json: options.json });
      }
      if (p.phase === 'reading') bar?.update(p.bytesRead);
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}

/** The importer's scope: --region, or the one top-level region (the county of a county deployment). */
async function scopeRegion(ctx: ReadContext<null>, code: string | undefined) {
  if (code !== undefined && !/^\d{6}(\d{3}){0,3}$/.test(code)) throw new CliError('--region: a division code of 6, 9, 12 or 15 digits\n--region 应为 6、9、12 或 15 位区划代码。');
  const { findImportRegion } = await import('../../server/modules/imports/index.ts');
  const found = await findImportRegion(ctx, { code });
  if ('region' in found) return found.region;
  if (found.missing === 'no_such_region') throw new CliError(`No region with code ${code}.\n没有区划代码为 ${code} 的区划。`);
  throw new CliError(
    found.missing === 'several_roots'
      ? 'This database holds several top-level regions: say which one the file belongs to with --region CODE.\n数据库中有多个顶级区划，请用 --region 指定导入范围。'
      : 'There are no regions yet: load the demo county (lianxin seed-demo) or create the county first.\n还没有任何区划。',
  );
}

const message = (code: string) =>
  isImportIssueCode(code) ? IMPORT_ISSUE_MESSAGES[code] : Object.hasOwn(PROBLEM_MESSAGES, code) ? PROBLEM_MESSAGES[code as keyof typeof PROBLEM_MESSAGES] : { 'zh-CN': code, en: code };

function summary(result: ImportResult, issues: IssueLine[], groups: TImportIssueGroup[], changes: ChangeLine[], file: string, reportFile: string | null): string {
  const r = result.rows;
  const h = result.households;
  if (result.status === 'awaiting_confirmation') return preview(result, changes, file, reportFile);
  const lines = [
    result.status === 'succeeded'
      ? `Imported ${result.fileName}: ${r.read} rows read; residents ${r.inserted} inserted, ${r.updated} updated, ${r.unchanged} unchanged; households ${h.inserted} inserted, ${h.updated} updated, ${h.unchanged} unchanged; ${result.phonesAdded} phones and ${result.labelsAdded} hardship labels added.`
      : `Rejected ${result.fileName}: nothing was written. ${r.rejected} of ${r.read} rows have problems${result.mode === 'all_or_nothing' ? ' (all or nothing: correct them, or use --partial to import the good households)' : ''}.`,
    result.status === 'succeeded'
      ? `已导入：读取 ${r.read} 行；人员新增 ${r.inserted}、更新 ${r.updated}、未变 ${r.unchanged}；户新增 ${h.inserted}、更新 ${h.updated}、未变 ${h.unchanged}。`
      : `未导入：数据库未作任何改动。${r.read} 行中有 ${r.rejected} 行有问题${result.mode === 'all_or_nothing' ? '（全部或不导入：请改正后重新导入，或加 --partial 只导入没有问题的户）' : ''}。`,
  ];
  if (result.status === 'succeeded' && r.rejected) {
    lines.push(`${r.rejected} rows were not imported (a household is imported only whole). | ${r.rejected} 行未导入（整户有问题的不导入）。`);
  }
  if (result.issues.found > issues.length && groups.length) {
    lines.push('', 'Problems by kind | 问题分类：');
    for (const g of groups) {
      const m = message(g.problem);
      const rows = g.rows.join(', ') + (g.count > g.rows.length ? ', …' : '');
      lines.push(`  ${g.count} × ${g.column ? `${g.column}: ` : ''}${m.en} | ${m['zh-CN']} (rows 行 ${rows})`);
    }
  }
  if (issues.length) {
    lines.push('', `Problems${result.issues.found > issues.length ? ` (first ${issues.length} of ${result.issues.found})` : ''} | 问题：`);
    for (const i of issues) {
      const m = message(i.problem);
      const where = `row 第 ${i.row_no} 行${i.column_name ? `, ${i.column_name}` : ''}${i.value ? ` “${i.value}”` : ''}`;
      lines.push(`  ${where}: ${m.en} | ${m['zh-CN']}`);
    }
  }
  if (reportFile) lines.push('', `Report 报告: ${reportFile}`);
  lines.push(`Job 任务: ${result.jobId} (${(result.durationMs / 1000).toFixed(1)} s)`);
  return lines.join('\n');
}

/** A preview: the changes to registered households and people, and how to confirm them. */
function preview(result: ImportResult, changes: ChangeLine[], file: string, reportFile: string | null): string {
  const n = result.changes.found;
  const lines = [
    `Nothing written: ${result.fileName} would change ${n} field(s) of households and people already registered. Check them:`,
    `尚未写入：该文件将改动已登记的户和人员的 ${n} 项内容，请核对：`,
    '',
  ];
  for (const c of changes) {
    const d = describeImportChange({ field: c.field, oldValue: c.old_value, newValue: c.new_value }, 'zh-CN');
    const e = describeImportChange({ field: c.field, oldValue: c.old_value, newValue: c.new_value }, 'en');
    lines.push(`  row 第 ${c.row_no} 行, 户编号 ${c.household_no}${c.person ? `, ${c.person}` : ''}: ${d.fieldLabel} ${e.fieldLabel}: ${d.oldValue || '—'} → ${d.newValue || '—'}`);
  }
  if (n > changes.length) lines.push(`  … ${n - changes.length} more 还有 ${n - changes.length} 项${reportFile ? '' : ' (all in the report: --report R.xlsx | 全部改动见 --report 报告)'}`);
  const again = `lianxin import households ${JSON.stringify(file)}${result.mode === 'partial' ? ' --partial' : ''}`;
  lines.push(
    '',
    `To write exactly these changes 确认写入这些改动: ${again} --confirm-changes ${result.jobId}`,
    '(refused if the registry or the file changed meanwhile | 如期间户籍数据或文件有变动，将拒绝写入)',
  );
  if (reportFile) lines.push(`Report 报告: ${reportFile}`);
  return lines.join('\n');
}

interface IssueLine {
  row_no: number;
  column_name: string;
  value: string;
  problem: string;
}

/**
 * `lianxin import households FILE [--partial] [--region CODE] [--report FILE] [--json]`.
 *
 * @example
 * importCommand(program); // in main.ts
 */
export function importCommand(program: Command) {
  const command = program.command('import').description('Import data from spreadsheets | 导入数据');

  command
    .command('households')
    .description('Import the household registry from a CSV or XLSX file, one row per resident | 导入户籍台账（每行一人）')
    .argument('<file>', 'XLSX, or CSV in UTF-8 or GBK (as Excel saves it)')
    .option('--partial', 'write the households without problems and report the rest (default: all or nothing) | 只导入没有问题的户')
    .option('--region <code>', 'the importer\'s scope: rows may only name villages in it (default: the whole county) | 导入范围（区划代码）')
    .option('--report <file>', 'also write the report (every problem, in Chinese and English) to this XLSX file | 导出问题报告')
    .option('--confirm-changes <job>', 'write the changes to registered households and people that an earlier run of this file listed (its job id); refused if they are no longer the same | 确认写入此前列出的改动')
    .option('--yes', 'write changes to registered households and people without listing them first | 不经核对直接写入改动')
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      [
        '',
        'Columns (Chinese or English headers, any order; title rows above the header are skipped):',
        '  required: 户编号 household no, 姓名 name, 与户主关系 relationship, 身份证号 id number,',
        '            and the village: 村代码 village code, or 村（社区） village (with 乡镇 township when names repeat)',
        '  optional: 性别, 出生日期 (checked against the ID number), 手机 / 联系电话 / 固定电话 (either kind in',
        '            either column; several separated by 、), 困难类别 (names or codes, several separated by 、),',
        '            家庭住址, 经度, 纬度, 备注',
        'By default one bad row rejects the whole file and nothing is written. With --partial the good',
        'households are written; a household with any bad row is left out whole. Importing the same file',
        'again changes nothing. A file that would change households or people already registered (a name,',
        'a relationship, a village, an address; a phone, a hardship label or a member added) writes nothing:',
        'it lists the changes field by field, and --confirm-changes JOB writes exactly those (--yes: without listing).',
        `Exit status: 0 when written, ${EXIT_CONFIRM} when changes wait for confirmation, 2 when rejected or the file cannot be read.`,
        '默认“全部或不导入”：有一行出错则整个文件不导入；--partial 只导入没有问题的户（某户有一行出错则整户不导入）。',
        '重复导入同一文件不会产生任何改动。会改动已登记的户和人员的文件先列出改动，确认（--confirm-changes）后才写入。',
        '',
        'Example: lianxin import households 堽城镇户籍台账.xlsx --region 370921104 --report 报告.xlsx',
      ].join('\n'),
    )
    .action(async (file: string, options: ImportHouseholdsCliOptions) => {
      const source = path.resolve(file);
      const stat = fs.statSync(source, { throwIfNoEntry: false });
      if (!stat?.isFile()) throw new CliError(`No such file: ${source}\n找不到文件。`);
      const reportFile = options.report ? path.resolve(options.report) : null;
      if (reportFile && !fs.existsSync(path.dirname(reportFile))) throw new CliError(`The directory ${path.dirname(reportFile)} does not exist.\n报告所在目录不存在。`);
      const bar = importProgress(options);
      const jobId = crypto.randomUUID();
      if (options.yes && options.confirmChanges) throw new CliError('Use either --yes or --confirm-changes, not both.\n--yes 与 --confirm-changes 只能用一个。');
      if (options.confirmChanges !== undefined && !/^[0-9a-f-]{36}$/i.test(options.confirmChanges)) throw new CliError('--confirm-changes: the job id printed by the earlier run.\n--confirm-changes 应为此前输出的任务编号。');
      const [{ importHouseholds, writeImportReport, failInterruptedImports, confirmImport, findConfirmablePreview, summarizeImportJob }, { cipherFromEnv, verifyDataKey }, { cliAuditSource }, { removeStaleSpools }] = await Promise.all([
        import('../../server/modules/imports/index.ts'),
        import('../../server/security/data-key.ts'),
        import('../../server/modules/audit/index.ts'),
        import('../../server/uploads/index.ts'),
      ]);
      const outcome = await withDatabase('import households', async ({ db }, env) => {
        const cipher = cipherFromEnv(env);
        // A wrong key would write numbers nobody can read back.
        await verifyDataKey(db, cipher);
        // What an earlier import killed on this machine left: its job row, and any server upload spools of dead processes.
        // The command line acts for the deployment: no actor, so no scope but the region it names.
        const ctx = { db, actor: null, source: cliAuditSource('import households'), cipher };
        await failInterruptedImports(ctx, {});
        await removeStaleSpools();
        // A confirmation imports into the preview's region, in the preview's mode.
        const confirming = options.confirmChanges ? await findConfirmablePreview(ctx, { id: options.confirmChanges }) : null;
        const region = confirming ? await scopeRegion(ctx, confirming.region_code ?? undefined) : await scopeRegion(ctx, options.region);
        let result: ImportResult | null = null;
        let failure: unknown = null;
        try {
          result = confirming
            ? await confirmImport(ctx, { preview: confirming, input: fs.createReadStream(source), totalBytes: stat.size, jobId, onProgress: (p) => bar.update(p) })
            : await importHouseholds(ctx, {
                input: fs.createReadStream(source),
                fileName: path.basename(source),
                totalBytes: stat.size,
                mode: options.partial ? 'partial' : 'all_or_nothing',
                regionId: region.id,
                jobId,
                onProgress: (p) => bar.update(p),
                changes: options.yes ? 'write' : 'ask',
              });
        } catch (error) {
          failure = error;
        } finally {
          bar.stop();
        }
        // Null when the file was refused before its job row was written: no report then.
        const shown = await summarizeImportJob(ctx, { id: jobId, issues: SHOWN_ISSUES, changes: SHOWN_CHANGES });
        if (reportFile && shown) {
          const out = fs.createWriteStream(reportFile);
          await writeImportReport(ctx, { id: jobId, output: out });
          await finished(out);
        }
        if (failure) throw failure;
        return { result: result!, issues: shown!.issues, groups: shown!.groups, changes: shown!.changes, region };
      }).catch((error: unknown) => {
        if (error instanceof AppError && reportFile && fs.existsSync(reportFile)) process.stderr.write(`Report 报告: ${reportFile}\n`);
        throw error;
      });
      const { result, issues, groups, changes } = outcome;
      output(options, { ...result, region: { code: outcome.region.code, name: outcome.region.name }, report: reportFile, firstIssues: issues, issueGroups: groups, firstChanges: changes }, () =>
        summary(result, issues, groups, changes, file, reportFile),
      );
      if (result.status === 'awaiting_confirmation') process.exitCode = EXIT_CONFIRM;
      else if (result.status !== 'succeeded') process.exitCode = 2;
    });
}
