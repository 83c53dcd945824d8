/**
 * The case settings, the rates through their routes (who sees which rows), the XLSX export and
 * the cases' workbench items. Both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TCaseRates, TCaseSettings } from '../../../shared/cases/index.ts';
import type { TWorkbench } from '../../../shared/schemas/workbench.ts';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { RATES_EXPORT_HEADERS } from './export-case-rates.ts';
import { insertRateCases, loadFixtureUnits, type FixtureCase, type FixtureUnits } from './testing/rates-fixture.ts';

const at = (s: string) => new Date(s);
const GANGCHENG = '370921104';
const G1 = `${GANGCHENG}201`;
const G2 = `${GANGCHENG}202`;
const JIANGJI = '370921105';
const J1 = `${JIANGJI}201`;
const SETTINGS = { weights: { response: 0.2, resolution: 0.4, satisfaction: 0.4 }, basicallySatisfiedCounts: false, dueSoonHours: 6, callbackAttemptsToClose: 2, autoEscalate: false };

/** A closed November case at a unit: accepted in time or not, resolved on time or not, called back. */
function novemberCase(unitCode: string, level: 'village' | 'township' | 'department', o: { acceptedInTime: boolean; onTime: boolean; solved: boolean; satisfaction: 'satisfied' | 'basically_satisfied' | 'dissatisfied' }, regionCode = unitCode): FixtureCase {
  const dispatchedAt = at('2026-11-10T02:00:00Z');
  const responseDueAt = at('2026-11-10T09:00:00Z');
  const resolveDueAt = at('2026-11-18T16:00:00Z');
  const resolvedAt = o.onTime ? at('2026-11-15T03:00:00Z') : at('2026-11-20T03:00:00Z');
  return {
    regionCode,
    status: 'closed',
    assignments: [{ level, unitCode, dispatchedAt, responseDueAt, resolveDueAt, acceptedAt: o.acceptedInTime ? at('2026-11-10T03:00:00Z') : at('2026-11-11T03:00:00Z'), resolvedAt, endedAt: resolvedAt, endReason: 'resolved' }],
    callbacks: [{ assignment: 0, outcome: 'reached', solved: o.solved, satisfaction: o.satisfaction, calledAt: at('2026-11-25T03:00:00Z') }],
  };
}

