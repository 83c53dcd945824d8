import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { insertFieldworkWave, writeCaseOutcomes, type CaseOutcomeRecord, type FieldworkWave } from '../../../../test/support/survey-fixture.ts';
import { startTestApp, testCipher, type TestApp } from '../../../../test/support/test-app.ts';
import type { TPolicyAwareness } from '../../../shared/schemas/policy-publicity.ts';
import type { TQuestionnaireDefinition } from '../../../shared/schemas/survey.ts';
import { STANDARD_QUESTIONNAIRE } from '../survey/index.ts';
import { AWARENESS_DETAIL_HEADERS } from './export-policy-awareness.ts';
import { getPolicyAwareness } from './index.ts';

const A = '370921104'; // 堽城镇 (gangcheng)
const B = '370921105'; // 蒋集镇 (jiangji)
const C = '370921106';
const POLICY_OF = { Q10a: 'medical_insurance', Q10b: 'pension', Q10c: 'dibao', Q10d: 'farm_subsidy' } as const;

/** The standard questionnaire as published before policyCode existed. */
const OLD_DEFINITION: TQuestionnaireDefinition = { ...STANDARD_QUESTIONNAIRE, questions: STANDARD_QUESTIONNAIRE.questions.map(({ policyCode: _drop, ...q }) => q) };

/** Heard-of counts per township and question, out of `n` complete interviews. */
type Heard = Record<string, { n: number; heard: Record<keyof typeof POLICY_OF, number> }>;

async function closedWave(t: TestApp, o: { definition: TQuestionnaireDefinition; startsOn: string; endsOn: string; heard: Heard; interviewerId: string }): Promise<FieldworkWave> {
  const db = t.database.db;
  const max = Math.max(...Object.values(o.heard).map((h) => h.n));
  const wave = await insertFieldworkWave(db, testCipher, { townshipCodes: Object.keys(o.heard), casesPerTownship: max, status: 'closed', definition: o.definition, startsOn: o.startsOn, endsOn: o.endsOn, phoneBlock: Math.floor(Math.random() * 900) + 50 });
  const records: CaseOutcomeRecord[] = [];
  for (const [code, h] of Object.entries(o.heard)) {
    for (let k = 0; k < h.n; k++) {
      const answers: Record<string, string | { text: string }> = { S1: 'yes', S2: 'a36_50', S3: code, Q11: 'yes', Q12: { text: '无' }, Q13: 'no' };
      for (let q = 1; q <= 9; q++) answers[`Q${q}`] = 'satisfied';
      for (const question of Object.keys(POLICY_OF) as (keyof typeof POLICY_OF)[]) answers[question] = k < h.heard[question] ? 'heard' : 'not_heard';
      records.push({ caseId: wave.cases.get(code)![k]!, interviewerId: o.interviewerId, attempts: [{ disposition: '1.1', seconds: 500 }], interview: { status: 'complete', answers, durationSeconds: 500 } });
    }
  }
  await writeCaseOutcomes(db, records);
  return wave;
}

const all = (n: number, a: number, b: number, c: number, d: number) => ({ n, heard: { Q10a: a, Q10b: b, Q10c: c, Q10d: d } });

