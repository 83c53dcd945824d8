import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { registerCase } from '../cases/index.ts';
import { GANGCHENG, GANGCHENG_VILLAGE, caseContext } from '../cases/testing/case-fixture.ts';
import { CASE_SWEEP_SOURCE } from './case-sweeper.ts';
import { listCaseReminders } from './list-case-reminders.ts';
import { CASE_SWEEP_LOCK, sweepCaseDeadlines } from './sweep-case-deadlines.ts';
import { sql } from 'kysely';
import { caseActor } from '../cases/testing/case-fixture.ts';

const shanghai = (s: string) => new Date(`${s}+08:00`);
/** Tuesday 2026-12-01 10:00: an ordinary working week. */
const DISPATCHED = shanghai('2026-12-01T10:00:00');
/** Thursday 10:00: an 8-working-hour response deadline (Wednesday 10:00) has passed; 7 working days have not. */
const THURSDAY = shanghai('2026-12-03T10:00:00');

for (const dialect of DIALECTS) {
  describe(`sweepCaseDeadlines [${dialect.name}]`, () => {
    let t: TestApp;
    const sweep = (now: Date) => sweepCaseDeadlines({ db: t.database.db, actor: null, source: CASE_SWEEP_SOURCE }, { now, batchSize: 2 });
    const register = async (categoryCode: string, title: string, now = DISPATCHED) =>
      registerCase(await caseContext(t.database.db, 'admin'), { channel: 'window', now, intake: { categoryCode, regionCode: GANGCHENG_VILLAGE, title, description: title, contactName: '李四', contactPhone: '13900001111' } });
    const assignments = (caseId: string) => t.database.db.selectFrom('case_assignment').selectAll().where('case_id', '=', caseId).orderBy('id').execute();

    beforeAll(async () => {
      t = await startTestApp(dialect, { CASE_SWEEP_INTERVAL_SECONDS: '0' });
      const mzj = await t.database.db.selectFrom('department').select('id').where('code', '=', 'mzj').executeTakeFirstOrThrow();
      // A department-first category of 民政局, so the demo's department handler (minzheng) is its unit.
      await t.database.db.updateTable('case_category').set({ start_level: 'department', department_id: mzj.id }).where('code', '=', 'relief-temporary').execute();
    }, 120_000);
    afterAll(() => t?.close());

    it('reminds the unit and its supervisor, escalates a village case to its township once, and reminds a department only', async () => {
      const village = await register('env-road-light', '路灯不亮');
      const accepted = await register('env-road-light', '路灯已签收');
      await t.database.db.updateTable('case_assignment').set({ accepted_at: DISPATCHED }).where('case_id', '=', accepted.id).execute();
      const department = await register('relief-temporary', '临时救助');
      expect(department.unit?.level).toBe('department');

      const first = await sweep(THURSDAY);
      expect(first).toEqual({ skipped: false, reminded: 2, escalated: 1, returnedToDispatcher: 0 });

      const [old, next] = await assignments(village.id);
      expect(old).toMatchObject({ level: 'village', end_reason: 'auto_escalated' });
      expect(old!.response_reminded_at).toEqual(THURSDAY);
      expect(next).toMatchObject({ level: 'township', dispatched_by: null, ended_at: null, reopened: false });
      expect(next!.dispatched_at).toEqual(THURSDAY);
      expect(next!.response_due_at).toEqual(shanghai('2026-12-04T10:00:00'));

      const gangcheng = await t.database.db.selectFrom('region').select(['id', 'parent_id']).where('code', '=', GANGCHENG).executeTakeFirstOrThrow();
      const reminders = await t.database.db.selectFrom('case_reminder').selectAll().orderBy('id').execute();
      expect(reminders.map((r) => [r.case_id, r.deadline, r.supervisor_region_id])).toEqual([
        [village.id, 'response', gangcheng.id],
        [department.id, 'response', gangcheng.parent_id],
      ]);
      const events = await t.database.db.selectFrom('case_event').select(['case_id', 'kind', 'to_status', 'actor_id']).where('kind', 'in', ['remind', 'auto_escalate']).orderBy('id').execute();
      expect(events).toEqual([
        { case_id: village.id, kind: 'remind', to_status: 'dispatched', actor_id: null },
        { case_id: department.id, kind: 'remind', to_status: 'dispatched', actor_id: null },
        { case_id: village.id, kind: 'auto_escalate', to_status: 'dispatched', actor_id: null },
      ]);
      const audit = await t.database.db.selectFrom('audit_log').select(['entity_id', 'actor_name', 'county_code']).where('action', '=', 'case.auto_escalate').execute();
      expect(audit).toEqual([{ entity_id: village.id, actor_name: CASE_SWEEP_SOURCE.actorName, county_code: '370921' }]);
      const theCase = await t.database.db.selectFrom('resident_case').select(['status', 'unit_region_id', 'current_assignment_id']).where('id', '=', village.id).executeTakeFirstOrThrow();
      expect(theCase).toEqual({ status: 'dispatched', unit_region_id: gangcheng.id, current_assignment_id: next!.id });
      // The department's assignment is still open and still the department's.
      expect((await assignments(department.id)).map((a) => a.ended_at)).toEqual([null]);

      // Idempotent: the same sweep again changes nothing.
      expect(await sweep(THURSDAY)).toEqual({ skipped: false, reminded: 0, escalated: 0, returnedToDispatcher: 0 });
      expect(await t.database.db.selectFrom('case_reminder').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).toEqual({ n: '2' });
      expect(await assignments(village.id)).toHaveLength(2);
    });

    it('shows reminders to the unit and its supervisors in scope, and marks them read', async () => {
      const cadre = await listCaseReminders({ db: t.database.db, actor: await caseActor(t.database.db, 'cadre') }, {});
      expect(cadre.items.map((r) => [r.title, r.deadline, r.level])).toEqual([['路灯不亮', 'response', 'village']]);
      expect(cadre.items[0]!.supervisorName).toBe('堽城镇');
      const township = await listCaseReminders({ db: t.database.db, actor: await caseActor(t.database.db, 'gangcheng') }, {});
      expect(township.items.map((r) => r.title)).toEqual(['路灯不亮']);
      const other = await listCaseReminders({ db: t.database.db, actor: await caseActor(t.database.db, 'jiangji') }, {});
      expect(other.items).toEqual([]);
      const handler = await listCaseReminders({ db: t.database.db, actor: await caseActor(t.database.db, 'minzheng') }, {});
      expect(handler.items.map((r) => [r.title, r.level, r.unitName])).toEqual([['临时救助', 'department', '县民政局']]);
      const county = await listCaseReminders({ db: t.database.db, actor: await caseActor(t.database.db, 'admin') }, {});
      expect(county.items.map((r) => r.title).sort()).toEqual(['临时救助', '路灯不亮']);
      expect(county.unread).toBe(2);

      const jiangji = await t.as('jiangji');
      expect((await jiangji.post(`/api/case-reminders/${cadre.items[0]!.id}/read`)).statusCode).toBe(404);
      const gangcheng = await t.as('gangcheng');
      const res = await gangcheng.post(`/api/case-reminders/${cadre.items[0]!.id}/read`);
      expect(res.statusCode).toBe(200);
      const after = await gangcheng.get('/api/case-reminders');
      expect(after.json()).toMatchObject({ items: [], unread: 0 });
      const all = await gangcheng.get('/api/case-reminders?unread=false');
      expect(all.json().items).toHaveLength(1);
      expect(all.json().items[0].readAt).not.toBeNull();
    });

    it('escalates a township case to the category’s department, or back to the dispatcher when it names none', async () => {
      const withDepartment = await register('env-road-light', '道路坑洼', THURSDAY);
      await t.database.db.updateTable('case_category').set({ department_id: null }).where('code', '=', 'sec-dispute').execute();
      const without = await register('sec-dispute', '邻里纠纷', THURSDAY);
      // Both reach the township after a first missed deadline, then miss the township's.
      const monday = shanghai('2026-12-07T10:00:00');
      const r1 = await sweep(monday);
      expect(r1.escalated).toBe(3); // these two, and the first test's case, now at its township since Thursday
      const r2 = await sweep(shanghai('2026-12-08T17:00:00'));
      expect(r2).toMatchObject({ escalated: 1, returnedToDispatcher: 1 });
      expect((await assignments(withDepartment.id)).map((a) => [a.level, a.end_reason])).toEqual([
        ['village', 'auto_escalated'],
        ['township', 'auto_escalated'],
        ['department', null],
      ]);
      const back = await t.database.db.selectFrom('resident_case').select(['status', 'unit_region_id', 'current_assignment_id']).where('id', '=', without.id).executeTakeFirstOrThrow();
      expect(back).toEqual({ status: 'registered', unit_region_id: null, current_assignment_id: null });
    });

    it('only reminds when the county turned automatic escalation off', async () => {
      await t.database.db.insertInto('case_setting').values({ county_code: '370921', auto_escalate: false }).execute();
      const c = await register('env-sanitation', '垃圾未清运', shanghai('2026-12-14T10:00:00'));
      const result = await sweep(shanghai('2026-12-16T10:00:00'));
      expect(result.escalated).toBe(0);
      expect(result.reminded).toBeGreaterThanOrEqual(1);
      expect((await assignments(c.id)).map((a) => a.end_reason)).toEqual([null]);
      await t.database.db.deleteFrom('case_setting').where('county_code', '=', '370921').execute();
    });

    it('two sweeps at once escalate every overdue assignment exactly once', async () => {
      const now = shanghai('2026-12-21T10:00:00');
      const cases = [];
      for (let i = 0; i < 6; i++) cases.push(await register('env-road-light', `并发 ${i}`, shanghai('2026-12-17T10:00:00')));
      const results = await Promise.all([sweep(now), sweep(now), sweep(now)]);
      const escalatedNow = results.reduce((n, r) => n + r.escalated, 0);
      expect(escalatedNow).toBeGreaterThanOrEqual(6);
      for (const c of cases) expect((await assignments(c.id)).map((a) => a.level)).toEqual(['village', 'township']);
      const audits = await t.database.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'case.auto_escalate').where('entity_id', 'in', cases.map((c) => c.id)).execute();
      expect(audits).toHaveLength(6);
    });

    it.runIf(dialect.name === 'postgres')('skips its turn while another server holds the sweep lock', async () => {
      const c = await register('env-road-light', '锁', shanghai('2026-12-22T10:00:00'));
      const now = shanghai('2026-12-28T10:00:00');
      // Another process's sweep: the lock held by a transaction on another connection of the pool.
      const during = await t.database.db.transaction().execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(${CASE_SWEEP_LOCK})`.execute(trx);
        return sweep(now);
      });
      expect(during).toEqual({ skipped: true, reminded: 0, escalated: 0, returnedToDispatcher: 0 });
      expect(await assignments(c.id)).toHaveLength(1);
      expect((await sweep(now)).skipped).toBe(false);
      expect(await assignments(c.id)).toHaveLength(2);
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`the server's sweep timer [${dialect.name}]`, () => {
    it('sweeps on its interval while the app runs and leaves no timer after close', async () => {
      const t = await startTestApp(dialect, { CASE_SWEEP_INTERVAL_SECONDS: '1' });
      try {
        const ctx = await caseContext(t.database.db, 'admin');
        const intake = (title: string) => ({ categoryCode: 'env-road-light', regionCode: GANGCHENG_VILLAGE, title, description: title, contactName: '李四', contactPhone: '13900001111' });
        const past = new Date(Date.now() - 30 * 86_400_000);
        const first = await registerCase(ctx, { channel: 'window', now: past, intake: intake('定时督办') });
        const reminded = async (caseId: string) => (await t.database.db.selectFrom('case_reminder').select('id').where('case_id', '=', caseId).execute()).length;
        for (let i = 0; i < 50 && (await reminded(first.id)) === 0; i++) await new Promise((r) => setTimeout(r, 100));
        await t.app.caseSweeper.running();
        expect(await reminded(first.id)).toBeGreaterThan(0);
        await t.app.close();
        const second = await registerCase(ctx, { channel: 'window', now: past, intake: intake('关闭之后') });
        await new Promise((r) => setTimeout(r, 1500));
        expect(await reminded(second.id)).toBe(0);
      } finally {
        await t.close();
      }
    }, 60_000);

    it('does not sweep when the interval is 0', async () => {
      const t = await startTestApp(dialect, { CASE_SWEEP_INTERVAL_SECONDS: '0' });
      try {
        const ctx = await caseContext(t.database.db, 'admin');
        const c = await registerCase(ctx, { channel: 'window', now: new Date(Date.now() - 30 * 86_400_000), intake: { categoryCode: 'env-road-light', regionCode: GANGCHENG_VILLAGE, title: '不督办', description: '不督办', contactName: '李四', contactPhone: '13900001111' } });
        await new Promise((r) => setTimeout(r, 1200));
        expect(await t.database.db.selectFrom('case_reminder').select('id').where('case_id', '=', c.id).execute()).toEqual([]);
      } finally {
        await t.close();
      }
    }, 60_000);
  });
}
