import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { idNumber, insertHousehold } from '../../../../test/support/registry-fixture.ts';
import { startTestApp, testCipher, type TestApp } from '../../../../test/support/test-app.ts';

const G_VILLAGE = '370921104201'; // a village of 堽城镇
const J_VILLAGE = '370921105201'; // a village of 蒋集镇
/** Every reveal states its purpose (audit-view.test.ts covers the purpose itself). */
const why = { purpose: { code: 'home_visit' } };

for (const dialect of DIALECTS) {
  describe(`registry [${dialect.name}]`, () => {
    let t: TestApp;
    let zhang: { householdId: string; residentIds: string[] };
    const zhangId = idNumber('1980-01-01', 123);
    beforeAll(async () => {
      t = await startTestApp(dialect);
      zhang = await insertHousehold(t.database.db, testCipher, {
        villageCode: G_VILLAGE,
        householdNo: 'G-0001',
        members: [
          { name: '张三', idNumber: zhangId, relationship: '户主', phones: ['13812345678', '0538-5621234'] },
          { name: '李四妹', idNumber: idNumber('1982-03-04', 124), relationship: '配偶' },
        ],
        hardship: ['dibao'],
      });
      await insertHousehold(t.database.db, testCipher, {
        villageCode: J_VILLAGE,
        householdNo: 'J-0001',
        members: [{ name: '张山', idNumber: idNumber('1975-05-05', 221), relationship: '户主', phones: ['13912345678'] }],
      });
    });
    afterAll(async () => t?.close());

    const names = (body: { items: { name: string }[] }) => body.items.map((i) => i.name).sort();

    it('finds people by name, pinyin, initials, ID-number ending and phone — masked', async () => {
      const admin = await t.as('admin');
      expect(names((await admin.get('/api/residents?q=张三')).json())).toEqual(['张三']);
      expect(names((await admin.get('/api/residents?q=zs')).json())).toEqual(['张三', '张山']);
      expect(names((await admin.get('/api/residents?q=zhangs')).json())).toEqual(['张三', '张山']);
      expect(names((await admin.get('/api/residents?q=zhangsan')).json())).toEqual(['张三']);
      expect(names((await admin.get(`/api/residents?q=${zhangId.slice(-4)}`)).json())).toEqual(['张三']);
      expect(names((await admin.get(`/api/residents?q=${zhangId.slice(-8)}`)).json())).toEqual(['张三']);
      expect(names((await admin.get('/api/residents?q=13812345678')).json())).toEqual(['张三']);
      expect(names((await admin.get('/api/residents?q=5678')).json())).toEqual(['张三', '张山']);
      const item = (await admin.get('/api/residents?q=张三')).json().items[0];
      expect(item.idNumberMasked).toBe(`370921********${zhangId.slice(-4)}`);
      expect(item.phones.map((p: { masked: string }) => p.masked)).toEqual(['138****5678', '0538****1234']);
      expect(item.hardship).toEqual(['dibao']);
      expect(JSON.stringify(item)).not.toContain(zhangId);
      expect(JSON.stringify(item)).not.toContain('13812345678');
    });

    it('scopes search to the caller’s township', async () => {
      const g = await t.as('gangcheng');
      expect(names((await g.get('/api/residents?q=zs')).json())).toEqual(['张三']);
      const j = await t.as('jiangji');
      expect(names((await j.get('/api/residents?q=zs')).json())).toEqual(['张山']);
      expect((await j.get(`/api/households/${zhang.householdId}`)).statusCode).toBe(404);
      expect((await j.post(`/api/residents/${zhang.residentIds[0]}/reveal-id-number`, why)).statusCode).toBe(404);
    });

    it('filters by hardship category and asks for at least four digits', async () => {
      const admin = await t.as('admin');
      expect(names((await admin.get('/api/residents?category=dibao')).json())).toEqual(['张三', '李四妹']);
      const short = await admin.get('/api/residents?q=78');
      expect(short.statusCode).toBe(400);
      expect(short.json().issues[0]).toEqual({ path: 'q', message: '至少输入最后 4 位' });
    });

    it('stores ID numbers and phones encrypted, never in plain text', async () => {
      const row = await t.database.db.selectFrom('resident').selectAll().where('id', '=', zhang.residentIds[0]!).executeTakeFirstOrThrow();
      expect(JSON.stringify(row)).not.toContain(zhangId);
      expect(row.id_number_cipher).toMatch(/^v1\./);
      const phones = await t.database.db.selectFrom('resident_phone').selectAll().where('resident_id', '=', zhang.residentIds[0]!).execute();
      expect(JSON.stringify(phones)).not.toContain('13812345678');
    });

    it('reveals one full number to a role that needs it, and audits the reveal', async () => {
      const g = await t.as('gangcheng');
      const res = await g.post(`/api/residents/${zhang.residentIds[0]}/reveal-id-number`, why);
      expect(res.json()).toEqual({ value: zhangId });
      const household = (await g.get(`/api/households/${zhang.householdId}`)).json();
      const phoneId = household.members[0].phones[0].id;
      const cadre = await t.as('cadre');
      expect((await cadre.post(`/api/resident-phones/${phoneId}/reveal`, why)).json()).toEqual({ value: '13812345678' });
      expect((await cadre.post(`/api/residents/${zhang.residentIds[0]}/reveal-id-number`, why)).statusCode).toBe(403);
      const leader = await t.as('leader');
      expect((await leader.post(`/api/resident-phones/${phoneId}/reveal`, why)).statusCode).toBe(403);
      const admin = await t.as('admin');
      const audit = (await admin.get('/api/audit?entityType=resident')).json().items;
      expect(audit.map((a: { action: string; actorName: string }) => `${a.actorName} ${a.action}`)).toEqual(
        expect.arrayContaining(['gangcheng resident.reveal_id_number', 'cadre resident.reveal_phone']),
      );
      expect(JSON.stringify(audit)).not.toContain(zhangId);
    });

    it('shows a household with members, hardship history and its change history', async () => {
      const g = await t.as('gangcheng');
      const added = await g.post(`/api/households/${zhang.householdId}/hardship`, { categoryCode: 'serious_illness', residentId: zhang.residentIds[1], validFrom: '2026-02-01', source: '县医院诊断证明' });
      expect(added.statusCode).toBe(201);
      const labelId = added.json().hardship.find((l: { categoryCode: string }) => l.categoryCode === 'serious_illness').id;
      const dup = await g.post(`/api/households/${zhang.householdId}/hardship`, { categoryCode: 'serious_illness', residentId: zhang.residentIds[1], validFrom: '2026-03-01' });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().code).toBe('hardship_label_exists');
      const ended = await g.post(`/api/households/${zhang.householdId}/hardship/${labelId}/end`, { validTo: '2026-10-01' });
      const detail = ended.json();
      expect(detail.members.map((m: { name: string }) => m.name)).toEqual(['张三', '李四妹']);
      expect(detail.hardship.find((l: { id: string }) => l.id === labelId)).toMatchObject({ residentName: '李四妹', validTo: '2026-10-01' });
      expect(detail.history.map((h: { action: string }) => h.action)).toEqual(['household.hardship_ended', 'household.hardship_added']);
      const unknown = await g.post(`/api/households/${zhang.householdId}/hardship`, { categoryCode: 'rich', validFrom: '2026-03-01' });
      expect(unknown.json().code).toBe('hardship_category_unknown');
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`registry export [${dialect.name}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect);
      await insertHousehold(t.database.db, testCipher, {
        villageCode: G_VILLAGE,
        householdNo: 'X-1',
        address: '=HYPERLINK("http://evil.example","点我")',
        members: [{ name: '王五', idNumber: idNumber('1960-06-06', 31), relationship: '户主', phones: ['13700001111'] }],
        hardship: ['dibao', 'tekun'],
      });
      await insertHousehold(t.database.db, testCipher, { villageCode: J_VILLAGE, householdNo: 'X-2', members: [{ name: '王六', idNumber: idNumber('1961-06-06', 33), relationship: '户主' }], hardship: ['dibao'] });
    });
    afterAll(async () => t?.close());

    it('exports the filtered list masked, scoped, formula-safe, and audits the export', async () => {
      const ExcelJS = (await import('exceljs')).default;
      const g = await t.as('gangcheng');
      const res = await g.get('/api/residents/export.xlsx?category=dibao');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/spreadsheetml/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      const rows = sheet.getSheetValues().slice(3).map((r) => (r as unknown[]).slice(1));
      expect(rows).toHaveLength(1);
      const [township, village, , address, name, gender, , , id, phones, hardship] = rows[0] as string[];
      expect([township, name, gender]).toEqual(['堽城镇', '王五', '男']);
      expect(village).toBeTruthy();
      expect(address).toBe(`'=HYPERLINK("http://evil.example","点我")`);
      expect(id).toMatch(/^370921\*{8}\d{3}[\dX]$/);
      expect(phones).toBe('137****1111');
      expect(hardship).toBe('低保户、特困供养（五保）');
      const admin = await t.as('admin');
      const audit = (await admin.get('/api/audit?action=resident.export')).json().items[0];
      expect(audit).toMatchObject({ actorName: 'gangcheng', after: { rows: 1, filter: { category: 'dibao' } } });
    });

    it('answers a bad export request with problem+json, not a broken file', async () => {
      const g = await t.as('gangcheng');
      const res = await g.get('/api/residents/export.xlsx?q=12');
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect((await g.get('/api/residents/export.xlsx?regionCode=370921105')).statusCode).toBe(404);
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`hardship categories [${dialect.name}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect);
    });
    afterAll(async () => t?.close());

    it('are configuration: the county admin adds and deactivates, township admins cannot', async () => {
      const admin = await t.as('admin');
      const added = await admin.put('/api/hardship-categories/migrant_family', { name: '外出务工家庭', nameEn: 'Migrant worker family', sort: 85, active: true });
      expect(added.statusCode).toBe(200);
      const list = (await admin.get('/api/hardship-categories')).json().items.map((c: { code: string }) => c.code);
      expect(list).toContain('migrant_family');
      expect(list.slice(0, 2)).toEqual(['dibao', 'tekun']);
      await admin.put('/api/hardship-categories/migrant_family', { name: '外出务工家庭', nameEn: 'Migrant worker family', sort: 85, active: false });
      const g = await t.as('gangcheng');
      expect((await g.put('/api/hardship-categories/x_y', { name: 'x', nameEn: 'x', sort: 1, active: true })).statusCode).toBe(403);
      const bad = await admin.put('/api/hardship-categories/Bad-Code', { name: 'x', nameEn: 'x', sort: 1, active: true });
      expect(bad.statusCode).toBe(400);
    });
  });
}
