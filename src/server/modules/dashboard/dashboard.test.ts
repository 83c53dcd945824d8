/**
 * The leaders' dashboard through the API on both databases: a county with nothing yet (every
 * block empty, never a 500), then two closed waves (index across waves, the survey ranking,
 * awareness, a township worse than before), tasks, a gaming flag and a campaign, a published
 * assessment (its ranking wins), and the county admin's tile placement (validated, audited).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { idNumber, insertHousehold } from '../../../../test/support/registry-fixture.ts';
import { insertFieldworkWave, insertInterviewOutcomes } from '../../../../test/support/survey-fixture.ts';
import { startTestApp, testCipher, type TestApp } from '../../../../test/support/test-app.ts';
import type { TAssessmentResult } from '../../../shared/assessment/index.ts';
import type { TDashboard } from '../../../shared/dashboard/dashboard-schemas.ts';
import { localDate } from '../../../shared/time.ts';
import { insertCampaign, insertTargets, insertVisits, userId } from '../visit-reports/testing/visit-fixture.ts';
import { DEMO_TILE_LAYOUT, demoTownshipCodes } from '../demo/index.ts';
import type { Actor } from '../../http/context.ts';
import { getDashboard } from './index.ts';

const A = '370921104'; // 堽城镇
const B = '370921105'; // 蒋集镇
const C = '370921106'; // 磁窑镇

for (const dialect of DIALECTS) {
  describe(`the leaders' dashboard [${dialect.name}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(dialect);
    });
    afterAll(async () => t?.close());

    const dashboard = async (): Promise<TDashboard> => {
      const res = await (await t.as('leader')).get('/api/dashboard');
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };

    it('answers a county with no wave, assessment, campaign or task with empty blocks, on the demo’s tile layout', async () => {
      const d = await dashboard();
      expect(d.county).toEqual({ code: '370921', name: '宁阳县', nameEn: 'Ningyang County' });
      expect(d.waves).toEqual([]);
      expect(d.ranking).toEqual({ source: null, assessment: null, wave: null, items: [], groups: [] });
      expect(d.caseRates.map((m) => [m.month, m.complete, m.response.n])).toHaveLength(2);
      expect(d.caseRates[1]!.month).toBe(localDate().slice(0, 7));
      expect(d.caseRates.every((m) => m.response.n === 0 && m.response.estimate === null)).toBe(true);
      expect(d.coverage).toEqual({ campaign: null, targets: 0, visited: 0, coverage: null, due: 0, overdue: 0 });
      expect(d.rectification).toEqual({ byStatus: { proposed: 0, dropped: 0, open: 0, submitted: 0, accepted: 0 }, overdue: 0 });
      expect(d.awareness).toEqual({ wave: null, county: null, policies: [] });
      expect(d.alerts).toEqual([]);
      // The demo's hand-made layout (seeded with the county).
      expect(d.tiles).toMatchObject({ custom: true, rows: 3, cols: 5 });
      const names = new Map(demoTownshipCodes().map((x) => [x.code, x.name]));
      expect(d.tiles.items).toHaveLength(13);
      for (const tile of d.tiles.items) {
        expect({ row: tile.row, col: tile.col }).toEqual(DEMO_TILE_LAYOUT[names.get(tile.township.code)!]);
        expect(tile.metrics.index).toEqual({ value: null, n: null, suppressed: false });
        expect(tile.metrics.openTasks).toEqual({ value: 0, n: null, suppressed: false });
      }
    });

    it('is the county staff’s: others 403', async () => {
      expect((await (await t.as('admin')).get('/api/dashboard')).statusCode).toBe(200);
      for (const who of ['gangcheng', 'cadre', 'minzheng', 'supervisor']) {
        const res = await (await t.as(who)).get('/api/dashboard');
        expect(res.statusCode, who).toBe(403);
      }
    });

    let secondWave = '';
    it('shows every closed wave’s county index, the latest wave’s ranking and awareness, and a township worse than before', async () => {
      const db = t.database.db;
      const interviewerIds = [await userId(db, 'interviewer1')];
      const first = await insertFieldworkWave(db, testCipher, { townshipCodes: [A, B, C], casesPerTownship: 40, status: 'closed', startsOn: '2026-04-01', endsOn: '2026-04-30', phoneBlock: 1 });
      await insertInterviewOutcomes(db, first, { interviewerIds, outcomes: { complete: 40 }, seed: 3, satisfaction: { [A]: 0.95, [B]: 0.7, [C]: 0.6 } });
      const second = await insertFieldworkWave(db, testCipher, { townshipCodes: [A, B, C], casesPerTownship: 40, status: 'closed', startsOn: '2026-10-01', endsOn: '2026-10-31', phoneBlock: 2 });
      await insertInterviewOutcomes(db, second, { interviewerIds, outcomes: { complete: 40 }, seed: 4, satisfaction: { [A]: 0.3, [B]: 0.7, [C]: 0.6 } });
      // An open wave counts nowhere.
      await insertFieldworkWave(db, testCipher, { townshipCodes: [A], casesPerTownship: 2, status: 'fieldwork', phoneBlock: 3 });
      secondWave = second.waveId;

      const d = await dashboard();
      const admin = await t.as('admin');
      const results = [first, second].map(async (w) => (await admin.get(`/api/survey/waves/${w.waveId}/results`)).json());
      const [r1, r2] = await Promise.all(results);
      expect(d.waves.map((w) => w.wave.id)).toEqual([first.waveId, second.waveId]);
      expect(d.waves[0]!.index).toEqual(r1.county.index);
      expect(d.waves[1]!.dissatisfaction).toEqual(r2.county.dissatisfaction);
      expect(d.ranking.source).toBe('survey');
      expect(d.ranking.wave?.id).toBe(second.waveId);
      expect(d.ranking.items.map((i) => [i.township.code, i.rank, i.bestRank, i.worstRank])).toEqual(r2.ranking.items.map((p: { code: string; rank: number; bestRank: number; worstRank: number }) => [p.code, p.rank, p.bestRank, p.worstRank]));
      expect(d.ranking.groups).toEqual(r2.ranking.groups);
      expect(d.awareness.county).toEqual(r2.county.awareness.overall);
      expect(d.awareness.policies).toEqual(r2.county.awareness.policies);
      const tileA = d.tiles.items.find((x) => x.township.code === A)!;
      const resultsA = r2.townships.find((x: { region: { code: string } }) => x.region.code === A);
      expect(tileA.metrics.index).toEqual({ value: resultsA.index.estimate, n: resultsA.index.n, suppressed: false });
      expect(d.tiles.sources.waveId).toBe(second.waveId);
      // 堽城镇 fell from 0.95 to 0.3 satisfied: worse on both figures; the others did not move.
      const worse = d.alerts.filter((a) => a.kind === 'township_worse');
      expect(worse.map((a) => [a.township?.code, a.change?.figure])).toEqual([
        [A, 'index'],
        [A, 'dissatisfaction'],
      ]);
      expect(worse[0]!.change!.upper).toBeLessThan(0);
      expect(worse[0]!.href).toBe(`/survey-results?wave=${second.waveId}&township=${A}`);
    });

    it('counts tasks by status with the overdue ones, new gaming flags and the campaign’s coverage', async () => {
      const db = t.database.db;
      const county = await db.selectFrom('region').select(['id', 'path']).where('code', '=', '370921').executeTakeFirstOrThrow();
      const a = await db.selectFrom('region').select(['id', 'path']).where('code', '=', A).executeTakeFirstOrThrow();
      const task = (no: string, status: 'open' | 'submitted' | 'accepted' | 'proposed', dueOn: string | null, township = a) => ({
        county_code: '370921',
        task_no: no,
        source: 'manual' as const,
        status,
        township_id: township.id,
        region_path: township.path,
        owner_region_id: status === 'proposed' ? null : township.id,
        title: '整改',
        problem: '问题',
        due_on: dueOn,
        accepted_at: status === 'accepted' ? new Date() : null,
      });
      await db
        .insertInto('rectification_task')
        .values([task('ZG-1', 'open', '2026-01-10'), task('ZG-2', 'open', '2099-01-01'), task('ZG-3', 'submitted', '2026-01-10'), task('ZG-4', 'accepted', '2026-01-10'), task('ZG-5', 'proposed', null), { ...task('ZG-6', 'open', '2026-02-01', county), township_id: null }])
        .execute();
      const evidence = JSON.stringify({ summary: { 'zh-CN': '答案过于一致', en: 'Uniform answers' }, measures: [] });
      await db.insertInto('gaming_flag').values({ county_code: '370921', wave_id: secondWave, township_id: a.id, signal: 'uniform_answers', severity: 'review', evidence }).execute();
      await db.insertInto('gaming_flag').values({ county_code: '370921', wave_id: secondWave, township_id: a.id, signal: 'satisfaction_jump', severity: 'watch', evidence, status: 'dismissed' }).execute();

      const campaignId = await insertCampaign(db, {
        regionCode: '370921',
        definition: { kind: 'all_households', name: '冬季走访', period: { startsOn: '2026-11-15', endsOn: '2026-12-31' }, done: { deadline: '2026-12-31', minVisitsHardship: 1 }, aidStandards: [], budgets: [] },
      });
      const households: string[] = [];
      for (let i = 0; i < 3; i++) households.push((await insertHousehold(db, testCipher, { villageCode: `${A}20${i + 1}`, householdNo: `DB-${i}`, members: [{ name: `户主${i}`, idNumber: idNumber('1960-01-01', 500 + i), relationship: '户主' }] })).householdId);
      const cadre = await userId(db, 'cadre');
      await insertTargets(db, campaignId, households.map((householdId) => ({ householdId, cadreId: cadre })));
      await insertVisits(db, [{ campaignId, householdId: households[0]!, recordedBy: cadre, visitedAt: '2026-12-01T02:00:00Z' }]);

      const d = await dashboard();
      expect(d.rectification).toEqual({ byStatus: { proposed: 1, dropped: 0, open: 3, submitted: 1, accepted: 1 }, overdue: 2 });
      expect(d.alerts.find((x) => x.kind === 'rectification_overdue')).toMatchObject({ count: 2, township: null });
      expect(d.alerts.filter((x) => x.kind === 'gaming_flags')).toEqual([{ kind: 'gaming_flags', count: 1, township: { code: A, name: '堽城镇', nameEn: 'Gangcheng Town' }, change: null, href: `/gaming-flags?township=${A}` }]);
      const tileA = d.tiles.items.find((x) => x.township.code === A)!;
      expect(tileA.metrics.openTasks.value).toBe(3);
      expect(tileA.metrics.overdueTasks.value).toBe(1);
      expect(d.coverage).toMatchObject({ campaign: { id: campaignId, name: '冬季走访', status: 'open' }, targets: 3, visited: 1 });
      expect(d.coverage.coverage).toBeCloseTo(1 / 3, 6);
      expect(tileA.metrics.coverage).toEqual({ value: d.coverage.coverage, n: 3, suppressed: false });
      expect(d.tiles.sources.campaignId).toBe(campaignId);
    });

    it('ranks by the latest published assessment when there is one, with its rank ranges and groups', async () => {
      const db = t.database.db;
      const county = await db.selectFrom('region').select('id').where('code', '=', '370921').executeTakeFirstOrThrow();
      const ids = new Map((await db.selectFrom('region').select(['id', 'code']).where('code', 'in', [A, B, C]).execute()).map((r) => [r.code, r.id]));
      const assessment = await db.insertInto('assessment').values({ county_code: '370921', county_id: county.id, name: '2026年第四季度考核', period_start: '2026-10-01', period_end: '2026-12-31' }).returning('id').executeTakeFirstOrThrow();
      const scheme = { components: [{ key: 'survey_index', weight: 1, scaling: { kind: 'relative', higherIsBetter: true } }], waveIds: [secondWave] };
      await db.insertInto('assessment_scheme_version').values({ assessment_id: assessment.id, version: 1, scheme: JSON.stringify(scheme) }).execute();
      const township = (code: string, rank: number, composite: number, similar: string[]) => ({
        id: ids.get(code)!,
        code,
        name: code,
        nameEn: null,
        rank,
        bestRank: Math.max(1, rank - similar.length),
        worstRank: rank + similar.length,
        notSignificantlyDifferent: similar.map((c) => ids.get(c)!),
        composite,
        compositeStandardError: 2,
        compositeInterval: { lower: composite - 4, upper: composite + 4 },
        components: [],
        adjustments: [],
        adjustmentTotal: 0,
        previous: null,
      });
      const result: TAssessmentResult = {
        assessmentId: assessment.id,
        schemeVersion: 1,
        name: '2026年第四季度考核',
        periodStart: '2026-10-01',
        periodEnd: '2026-12-31',
        county: { code: '370921', name: '宁阳县', nameEn: null },
        waves: [],
        components: [],
        townships: [township(B, 1, 90, [C]), township(C, 2, 88, [B]), township(A, 3, 60, [])],
        city: [],
        previousAssessment: null,
        computedAt: new Date().toISOString(),
      };
      const stored = await db.insertInto('assessment_result').values({ assessment_id: assessment.id, scheme_version: 1, result: JSON.stringify(result) }).returning('id').executeTakeFirstOrThrow();
      await db.updateTable('assessment').set({ status: 'published', published_result_id: stored.id, published_at: new Date() }).where('id', '=', assessment.id).execute();

      const d = await dashboard();
      expect(d.ranking.source).toBe('assessment');
      expect(d.ranking.assessment).toEqual({ id: assessment.id, name: '2026年第四季度考核', periodStart: '2026-10-01', periodEnd: '2026-12-31' });
      expect(d.ranking.wave).toBeNull();
      expect(d.ranking.items.map((i) => [i.township.code, i.rank, i.bestRank, i.worstRank, i.value, i.lower, i.upper, i.n])).toEqual([
        [B, 1, 1, 2, 90, 86, 94, null],
        [C, 2, 1, 3, 88, 84, 92, null],
        [A, 3, 3, 3, 60, 56, 64, null],
      ]);
      expect(d.ranking.groups).toEqual([[B, C]]);
    });

    it('the use case the benchmark calls answers as the route does', async () => {
      const db = t.database.db;
      const row = await db.selectFrom('app_user').select(['id']).where('username', '=', 'leader').executeTakeFirstOrThrow();
      const county = await db.selectFrom('region').select(['id', 'path']).where('code', '=', '370921').executeTakeFirstOrThrow();
      const actor: Actor = { id: row.id, username: 'leader', displayName: 'leader', roles: ['county_leader'], locale: 'zh-CN', regionId: county.id, regionCode: '370921', regionPath: county.path, countyCode: '370921', departmentId: null };
      const d = await getDashboard({ db, actor }, {});
      const viaRoute = await dashboard();
      expect({ ...d, generatedAt: '' }).toEqual({ ...viaRoute, generatedAt: '' });
    });

    it('lets the county admin place the tiles (validated, audited) or go back to the default grid', async () => {
      const admin = await t.as('admin');
      const codes = demoTownshipCodes().map((x) => x.code);
      const valid = codes.map((code, k) => ({ code, row: Math.floor(k / 7), col: k % 7 }));
      const refuse = async (tiles: unknown[], code: string) => {
        const res = await admin.put('/api/dashboard/tile-layout', { tiles });
        expect(res.statusCode, res.body).toBe(422);
        expect(res.json().code).toBe(code);
      };
      await refuse([...valid.slice(0, 12), { ...valid[12]!, row: 0, col: 0 }], 'dashboard_tile_position_taken');
      await refuse(valid.slice(0, 12), 'dashboard_tile_missing_township');
      await refuse([...valid.slice(0, 12), { code: '370922101', row: 5, col: 5 }], 'dashboard_tile_unknown_township');
      await refuse([...valid, { ...valid[0]!, row: 9, col: 9 }], 'dashboard_tile_duplicate_township');
      expect((await admin.put('/api/dashboard/tile-layout', { tiles: [{ code: A, row: 12, col: 0 }] })).statusCode).toBe(400);
      expect((await (await t.as('leader')).put('/api/dashboard/tile-layout', { tiles: valid })).statusCode).toBe(403);

      const saved = await admin.put('/api/dashboard/tile-layout', { tiles: valid });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json()).toMatchObject({ custom: true, rows: 2, cols: 7 });
      const d = await dashboard();
      expect(d.tiles).toMatchObject({ custom: true, rows: 2, cols: 7 });
      expect(d.tiles.items.map((x) => [x.township.code, x.row, x.col])).toEqual(valid.map((v) => [v.code, v.row, v.col]));
      const audit = await t.database.db.selectFrom('audit_log').select(['entity_id', 'before', 'after']).where('action', '=', 'dashboard.tile_layout').orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(audit.entity_id).toBe('370921');
      expect(JSON.stringify(audit.after)).toContain(`${codes[12]}@1,5`);
      expect(JSON.stringify(audit.before)).toContain(`${A}@0,1`);

      const cleared = await admin.put('/api/dashboard/tile-layout', { tiles: [] });
      expect(cleared.json()).toMatchObject({ custom: false, rows: 4, cols: 4 });
      expect((await dashboard()).tiles).toMatchObject({ custom: false, rows: 4, cols: 4 });
    });
  });
}
