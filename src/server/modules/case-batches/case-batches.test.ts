import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { startTestApp, testCipher, type Client, type TestApp } from '../../../../test/support/test-app.ts';
import { csvFile, fullWidth, xlsxFile } from '../../spreadsheets/testing/spreadsheet-files.ts';

const GANGCHENG = '370921104';
const VILLAGE = `${GANGCHENG}201`;
const HEADER = ['工单编号', '受理时间', '诉求人', '联系电话', '标题', '诉求内容', '诉求分类', '所属乡镇/村', '是否紧急'];

const upload = (client: Client, bytes: Buffer | string, type: string, fileName: string) =>
  client.request({ method: 'POST', url: `/api/case-batches?fileName=${encodeURIComponent(fileName)}`, payload: bytes, headers: { 'content-type': type } });

for (const dialect of DIALECTS) {
  describe(`12345 batches [${dialect.name}]`, () => {
    let t: TestApp;
    let admin: Client;
    let villageName: string;
    beforeAll(async () => {
      t = await startTestApp(dialect);
      admin = await t.as('admin');
      villageName = (await t.database.db.selectFrom('region').select('name').where('code', '=', VILLAGE).executeTakeFirstOrThrow()).name;
    });
    afterAll(() => t?.close());

    it('imports a GBK CSV under a title row with full-width digits: good rows stored, bad ones reported per row, the report stored and downloadable', async () => {
      const rows = [
        ['SD-0001', '2026-12-01 09:12', '王大娘', '139 1234 5678', '村口路灯不亮', '村口三盏路灯坏了两周', '道路与路灯', `堽城镇/${villageName}`, '否'],
        [fullWidth('SD-0002'), '2026-12-01 10:00', '李四', fullWidth('13812345678'), '', '低保申请一直没有回音，家里生活困难，希望尽快办理', 'relief-dibao', fullWidth(GANGCHENG), '是'],
        ['SD-0003', '', '张三', '12345', '噪音', '夜里施工', '没有这个分类', '不存在镇/某村', ''],
        ['SD-0001', '', '', '', '重复', '同一工单又出现', '道路与路灯', '堽城镇', ''],
        ['', '', '', '', '无编号', '没有工单编号', '道路与路灯', '堽城镇', ''],
      ];
      const res = await upload(admin, csvFile(HEADER, rows, { encoding: 'gbk', title: '宁阳县12345热线转办工单（12月1日）' }), 'text/csv', '12345-1201.csv');
      expect(res.statusCode, res.body).toBe(201);
      const batch = res.json();
      expect([batch.rowsTotal, batch.rowsCreated, batch.rowsRefused]).toEqual([5, 2, 3]);
      expect(batch.report.map((r: { rowNo: number; outcome: string }) => [r.rowNo, r.outcome])).toEqual([
        [3, 'created'],
        [4, 'created'],
        [5, 'refused'],
        [6, 'refused'],
        [7, 'refused'],
      ]);
      const refused = batch.report[2];
      expect(refused.problems.map((p: { 'zh-CN': string }) => p['zh-CN']).join('|')).toMatch(/没有诉求分类“没有这个分类”.*本县没有乡镇“不存在镇”.*联系电话/);
      expect(refused.problems.every((p: { en: string }) => p.en.length > 0)).toBe(true);
      expect(batch.report[3].problems[0]['zh-CN']).toContain('第 3 行重复');
      expect(batch.report[4].problems[0]['zh-CN']).toContain('工单编号未填写');

      const cases = await t.database.db.selectFrom('resident_case').selectAll().where('batch_id', '=', batch.id).orderBy('external_ref').execute();
      expect(cases.map((c) => [c.external_ref, c.channel, c.case_no])).toEqual([
        ['SD-0001', 'hotline_12345', batch.report[0].caseNo],
        ['SD-0002', 'hotline_12345', batch.report[1].caseNo],
      ]);
      expect(cases[0]!.region_id).not.toBe(cases[1]!.region_id);
      expect(cases[1]!.urgent).toBe(true);
      expect(cases[1]!.title).toBe('低保申请一直没有回音，家里生活困难，希望尽快办理'.slice(0, 30));
      expect(cases[0]!.description).toContain('12345 受理时间：2026-12-01 09:12');
      expect(testCipher.decrypt(cases[1]!.contact_phone_cipher!)).toBe('13812345678');
      const stored = await t.database.db.selectFrom('case_batch').select(['report', 'rows_created']).where('id', '=', batch.id).executeTakeFirstOrThrow();
      expect(stored.rows_created).toBe(2);
      expect((stored.report as unknown[]).length).toBe(5);
      const audit = await t.database.db.selectFrom('audit_log').select('after').where('action', '=', 'case_batch.import').where('entity_id', '=', batch.id).executeTakeFirstOrThrow();
      expect(audit.after).toMatchObject({ rows: 5, created: 2, refused: 3 });

      const xlsx = await admin.get(`/api/case-batches/${batch.id}/report.xlsx`);
      expect(xlsx.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      expect(sheet.getRow(4).getCell(4).value).toBe(batch.report[0].caseNo);
      expect(String(sheet.getRow(6).getCell(5).value)).toContain('没有诉求分类');

      const list = await admin.get('/api/case-batches');
      expect(list.json().items[0]).toMatchObject({ id: batch.id, fileName: '12345-1201.csv', rowsCreated: 2 });
    });

    it('refuses the same file twice with 409 case_batch_duplicate naming the earlier batch, and reports work orders registered before', async () => {
      const bytes = await xlsxFile(HEADER, [['SD-0101', '', '', '', '路面塌陷', '村东路面塌陷', 'env-road-light', VILLAGE, '']], { title: '12345 转办' });
      const first = await upload(admin, bytes, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'a.xlsx');
      expect(first.statusCode, first.body).toBe(201);
      const again = await upload(admin, bytes, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'a-copy.xlsx');
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: 'case_batch_duplicate', batchId: first.json().id });
      expect(again.json().issues[0].message).toContain('a.xlsx');

      const next = await xlsxFile(HEADER, [
        ['SD-0101', '', '', '', '路面塌陷', '村东路面塌陷', 'env-road-light', VILLAGE, ''],
        ['SD-0102', '', '', '', '垃圾未清运', '垃圾三天没人拉', '村容卫生与垃圾清运', VILLAGE, ''],
      ]);
      const res = await upload(admin, next, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'b.xlsx');
      expect(res.statusCode, res.body).toBe(201);
      const [existing, created] = res.json().report;
      expect(existing).toMatchObject({ outcome: 'existing', caseNo: first.json().report[0].caseNo });
      expect(existing.problems[0]['zh-CN']).toBe(`该工单已登记为 ${first.json().report[0].caseNo}，未重复登记`);
      expect(existing.problems[0].en).toContain('already registered as MQ');
      expect(created.outcome).toBe('created');
      const count = await t.database.db.selectFrom('resident_case').select((eb) => eb.fn.countAll<string>().as('n')).where('external_ref', '=', 'SD-0101').executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(1);
    });

    it('takes a JSON array with English or Chinese keys, and refuses what is not one', async () => {
      const json = JSON.stringify([
        { externalRef: 'SD-J1', category: 'env-road-light', region: VILLAGE, description: '路灯不亮', urgent: true, contactPhone: '13912340000' },
        { 工单编号: 'SD-J2', 诉求分类: '道路与路灯', 所属乡镇: '堽城镇', 诉求内容: '桥面破损' },
      ]);
      const res = await upload(admin, json, 'application/json', 'batch.json');
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().report.map((r: { outcome: string }) => r.outcome)).toEqual(['created', 'created']);
      const bad = await upload(admin, '{"not":"an array"}', 'application/json', 'bad.json');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('validation_failed');
      const keyless = await upload(admin, '[{"备注":"x"}]', 'application/json', 'keyless.json');
      expect(keyless.json()).toMatchObject({ status: 400, code: 'validation_failed' });
      const broken = await upload(admin, '[{', 'application/json', 'broken.json');
      expect(broken.json().code).toBe('invalid_json');
      const noHeader = await upload(admin, csvFile(['甲', '乙'], [['1', '2']]), 'text/csv', 'x.csv');
      expect(noHeader.statusCode).toBe(422);
      expect(noHeader.json().code).toBe('import_header_missing');
    });

    it('is all or nothing when something other than a row fails: a crash mid-batch leaves no batch, no case, no audit entry, and the file can be sent again', async () => {
      const db = t.database.db;
      // A failure of the database in the middle of the batch, as a killed process or a lost connection would leave it.
      await sql`CREATE FUNCTION case_batch_test_crash() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.external_ref = 'SD-CRASH' THEN RAISE EXCEPTION 'simulated crash'; END IF; RETURN NEW; END $$`.execute(db);
      await sql`CREATE TRIGGER case_batch_test_crash BEFORE INSERT ON resident_case FOR EACH ROW EXECUTE FUNCTION case_batch_test_crash()`.execute(db);
      const bytes = csvFile(HEADER, [
        ['SD-K1', '', '', '', '一', '第一个', 'env-road-light', VILLAGE, ''],
        ['SD-CRASH', '', '', '', '二', '第二个', 'env-road-light', VILLAGE, ''],
      ]);
      const auditsBefore = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      const crashed = await upload(admin, bytes, 'text/csv', 'crash.csv');
      expect(crashed.statusCode).toBe(500);
      expect(await db.selectFrom('resident_case').select('id').where('external_ref', 'in', ['SD-K1', 'SD-CRASH']).execute()).toEqual([]);
      expect(await db.selectFrom('case_batch').select('id').where('file_name', '=', 'crash.csv').execute()).toEqual([]);
      const auditsAfter = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      expect(auditsAfter.n).toBe(auditsBefore.n);

      await sql`DROP TRIGGER case_batch_test_crash ON resident_case`.execute(db);
      await sql`DROP FUNCTION case_batch_test_crash()`.execute(db);
      const retried = await upload(admin, bytes, 'text/csv', 'crash.csv');
      expect(retried.statusCode, retried.body).toBe(201);
      expect(retried.json().rowsCreated).toBe(2);
    });

    it('is the county admin’s: a township admin gets 403; the template downloads', async () => {
      const gangcheng = await t.as('gangcheng');
      expect((await upload(gangcheng, csvFile(HEADER, [['SD-T', '', '', '', 't', 'd', 'env-road-light', VILLAGE, '']]), 'text/csv', 't.csv')).statusCode).toBe(403);
      expect((await gangcheng.get('/api/case-batches')).statusCode).toBe(403);
      const template = await admin.get('/api/case-batches/template.xlsx');
      expect(template.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
      expect(book.worksheets[0]!.getRow(1).getCell(1).value).toBe('工单编号');
      expect((await admin.get('/api/case-batches/999999')).statusCode).toBe(404);
    });
  });
}
