import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { idNumber } from '../../../../test/support/registry-fixture.ts';
import { startTestApp, type Client, type TestApp } from '../../../../test/support/test-app.ts';
import type { TImportIssue, TImportJob } from '../../../shared/registry/import-schemas.ts';
import { AppError } from '../../http/errors.ts';
import { csvFile, xlsxFile } from '../../spreadsheets/testing/spreadsheet-files.ts';
import { spoolUpload } from '../../uploads/index.ts';

const G1 = '370921104201';
const J1 = '370921105201';
const HEADER = ['户编号', '村代码', '姓名', '与户主关系', '身份证号', '手机'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const upload = (client: Client, bytes: Buffer, query: string, contentType = 'text/csv') =>
  client.request({ method: 'POST', url: `/api/imports/households?${query}`, payload: bytes, headers: { 'content-type': contentType } });

/** Polls the job, as the web page does, until it is no longer running. */
async function finished(client: Client, id: string): Promise<TImportJob> {
  for (let i = 0; i < 600; i++) {
    const res = await client.get(`/api/imports/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    const job = res.json() as TImportJob;
    if (job.status !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${id} still running`);
}

async function allIssues(client: Client, id: string, headers: Record<string, string> = {}): Promise<TImportIssue[]> {
  const items: TImportIssue[] = [];
  let cursor: string | null = null;
  do {
    const res = await client.request({ method: 'GET', url: `/api/imports/${id}/issues?limit=2${cursor ? `&cursor=${cursor}` : ''}`, headers });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as { items: TImportIssue[]; nextCursor: string | null };
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

for (const dialect of DIALECTS) {
  describe(`imports over HTTP [${dialect.name}]`, () => {
    let t: TestApp;
    let admin: Client;
    let gangcheng: Client;
    let jiangji: Client;
    const bad = idNumber('1950-01-01', 301).slice(0, 17) + 'X';
    const file = csvFile(HEADER, [
      /* 2 */ ['W-1', G1, '张三', '户主', idNumber('1950-01-01', 303), '13800000301'],
      /* 3 */ ['W-1', G1, '张四', '子', idNumber('1975-01-01', 305), ''],
      /* 4 */ ['W-2', G1, '=cmd|calc', '户主', bad, '1380000030'],
      /* 5 */ ['W-3', J1, '王五', '户主', idNumber('1951-01-01', 307), ''],
    ]);

    beforeAll(async () => {
      t = await startTestApp(dialect);
      [admin, gangcheng, jiangji] = [await t.as('admin'), await t.as('gangcheng'), await t.as('jiangji')];
    });
    afterAll(async () => t?.close());

    it('uploads, answers 202 at once, and the job can be followed to its end', async () => {
      const res = await upload(gangcheng, file, 'fileName=C:%5Cfakepath%5C%E5%8F%B0%E8%B4%A6.csv&mode=partial');
      expect(res.statusCode, res.body).toBe(202);
      const accepted = res.json() as TImportJob;
      expect(accepted).toMatchObject({ fileName: '台账.csv', mode: 'partial', kind: 'households', region: { code: '370921104' }, user: { username: 'gangcheng' } });
      const job = await finished(gangcheng, accepted.id);
      expect(job).toMatchObject({ status: 'succeeded', processedRows: 4, totalRows: 4, progress: 1, inserted: 2, updated: 0, unchanged: 0, rejectedRows: 2, problem: null });

      const zh = await allIssues(gangcheng, job.id);
      expect(zh.map((i) => [i.rowNo, i.column, i.value, i.problem])).toEqual([
        [4, '姓名', '=cmd|calc', 'name_invalid'],
        [4, '身份证号', `370921********${bad.slice(-4)}`, 'id_check_character'],
        [4, '手机', '******0030', 'phone_format'],
        // Jiangji is outside a Gangcheng admin's scope: not found, whether it exists or not.
        [5, '村代码', J1, 'village_not_found'],
      ]);
      expect(zh[1]!.message).toBe('身份证号校验码不正确（可能有数字录错）。');
      const en = await allIssues(gangcheng, job.id, { 'x-lianxin-locale': 'en' });
      expect(en[1]!.message).toBe('The ID number’s check character is wrong (a digit was probably mistyped).');

      // Again: nothing changes.
      const again = await upload(gangcheng, file, 'fileName=%E5%8F%B0%E8%B4%A6.csv&mode=partial');
      expect(await finished(gangcheng, again.json().id)).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0, unchanged: 2 });
    });

    it('downloads the report as XLSX: masked values, both languages, no formulas', async () => {
      const list = (await gangcheng.get('/api/imports?limit=10')).json() as { items: TImportJob[] };
      const job = list.items.find((j) => j.rejectedRows === 2)!;
      const res = await gangcheng.get(`/api/imports/${job.id}/report.xlsx`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(XLSX);
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="import-report.xlsx"; filename\*=UTF-8''/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      expect(book.worksheets.map((s) => s.name)).toEqual(['概况 Summary', '问题 Issues', '改动 Changes']);
      const rows = (book.getWorksheet('问题 Issues')!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
      expect(rows[0]).toEqual(['行号 Row', '列 Column', '值 Value', '问题代码 Code', '问题说明', 'Problem']);
      expect(rows.slice(1).map((r) => r.slice(0, 4))).toEqual([
        [4, '姓名', "'=cmd|calc", 'name_invalid'],
        [4, '身份证号', `370921********${bad.slice(-4)}`, 'id_check_character'],
        [4, '手机', '******0030', 'phone_format'],
        [5, '村代码', J1, 'village_not_found'],
      ]);
      expect(rows[2]!.slice(4)).toEqual(['身份证号校验码不正确（可能有数字录错）。', 'The ID number’s check character is wrong (a digit was probably mistyped).']);
      const summary = (book.getWorksheet('概况 Summary')!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
      expect(summary).toContainEqual(['文件 File', '台账.csv']);
      expect(summary).toContainEqual(['未导入的行 Rows not imported', 2]);
    });

    it('accepts XLSX; answers a file it cannot import with 422 at once, and records it', async () => {
      const book = await xlsxFile(HEADER, [['W-9', G1, '赵九', '户主', idNumber('1952-02-02', 309), '']]);
      const ok = await upload(admin, book, 'fileName=w.xlsx', XLSX);
      expect(ok.statusCode, ok.body).toBe(202);
      expect(await finished(admin, ok.json().id)).toMatchObject({ status: 'succeeded', inserted: 1 });

      const empty = await upload(admin, Buffer.alloc(0), 'fileName=empty.csv', 'application/octet-stream');
      expect(empty.statusCode).toBe(422);
      expect(empty.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(empty.json()).toMatchObject({ code: 'import_file_empty', detail: '文件是空的。' });
      const noHeader = await upload(admin, Buffer.from('a,b\r\n1,2\r\n'), 'fileName=x.csv');
      expect(noHeader.statusCode).toBe(422);
      expect(noHeader.json().code).toBe('import_header_missing');
      expect(noHeader.json().issues.map((i: { message: string }) => i.message)).toContain('身份证号 (id number)');
      const jobs = (await admin.get('/api/imports?limit=50')).json() as { items: TImportJob[] };
      expect(jobs.items.find((j) => j.fileName === 'empty.csv')).toMatchObject({ status: 'rejected', problem: { code: 'import_file_empty', message: '文件是空的。' } });
    });

    it('takes uploads far over the JSON body limit', async () => {
      // 12,000 rows with a long column the import does not read: about 2 MB; the last row is bad, so nothing is written.
      const padding = '备'.repeat(50);
      const rows = Array.from({ length: 12_000 }, (_, i) => [`P-${i}`, G1, '钱', '户主', idNumber(new Date(Date.UTC(1931, 0, 1) + i * 86_400_000).toISOString().slice(0, 10), 311), '', padding]);
      rows.push(['P-X', G1, '钱', '户主', '1', '', padding]);
      const bytes = csvFile([...HEADER, '民族'], rows);
      expect(bytes.length).toBeGreaterThan(2 * 1024 * 1024);
      const res = await upload(admin, bytes, 'fileName=big.csv', 'application/octet-stream');
      expect(res.statusCode, res.body).toBe(202);
      expect(await finished(admin, res.json().id)).toMatchObject({ status: 'rejected', processedRows: 12_001, totalRows: 12_001, rejectedRows: 1, inserted: 0 });
    });

    it('refuses other content types with 415, and bodies over the limit with 413', async () => {
      for (const [type, body] of [
        ['application/json', '{}'],
        ['text/plain', 'x'],
        ['multipart/form-data; boundary=x', '--x--'],
      ] as const) {
        const res = await admin.request({ method: 'POST', url: '/api/imports/households?fileName=x.csv', payload: body, headers: { 'content-type': type } });
        expect({ type, status: res.statusCode, code: res.json().code }).toEqual({ type, status: 415, code: 'import_media_type' });
      }
      const error = await spoolUpload(Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), 1000).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(413);
    });

    it('shows a job only to users whose area contains it', async () => {
      const mine = ((await gangcheng.get('/api/imports?limit=50')).json() as { items: TImportJob[] }).items;
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((j) => j.region?.code === '370921104')).toBe(true);
      expect(((await jiangji.get('/api/imports?limit=50')).json() as { items: TImportJob[] }).items).toEqual([]);
      for (const suffix of ['', '/issues', '/report.xlsx']) {
        expect((await jiangji.get(`/api/imports/${mine[0]!.id}${suffix}`)).statusCode).toBe(404);
        expect((await admin.get(`/api/imports/${mine[0]!.id}${suffix}`)).statusCode).toBe(200);
      }
      // The county's own jobs are above a township admin.
      const county = ((await admin.get('/api/imports?limit=50')).json() as { items: TImportJob[] }).items.find((j) => j.region?.code === '370921')!;
      expect((await gangcheng.get(`/api/imports/${county.id}`)).statusCode).toBe(404);
      // Pages follow each other without repeats.
      const first = (await admin.get('/api/imports?limit=2')).json() as { items: TImportJob[]; nextCursor: string };
      const second = (await admin.get(`/api/imports?limit=2&cursor=${first.nextCursor}`)).json() as { items: TImportJob[] };
      expect(second.items.map((j) => j.id)).not.toContain(first.items[0]!.id);
    });
  });
}
