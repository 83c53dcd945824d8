import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { startTestApp, type Client, type TestApp } from '../../../../test/support/test-app.ts';
import { cliAuditSource } from '../audit/index.ts';
import { loadOfficialCalendars } from './load-official-calendars.ts';
import { OFFICIAL_CALENDAR_SOURCE } from './official-holidays.ts';

for (const dialect of DIALECTS) {
  describe(`working calendar [${dialect.name}]`, () => {
    let t: TestApp;
    let admin: Client;
    beforeAll(async () => {
      t = await startTestApp(dialect, { CASE_SWEEP_INTERVAL_SECONDS: '0' });
      admin = await t.as('admin');
    }, 120_000);
    afterAll(() => t?.close());

    it('shows an official year with its source, and says when a year has no official data', async () => {
      const y2026 = (await (await t.as('gangcheng')).get('/api/working-calendar/2026')).json();
      expect(y2026).toMatchObject({ year: 2026, countyCode: '370921', officialAvailable: true, officialSource: OFFICIAL_CALENDAR_SOURCE, officialYears: { from: 2004, to: 2026 }, warnings: [] });
      expect(y2026.loaded.source).toBe(OFFICIAL_CALENDAR_SOURCE);
      expect(y2026.days.find((d: { day: string }) => d.day === '2026-10-10')).toMatchObject({ kind: 'workday', name: '国庆节', source: OFFICIAL_CALENDAR_SOURCE });
      expect(y2026.days.filter((d: { kind: string }) => d.kind === 'holiday').length).toBeGreaterThan(20);
      const y2027 = (await admin.get('/api/working-calendar/2027')).json();
      expect(y2027).toMatchObject({ year: 2027, officialAvailable: false, loaded: null, days: [] });
      const load = await admin.post('/api/working-calendar/2027/load');
      expect([load.statusCode, load.json().code]).toEqual([422, 'working_calendar_no_official_data']);
      expect(load.json().detail).toContain('截止时间只按周末计算');
      expect((await admin.get('/api/working-calendar/1999')).statusCode).toBe(400);
    });

    it('saves the county admin’s days, audited; others may not edit', async () => {
      const res = await admin.put('/api/working-calendar/2027', { set: [{ day: '2027-01-01', kind: 'holiday', name: '元旦' }, { day: '2027-02-06', kind: 'workday', name: '春节' }] });
      expect(res.statusCode).toBe(200);
      expect(res.json().days).toEqual([
        expect.objectContaining({ day: '2027-01-01', kind: 'holiday', name: '元旦', source: 'manual' }),
        expect.objectContaining({ day: '2027-02-06', kind: 'workday', name: '春节', source: 'manual' }),
      ]);
      const audit = await t.database.db.selectFrom('audit_log').select(['entity_id', 'county_code']).where('action', '=', 'working_calendar.update').executeTakeFirstOrThrow();
      expect(audit).toEqual({ entity_id: '370921:2027', county_code: '370921' });
      expect((await (await t.as('gangcheng')).put('/api/working-calendar/2027', { set: [] })).statusCode).toBe(403);
      expect((await (await t.as('leader')).put('/api/working-calendar/2027', { set: [] })).statusCode).toBe(403);
      // The deadline arithmetic reads the saved days: 2027-01-01 (a Friday) is now a rest day.
      const row = await t.database.db.selectFrom('working_calendar_day').select('kind').where('county_code', '=', '370921').where('day', '=', '2027-01-01').executeTakeFirstOrThrow();
      expect(row.kind).toBe('holiday');
    });

    it('refuses a calendar that contradicts itself with 422 naming each day, and saves nothing', async () => {
      const res = await admin.request({
        method: 'PUT',
        url: '/api/working-calendar/2027',
        headers: { 'x-lianxin-locale': 'zh-CN' },
        payload: {
          set: [
            { day: '2027-02-08', kind: 'workday', name: '春节' },
            { day: '2027-05-03', kind: 'holiday', name: '劳动节' },
            { day: '2027-05-03', kind: 'holiday', name: '劳动节' },
            { day: '2027-10-09', kind: 'holiday', name: '国庆节' },
            { day: '2027-10-09', kind: 'workday', name: '国庆节' },
            { day: '2028-01-01', kind: 'holiday', name: '元旦' },
          ],
          remove: ['2027-06-01'],
        },
      });
      expect(res.statusCode).toBe(422);
      const body = res.json();
      expect(body.code).toBe('working_calendar_contradiction');
      expect(body.issues).toEqual([
        { path: 'set.0.day', message: '2027-02-08 是周一至周五的工作日，调休上班日只能是周六或周日' },
        { path: 'set.2.day', message: '2027-05-03 重复出现' },
        { path: 'set.4.day', message: '2027-10-09 同时被列为节假日和调休上班日' },
        { path: 'set.5.day', message: '2028-01-01 不在 2027 年内' },
        { path: 'remove.0', message: '2027-06-01 不在日历中' },
      ]);
      const saved = await t.database.db.selectFrom('working_calendar_day').select('day').where('county_code', '=', '370921').where('day', 'in', ['2027-05-03', '2027-10-09']).execute();
      expect(saved).toEqual([]);
      const official = await admin.put('/api/working-calendar/2026', { remove: ['2026-10-01'] });
      expect([official.statusCode, official.json().issues[0].path]).toEqual([422, 'remove.0']);
    });

    it('warns, without refusing, on a holiday block longer than ten days', async () => {
      const set = Array.from({ length: 12 }, (_, i) => ({ day: `2027-07-${String(i + 1).padStart(2, '0')}`, kind: 'holiday', name: '测试长假' }));
      const res = await admin.put('/api/working-calendar/2027', { set });
      expect(res.statusCode).toBe(200);
      expect(res.json().warnings).toEqual([{ code: 'long_holiday_block', from: '2027-07-01', to: '2027-07-12', days: 12 }]);
      const removed = await admin.put('/api/working-calendar/2027', { remove: set.map((s) => s.day) });
      expect(removed.json().warnings).toEqual([]);
    });

    it('reloads a year’s official data without overwriting manual days, audited', async () => {
      await admin.put('/api/working-calendar/2026', { set: [{ day: '2026-10-01', kind: 'holiday', name: '国庆节（本县）' }] });
      await t.database.db.deleteFrom('working_calendar_day').where('county_code', '=', '370921').where('day', '=', '2026-10-10').execute();
      const res = await admin.post('/api/working-calendar/2026/load');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.days.find((d: { day: string }) => d.day === '2026-10-01')).toMatchObject({ name: '国庆节（本县）', source: 'manual' });
      expect(body.days.find((d: { day: string }) => d.day === '2026-10-10')).toMatchObject({ kind: 'workday', source: OFFICIAL_CALENDAR_SOURCE });
      expect(body.written).toBe(body.days.length - 1);
      const audit = await t.database.db.selectFrom('audit_log').select('after').where('action', '=', 'working_calendar.load').where('entity_id', '=', '370921:2026').executeTakeFirstOrThrow();
      expect(audit.after).toMatchObject({ year: 2026, keptManual: 1 });
    });

    it('loads the official years of every county with accounts at start, once', async () => {
      const ctx = { db: t.database.db, actor: null, source: cliAuditSource('serve') };
      const first = await loadOfficialCalendars(ctx, {});
      expect(first).toEqual([{ countyCode: '370921', years: [], days: 0 }]);
      await t.database.db.deleteFrom('working_calendar_year').where('county_code', '=', '370921').where('year', '=', 2025).execute();
      expect(await loadOfficialCalendars(ctx, {})).toEqual([{ countyCode: '370921', years: [2025], days: 0 }]);
      expect(await loadOfficialCalendars(ctx, { year: 2025 })).toEqual([{ countyCode: '370921', years: [], days: 0 }]);
    });
  });
}
