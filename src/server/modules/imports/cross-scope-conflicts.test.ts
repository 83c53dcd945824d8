/**
 * An import must not tell a township admin who exists outside their township. A 堽城镇 admin
 * imports rows whose 户编号 or ID number belong to 蒋集镇: each row gets the same neutral issue
 * (no kind, no place, no column, no value), and the county gets the details to resolve.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { idNumber } from '../../../../test/support/registry-fixture.ts';
import { startTestApp, type Client, type TestApp } from '../../../../test/support/test-app.ts';
import { IMPORT_ISSUE_MESSAGES } from '../../../shared/registry/import-issues.ts';
import type { TCrossScopeConflict, TImportIssue, TImportJob } from '../../../shared/registry/import-schemas.ts';
import { csvFile } from '../../spreadsheets/testing/spreadsheet-files.ts';

const G1 = '370921104201'; // a village of 堽城镇
const J1 = '370921105201'; // a village of 蒋集镇
const HEADER = ['户编号', '村代码', '姓名', '与户主关系', '身份证号'];

const upload = (client: Client, bytes: Buffer) =>
  client.request({ method: 'POST', url: '/api/imports/households?fileName=t.csv&mode=partial', payload: bytes, headers: { 'content-type': 'text/csv' } });

async function imported(client: Client, bytes: Buffer): Promise<TImportJob> {
  const res = await upload(client, bytes);
  expect(res.statusCode, res.body).toBe(202);
  const id = (res.json() as TImportJob).id;
  for (let i = 0; i < 600; i++) {
    const job = (await client.get(`/api/imports/${id}`)).json() as TImportJob;
    if (job.status !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${id} still running`);
}

const issues = async (client: Client, jobId: string, locale: 'zh-CN' | 'en') =>
  (await client.request({ method: 'GET', url: `/api/imports/${jobId}/issues?limit=200`, headers: { 'x-lianxin-locale': locale } })).json().items as TImportIssue[];

for (const dialect of DIALECTS) {
  describe(`cross-scope conflicts of imports [${dialect.name}]`, () => {
    let t: TestApp;
    let admin: Client;
    let leader: Client;
    let gangcheng: Client;
    let jiangji: Client;
    const ID = { a: idNumber('1950-02-01', 501), b: idNumber('1951-02-01', 503), c: idNumber('1952-02-01', 505), new1: idNumber('1960-02-01', 507), new2: idNumber('1961-02-01', 509), new3: idNumber('1962-02-01', 511) };

    beforeAll(async () => {
      t = await startTestApp(dialect);
      [admin, leader, gangcheng, jiangji] = [await t.as('admin'), await t.as('leader'), await t.as('gangcheng'), await t.as('jiangji')];
      // 蒋集镇's registry, entered by the county.
      const jiangjiFile = csvFile(HEADER, [
        ['XJ-1', J1, '蒋甲', '户主', ID.a],
        ['XJ-2', J1, '蒋乙', '户主', ID.b],
        ['XJ-3', J1, '蒋丙', '户主', ID.c],
      ]);
      expect((await imported(admin, jiangjiFile)).status).toBe('succeeded');
    });
    afterAll(async () => t?.close());

    it('tells the township admin only that a row conflicts outside their area, and files the details for the county', async () => {
      const file = csvFile(HEADER, [
        /* 2 */ ['XJ-1', G1, '冒名', '户主', ID.new1], // a 蒋集镇 household number
        /* 3 */ ['XG-1', G1, '蒋乙', '户主', ID.b], // a person registered in 蒋集镇
        /* 4 */ ['XJ-3', G1, '错号', '户主', ID.new2], // a 蒋集镇 household number, mistyped
        /* 5 */ ['XG-2', G1, '本镇人', '户主', ID.new3],
      ]);
      const job = await imported(gangcheng, file);
      expect(job).toMatchObject({ status: 'succeeded', inserted: 1, rejectedRows: 3 });
      for (const locale of ['zh-CN', 'en'] as const) {
        const got = await issues(gangcheng, job.id, locale);
        const neutral = IMPORT_ISSUE_MESSAGES.conflict_outside_scope[locale];
        // One issue per row, identical whichever kind of record was hit: no column, no value, one message.
        expect(got).toEqual([2, 3, 4].map((rowNo) => ({ rowNo, column: '', value: '', problem: 'conflict_outside_scope', message: neutral })));
        for (const word of ['蒋集', 'Jiangji', '户编号', '身份证', '另一户', 'household number', 'ID number', 'another household']) expect(neutral).not.toContain(word);
      }
      // The job's report, too.
      const report = await gangcheng.get(`/api/imports/${job.id}/report.xlsx`);
      expect(report.statusCode).toBe(200);

      // Township admins do not see the list; the leader reads it; the county admin resolves.
      for (const township of [gangcheng, jiangji]) expect((await township.get('/api/imports/cross-scope-conflicts')).statusCode).toBe(403);
      const listed = await leader.get('/api/imports/cross-scope-conflicts');
      expect(listed.statusCode, listed.body).toBe(200);
      const conflicts = (listed.json() as { items: TCrossScopeConflict[] }).items.filter((c) => c.job.id === job.id);
      expect(conflicts.map((c) => [c.job.rowNo, c.kind, c.importRegion.code, c.village.code, c.existing.township?.name, c.existing.village.code, c.householdNo])).toEqual([
        [4, 'household_no', '370921104', G1, '蒋集镇', J1, 'XJ-3'],
        [3, 'id_number', '370921104', G1, '蒋集镇', J1, 'XG-1'],
        [2, 'household_no', '370921104', G1, '蒋集镇', J1, 'XJ-1'],
      ]);
      // Masked numbers only, in the API and in the table.
      expect(listed.body).not.toContain(ID.b);
      expect(conflicts[1]!.idNumberMasked).toBe(`${ID.b.slice(0, 6)}********${ID.b.slice(14)}`);
      const stored = await t.database.db.selectFrom('import_cross_scope_conflict').select(['id_masked']).where('job_id', '=', job.id).execute();
      expect(stored).toHaveLength(3);
      for (const s of stored) expect([ID.new1, ID.b, ID.new2]).not.toContain(s.id_masked);
      const audits = await t.database.db.selectFrom('audit_log').select(['entity_id', 'after']).where('action', '=', 'import.cross_scope_conflict').execute();
      expect(audits.map((a) => a.entity_id).sort()).toEqual(conflicts.map((c) => c.id).sort());
      expect(JSON.stringify(audits)).not.toContain(ID.b);
      expect((await leader.post(`/api/imports/cross-scope-conflicts/${conflicts[0]!.id}/resolve`, { resolution: 'typing_error' })).statusCode).toBe(403);

      // Importing the same file again does not file the same conflicts twice.
      await imported(gangcheng, file);
      expect(await t.database.db.selectFrom('import_cross_scope_conflict').select('id').where('status', '=', 'open').execute()).toHaveLength(3);

      const [typo, person, household] = conflicts as [TCrossScopeConflict, TCrossScopeConflict, TCrossScopeConflict];
      const resolve = (c: TCrossScopeConflict, body: object) => admin.post(`/api/imports/cross-scope-conflicts/${c.id}/resolve`, body);
      // 迁户 of a household: it moves to the village the row names.
      const moved = await resolve(household, { resolution: 'moved', note: '迁入堽城镇' });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json()).toMatchObject({ status: 'resolved', resolution: 'moved', note: '迁入堽城镇', resolvedBy: { username: 'admin' } });
      const village = async (householdNo: string) =>
        (await t.database.db.selectFrom('household as h').innerJoin('region as v', 'v.id', 'h.village_id').select('v.code').where('h.household_no', '=', householdNo).executeTakeFirstOrThrow()).code;
      expect(await village('XJ-1')).toBe(G1);
      // 迁户 of a person: they join the row's household, created in its village.
      expect((await resolve(person, { resolution: 'moved' })).statusCode).toBe(200);
      expect(await village('XG-1')).toBe(G1);
      const b = await t.database.db.selectFrom('resident as r').innerJoin('household as h', 'h.id', 'r.household_id').select('h.household_no').where('r.name', '=', '蒋乙').executeTakeFirstOrThrow();
      expect(b.household_no).toBe('XG-1');
      // A typing error: dismissed, nothing moves.
      expect((await resolve(typo, { resolution: 'typing_error', note: '户编号录错' })).statusCode).toBe(200);
      expect(await village('XJ-3')).toBe(J1);
      // Once only.
      const again = await resolve(household, { resolution: 'typing_error' });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: 'import_conflict_resolved' });
      const resolvedAudits = await t.database.db.selectFrom('audit_log').select('action').where('action', 'in', ['import.cross_scope_conflict.resolve', 'household.moved', 'resident.moved', 'household.created']).execute();
      expect(resolvedAudits.map((a) => a.action).sort()).toEqual(['household.created', 'household.moved', 'import.cross_scope_conflict.resolve', 'import.cross_scope_conflict.resolve', 'import.cross_scope_conflict.resolve', 'resident.moved']);

      // Now in 堽城镇, the moved household and person import with the township's file; the mistyped row still conflicts.
      const after = await imported(gangcheng, file);
      expect(after).toMatchObject({ rejectedRows: 1 });
      expect((await issues(gangcheng, after.id, 'en')).map((i) => [i.rowNo, i.problem])).toEqual([[4, 'conflict_outside_scope']]);
    });

    it('keeps the precise messages inside the importer’s own area', async () => {
      // A 堽城镇 person imported again under another 堽城镇 household number.
      const own = await imported(gangcheng, csvFile(HEADER, [['XG-3', G1, '本镇乙', '户主', idNumber('1963-02-01', 513)]]));
      expect(own.status).toBe('succeeded');
      const job = await imported(gangcheng, csvFile(HEADER, [['XG-4', G1, '本镇乙', '户主', idNumber('1963-02-01', 513)]]));
      expect((await issues(gangcheng, job.id, 'zh-CN')).map((i) => [i.column, i.problem])).toEqual([['身份证号', 'id_in_other_household']]);
    });
  });
}
