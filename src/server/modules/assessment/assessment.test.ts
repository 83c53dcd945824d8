/**
 * The assessment through its routes and use cases, on both dialects: creating with a scheme,
 * versions, bonus and penalty items, computing each kind of component (survey from a closed
 * wave, the case rates with the villages' assignments, visit coverage, rectification on time with
 * the Shanghai deadline), the city comparison, publishing and the freeze, corrections, who reads
 * what, and every bad input of issue 12 point 10 answered in Chinese and English with nothing
 * changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAssessmentDetail, TStoredResult } from '../../../shared/assessment/assessment-api-schemas.ts';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { insertFieldworkWave, insertInterviewOutcomes } from '../../../../test/support/survey-fixture.ts';
import { startTestApp, testCipher, type TestApp } from '../../../../test/support/test-app.ts';
import { cliAuditSource } from '../audit/index.ts';
import { insertRateCases, loadFixtureUnits } from '../case-rates/testing/rates-fixture.ts';
import { insertBareHouseholds, insertCampaign, insertTargets, insertVisits, userId } from '../visit-reports/testing/visit-fixture.ts';
import { caseFigures, rectificationFigures, visitFigures } from './component-figures.ts';
import { computeAssessment } from './compute-assessment.ts';

const GANGCHENG = '370921104';
const PERIOD = { periodStart: '2026-10-01', periodEnd: '2026-12-31' };
const fixed = (worst: number, best: number) => ({ kind: 'fixed' as const, worst, best });

for (const dialect of DIALECTS) {
  describe(`assessment [${dialect.name}]`, () => {
    let t: TestApp;
    let waveId: string;
    let openWaveId: string;
    let surveyScheme: { components: { key: string; weight: number; scaling: ReturnType<typeof fixed> }[]; waveIds: string[] };
    beforeAll(async () => {
      t = await startTestApp(dialect);
      const db = t.database.db;
      const wave = await insertFieldworkWave(db, testCipher, { status: 'closed', casesPerTownship: 14, startsOn: '2026-10-10', endsOn: '2026-11-20' });
      const interviewer = await userId(db, 'interviewer1');
      await insertInterviewOutcomes(db, wave, { interviewerIds: [interviewer], outcomes: { complete: 12, refused: 2 }, seed: 7 });
      waveId = wave.waveId;
      // A later wave still in fieldwork, outside the period unless a test moves it.
      openWaveId = (await insertFieldworkWave(db, testCipher, { status: 'fieldwork', casesPerTownship: 1, startsOn: '2027-01-05', endsOn: '2027-02-20', phoneBlock: 2 })).waveId;
      surveyScheme = {
        components: [
          { key: 'survey_index', weight: 0.5, scaling: fixed(50, 100) },
          { key: 'survey_dissatisfaction', weight: 0.3, scaling: fixed(0.4, 0) },
          { key: 'policy_awareness', weight: 0.2, scaling: fixed(0.3, 1) },
        ],
        waveIds: [waveId],
      };
    }, 180_000);
    afterAll(() => t?.close());

    const create = async (body: Record<string, unknown> = {}) => {
      const admin = await t.as('admin');
      return admin.post('/api/assessments', { name: '2026年第四季度乡镇考核', ...PERIOD, scheme: surveyScheme, ...body });
    };

    it('creates an assessment, computes the survey components per township with n and interval, and ranks them with the range of places', async () => {
      const admin = await t.as('admin');
      const created = await create();
      expect(created.statusCode, created.body).toBe(201);
      const a = created.json<TAssessmentDetail>();
      expect(a).toMatchObject({ status: 'draft', currentVersion: 1, result: null });
      expect(a.townships.length).toBe(13);
      const computed = await admin.post(`/api/assessments/${a.id}/compute`);
      expect(computed.statusCode, computed.body).toBe(200);
      const { result } = computed.json<TStoredResult>();
      expect(result.townships).toHaveLength(13);
      expect(result.townships.map((x) => x.rank)).toEqual([...result.townships.map((x) => x.rank)].sort((p, q) => p - q));
      const first = result.townships[0]!;
      expect(first.bestRank).toBeLessThanOrEqual(first.rank);
      expect(first.worstRank).toBeGreaterThanOrEqual(first.rank);
      const index = first.components.find((c) => c.key === 'survey_index')!;
      expect(index.figure!.n).toBeGreaterThanOrEqual(5);
      expect(index.figure!.standardError).toBeGreaterThan(0);
      expect(index.figure!.interval!.lower).toBeLessThan(index.figure!.estimate);
      expect(index.source.page).toBe(`/survey-results?wave=${waveId}&township=${first.code}`);
      const weighted = first.components.reduce((s, c) => s + c.weighted, 0);
      expect(first.composite).toBeCloseTo(weighted, 9);
      expect(first.compositeStandardError).toBeGreaterThan(0);
      // Points follow the fixed scaling: index 50 → 0, 100 → 100.
      expect(index.points).toBeCloseTo(Math.min(100, Math.max(0, ((index.figure!.estimate - 50) * 100) / 50)), 9);
      expect(result.waves.map((w) => w.id)).toEqual([waveId]);
      const audit = await t.database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'assessment').where('entity_id', '=', a.id).execute();
      expect(audit.map((x) => x.action).sort()).toEqual(['assessment.computed', 'assessment.create']);
    });

    it('refuses bad input in Chinese and English and changes nothing', async () => {
      const admin = await t.as('admin');
      const before = await t.database.db.selectFrom('assessment').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      // Weights that do not add up: 422 naming the sum.
      const badWeights = await create({ scheme: { ...surveyScheme, components: surveyScheme.components.map((c) => ({ ...c, weight: 0.3 })) } });
      expect(badWeights.statusCode).toBe(422);
      expect(badWeights.json()).toMatchObject({ code: 'assessment_weights_sum' });
      expect(badWeights.json().issues[0].message).toContain('0.9');
      const en = await admin.request({ method: 'POST', url: '/api/assessments', headers: { 'x-lianxin-locale': 'en' }, payload: { name: 'Q4', ...PERIOD, scheme: { ...surveyScheme, components: surveyScheme.components.map((c) => ({ ...c, weight: 0.3 })) } } });
      expect(en.statusCode).toBe(422);
      // A period ending before it starts.
      const badPeriod = await create({ periodStart: '2026-12-31', periodEnd: '2026-10-01' });
      expect(badPeriod.statusCode).toBe(400);
      expect(JSON.stringify(badPeriod.json().issues)).toContain('periodEnd');
      // A wave not closed.
      const open = await create({ scheme: { ...surveyScheme, waveIds: [openWaveId] } });
      expect(open.statusCode).toBe(409);
      expect(open.json()).toMatchObject({ code: 'assessment_wave_not_closed' });
      expect(open.json().issues[0].message).toContain(openWaveId);
      // A survey component without any wave.
      const noWave = await create({ scheme: { ...surveyScheme, waveIds: [] } });
      expect(noWave.statusCode).toBe(422);
      expect(noWave.json()).toMatchObject({ code: 'assessment_wave_needed' });
      // A component listed twice.
      const twice = await create({ scheme: { ...surveyScheme, components: [...surveyScheme.components.slice(0, 2), { ...surveyScheme.components[0]!, weight: 0.2 }] } });
      expect(twice.statusCode).toBe(400);
      const after = await t.database.db.selectFrom('assessment').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });

    it('names the townships and components without data, and refuses a period overlapping a wave in fieldwork', async () => {
      const admin = await t.as('admin');
      const a = (await create({ scheme: { components: [{ key: 'case_response', weight: 0.5, scaling: fixed(0.5, 1) }, { key: 'survey_index', weight: 0.5, scaling: fixed(50, 100) }], waveIds: [waveId] } })).json<TAssessmentDetail>();
      const missing = await admin.post(`/api/assessments/${a.id}/compute`);
      expect(missing.statusCode).toBe(422);
      expect(missing.json()).toMatchObject({ code: 'assessment_missing_component' });
      expect(missing.json().issues).toHaveLength(13);
      expect(missing.json().issues[0].message).toMatch(/缺少“case_response”的数据/);
      const enMissing = await admin.request({ method: 'POST', url: `/api/assessments/${a.id}/compute`, headers: { 'x-lianxin-locale': 'en' } });
      expect(enMissing.json().issues[0].message).toMatch(/^no data for case_response in /);
      expect(enMissing.json().detail).toMatch(/no data/);
      // A wave of the county in fieldwork during the period.
      await t.database.db.updateTable('survey_wave').set({ starts_on: '2026-12-20' }).where('id', '=', openWaveId).execute();
      try {
        const overlap = await admin.post(`/api/assessments/${a.id}/compute`);
        expect(overlap.statusCode).toBe(409);
        expect(overlap.json()).toMatchObject({ code: 'assessment_wave_in_fieldwork' });
        expect(overlap.json().issues[0].message).toContain(openWaveId);
      } finally {
        await t.database.db.updateTable('survey_wave').set({ starts_on: '2027-01-05' }).where('id', '=', openWaveId).execute();
      }
      const results = await t.database.db.selectFrom('assessment_result').select('id').where('assessment_id', '=', a.id).execute();
      expect(results).toHaveLength(0);
    });

    it('counts case rates for the township with its villages’ assignments, over the period’s months', async () => {
      const db = t.database.db;
      const units = await loadFixtureUnits(db);
      const at = (s: string) => new Date(s);
      const oneCase = (unitCode: string, level: 'village' | 'township', accepted: boolean, solved: boolean, month: string) => ({
        regionCode: unitCode,
        status: 'closed' as const,
        assignments: [
          {
            level,
            unitCode,
            dispatchedAt: at(`${month}-10T02:00:00Z`),
            responseDueAt: at(`${month}-10T09:00:00Z`),
            resolveDueAt: at(`${month}-18T16:00:00Z`),
            acceptedAt: accepted ? at(`${month}-10T03:00:00Z`) : at(`${month}-11T03:00:00Z`),
            resolvedAt: at(`${month}-15T03:00:00Z`),
            endedAt: at(`${month}-15T03:00:00Z`),
            endReason: 'resolved' as const,
          },
        ],
        callbacks: [{ assignment: 0, outcome: 'reached' as const, solved, satisfaction: solved ? ('satisfied' as const) : ('dissatisfied' as const), calledAt: at(`${month}-20T03:00:00Z`) }],
      });
      await insertRateCases(db, units, [
        oneCase(`${GANGCHENG}201`, 'village', true, true, '2026-10'),
        oneCase(`${GANGCHENG}202`, 'village', false, false, '2026-11'),
        oneCase(GANGCHENG, 'township', true, true, '2026-12'),
        // Outside the period: not counted.
        oneCase(GANGCHENG, 'township', false, false, '2027-01'),
      ]);
      const table = await caseFigures(db, { countyCode: '370921', ...PERIOD, now: new Date('2027-02-01T00:00:00Z') });
      const g = await db.selectFrom('region').select('id').where('code', '=', GANGCHENG).executeTakeFirstOrThrow();
      expect(table.case_response!.get(g.id)!.figure).toEqual({ estimate: 2 / 3, standardError: 0, n: 3, interval: null });
      expect(table.case_resolution!.get(g.id)!.figure.estimate).toBeCloseTo(2 / 3, 12);
      expect(table.case_satisfaction!.get(g.id)!.figure.n).toBe(3);
      expect(table.case_response!.get(g.id)!.page).toBe('/case-rates?month=2026-12&level=township');
    });

    it('counts visit coverage over the campaigns overlapping the period, by each campaign’s done rule', async () => {
      const db = t.database.db;
      const campaignId = await insertCampaign(db, {
        regionCode: '370921',
        definition: { kind: 'all_households', name: '秋季大走访', period: { startsOn: '2026-10-01', endsOn: '2026-11-30' }, done: { deadline: '2026-11-30', minVisits: 1 }, aidStandards: [], budgets: [] },
      });
      const households = await insertBareHouseholds(db, { villageCode: `${GANGCHENG}201`, count: 4, prefix: 'assess' });
      await insertTargets(db, campaignId, households.map((householdId) => ({ householdId })));
      const recorder = await userId(db, 'cadre');
      await insertVisits(db, [
        { campaignId, householdId: households[0]!, recordedBy: recorder, visitedAt: '2026-10-20T02:00:00Z' },
        { campaignId, householdId: households[1]!, recordedBy: recorder, visitedAt: '2026-11-02T02:00:00Z' },
        { campaignId, householdId: households[2]!, recordedBy: recorder, visitedAt: '2026-11-05T02:00:00Z', voided: true },
      ]);
      const county = await db.selectFrom('region').select(['path']).where('code', '=', '370921').executeTakeFirstOrThrow();
      const table = await visitFigures(db, { countyCode: '370921', countyPath: county.path, ...PERIOD, now: new Date('2027-01-10T00:00:00Z') });
      const g = await db.selectFrom('region').select('id').where('code', '=', GANGCHENG).executeTakeFirstOrThrow();
      expect(table.visit_coverage!.get(g.id)!.figure).toEqual({ estimate: 0.5, standardError: 0, n: 4, interval: null });
      expect(table.visit_coverage!.get(g.id)!.page).toBe(`/visits/coverage?campaign=${campaignId}`);
    });

    it('counts rectification on time by the Shanghai due date, and leaves a township with no task due without a figure', async () => {
      const db = t.database.db;
      const townships = await db.selectFrom('region').select(['id', 'code', 'path']).where('parent_id', 'is not', null).where('level', '=', 'township').where('county_code', '=', '370921').orderBy('code').execute();
      const g = townships.find((x) => x.code === GANGCHENG)!;
      const admin = await userId(db, 'admin');
      let k = 0;
      const task = (o: { status: 'open' | 'submitted' | 'accepted' | 'proposed' | 'dropped'; dueOn: string | null; submittedAt?: string }) => ({
        county_code: '370921',
        task_no: `ZG-T-${dialect.name}-${++k}`,
        source: 'manual' as const,
        status: o.status,
        township_id: g.id,
        region_path: g.path,
        owner_region_id: o.status === 'proposed' || o.status === 'dropped' ? null : g.id,
        title: '整改',
        problem: '测试',
        due_on: o.dueOn,
        created_by: admin,
        submitted_at: o.submittedAt ? new Date(o.submittedAt) : null,
        accepted_at: o.status === 'accepted' ? new Date('2027-01-05T00:00:00Z') : null,
        accepted_by: o.status === 'accepted' ? admin : null,
      });
      await db
        .insertInto('rectification_task')
        .values([
          // 23:59:59 in Shanghai on the due date: on time.
          task({ status: 'accepted', dueOn: '2026-11-30', submittedAt: '2026-11-30T15:59:59Z' }),
          // 00:00 in Shanghai the day after: late.
          task({ status: 'accepted', dueOn: '2026-11-30', submittedAt: '2026-11-30T16:00:00Z' }),
          // Submitted on time but not accepted yet: not done.
          task({ status: 'submitted', dueOn: '2026-12-10', submittedAt: '2026-12-01T00:00:00Z' }),
          task({ status: 'open', dueOn: '2026-12-20' }),
          // Not counted: proposals, dropped tasks, and tasks due outside the period.
          task({ status: 'proposed', dueOn: null }),
          task({ status: 'dropped', dueOn: '2026-11-01' }),
          task({ status: 'open', dueOn: '2027-01-10' }),
        ])
        .execute();
      const table = await rectificationFigures(db, { countyCode: '370921', ...PERIOD, townships });
      expect(table.rectification_on_time!.get(g.id)!.figure).toEqual({ estimate: 0.25, standardError: 0, n: 4, interval: null });
      expect(table.rectification_on_time!.get(g.id)!.page).toBe(`/rectification?township=${GANGCHENG}&dueFrom=2026-10-01&dueTo=2026-12-31`);
      expect(table.rectification_on_time!.size).toBe(1);
    });

    it('keeps scheme versions and adjustments with audit, publishes, freezes (409 in both languages), and corrects', async () => {
      const admin = await t.as('admin');
      const leader = await t.as('leader');
      const township = await t.as('gangcheng');
      const db = t.database.db;
      const a = (await create({ name: '四季度（发布测试）' })).json<TAssessmentDetail>();
      // A township admin does not see a draft.
      expect((await township.get(`/api/assessments/${a.id}`)).statusCode).toBe(404);
      expect((await township.get('/api/assessments')).json().items.map((x: { id: string }) => x.id)).not.toContain(a.id);
      // Publishing before computing.
      const early = await admin.post(`/api/assessments/${a.id}/publish`);
      expect(early.statusCode).toBe(409);
      expect(early.json()).toMatchObject({ code: 'assessment_not_computed' });
      // A new scheme version.
      const saved = await admin.put(`/api/assessments/${a.id}/scheme`, { scheme: { ...surveyScheme, components: [{ ...surveyScheme.components[0]!, weight: 0.6 }, { ...surveyScheme.components[1]!, weight: 0.2 }, surveyScheme.components[2]] }, note: '提高指数权重' });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json().currentVersion).toBe(2);
      const versions = (await leader.get(`/api/assessments/${a.id}/versions`)).json();
      expect(versions.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
      const schemeAudit = await db.selectFrom('audit_log').select(['before', 'after']).where('action', '=', 'assessment.scheme_saved').where('entity_id', '=', a.id).executeTakeFirstOrThrow();
      expect(JSON.stringify(schemeAudit.before)).toContain('0.5');
      expect(JSON.stringify(schemeAudit.after)).toContain('0.6');
      // Bonus and penalty items: a reason is required.
      const noReason = await admin.post(`/api/assessments/${a.id}/adjustments`, { townshipCode: GANGCHENG, points: 2, reason: ' ' });
      expect(noReason.statusCode).toBe(400);
      expect(JSON.stringify(noReason.json().issues)).toContain('原因');
      const bonus = await admin.post(`/api/assessments/${a.id}/adjustments`, { townshipCode: GANGCHENG, points: 2, reason: '获市级表彰' });
      expect(bonus.statusCode, bonus.body).toBe(201);
      const penalty = await admin.post(`/api/assessments/${a.id}/adjustments`, { townshipCode: GANGCHENG, points: -1.5, reason: '信访通报' });
      const penaltyId = penalty.json<TAssessmentDetail>().adjustments.find((x) => x.points === -1.5)!.id;
      const removed = await admin.post(`/api/assessments/${a.id}/adjustments/${penaltyId}/remove`, { reason: '录入有误' });
      expect(removed.statusCode).toBe(200);
      expect(removed.json<TAssessmentDetail>().adjustments.find((x) => x.id === penaltyId)!.removedAt).not.toBeNull();
      expect((await admin.post(`/api/assessments/${a.id}/adjustments/${penaltyId}/remove`, { reason: '录入有误' })).json()).toMatchObject({ code: 'assessment_adjustment_removed' });
      // The city's spot check for the period.
      const city = await admin.post('/api/city-spot-checks', { ...PERIOD, figure: 'index', estimate: 60, n: 600, lower: 58, upper: 62, source: '泰联服办〔2027〕3号', cityRank: 4, cityCounties: 6 });
      expect(city.statusCode, city.body).toBe(201);
      const computed = (await admin.post(`/api/assessments/${a.id}/compute`)).json<TStoredResult>();
      const g = computed.result.townships.find((x) => x.code === GANGCHENG)!;
      expect(g.adjustmentTotal).toBe(2);
      expect(g.adjustments).toEqual([expect.objectContaining({ points: 2, reason: '获市级表彰' })]);
      expect(g.composite).toBeCloseTo(g.components.reduce((s, c) => s + c.weighted, 0) + 2, 9);
      expect(computed.result.city).toEqual([expect.objectContaining({ figure: 'index', verdict: expect.any(String), city: expect.objectContaining({ estimate: 60, source: '泰联服办〔2027〕3号', cityRank: 4 }) })]);
      expect(computed.result.city[0]!.county!.n).toBeGreaterThan(100);
      // Publish, then every change is 409 assessment_published.
      const published = await admin.post(`/api/assessments/${a.id}/publish`);
      expect(published.statusCode, published.body).toBe(200);
      expect(published.json()).toMatchObject({ status: 'published', publishedResultId: computed.id });
      for (const attempt of [
        () => admin.put(`/api/assessments/${a.id}/scheme`, { scheme: surveyScheme }),
        () => admin.post(`/api/assessments/${a.id}/adjustments`, { townshipCode: GANGCHENG, points: 1, reason: '再加分' }),
        () => admin.post(`/api/assessments/${a.id}/compute`),
        () => admin.post(`/api/assessments/${a.id}/publish`),
        () => admin.post(`/api/assessments/${a.id}/adjustments/${penaltyId}/remove`, { reason: '再撤销' }),
      ]) {
        const res = await attempt();
        expect(res.statusCode).toBe(409);
        expect(res.json()).toMatchObject({ code: 'assessment_published' });
        expect(res.json().detail).toMatch(/已发布/);
      }
      const en = await admin.request({ method: 'POST', url: `/api/assessments/${a.id}/compute`, headers: { 'x-lianxin-locale': 'en' } });
      expect(en.json().detail).toMatch(/published and frozen/);
      // The database refuses too, whatever the application does.
      await expect(db.updateTable('assessment_result').set({ result: '{}' }).where('id', '=', computed.id).execute()).rejects.toThrow();
      // The township now reads it (the bulletin is public to townships).
      const seen = await township.get(`/api/assessments/${a.id}`);
      expect(seen.statusCode).toBe(200);
      expect(seen.json().result.id).toBe(computed.id);
      // A correction copies the scheme and the items in force.
      const correction = await admin.post(`/api/assessments/${a.id}/correction`, { reason: '数据补录' });
      expect(correction.statusCode, correction.body).toBe(201);
      const c = correction.json<TAssessmentDetail>();
      expect(c).toMatchObject({ status: 'draft', supersedesId: a.id, scheme: saved.json().scheme });
      expect(c.adjustments.map((x) => x.points)).toEqual([2]);
      expect((await admin.post(`/api/assessments/${a.id}/correction`, { reason: '再更正' })).json()).toMatchObject({ code: 'assessment_already_corrected' });
      // The next period compares with the published one.
      const next = (await create({ name: '2027年第二季度', periodStart: '2027-04-01', periodEnd: '2027-06-30', previousId: a.id, scheme: { components: [{ key: 'survey_index', weight: 1, scaling: fixed(50, 100) }], waveIds: [waveId] } })).json<TAssessmentDetail>();
      const nextResult = await computeAssessment({ db, actor: null, source: cliAuditSource('test') }, { assessmentId: next.id });
      expect(nextResult.result.previousAssessment).toEqual({ id: a.id, name: '四季度（发布测试）' });
      expect(nextResult.result.townships.find((x) => x.code === GANGCHENG)!.previous).toEqual({ rank: g.rank, composite: g.composite });
    });

    it('imports the city’s spot checks from a CSV, all rows or none', async () => {
      const admin = await t.as('admin');
      const good = '市级抽查结果\n开始日期,结束日期,指标,数值,样本量,区间下限,区间上限,文号,全市位次,县区数\n2026/7/1,2026/9/30,满意度指数,85.2,600,84,86.4,泰联服办〔2026〕9号,3,6\n2026-07-01,2026-09-30,不满意率,0.05,600,,,泰联服办〔2026〕9号,,\n';
      const ok = await admin.request({ method: 'POST', url: '/api/city-spot-checks/import', headers: { 'content-type': 'text/csv' }, payload: good });
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json().imported).toBe(2);
      const bad = '开始日期,结束日期,指标,数值,样本量,区间下限,区间上限,文号\n2026-04-01,2026-06-30,index,80,600,79,,泰联服办〔2026〕5号\n2026-04-01,2026-06-30,不满意率,7,600,,,泰联服办〔2026〕5号\n';
      const refused = await admin.request({ method: 'POST', url: '/api/city-spot-checks/import', headers: { 'content-type': 'text/csv' }, payload: bad });
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({ code: 'city_spot_check_import_invalid' });
      expect(refused.json().issues.map((i: { message: string }) => i.message).join(' ')).toMatch(/第 2 行.*第 3 行/);
      const list = (await admin.get('/api/city-spot-checks')).json().items;
      expect(list.filter((x: { periodStart: string }) => x.periodStart === '2026-04-01')).toHaveLength(0);
      expect(list.filter((x: { periodStart: string }) => x.periodStart === '2026-07-01')).toHaveLength(2);
    });
  });
}
