import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { idNumber, insertHousehold } from '../../../../test/support/registry-fixture.ts';
import { startTestApp, testCipher, type Client, type TestApp } from '../../../../test/support/test-app.ts';
import type { DB } from '../../db/schema.ts';
import { lockWaveOpen } from './wave-locks.ts';

const GANGCHENG = '370921104';
const JIANGJI = '370921105';

const waveBody = (versionId: string, extra: Record<string, unknown> = {}) => ({
  questionnaireVersionId: versionId,
  name: '2026年第一轮',
  startsOn: '2026-03-01',
  endsOn: '2026-03-20',
  callingHours: [
    { from: '14:00', to: '20:30' },
    { from: '09:00', to: '11:30' },
  ],
  maxAttempts: 5,
  targetCompletes: 20,
  ...extra,
});

/** Synthetic numbers straight into a wave's frame: n per stratum, every 4th a landline. */
async function fillFrame(db: Kysely<DB>, waveId: string, perStratum: number) {
  await sql`DELETE FROM frame_entry WHERE wave_id = ${waveId}`.execute(db);
  await sql`
    INSERT INTO frame_entry (wave_id, county_code, township_id, source, phone_kind, phone_cipher, phone_hash, phone_masked, entry_no)
    SELECT s.wave_id, s.county_code, s.township_id, 'upload', CASE WHEN g % 4 = 0 THEN 'landline' ELSE 'mobile' END, 'x', md5(s.township_id || ':' || g), '138****0000',
           row_number() OVER (ORDER BY s.township_id, g)
      FROM wave_stratum s CROSS JOIN generate_series(1, ${perStratum}::int) AS g
     WHERE s.wave_id = ${waveId}`.execute(db);
  await sql`UPDATE wave_stratum s SET frame_size = (SELECT count(*) FROM frame_entry f WHERE f.wave_id = s.wave_id AND f.township_id = s.township_id) WHERE s.wave_id = ${waveId}`.execute(db);
}

const cases = (db: Kysely<DB>, waveId: string) =>
  db.selectFrom('sample_case').select(['frame_entry_id', 'township_id', 'replicate', 'draw_order', 'phone_kind', 'released']).where('wave_id', '=', waveId).orderBy('frame_entry_id').execute();

async function csv(client: Client, waveId: string, text: string, o: { encoding?: string; locale?: string } = {}) {
  return client.request({
    method: 'POST',
    url: `/api/survey/waves/${waveId}/frame/upload?fileName=${encodeURIComponent('号码.csv')}`,
    payload: o.encoding ? iconv.encode(text, o.encoding) : Buffer.from(text, 'utf8'),
    headers: { 'content-type': 'text/csv', ...(o.locale ? { 'x-lianxin-locale': o.locale } : {}) },
  });
}