for (const dialect of DIALECTS) {
  describe(`case rates [${dialect.name}]`, () => {
    let t: TestApp;
    let units: FixtureUnits;
    beforeAll(async () => {
      t = await startTestApp(dialect);
      const db = t.database.db;
      units = await loadFixtureUnits(db);
      const good = { acceptedInTime: true, onTime: true, solved: true, satisfaction: 'satisfied' as const };
      const basically = { ...good, satisfaction: 'basically_satisfied' as const };
      const bad = { acceptedInTime: false, onTime: false, solved: false, satisfaction: 'dissatisfied' as const };
      await insertRateCases(db, units, [
        ...Array.from({ length: 6 }, () => novemberCase(G1, 'village', good)),
        ...Array.from({ length: 2 }, () => novemberCase(G1, 'village', basically)),
        ...Array.from({ length: 4 }, () => novemberCase(G2, 'village', bad)),
        ...Array.from({ length: 3 }, () => novemberCase(GANGCHENG, 'township', good)),
        ...Array.from({ length: 5 }, () => novemberCase(J1, 'village', bad)),
        ...Array.from({ length: 4 }, () => novemberCase('mzj', 'department', good, G1)),
        ...Array.from({ length: 3 }, () => novemberCase('wjj', 'department', bad, J1)),
      ]);
    }, 120_000);
    afterAll(() => t?.close());

    it('serves the defaults, saves the county admin’s settings with an audit entry, and refuses a bad sum in Chinese', async () => {
      const leader = await t.as('leader');
      const before = await leader.get('/api/case-settings');
      expect(before.statusCode).toBe(200);
      expect(before.json<TCaseSettings>()).toMatchObject({ saved: false, weights: { response: 0.1, resolution: 0.5, satisfaction: 0.4 }, basicallySatisfiedCounts: true });
      expect((await leader.put('/api/case-settings', SETTINGS)).json().code).toBe('read_only_role');
      expect((await (await t.as('gangcheng')).put('/api/case-settings', SETTINGS)).statusCode).toBe(403);
      const admin = await t.as('admin');
      const wrong = await admin.put('/api/case-settings', { ...SETTINGS, weights: { response: 0.3, resolution: 0.3, satisfaction: 0.3 } });
      expect(wrong.statusCode).toBe(400);
      expect(JSON.stringify(wrong.json().issues)).toContain('三项权重之和须等于 1');
      const saved = await admin.put('/api/case-settings', SETTINGS);
      expect(saved.statusCode).toBe(200);
      expect(saved.json<TCaseSettings>()).toMatchObject({ ...SETTINGS, saved: true, countyCode: '370921' });
      const audit = await t.database.db.selectFrom('audit_log').select(['before', 'after', 'entity_id']).where('action', '=', 'case_setting.update').executeTakeFirstOrThrow();
      expect(audit.entity_id).toBe('370921');
      expect(audit.before).toBeNull();
      expect(audit.after).toMatchObject({ weights: SETTINGS.weights, dueSoonHours: 6 });
      // Saved again: the entry's "before" is the first save.
      await admin.put('/api/case-settings', { ...SETTINGS, basicallySatisfiedCounts: true, dueSoonHours: 8 });
      const second = await t.database.db.selectFrom('audit_log').select(['before']).where('action', '=', 'case_setting.update').orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(second.before).toMatchObject({ dueSoonHours: 6, basicallySatisfiedCounts: false });
      expect((await leader.get('/api/case-settings')).json<TCaseSettings>()).toMatchObject({ saved: true, basicallySatisfiedCounts: true, dueSoonHours: 8 });
    });

    it('ranks the townships for the county: every township listed, counts and intervals, 基本满意 by the setting', async () => {
      const admin = await t.as('admin');
      await admin.put('/api/case-settings', { ...SETTINGS, basicallySatisfiedCounts: true });
      const res = await admin.get('/api/case-rates?month=2026-11&level=township');
      expect(res.statusCode).toBe(200);
      const rates = res.json<TCaseRates>();
      expect(rates.scope).toBe('county');
      expect(rates.rows).toHaveLength(13);
      const gangcheng = rates.rows.find((r) => r.unit.code === GANGCHENG)!;
      // The township answers for its villages: 8 good + 4 bad at villages, 3 good itself.
      expect(gangcheng.response).toMatchObject({ successes: 11, n: 15 });
      expect(gangcheng.resolution).toMatchObject({ successes: 11, n: 15 });
      expect(gangcheng.satisfaction).toMatchObject({ successes: 11, n: 15 });
      expect(gangcheng.onTime).toMatchObject({ successes: 11, n: 15 });
      expect(gangcheng.response.lower).toBeLessThan(11 / 15);
      expect(gangcheng.composite).toBeCloseTo(11 / 15, 10);
      expect(gangcheng.rank).toBe(1);
      const jiangji = rates.rows.find((r) => r.unit.code === JIANGJI)!;
      expect(jiangji.composite).toBe(0);
      expect(jiangji.rank).toBe(2);
      expect(rates.rankedOf).toBe(2);
      expect(rates.rows.filter((r) => r.rank === null)).toHaveLength(11);
      await admin.put('/api/case-settings', SETTINGS);
      const strict = (await admin.get('/api/case-rates?month=2026-11&level=township')).json<TCaseRates>();
      expect(strict.rows.find((r) => r.unit.code === GANGCHENG)!.satisfaction).toMatchObject({ successes: 9, n: 15 });
      expect(strict.weights).toEqual(SETTINGS.weights);
    });

    it('shows a township admin its villages and the township ranking, never the departments', async () => {
      const gangcheng = await t.as('gangcheng');
      const villages = (await gangcheng.get('/api/case-rates?month=2026-11&level=village')).json<TCaseRates>();
      expect(villages.scope).toBe('township');
      expect(villages.rows.every((r) => r.unit.code!.startsWith(GANGCHENG))).toBe(true);
      expect(villages.rows.map((r) => r.unit.code).slice(0, 2)).toEqual([G1, G2]);
      expect(villages.rows[0]!.unit.parentName).toBe('堽城镇');
      expect(villages.rankedOf).toBe(2);
      const townships = (await gangcheng.get('/api/case-rates?month=2026-11&level=township')).json<TCaseRates>();
      expect(townships.rows).toHaveLength(13);
      // The county sees every village, each ranked within its township.
      const county = (await (await t.as('leader')).get('/api/case-rates?month=2026-11&level=village')).json<TCaseRates>();
      expect(county.rows.filter((r) => r.rank !== null).map((r) => [r.unit.code, r.rank, r.rankedAmong])).toEqual([
        [G1, 1, 2],
        [J1, 1, 1],
        [G2, 2, 2],
      ]);
      expect(county.rankedOf).toBe(3);
      const refused = await gangcheng.get('/api/case-rates?month=2026-11&level=department');
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('case_rates_level_not_allowed');
    });

    it('shows a department handler its own row with its rank among the departments', async () => {
      const minzheng = await t.as('minzheng');
      const rates = (await minzheng.get('/api/case-rates?month=2026-11&level=department')).json<TCaseRates>();
      expect(rates.scope).toBe('department');
      expect(rates.rows).toHaveLength(1);
      expect(rates.rows[0]).toMatchObject({ unit: { name: '县民政局' }, rank: 1, notSignificantlyDifferent: [] });
      expect(rates.rankedOf).toBe(2);
      expect(rates.groups).toEqual([]);
      expect((await minzheng.get('/api/case-rates?month=2026-11&level=township')).json().code).toBe('case_rates_level_not_allowed');
      expect((await (await t.as('cadre')).get('/api/case-rates?month=2026-11')).statusCode).toBe(403);
    });

    it('refuses a month that is not YYYY-MM', async () => {
      const admin = await t.as('admin');
      for (const month of ['2026-13', '2026-1', 'november', '2026-11-01']) expect((await admin.get(`/api/case-rates?month=${month}`)).statusCode).toBe(400);
    });

    it('exports the rows as XLSX with n and source beside each figure, safe against formula injection', async () => {
      await t.database.db.insertInto('department').values({ county_code: '370921', code: 'evil', name: '=HYPERLINK("http://x","点我")', name_en: null }).execute();
      const admin = await t.as('admin');
      const res = await admin.get('/api/case-rates/export.xlsx?month=2026-11&level=department');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const { default: ExcelJS } = await import('exceljs');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('三率排名')!;
      expect(sheet.getRow(3).values).toEqual([undefined, ...RATES_EXPORT_HEADERS]);
      const rows = [];
      for (let i = 4; i <= sheet.rowCount; i++) rows.push(sheet.getRow(i).values as unknown[]);
      const mzj = rows.find((r) => r[3] === '县民政局')!;
      expect(mzj[1]).toBe(1);
      expect(mzj[6]).toBe(1);
      expect(mzj[8]).toBe('4/4');
      expect(mzj[11]).toBe('4/4');
      expect(String(mzj[7])).toMatch(/^\d+\.\d%–100\.0%$/);
      const evil = rows.find((r) => String(r[3]).includes('HYPERLINK'))!;
      expect(evil[3]).toBe('\'=HYPERLINK("http://x","点我")');
      expect(rows.some((r) => String(r[1]).startsWith('数据来源'))).toBe(true);
      expect(String(sheet.getRow(2).getCell(1).value)).toContain('响应率×0.2');
      expect((await (await t.as('gangcheng')).get('/api/case-rates/export.xlsx?month=2026-11&level=department')).json().code).toBe('case_rates_level_not_allowed');
    });

    it('puts the unit’s, the dispatcher’s and the county’s case to-dos on the workbench', async () => {
      const now = Date.now();
      const h = (hours: number) => new Date(now + hours * 3_600_000);
      const open = (unitCode: string, level: 'village' | 'department', status: 'dispatched' | 'accepted', responseDueIn: number, resolveDueIn: number, regionCode = unitCode): FixtureCase => ({
        regionCode,
        status,
        assignments: [{ level, unitCode, dispatchedAt: h(-30), responseDueAt: h(responseDueIn), resolveDueAt: h(resolveDueIn), acceptedAt: status === 'accepted' ? h(-29) : null, resolvedAt: null, endedAt: null, endReason: null }],
      });
      await insertRateCases(t.database.db, units, [
        open(G1, 'village', 'dispatched', 2, 1000), // to accept, due soon
        open(G1, 'village', 'dispatched', -2, 1000), // to accept, overdue
        open(G1, 'village', 'accepted', -20, -1), // overdue
        open(G1, 'village', 'accepted', -20, 1000), // nothing due (1000 h: beyond any holiday's due-soon window)
        open('mzj', 'department', 'accepted', -20, -3, J1), // the department's, overdue
        { regionCode: G2, status: 'registered', assignments: [] },
        { ...open(G2, 'village', 'accepted', -20, 1000), status: 'resolved' },
      ]);
      const workbench = async (username: string) => (await (await t.as(username)).get('/api/workbench')).json<TWorkbench>();
      const todo = (w: TWorkbench, key: string) => w.todos.find((x) => x.key === key);
      const cadre = await workbench('cadre');
      expect(todo(cadre, 'cases.to_accept')).toMatchObject({ count: 2, href: '/cases?unitRegionCode=370921104201&status=dispatched' });
      expect(todo(cadre, 'cases.due_soon')).toMatchObject({ count: 1, href: '/cases?unitRegionCode=370921104201&dueSoon=true' });
      expect(todo(cadre, 'cases.overdue')).toMatchObject({ count: 2, href: '/cases?unitRegionCode=370921104201&overdue=true' });
      expect(todo(cadre, 'cases.to_dispatch')).toBeUndefined();
      const gangcheng = await workbench('gangcheng');
      expect(todo(gangcheng, 'cases.to_dispatch')).toMatchObject({ count: 1, href: '/cases?status=registered' });
      expect(todo(gangcheng, 'cases.to_call_back')).toMatchObject({ count: 1, href: '/cases?status=resolved' });
      expect(todo(gangcheng, 'cases.overdue')).toBeUndefined(); // the township itself has no case
      expect(todo(await workbench('jiangji'), 'cases.to_dispatch')).toBeUndefined();
      const minzheng = await workbench('minzheng');
      expect(todo(minzheng, 'cases.overdue')).toMatchObject({ count: 1, href: `/cases?unitDepartmentId=${units.departments.get('mzj')}&overdue=true` });
      const admin = await workbench('admin');
      expect(todo(admin, 'cases.to_dispatch')).toMatchObject({ count: 1 });
      const card = admin.cards.find((c) => c.kind === 'cases-overdue');
      expect(card).toEqual({ kind: 'cases-overdue', total: 3, townships: [{ code: GANGCHENG, name: '堽城镇', count: 2 }], departments: [{ id: units.departments.get('mzj'), name: '县民政局', count: 1 }] });
      expect((await workbench('leader')).cards.some((c) => c.kind === 'cases-overdue')).toBe(true);
      expect(cadre.cards.some((c) => c.kind === 'cases-overdue')).toBe(false);
    });
  });
}
