/** `lianxin import households` end to end, as an operator runs it, on a throwaway data directory. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describePglite } from '../../../test/support/dialects.ts';
import { idNumber } from '../../../test/support/registry-fixture.ts';
import { csvFile } from '../../server/spreadsheets/testing/spreadsheet-files.ts';

const run = promisify(execFile);
const BIN = path.resolve('bin/lianxin.js');

async function lianxin(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run('node', [BIN, ...args], { env: { ...process.env, ...env }, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const HEADER = ['户编号', '村代码', '姓名', '与户主关系', '身份证号', '手机'];

describePglite('lianxin import households', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-import-cli-'));
    env = { DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent' };
    // The import needs the county and a registry, not the demo survey's simulated fieldwork nor
    // its cases (2,000 households and 320 cases lived through the use cases took the two minutes
    // of this hook on a loaded machine).
    expect((await lianxin(['seed-demo', '--no-survey', '--households', '50', '--cases', '0', '--json'], env)).code).toBe(0);
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('has help in both languages', async () => {
    const help = await lianxin(['import', 'households', '--help'], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: lianxin import households \[options\] <file>/);
    expect(help.stdout).toContain('--partial');
    expect(help.stdout).toContain('导入户籍台账');
  });

  it('rejects a file with a bad row (exit 2, problems listed in both languages, report written), then imports it with --partial', async () => {
    const file = path.join(dir, '堽城镇台账.csv');
    fs.writeFileSync(
      file,
      csvFile(HEADER, [
        ['C-1', '370921104201', '张三', '户主', idNumber('1960-01-01', 401), '13800000401'],
        ['C-2', '370921104201', '李四', '户主', idNumber('1960-01-01', 403).slice(0, 17) + 'X', ''],
      ], { encoding: 'gbk', title: '宁阳县堽城镇户籍台账（2026年）' }),
    );
    const report = path.join(dir, 'report.xlsx');
    const rejected = await lianxin(['import', 'households', file, '--region', '370921104', '--report', report], env);
    expect(rejected.code).toBe(2);
    expect(rejected.stdout).toContain('Rejected 堽城镇台账.csv: nothing was written.');
    expect(rejected.stdout).toContain('未导入：数据库未作任何改动。');
    expect(rejected.stdout).toMatch(/row 第 4 行, 身份证号 “370921\*{8}\d{3}X”: The ID number’s check character is wrong .* \| 身份证号校验码不正确/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(report);
    expect(book.getWorksheet('问题 Issues')!.getRow(2).values).toEqual([undefined, 4, '身份证号', expect.stringMatching(/^370921\*{8}/), 'id_check_character', expect.any(String), expect.any(String)]);

    const partial = await lianxin(['import', 'households', file, '--partial', '--json'], env);
    expect(partial.code, partial.stderr).toBe(0);
    expect(JSON.parse(partial.stdout)).toMatchObject({ status: 'succeeded', encoding: 'gbk', rows: { read: 2, inserted: 1, rejected: 1 }, region: { code: '370921' }, firstIssues: [{ row_no: 4, problem: 'id_check_character' }] });
    const again = await lianxin(['import', 'households', file, '--partial', '--json'], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ status: 'succeeded', rows: { inserted: 0, updated: 0, unchanged: 1 } });
  });

  it('lists the changes a re-import would make to registered people (exit 3) and writes them with --confirm-changes or --yes', async () => {
    const file = path.join(dir, '更正.csv');
    const write = (name: string, phone = '') => fs.writeFileSync(file, csvFile(HEADER, [['C-9', '370921104201', name, '户主', idNumber('1961-02-03', 411), phone]]));
    write('张三');
    const first = await lianxin(['import', 'households', file, '--json'], env);
    expect(first.code, first.stderr).toBe(0);

    write('张叁', '13800000411');
    const preview = await lianxin(['import', 'households', file], env);
    expect(preview.code, preview.stderr).toBe(3);
    expect(preview.stdout).toContain('Nothing written');
    expect(preview.stdout).toContain('户编号 C-9, 张三: 姓名 Name: 张三 → 张叁');
    expect(preview.stdout).toContain('电话 Phone: — → 138****0411');
    const jobId = /--confirm-changes ([0-9a-f-]{36})/.exec(preview.stdout)![1]!;
    const confirmed = await lianxin(['import', 'households', file, '--confirm-changes', jobId, '--json'], env);
    expect(confirmed.code, confirmed.stderr).toBe(0);
    expect(JSON.parse(confirmed.stdout)).toMatchObject({ status: 'succeeded', rows: { updated: 1 }, changes: { found: 2 } });
    const twice = await lianxin(['import', 'households', file, '--confirm-changes', jobId], env);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('import_not_awaiting_confirmation');

    // The file changed after the preview: refused, nothing written.
    write('张三三');
    const stale = JSON.parse((await lianxin(['import', 'households', file, '--json'], env)).stdout) as { jobId: string; status: string };
    expect(stale.status).toBe('awaiting_confirmation');
    write('张四');
    const refused = await lianxin(['import', 'households', file, '--confirm-changes', stale.jobId], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Error (import_preview_stale)');

    const yes = await lianxin(['import', 'households', file, '--yes', '--json'], env);
    expect(yes.code, yes.stderr).toBe(0);
    expect(JSON.parse(yes.stdout)).toMatchObject({ status: 'succeeded', rows: { updated: 1 }, firstChanges: [{ field: 'name', old_value: '张叁', new_value: '张四' }] });
  }, 600_000);

  it('refuses a file it cannot read with the problem in both languages (exit 2)', async () => {
    const file = path.join(dir, 'empty.csv');
    fs.writeFileSync(file, '');
    const res = await lianxin(['import', 'households', file], env);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('Error (import_file_empty): The file is empty.');
    expect(res.stderr).toContain('错误：文件是空的。');
    const missing = await lianxin(['import', 'households', path.join(dir, 'nope.csv')], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('No such file');
    const region = await lianxin(['import', 'households', file, '--region', '370921999'], env);
    expect(region.stderr).toContain('No region with code 370921999');
  });
});