for (const dialect of DIALECTS) {
  describe(`survey waves [${dialect.name}]`, () => {
    let t: TestApp;
    let s: Client;
    let versionId: string;
    let townshipCount: number;
    beforeAll(async () => {
      t = await startTestApp(dialect);
      const db = t.database.db;
      s = await t.as('supervisor');
      versionId = (await s.post('/api/survey/questionnaires/standard')).json().versions[0].id;
      const villages = await db.selectFrom('region as v').innerJoin('region as t', 't.id', 'v.parent_id').select(['v.code', 't.code as township']).where('t.code', 'in', [GANGCHENG, JIANGJI]).orderBy('v.code').execute();
      const gVillage = villages.find((v) => v.township === GANGCHENG)!.code;
      const jVillage = villages.find((v) => v.township === JIANGJI)!.code;
      // Gangcheng: 3 adults and a child; 4 distinct numbers (one shared by two residents, one landline).
      await insertHousehold(db, testCipher, {
        villageCode: gVillage,
        householdNo: 'S-1',
        members: [
          { name: '王一', idNumber: idNumber('1960-01-01', 101), relationship: '户主', phones: ['13900000001', '0538-5620001'] },
          { name: '李一', idNumber: idNumber('1962-01-01', 102), relationship: '配偶', phones: ['13900000002'] },
          { name: '王小', idNumber: idNumber('2015-01-01', 103), relationship: '子', phones: ['13900000002'] },
        ],
      });
      await insertHousehold(db, testCipher, { villageCode: gVillage, householdNo: 'S-2', members: [{ name: '张二', idNumber: idNumber('1980-05-05', 105), relationship: '户主', phones: ['13900000003'] }] });
      // Jiangji: one adult, and an inactive resident whose number must stay out.
      const j = await insertHousehold(db, testCipher, {
        villageCode: jVillage,
        householdNo: 'S-3',
        members: [
          { name: '赵三', idNumber: idNumber('1970-03-03', 107), relationship: '户主', phones: ['13900000004'] },
          { name: '钱四', idNumber: idNumber('1971-03-03', 108), relationship: '配偶', phones: ['13900000005'] },
        ],
      });
      await db.updateTable('resident').set({ active: false }).where('id', '=', j.residentIds[1]!).execute();
      townshipCount = (await db.selectFrom('region').select(sql<number>`count(*)::int`.as('n')).where('level', '=', 'township').where('county_code', '=', '370921').where('closed_on', 'is', null).executeTakeFirstOrThrow()).n;
    });
    afterAll(async () => t?.close());

    it('creates a draft wave with a stratum per open township, populations from the registry’s adults', async () => {
      const res = await s.post('/api/survey/waves', waveBody(versionId, { phoneQuota: { mobile: 6, landline: 4 } }));
      expect(res.statusCode).toBe(201);
      const wave = res.json();
      expect(wave).toMatchObject({
        status: 'draft',
        countyCode: '370921',
        callingHours: [
          { from: '09:00', to: '11:30' },
          { from: '14:00', to: '20:30' },
        ],
        phoneQuota: { mobile: 6, landline: 4 },
        allocation: 'proportional',
        numbersPerComplete: 2.5,
        replicateCount: 5,
        minPerTownship: 0,
        frameSource: null,
        sampleSeed: null,
        counts: { frame: 0, sample: 0, released: 0 },
        replicates: [],
      });
      expect(wave.strata).toHaveLength(townshipCount);
      const population = (code: string) => wave.strata.find((x: { township: { code: string } }) => x.township.code === code).population;
      expect(population(GANGCHENG)).toBe(3);
      expect(population(JIANGJI)).toBe(1);
      // Township names in both languages; nothing drawn yet.
      const gangcheng = await t.database.db.selectFrom('region').select(['name', 'name_en']).where('code', '=', GANGCHENG).executeTakeFirstOrThrow();
      expect(wave.strata.find((x: { township: { code: string } }) => x.township.code === GANGCHENG)).toMatchObject({
        township: { code: GANGCHENG, name: gangcheng.name, nameEn: gangcheng.name_en },
        sampleSize: 0,
        sampleMobile: 0,
        sampleLandline: 0,
        released: 0,
      });
      const audit = await t.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', wave.id).where('entity_type', '=', 'survey_wave').execute();
      expect(audit.map((a) => a.action)).toEqual(['survey_wave.create']);
      const listed = (await s.get('/api/survey/waves')).json().items;
      expect(listed[0]).toMatchObject({ id: wave.id, questionnaireVersion: { id: versionId, version: 1 } });
    });

    it('refuses bad wave settings with clear problems', async () => {
      const bad = async (extra: Record<string, unknown>) => s.post('/api/survey/waves', waveBody(versionId, extra));
      const overlap = await bad({ callingHours: [{ from: '09:00', to: '12:00' }, { from: '11:00', to: '13:00' }] });
      expect(overlap.statusCode).toBe(400);
      expect(overlap.json().issues).toEqual([{ path: 'callingHours.1.from', message: expect.any(String) }]);
      expect((await bad({ callingHours: [{ from: '12:00', to: '09:00' }] })).json().issues[0].path).toBe('callingHours.0.to');
      expect((await bad({ callingHours: [{ from: '24:00', to: '24:00' }] })).statusCode).toBe(400);
      expect((await bad({ callingHours: [{ from: '9:00', to: '11:00' }] })).statusCode).toBe(400);
      expect((await bad({ callingHours: [] })).statusCode).toBe(400);
      expect((await bad({ callingHours: Array.from({ length: 7 }, (_, i) => ({ from: `1${i}:00`, to: `1${i}:30` })) })).statusCode).toBe(400);
      expect((await bad({ callingHours: [{ from: '18:00', to: '24:00' }, { from: '08:00', to: '18:00' }] })).statusCode).toBe(201);
      expect((await bad({ startsOn: '2026-03-21' })).json().issues[0].path).toBe('endsOn');
      expect((await bad({ maxAttempts: 31 })).statusCode).toBe(400);
      expect((await bad({ maxAttempts: 0 })).statusCode).toBe(400);
      expect((await bad({ phoneQuota: { mobile: 0, landline: 0 } })).statusCode).toBe(400);
      expect((await bad({ phoneQuota: { mobile: -1, landline: 4 } })).statusCode).toBe(400);
      expect((await bad({ numbersPerComplete: 2.555 })).statusCode).toBe(400);
      expect((await bad({ allocation: 'random' })).statusCode).toBe(400);
      expect((await bad({ colour: 'red' })).statusCode).toBe(400);
      expect((await bad({ questionnaireVersionId: '999999' })).statusCode).toBe(404);
      const draft = (await s.post(`/api/survey/questionnaire-versions/${versionId}/new-version`)).json();
      const onDraft = await bad({ questionnaireVersionId: draft.id });
      expect(onDraft.statusCode).toBe(422);
      expect(onDraft.json().code).toBe('questionnaire_not_published');
    });

    it('edits a draft: settings and strata, unknown townships refused, equal values are no change', async () => {
      const wave = (await s.post('/api/survey/waves', waveBody(versionId))).json();
      const res = await s.patch(`/api/survey/waves/${wave.id}`, {
        name: '改名',
        allocation: 'neyman',
        strata: [{ townshipCode: GANGCHENG, population: 5000, assumedSd: 25.5 }],
      });
      expect(res.statusCode).toBe(200);
      const stratum = res.json().strata.find((x: { township: { code: string } }) => x.township.code === GANGCHENG);
      expect(stratum).toMatchObject({ population: 5000, assumedSd: 25.5 });
      expect(res.json()).toMatchObject({ name: '改名', allocation: 'neyman' });
      const unknown = await s.patch(`/api/survey/waves/${wave.id}`, { strata: [{ townshipCode: '370921104201' }] });
      expect(unknown.statusCode).toBe(422);
      expect(unknown.json()).toMatchObject({ code: 'wave_stratum_unknown', issues: [{ path: 'strata.0.townshipCode' }] });
      expect((await s.patch(`/api/survey/waves/${wave.id}`, { endsOn: '2026-02-01' })).json().issues[0].path).toBe('endsOn');
      const before = await t.database.db.selectFrom('audit_log').select(sql<number>`count(*)::int`.as('n')).where('entity_id', '=', wave.id).executeTakeFirstOrThrow();
      const same = await s.patch(`/api/survey/waves/${wave.id}`, { name: '改名', callingHours: waveBody(versionId).callingHours, phoneQuota: null });
      expect(same.statusCode).toBe(200);
      const after = await t.database.db.selectFrom('audit_log').select(sql<number>`count(*)::int`.as('n')).where('entity_id', '=', wave.id).executeTakeFirstOrThrow();
      expect(after.n).toBe(before.n);
    });

    it('builds the frame from the registry: distinct numbers of active residents, by the household’s township', async () => {
      const wave = (await s.post('/api/survey/waves', waveBody(versionId))).json();
      const res = await s.post(`/api/survey/waves/${wave.id}/frame/registry`);
      expect(res.statusCode).toBe(200);
      const framed = res.json();
      expect(framed.frameSource).toBe('registry');
      const stratum = (code: string) => framed.strata.find((x: { township: { code: string } }) => x.township.code === code);
      expect(stratum(GANGCHENG)).toMatchObject({ frameSize: 4, frameMobile: 3, frameLandline: 1 });
      expect(stratum(JIANGJI)).toMatchObject({ frameSize: 1, frameMobile: 1, frameLandline: 0 });
      expect(framed.counts.frame).toBe(5);
      const entries = await t.database.db.selectFrom('frame_entry').select(['phone_cipher', 'phone_masked']).where('wave_id', '=', wave.id).execute();
      expect(entries.map((e) => testCipher.decrypt(e.phone_cipher)).sort()).toEqual(['05385620001', '13900000001', '13900000002', '13900000003', '13900000004']);
      expect(entries.every((e) => e.phone_masked.includes('****'))).toBe(true);
      // Rebuilding replaces, never doubles.
      expect((await s.post(`/api/survey/waves/${wave.id}/frame/registry`)).json().counts.frame).toBe(5);
    });

    it('uploads a frame: UTF-8 or GBK CSV and XLSX; any bad row refuses the whole file with per-row issues', async () => {
      const wave = (await s.post('/api/survey/waves', waveBody(versionId))).json();
      const good = `号码名单\n电话,乡镇\n13800000001,${GANGCHENG}\n138 0000 0002,堽城镇\n0538-5621234,蒋集镇\n13800000001,${GANGCHENG}\n\n`;
      const gbk = await csv(s, wave.id, good, { encoding: 'gbk' });
      expect(gbk.statusCode).toBe(200);
      expect(gbk.json()).toMatchObject({ frameSource: 'upload', counts: { frame: 3 } });
      const stratum = (w: { strata: { township: { code: string }; frameSize: number; frameLandline: number }[] }, code: string) => w.strata.find((x) => x.township.code === code)!;
      expect(stratum(gbk.json(), GANGCHENG).frameSize).toBe(2);
      expect(stratum(gbk.json(), JIANGJI).frameLandline).toBe(1);

      const bad = `phone,township\n13800000009,${GANGCHENG}\n12345,${GANGCHENG}\n13800000010,不存在镇\n,${JIANGJI}\n`;
      const refused = await csv(s, wave.id, bad, { locale: 'en' });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().code).toBe('frame_upload_invalid');
      expect(refused.json().issues).toEqual([
        { path: 'rows.3.phone', message: 'not a valid phone number: *****' },
        { path: 'rows.4.township', message: "no such township in this county's wave: 不存在镇" },
        { path: 'rows.5.phone', message: 'no phone number' },
      ]);
      const zh = await csv(s, wave.id, bad, { locale: 'zh-CN' });
      expect(zh.json().issues[0].message).toBe('电话号码格式不正确：*****');
      // Nothing written: the earlier frame is still there.
      expect((await s.get(`/api/survey/waves/${wave.id}`)).json().counts.frame).toBe(3);

      const noHeader = await csv(s, wave.id, `a,b\n1,2\n`);
      expect(noHeader.statusCode).toBe(422);
      expect(noHeader.json().code).toBe('import_header_missing');
      const empty = await csv(s, wave.id, '');
      expect(empty.statusCode).toBe(422);
      const wrongType = await s.request({ method: 'POST', url: `/api/survey/waves/${wave.id}/frame/upload?fileName=a.csv`, payload: 'x', headers: { 'content-type': 'text/plain' } });
      expect(wrongType.statusCode).toBe(415);
      expect((await s.request({ method: 'POST', url: `/api/survey/waves/${wave.id}/frame/upload`, payload: good, headers: { 'content-type': 'text/csv' } })).statusCode).toBe(400);

      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('名单');
      sheet.addRow(['乡镇', '手机号码']);
      sheet.addRow(['蒋集镇', '13800000021']);
      sheet.addRow([JIANGJI, 13800000022]);
      const xlsx = await s.request({
        method: 'POST',
        url: `/api/survey/waves/${wave.id}/frame/upload?fileName=a.xlsx`,
        payload: Buffer.from(await workbook.xlsx.writeBuffer()),
        headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      });
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.json().counts.frame).toBe(2);
      expect(stratum(xlsx.json(), JIANGJI).frameSize).toBe(2);
    });

    it('draws a stratified sample reproducibly from its seed, spreads replicates over strata, and redraws only before fieldwork', async () => {
      const db = t.database.db;
      const wave = (await s.post('/api/survey/waves', waveBody(versionId, { targetCompletes: 260, allocation: 'equal', numbersPerComplete: 2, replicateCount: 4 }))).json();
      const noFrame = await s.post(`/api/survey/waves/${wave.id}/sample`, {});
      expect(noFrame.statusCode).toBe(409);
      expect(noFrame.json().code).toBe('wave_no_frame');
      await fillFrame(db, wave.id, 100);

      const drawn = await s.post(`/api/survey/waves/${wave.id}/sample`, {});
      expect(drawn.statusCode).toBe(200);
      const w = drawn.json();
      expect(w.sampleSeed).toMatch(/^[0-9a-f]{32}$/);
      // Equal allocation: 260 / 13 = 20 completes per township, 40 numbers each.
      expect(new Set(w.strata.map((x: { targetCompletes: number }) => x.targetCompletes))).toEqual(new Set([260 / townshipCount]));
      expect(w.strata.every((x: { sampleSize: number; targetCompletes: number }) => x.sampleSize === x.targetCompletes * 2)).toBe(true);
      expect(w.counts.sample).toBe(520);
      // The sample by kind comes from the cases drawn: no quota, so the kinds follow the frame (3 : 1 mobiles).
      const drawnByKind = await db
        .selectFrom('sample_case')
        .select(['township_id', 'phone_kind', sql<number>`count(*)::int`.as('n')])
        .where('wave_id', '=', wave.id)
        .groupBy(['township_id', 'phone_kind'])
        .execute();
      const drawnOf = (id: string, kind: string) => drawnByKind.find((r) => r.township_id === id && r.phone_kind === kind)?.n ?? 0;
      for (const x of w.strata as { township: { id: string }; sampleSize: number; sampleMobile: number; sampleLandline: number }[]) {
        expect(x.sampleMobile + x.sampleLandline).toBe(x.sampleSize);
        expect([x.sampleMobile, x.sampleLandline]).toEqual([drawnOf(x.township.id, 'mobile'), drawnOf(x.township.id, 'landline')]);
      }
      expect(w.strata.some((x: { sampleLandline: number }) => x.sampleLandline > 0)).toBe(true);
      expect(w.replicates.map((r: { replicate: number }) => r.replicate)).toEqual([1, 2, 3, 4]);
      expect(w.replicates.reduce((n: number, r: { size: number }) => n + r.size, 0)).toBe(520);

      const first = await cases(db, wave.id);
      expect(first).toHaveLength(520);
      expect(new Set(first.map((c) => c.frame_entry_id)).size).toBe(520);
      expect(new Set(first.map((c) => c.draw_order)).size).toBe(520);
      expect(first.every((c) => !c.released)).toBe(true);
      // Every replicate reaches every township, in near-equal parts (round-robin: sizes differ by at most one).
      const byStratum = new Map<string, number[]>();
      for (const c of first) {
        const counts = byStratum.get(c.township_id) ?? [0, 0, 0, 0];
        counts[c.replicate - 1]!++;
        byStratum.set(c.township_id, counts);
      }
      for (const counts of byStratum.values()) expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);

      const same = await s.post(`/api/survey/waves/${wave.id}/sample`, { seed: w.sampleSeed });
      expect(same.json().sampleSeed).toBe(w.sampleSeed);
      expect(await cases(db, wave.id)).toEqual(first);
      const other = await s.post(`/api/survey/waves/${wave.id}/sample`, { seed: '0123456789abcdef' });
      expect(other.json().sampleSeed).toBe('0123456789abcdef');
      const otherCases = await cases(db, wave.id);
      expect(otherCases).toHaveLength(520);
      expect(otherCases.map((c) => c.frame_entry_id)).not.toEqual(first.map((c) => c.frame_entry_id));
      expect((await s.post(`/api/survey/waves/${wave.id}/sample`, { seed: 'XYZ' })).statusCode).toBe(400);

      // Under a sample, the sampling settings and the frame are fixed; the name is not.
      const locked = await s.patch(`/api/survey/waves/${wave.id}`, { targetCompletes: 100 });
      expect(locked.statusCode).toBe(409);
      expect(locked.json().code).toBe('wave_sample_drawn');
      expect((await s.patch(`/api/survey/waves/${wave.id}`, { strata: [{ townshipCode: GANGCHENG, assumedSd: 3 }] })).json().code).toBe('wave_sample_drawn');
      expect((await s.patch(`/api/survey/waves/${wave.id}`, { name: '新名字', targetCompletes: 260 })).statusCode).toBe(200);
      expect((await s.post(`/api/survey/waves/${wave.id}/frame/registry`)).json().code).toBe('wave_sample_drawn');
      expect((await csv(s, wave.id, `电话,乡镇\n13800000001,${GANGCHENG}\n`)).json().code).toBe('wave_sample_drawn');

      const infeasible = await s.patch(`/api/survey/waves/${wave.id}`, { targetCompletes: 2000 });
      expect(infeasible.json().code).toBe('wave_sample_drawn');
      const discarded = await s.request({ method: 'DELETE', url: `/api/survey/waves/${wave.id}/sample` });
      expect(discarded.statusCode).toBe(200);
      expect(discarded.json()).toMatchObject({ sampleSeed: null, counts: { sample: 0 }, replicates: [] });
      await s.patch(`/api/survey/waves/${wave.id}`, { targetCompletes: 2000 });
      const tooMany = await s.request({ method: 'POST', url: `/api/survey/waves/${wave.id}/sample`, payload: {}, headers: { 'x-lianxin-locale': 'en' } });
      expect(tooMany.statusCode).toBe(422);
      expect(tooMany.json()).toMatchObject({ code: 'sample_infeasible', issues: [{ path: 'targetCompletes', message: `at 2 numbers per complete, the frame can deliver at most ${50 * townshipCount} completes` }] });
      await s.patch(`/api/survey/waves/${wave.id}`, { targetCompletes: 26, minPerTownship: 3 });
      expect((await s.post(`/api/survey/waves/${wave.id}/sample`, {})).json().code).toBe('sample_infeasible');
    });

    it('splits numbers by the phone quota inside each township', async () => {
      const db = t.database.db;
      const wave = (await s.post('/api/survey/waves', waveBody(versionId, { targetCompletes: 130, allocation: 'equal', numbersPerComplete: 2, replicateCount: 2, phoneQuota: { mobile: 1, landline: 1 } }))).json();
      await fillFrame(db, wave.id, 100);
      const drawn = await s.post(`/api/survey/waves/${wave.id}/sample`, {});
      expect(drawn.statusCode).toBe(200);
      const rows = await cases(db, wave.id);
      const township = rows[0]!.township_id;
      const here = rows.filter((c) => c.township_id === township);
      // 20 numbers: 10 of each kind (the frame has 75 mobiles and 25 landlines).
      expect(here.filter((c) => c.phone_kind === 'landline')).toHaveLength(10);
      expect(here.filter((c) => c.phone_kind === 'mobile')).toHaveLength(10);
      for (const kind of ['mobile', 'landline']) {
        expect(here.filter((c) => c.phone_kind === kind && c.replicate === 1)).toHaveLength(5);
      }
      // The allocation table shows the same split for every township.
      expect(drawn.json().strata.map((x: { sampleMobile: number; sampleLandline: number }) => [x.sampleMobile, x.sampleLandline])).toEqual(Array.from({ length: townshipCount }, () => [10, 10]));
      const discarded = (await s.request({ method: 'DELETE', url: `/api/survey/waves/${wave.id}/sample` })).json();
      expect(discarded.strata.every((x: { sampleMobile: number; sampleLandline: number }) => x.sampleMobile === 0 && x.sampleLandline === 0)).toBe(true);
    });

    it('opens fieldwork with replicate 1, releases the next ones, then closes: every write refused with wave_closed', async () => {
      const db = t.database.db;
      const wave = (await s.post('/api/survey/waves', waveBody(versionId, { targetCompletes: 26, allocation: 'equal', numbersPerComplete: 2, replicateCount: 2 }))).json();
      const early = await s.post(`/api/survey/waves/${wave.id}/open`);
      expect(early.statusCode).toBe(409);
      expect(early.json().code).toBe('wave_no_sample');
      expect((await s.post(`/api/survey/waves/${wave.id}/release-next`)).json().code).toBe('wave_not_in_fieldwork');
      await fillFrame(db, wave.id, 10);
      await s.post(`/api/survey/waves/${wave.id}/sample`, {});
      const opened = await s.post(`/api/survey/waves/${wave.id}/open`);
      expect(opened.statusCode).toBe(200);
      const o = opened.json();
      expect(o.status).toBe('fieldwork');
      expect(o.openedAt).not.toBeNull();
      expect(o.replicates[0].releasedAt).not.toBeNull();
      expect(o.replicates[1].releasedAt).toBeNull();
      expect(o.counts.released).toBe(o.replicates[0].size);
      const released = (await cases(db, wave.id)).filter((c) => c.released);
      expect(released.every((c) => c.replicate === 1)).toBe(true);
      expect(released).toHaveLength(o.replicates[0].size);
      expect(o.strata.reduce((n: number, x: { released: number }) => n + x.released, 0)).toBe(o.replicates[0].size);

      // Only the end date, calling hours and maximum attempts change now (running-wave.test.ts).
      expect((await s.patch(`/api/survey/waves/${wave.id}`, { name: 'x' })).json().code).toBe('wave_running_frozen');
      for (const [method, url, payload] of [
        ['POST', '/sample', {}],
        ['DELETE', '/sample', undefined],
        ['POST', '/frame/registry', undefined],
        ['POST', '/open', undefined],
      ] as const) {
        const res = await s.request({ method, url: `/api/survey/waves/${wave.id}${url}`, ...(payload ? { payload } : {}) });
        expect([res.statusCode, res.json().code, method, url]).toEqual([409, 'wave_not_draft', method, url]);
      }

      const next = await s.post(`/api/survey/waves/${wave.id}/release-next`);
      expect(next.statusCode).toBe(200);
      expect(next.json().counts.released).toBe(next.json().counts.sample);
      expect((await cases(db, wave.id)).every((c) => c.released)).toBe(true);
      const none = await s.post(`/api/survey/waves/${wave.id}/release-next`);
      expect(none.statusCode).toBe(409);
      expect(none.json().code).toBe('wave_all_released');

      const closed = await s.post(`/api/survey/waves/${wave.id}/close`);
      expect(closed.json()).toMatchObject({ status: 'closed' });
      expect(closed.json().closedAt).not.toBeNull();
      for (const [method, url, payload] of [
        ['PATCH', '', { name: 'x' }],
        ['POST', '/sample', {}],
        ['DELETE', '/sample', undefined],
        ['POST', '/frame/registry', undefined],
        ['POST', '/open', undefined],
        ['POST', '/release-next', undefined],
        ['POST', '/close', undefined],
      ] as const) {
        const res = await s.request({ method, url: `/api/survey/waves/${wave.id}${url}`, ...(payload ? { payload } : {}) });
        expect([res.statusCode, res.json().code, method, url]).toEqual([409, 'wave_closed', method, url]);
      }
      expect((await csv(s, wave.id, `电话,乡镇\n13800000001,${GANGCHENG}\n`)).json().code).toBe('wave_closed');
      // The helper fieldwork writers use.
      await expect(db.transaction().execute((trx) => lockWaveOpen(trx, wave.id))).rejects.toMatchObject({ status: 409, code: 'wave_closed' });
      const actions = await db.selectFrom('audit_log').select('action').where('entity_id', '=', wave.id).where('entity_type', '=', 'survey_wave').orderBy('id').execute();
      expect(actions.map((a) => a.action)).toEqual(['survey_wave.create', 'survey_wave.draw_sample', 'survey_wave.open', 'survey_wave.release_replicate', 'survey_wave.close']);
      // A draft wave can be closed too (abandoned).
      const abandoned = (await s.post('/api/survey/waves', waveBody(versionId))).json();
      expect((await s.post(`/api/survey/waves/${abandoned.id}/close`)).json().status).toBe('closed');
      await expect(db.transaction().execute((trx) => lockWaveOpen(trx, wave.id + '0'))).rejects.toMatchObject({ status: 404 });
    });

    it('lets a township admin list the county’s waves but nothing more; other counties see nothing', async () => {
      const g = await t.as('gangcheng');
      const list = await g.get('/api/survey/waves?status=closed');
      expect(list.statusCode).toBe(200);
      expect(list.json().items.length).toBeGreaterThan(0);
      expect(list.json().items.every((w: { status: string }) => w.status === 'closed')).toBe(true);
      const id = list.json().items[0].id;
      expect((await g.get(`/api/survey/waves/${id}`)).statusCode).toBe(403);
      expect((await g.post(`/api/survey/waves/${id}/close`)).statusCode).toBe(403);
      expect((await (await t.as('interviewer1')).get('/api/survey/waves')).statusCode).toBe(403);
      expect((await (await t.as('leader')).get(`/api/survey/waves/${id}`)).statusCode).toBe(200);
      expect((await s.get('/api/survey/waves/999999')).statusCode).toBe(404);
      expect((await s.get('/api/survey/waves?status=open')).statusCode).toBe(400);
    });
  });
}