for (const dialect of DIALECTS) {
  describe(`policy publicity [${dialect.name}]`, () => {
    let t: TestApp;
    let first: FieldworkWave;
    let second: FieldworkWave;
    beforeAll(async () => {
      t = await startTestApp(dialect);
      const db = t.database.db;
      const interviewer = await db.selectFrom('app_user').select('id').where('username', '=', 'interviewer1').executeTakeFirstOrThrow();
      // The first wave's version was published without policy codes: the county links it.
      first = await closedWave(t, { definition: OLD_DEFINITION, startsOn: '2026-04-01', endsOn: '2026-06-30', interviewerId: interviewer.id, heard: { [A]: all(40, 30, 30, 20, 30), [B]: all(40, 30, 30, 20, 30), [C]: all(40, 30, 30, 30, 30) } });
      // The second: A barely knows dibao; C has three interviews only (suppressed everywhere).
      second = await closedWave(t, { definition: STANDARD_QUESTIONNAIRE, startsOn: '2026-09-01', endsOn: '2026-09-30', interviewerId: interviewer.id, heard: { [A]: all(40, 30, 30, 8, 30), [B]: all(40, 30, 30, 30, 30), [C]: all(3, 3, 3, 3, 3) } });
    });
    afterAll(async () => t?.close());

    it('lists the awareness items, unlinked where the old version names no policy, and lets the county admin link them (audited)', async () => {
      const admin = await t.as('admin');
      let res = await admin.get('/api/policy-publicity/links');
      expect(res.statusCode).toBe(200);
      // The latest version (the second wave's) names its codes; the first version did not.
      const q10c = res.json().items.find((i: { questionCode: string }) => i.questionCode === 'Q10c');
      expect(q10c).toMatchObject({ questionPolicyCode: 'dibao', countyLinkPolicyCode: null, resolved: { policyCode: 'dibao', source: 'questionnaire' }, versionsWithoutCode: 1 });

      // Before the links, the first wave's awareness items are all unlinked.
      const before = await getPolicyAwareness({ db: t.database.db, actor: null }, { waveId: first.waveId });
      expect(before.unlinked.map((u) => u.questionCode)).toEqual(['Q10a', 'Q10b', 'Q10c', 'Q10d']);
      expect(before.policies).toEqual([]);

      for (const [questionCode, policyCode] of Object.entries(POLICY_OF)) {
        res = await admin.put(`/api/policy-publicity/links/${questionCode}`, { policyCode });
        expect(res.statusCode).toBe(200);
      }
      expect(res.json()).toMatchObject({ questionCode: 'Q10d', countyLinkPolicyCode: 'farm_subsidy', resolved: { policyCode: 'farm_subsidy', source: 'questionnaire' } });
      const audit = await t.database.db.selectFrom('audit_log').select(['action', 'entity_id', 'after']).where('action', '=', 'policy_link.update').orderBy('id').execute();
      expect(audit.map((a) => a.entity_id)).toEqual(['Q10a', 'Q10b', 'Q10c', 'Q10d']);

      // Unknown question, inactive or unknown policy: 422 in both languages.
      res = await admin.put('/api/policy-publicity/links/Q99', { policyCode: 'dibao' });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('publicity_question_unknown');
      res = await admin.put('/api/policy-publicity/links/Q10a', { policyCode: 'no_such_policy' });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('publicity_policy_unknown');
    });

    it('a township admin cannot edit the links (403), only read them', async () => {
      const gangcheng = await t.as('gangcheng');
      expect((await gangcheng.get('/api/policy-publicity/links')).statusCode).toBe(200);
      const res = await gangcheng.put('/api/policy-publicity/links/Q10a', { policyCode: 'dibao' });
      expect(res.statusCode).toBe(403);
    });

    it('a township admin logs an activity in its subtree, never in another township (404), and voids it with a reason', async () => {
      const gangcheng = await t.as('gangcheng');
      let res = await gangcheng.post('/api/policy-publicity/activities', { regionCode: `${A}201`, kind: 'meeting', heldOn: '2026-08-20', title: '低保政策宣讲会', audience: 60, policyCodes: ['dibao', 'medical_insurance'] });
      expect(res.statusCode).toBe(201);
      const activity = res.json();
      expect(activity).toMatchObject({ region: { code: `${A}201` }, township: { code: A }, kind: 'meeting', heldOn: '2026-08-20', policyCodes: ['dibao', 'medical_insurance'], voided: null });
      res = await gangcheng.post('/api/policy-publicity/activities', { regionCode: B, kind: 'notice', heldOn: '2026-08-20', title: '公告', policyCodes: ['dibao'] });
      expect(res.statusCode).toBe(404);
      res = await gangcheng.post('/api/policy-publicity/activities', { regionCode: A, kind: 'notice', heldOn: '2099-01-01', title: '公告', policyCodes: ['dibao'] });
      expect(res.statusCode).toBe(422);
      res = await gangcheng.post('/api/policy-publicity/activities', { regionCode: A, kind: 'notice', heldOn: '2026-08-21', title: '公告', policyCodes: ['nope'] });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('publicity_policy_unknown');

      const jiangji = await t.as('jiangji');
      expect((await jiangji.post(`/api/policy-publicity/activities/${activity.id}/void`, { reason: '不是我们的' })).statusCode).toBe(404);
      // The county admin logs anywhere in the county, but not at county level.
      const admin = await t.as('admin');
      res = await admin.post('/api/policy-publicity/activities', { regionCode: B, kind: 'broadcast', heldOn: '2026-08-22', title: '医保缴费广播', policyCodes: ['medical_insurance'] });
      expect(res.statusCode).toBe(201);
      res = await admin.post('/api/policy-publicity/activities', { regionCode: '370921', kind: 'broadcast', heldOn: '2026-08-22', title: '全县广播', policyCodes: ['medical_insurance'] });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('publicity_region_level');

      // A second activity of A, voided: listed only when asked for, and not counted.
      res = await gangcheng.post('/api/policy-publicity/activities', { regionCode: A, kind: 'training', heldOn: '2026-08-25', title: '重复录入', policyCodes: ['dibao'] });
      const mistaken = res.json();
      res = await gangcheng.post(`/api/policy-publicity/activities/${mistaken.id}/void`, { reason: '重复录入' });
      expect(res.statusCode).toBe(200);
      expect(res.json().voided).toMatchObject({ reason: '重复录入' });
      expect((await gangcheng.post(`/api/policy-publicity/activities/${mistaken.id}/void`, { reason: '再次作废' })).statusCode).toBe(409);
      expect(await t.database.db.selectFrom('publicity_activity').select('id').where('id', '=', mistaken.id).executeTakeFirst()).toBeDefined();

      // Lists: the township sees its own; the county all; filters by township, policy, kind, period.
      const own = (await gangcheng.get('/api/policy-publicity/activities')).json().items;
      expect(own.map((a: { id: string }) => a.id)).toEqual([activity.id]);
      expect((await gangcheng.get('/api/policy-publicity/activities?includeVoided=true')).json().items).toHaveLength(2);
      expect((await gangcheng.get(`/api/policy-publicity/activities?townshipCode=${B}`)).statusCode).toBe(404);
      const county = (await admin.get('/api/policy-publicity/activities')).json().items;
      expect(county).toHaveLength(2);
      expect((await admin.get(`/api/policy-publicity/activities?townshipCode=${B}`)).json().items).toHaveLength(1);
      expect((await admin.get('/api/policy-publicity/activities?policyCode=dibao')).json().items).toHaveLength(1);
      expect((await admin.get('/api/policy-publicity/activities?kind=broadcast')).json().items).toHaveLength(1);
      expect((await admin.get('/api/policy-publicity/activities?from=2026-08-21&to=2026-08-31')).json().items).toHaveLength(1);

      const actions = await t.database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'publicity_activity').execute();
      expect(actions.map((a) => a.action).sort()).toEqual(['publicity_activity.create', 'publicity_activity.create', 'publicity_activity.create', 'publicity_activity.void']);
    });

    it('counts the visits that explained a policy beside the activities, by township and period', async () => {
      const db = t.database.db;
      const village = await db.selectFrom('region').select(['id', 'county_code']).where('code', '=', `${A}201`).executeTakeFirstOrThrow();
      const household = await db.insertInto('household').values({ county_code: village.county_code!, village_id: village.id, household_no: 'PUB-1', address: '1号' }).returning('id').executeTakeFirstOrThrow();
      const recorder = await db.selectFrom('app_user').select('id').where('username', '=', 'cadre').executeTakeFirstOrThrow();
      for (const [at, voided] of [['2026-08-10T02:00:00Z', false], ['2026-08-11T02:00:00Z', true], ['2026-07-31T15:59:00Z', false]] as const) {
        const visit = await db
          .insertInto('visit')
          .values({ client_id: crypto.randomUUID(), county_code: village.county_code!, household_id: household.id, village_id: village.id, recorded_by: recorder.id, kind: 'home', visited_at: new Date(at), body: '{}', body_sha256: 'fixture', ...(voided ? { voided_at: new Date(), void_reason: '测试' } : {}) })
          .returning('id')
          .executeTakeFirstOrThrow();
        await db.insertInto('visit_policy').values({ visit_id: visit.id, policy_code: 'dibao' }).execute();
      }
      const admin = await t.as('admin');
      // 2026-07-31T15:59Z is 2026-07-31 23:59 in Shanghai: outside August.
      const res = await admin.get('/api/policy-publicity/effort?from=2026-08-01&to=2026-08-31');
      expect(res.statusCode).toBe(200);
      expect(res.json().cells).toEqual([
        { townshipCode: A, policyCode: 'dibao', activities: 1, audience: 60, visits: 1 },
        { townshipCode: A, policyCode: 'medical_insurance', activities: 1, audience: 60, visits: 0 },
        { townshipCode: B, policyCode: 'medical_insurance', activities: 1, audience: 0, visits: 0 },
      ]);
      const jiangji = await t.as('jiangji');
      expect((await jiangji.get('/api/policy-publicity/effort?from=2026-08-01&to=2026-08-31')).json().cells).toEqual([{ townshipCode: B, policyCode: 'medical_insurance', activities: 1, audience: 0, visits: 0 }]);
    });

    it('gives awareness per township × policy from the wave results, the change from the previous wave and the lowest cells with their effort', async () => {
      const admin = await t.as('admin');
      const res = await admin.get(`/api/policy-publicity/awareness?waveId=${second.waveId}`);
      expect(res.statusCode).toBe(200);
      const r: TPolicyAwareness = res.json();
      expect(r.previousWave?.id).toBe(first.waveId);
      expect(r.policies.map((p) => p.code)).toEqual(['dibao', 'medical_insurance', 'pension', 'farm_subsidy']);
      expect(r.unlinked).toEqual([]);
      expect(r.effortPeriod).toEqual({ from: '2026-07-01', to: '2026-09-30' });
      // The same figures as the survey results (reused, not recomputed).
      const results = (await admin.get(`/api/survey/waves/${second.waveId}/results`)).json();
      const ta = r.townships.find((x) => x.region.code === A)!;
      const dibaoA = ta.cells.find((c) => c.policyCode === 'dibao')!;
      expect(dibaoA.questionCode).toBe('Q10c');
      expect(dibaoA.awareness).toEqual(results.townships.find((x: { region: { code: string } }) => x.region.code === A).awareness.policies.find((p: { questionCode: string }) => p.questionCode === 'Q10c').awareness);
      expect(dibaoA.awareness).toMatchObject({ suppressed: false, n: 40 });
      // 20/40 → 8/40: worse; B's 20/40 → 30/40: improved; pension 30/40 → 30/40: no measurable change.
      expect(dibaoA.change).toMatchObject({ previousWaveId: first.waveId, verdict: 'worse' });
      expect(r.townships.find((x) => x.region.code === B)!.cells.find((c) => c.policyCode === 'dibao')!.change!.verdict).toBe('improved');
      expect(ta.cells.find((c) => c.policyCode === 'pension')!.change!.verdict).toBe('no_measurable_change');
      // C: suppressed, and no change is claimed.
      const tc = r.townships.find((x) => x.region.code === C)!;
      expect(tc.cells.every((c) => c.awareness.suppressed && c.change === null)).toBe(true);
      // Lowest: A × dibao significantly below the rest of the county, with the period's effort in A (2026-07-01..09-30: both visits).
      expect(r.lowest.items[0]).toMatchObject({ townshipCode: A, policyCode: 'dibao', significantlyBelow: true, n: 40, effort: { activities: 1, audience: 60, visits: 2 } });
      expect(r.lowest.items.some((i) => i.townshipCode === C)).toBe(false);
      expect(r.lowest.tested).toBe(8);
    });

    it('shows a township admin its township and the county only; the wave must be closed', async () => {
      const gangcheng = await t.as('gangcheng');
      const r: TPolicyAwareness = (await gangcheng.get(`/api/policy-publicity/awareness?waveId=${second.waveId}`)).json();
      expect(r.scope).toBe('township');
      expect(r.townships.map((x) => x.region.code)).toEqual([A]);
      expect(r.lowest.items.every((i) => i.townshipCode === A)).toBe(true);
      const jiangji: TPolicyAwareness = (await (await t.as('jiangji')).get(`/api/policy-publicity/awareness?waveId=${second.waveId}`)).json();
      // B's cells are not significantly below the rest of the county: nothing names it.
      expect(jiangji.lowest.items).toEqual([]);
      const open = await insertFieldworkWave(t.database.db, testCipher, { townshipCodes: [A], casesPerTownship: 1, status: 'fieldwork', phoneBlock: 990 });
      const res = await gangcheng.get(`/api/policy-publicity/awareness?waveId=${open.waveId}`);
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('publicity_wave_not_closed');
      expect((await gangcheng.get('/api/policy-publicity/awareness?waveId=999999')).statusCode).toBe(404);
    });

    it('exports awareness as XLSX: township × policy with n, intervals and the change between waves, what the caller may see, safe against formula injection', async () => {
      const db = t.database.db;
      const pension = await db.selectFrom('policy').select('name').where('code', '=', 'pension').executeTakeFirstOrThrow();
      await db.updateTable('policy').set({ name: '=HYPERLINK("http://x","点我")' }).where('code', '=', 'pension').execute();
      try {
        const admin = await t.as('admin');
        const res = await admin.get(`/api/policy-publicity/awareness/export.xlsx?waveId=${second.waveId}`);
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toContain('spreadsheetml');
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.headers['content-disposition']).toContain(`policy-awareness-${second.waveId}.xlsx`);
        const { default: ExcelJS } = await import('exceljs');
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
        const page: TPolicyAwareness = (await admin.get(`/api/policy-publicity/awareness?waveId=${second.waveId}`)).json();

        // The matrix: the county first, then each township; a column pair per policy in the page's order.
        const matrix = workbook.getWorksheet('知晓率')!;
        const header = matrix.getRow(3).values as unknown[];
        expect(header[1]).toBe('乡镇');
        expect(header[2]).toBe(`${page.policies[0]!.name}知晓率`);
        expect(header).toContain('\'=HYPERLINK("http://x","点我")知晓率');
        const rows: unknown[][] = [];
        for (let i = 4; i <= matrix.rowCount; i++) rows.push(matrix.getRow(i).values as unknown[]);
        expect(rows.slice(0, 4).map((r) => r[1])).toEqual([page.county.region.name, ...page.townships.map((x) => x.region.name)]);
        const dibaoA = page.townships.find((x) => x.region.code === A)!.cells.find((c) => c.policyCode === 'dibao')!;
        const rowA = rows.find((r) => r[1] === page.townships.find((x) => x.region.code === A)!.region.name)!;
        expect(rowA[2]).toBeCloseTo((dibaoA.awareness as { estimate: number }).estimate, 10);
        expect(String(rowA[3])).toMatch(/^\u2212\d+\.\d个百分点（下降）$/);
        // C's cells are suppressed: no figure, no change.
        const rowC = rows.find((r) => r[1] === page.townships.find((x) => x.region.code === C)!.region.name)!;
        expect(rowC[2]).toBe(`n<${page.minReportableN}`);
        expect(rowC[3]).toBeUndefined();
        expect(String(matrix.getRow(2).getCell(1).value)).toContain('Holm');
        expect(rows.some((r) => String(r[1]).startsWith('数据来源'))).toBe(true);

        // The detail: n, interval, the change with its interval and p, and "significantly below the county".
        const detail = workbook.getWorksheet('明细')!;
        expect((detail.getRow(2).values as unknown[]).slice(1)).toEqual([...AWARENESS_DETAIL_HEADERS]);
        const lines: unknown[][] = [];
        for (let i = 3; i <= detail.rowCount; i++) lines.push(detail.getRow(i).values as unknown[]);
        const lineA = lines.find((l) => l[3] === 'dibao' && l[1] === rowA[1])!;
        expect(lineA[4]).toBe('Q10c');
        expect(lineA[8]).toBe(40);
        expect(lineA[9]).toBeCloseTo(dibaoA.change!.difference, 10);
        expect(lineA[12]).toBeCloseTo(dibaoA.change!.p, 10);
        expect(lineA[13]).toBe('下降');
        expect(lineA[14]).toBe('是');

        // A township admin's file holds the county and their township only.
        const own = await (await t.as('gangcheng')).get(`/api/policy-publicity/awareness/export.xlsx?waveId=${second.waveId}`);
        expect(own.statusCode).toBe(200);
        const theirs = new ExcelJS.Workbook();
        await theirs.xlsx.load(own.rawPayload as unknown as ArrayBuffer);
        const names: unknown[] = [];
        theirs.getWorksheet('知晓率')!.eachRow((row, k) => k > 3 && names.push(row.getCell(1).value));
        expect(names.filter((n) => typeof n === 'string' && !n.startsWith('数据来源'))).toEqual([page.county.region.name, rowA[1]]);

        // A wave not closed: 409 before any byte of a file; an unknown wave: 404.
        const open = await insertFieldworkWave(db, testCipher, { townshipCodes: [A], casesPerTownship: 1, status: 'fieldwork', phoneBlock: 991 });
        const refused = await admin.get(`/api/policy-publicity/awareness/export.xlsx?waveId=${open.waveId}`);
        expect(refused.statusCode).toBe(409);
        expect(refused.json().code).toBe('publicity_wave_not_closed');
        expect((await admin.get('/api/policy-publicity/awareness/export.xlsx?waveId=999999')).statusCode).toBe(404);
      } finally {
        await db.updateTable('policy').set({ name: pension.name }).where('code', '=', 'pension').execute();
      }
    });
  });
}
