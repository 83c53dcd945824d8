/**
 * What a township clerk needs to finish an import alone, over HTTP: the template, problems
 * grouped by kind, and a re-import that changes registered people shown field by field and
 * written only after confirmation (409 when the registry changed in between).
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { idNumber } from '../../../../test/support/registry-fixture.ts';
import { startTestApp, testCipher, type Client, type TestApp } from '../../../../test/support/test-app.ts';
import type { TImportChange, TImportIssue, TImportIssueGroups, TImportJob } from '../../../shared/registry/import-schemas.ts';
import { csvFile } from '../../spreadsheets/testing/spreadsheet-files.ts';

const G1 = '370921104201';
const HEADER = ['户编号', '村代码', '村（社区）', '姓名', '与户主关系', '身份证号', '手机', '困难类别'];

const upload = (client: Client, bytes: Buffer, name = 'p.csv', mode = 'all_or_nothing') =>
  client.request({ method: 'POST', url: `/api/imports/households?fileName=${encodeURIComponent(name)}&mode=${mode}`, payload: bytes, headers: { 'content-type': 'text/csv' } });

async function finished(client: Client, id: string): Promise<TImportJob> {
  for (let i = 0; i < 600; i++) {
    const job = (await client.get(`/api/imports/${id}`)).json() as TImportJob;
    if (job.status !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${id} still running`);
}

async function imported(client: Client, bytes: Buffer, mode = 'all_or_nothing'): Promise<TImportJob> {
  const res = await upload(client, bytes, 'p.csv', mode);
  expect(res.statusCode, res.body).toBe(202);
  return finished(client, (res.json() as TImportJob).id);
}

const xlsx = async (bytes: Buffer) => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
};

for (const dialect of DIALECTS) {
  describe(`a clerk's import: template, grouped problems, confirmed changes [${dialect.name}]`, () => {
    let t: TestApp;
    let admin: Client;
    let gangcheng: Client;
    const head = idNumber('1950-03-01', 401);
    const son = idNumber('1976-03-01', 403);
    const first = csvFile(HEADER, [
      ['PV-1', G1, '', '张三', '户主', head, '', ''],
      ['PV-1', G1, '', '张小四', '子', son, '', ''],
    ]);
    const corrected = csvFile(HEADER, [
      ['PV-1', G1, '', '张叁', '户主', head, '13800000401', '低保户'],
      ['PV-1', G1, '', '张小四', '子', son, '', ''],
    ]);
    const residentName = async (id: string) =>
      (await t.database.db.selectFrom('resident').select('name').where('id_number_hash', '=', testCipher.lookupHash('id', id)).executeTakeFirstOrThrow()).name;

    beforeAll(async () => {
      t = await startTestApp(dialect);
      [admin, gangcheng] = [await t.as('admin'), await t.as('gangcheng')];
    });
    afterAll(async () => t?.close());

    it('serves a template with the headers, an example row and drop-down lists of the admin’s own villages', async () => {
      const res = await gangcheng.get('/api/imports/template.xlsx');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="import-template.xlsx"/);
      const book = await xlsx(res.rawPayload);
      const sheet = book.worksheets[0]!;
      const header = (sheet.getRow(1).values as string[]).slice(1);
      expect(header.slice(0, 4)).toEqual(['乡镇', '村（社区）', '村代码', '户编号']);
      const example = sheet.getRow(2).values as string[];
      expect(example[header.indexOf('身份证号') + 1]).toBe('11010519491231002X');
      expect(example[header.indexOf('乡镇') + 1]).toBe('堽城镇');
      const lists = book.getWorksheet('选项')!;
      const villages = (lists.getColumn(1).values as string[]).slice(2);
      expect(villages.length).toBeGreaterThan(5);
      // Only 堽城镇's villages: the demo's 蒋集镇 has villages of its own that are not here.
      const jiangji = await t.database.db.selectFrom('region').select('name').where('code', 'like', '370921105%').where('level', '=', 'village').execute();
      expect(villages.filter((v) => jiangji.some((j) => j.name === v) && !villages.includes(v)).length).toBe(0);
      expect(villages.length).toBe(new Set(villages).size);
      expect((lists.getColumn(2).values as string[]).slice(2)).toEqual(['堽城镇']);
      expect((lists.getColumn(3).values as string[]).slice(2)).toContain('低保户');
      const villageColumn = String.fromCharCode(64 + header.indexOf('村（社区）') + 1);
      expect(sheet.getCell(`${villageColumn}2`).dataValidation).toMatchObject({ type: 'list', formulae: [expect.stringContaining('选项')] });

      // Uploaded as it is, the example row is refused by name.
      const job = await finished(gangcheng, (await gangcheng.request({ method: 'POST', url: '/api/imports/households?fileName=t.xlsx', payload: res.rawPayload, headers: { 'content-type': 'application/octet-stream' } })).json().id);
      expect(job.status).toBe('rejected');
      const issues = (await gangcheng.get(`/api/imports/${job.id}/issues`)).json() as { items: TImportIssue[] };
      expect(issues.items.map((i) => i.problem)).toEqual(['template_example_row']);
    });

    it('groups the problems by kind, with counts, rows and values, in both languages', async () => {
      const rows = Array.from({ length: 30 }, (_, i) => [`GR-${i}`, '', '不存在村', '李四', '户主', idNumber('1960-01-01', 501 + 2 * i), '', '']);
      rows.push(['GR-X', G1, '', '王五', '户主', '37092119600101999', '', '残疾']);
      const job = await imported(gangcheng, csvFile(HEADER, rows));
      expect(job.status).toBe('rejected');
      const zh = (await gangcheng.get(`/api/imports/${job.id}/issue-groups`)).json() as TImportIssueGroups;
      expect(zh.notStored).toBe(0);
      expect(zh.groups[0]).toMatchObject({ problem: 'village_not_found', column: '村（社区）', count: 30, message: '在您的管辖范围内找不到这个村（社区）。', values: [{ value: '不存在村', count: 30 }] });
      expect(zh.groups[0]!.rows).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
      expect(zh.groups[1]).toMatchObject({ problem: 'id_format', count: 1, rows: [32] });
      // 残疾 is the short form of 残疾人: no problem there.
      expect(zh.groups.map((g) => g.problem)).not.toContain('hardship_unknown');
      const en = (await gangcheng.request({ method: 'GET', url: `/api/imports/${job.id}/issue-groups`, headers: { 'x-lianxin-locale': 'en' } })).json() as TImportIssueGroups;
      expect(en.groups[0]!.message).toBe('No such village or community in your area.');
      // A group's rows in full.
      const all = (await gangcheng.get(`/api/imports/${job.id}/issues?problem=village_not_found&column=${encodeURIComponent('村（社区）')}&limit=200`)).json() as { items: TImportIssue[] };
      expect(all.items).toHaveLength(30);

      const report = await xlsx((await gangcheng.get(`/api/imports/${job.id}/report.xlsx`)).rawPayload);
      const summary = (report.getWorksheet('概况 Summary')!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
      expect(summary).toContainEqual(['状态 Status', '未导入 Not imported']);
      const group = summary.find((r) => r[3] === 'village_not_found')!;
      expect(group.slice(0, 3)).toEqual(['在您的管辖范围内找不到这个村（社区）。', 30, '村（社区）']);
      expect(String(group[6])).toMatch(/^2, 3, 4, .* …$/);
    });

    it('shows a re-import’s changes field by field and writes them only when confirmed', async () => {
      expect(await imported(gangcheng, first)).toMatchObject({ status: 'succeeded', inserted: 2, changeCount: 0 });
      const preview = await imported(gangcheng, corrected);
      expect(preview).toMatchObject({ status: 'awaiting_confirmation', changeCount: 3, inserted: 0, updated: 1, unchanged: 1, confirmedByJobId: null });
      expect(await residentName(head)).toBe('张三');

      const zh = (await gangcheng.get(`/api/imports/${preview.id}/changes`)).json() as { items: TImportChange[] };
      expect(zh.items.map((c) => [c.rowNo, c.person, c.fieldLabel, c.oldValue, c.newValue])).toEqual([
        [2, '张三', '困难类别', '', '低保户'],
        [2, '张三', '姓名', '张三', '张叁'],
        [2, '张三', '电话', '', '138****0401'],
      ]);
      const en = (await gangcheng.request({ method: 'GET', url: `/api/imports/${preview.id}/changes`, headers: { 'x-lianxin-locale': 'en' } })).json() as { items: TImportChange[] };
      expect(en.items.map((c) => c.fieldLabel)).toEqual(['Hardship category', 'Name', 'Phone']);
      expect(en.items[0]!.newValue).toBe('Minimum living allowance (dibao)');

      // Only the person who looked at the changes confirms them.
      expect((await admin.post(`/api/imports/${preview.id}/confirm`, {})).json()).toMatchObject({ status: 403, code: 'import_confirm_not_yours' });
      const res = await gangcheng.post(`/api/imports/${preview.id}/confirm`, {});
      expect(res.statusCode, res.body).toBe(202);
      const written = await finished(gangcheng, (res.json() as TImportJob).id);
      expect(written).toMatchObject({ status: 'succeeded', updated: 1, unchanged: 1, changeCount: 3, confirmsJobId: preview.id });
      expect(await residentName(head)).toBe('张叁');
      expect(await finished(gangcheng, preview.id)).toMatchObject({ status: 'confirmed', confirmedByJobId: written.id });
      expect((await gangcheng.post(`/api/imports/${preview.id}/confirm`, {})).json()).toMatchObject({ status: 409, code: 'import_not_awaiting_confirmation' });
    });

    it('refuses a confirmation with 409 when the registry changed after the preview, and writes nothing', async () => {
      const renamed = csvFile(HEADER, [
        ['PV-1', G1, '', '张叁', '户主', head, '13800000401', '低保户'],
        ['PV-1', G1, '', '张晓四', '子', son, '', ''],
      ]);
      const preview = await imported(gangcheng, renamed);
      expect(preview).toMatchObject({ status: 'awaiting_confirmation', changeCount: 1 });
      // Someone corrects the head's name in the registry meanwhile: the file would now undo it.
      await t.database.db.updateTable('resident').set({ name: '张三丰' }).where('name', '=', '张叁').execute();
      const res = await gangcheng.post(`/api/imports/${preview.id}/confirm`, {});
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'import_preview_stale', detail: expect.stringContaining('重新预览') });
      expect(await residentName(son)).toBe('张小四');
      expect(await residentName(head)).toBe('张三丰');
      expect(await finished(gangcheng, preview.id)).toMatchObject({ status: 'expired' });
    });

    it('writes a re-import that only adds new households without asking', async () => {
      const job = await imported(gangcheng, csvFile(HEADER, [['PV-2', G1, '', '赵六', '户主', idNumber('1955-05-05', 601), '', '']]));
      expect(job).toMatchObject({ status: 'succeeded', inserted: 1, changeCount: 0 });
    });
  });
}
