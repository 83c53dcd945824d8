/**
 * The set-based escalation of the deadline sweep against the path it replaced: the same cases in
 * two identical databases, swept once by `sweepCaseDeadlines` (in small batches) and once one case
 * at a time through `assignCase` (the sweep's code before the rework, kept here as the reference),
 * must leave exactly the same rows — cases, assignments, history steps, reminders and audit
 * entries — and a second sweep must change nothing.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import type { DB } from '../../db/schema.ts';
import type { TCaseStatus } from '../../../shared/cases/index.ts';
import { recordAudits, type AuditEntry } from '../audit/index.ts';
import { assignCase, escalationUnit, registerCase, type CaseRegionRef } from '../cases/index.ts';
import { GANGCHENG, GANGCHENG_VILLAGE, caseContext } from '../cases/testing/case-fixture.ts';
import { loadWorkingCalendar } from '../working-calendar/index.ts';
import { CASE_SWEEP_SOURCE } from './case-sweeper.ts';
import { sweepCaseDeadlines } from './sweep-case-deadlines.ts';

const COUNTY = '370921';
const shanghai = (s: string) => new Date(`${s}+08:00`);
/** Tuesday 2026-12-01 10:00. */
const DISPATCHED = shanghai('2026-12-01T10:00:00');
/** Thursday: every 8-working-hour response deadline of Tuesday's cases has passed. */
const FIRST = shanghai('2026-12-03T10:00:00');
/** The next Tuesday afternoon: the township's deadlines given on Thursday have passed too. */
const SECOND = shanghai('2026-12-08T17:00:00');
const NOTE = '超期自动上报 · escalated automatically after a missed deadline';

/** The same cases in each database: villages, townships, departments, urgent, accepted, on time. */
async function writeCases(t: TestApp) {
  const db = t.database.db;
  // A township category without a department: its township's overdue case goes back to the dispatcher.
  await db.updateTable('case_category').set({ department_id: null }).where('code', '=', 'sec-dispute').execute();
  const ctx = await caseContext(db, 'admin');
  const register = async (categoryCode: string, regionCode: string, title: string, o: { urgent?: boolean; now?: Date } = {}) =>
    registerCase(ctx, { channel: 'window', now: o.now ?? DISPATCHED, intake: { categoryCode, regionCode, title, description: title, contactName: '李四', contactPhone: '13900001111', urgent: o.urgent } });
  const village2 = `${GANGCHENG}202`;
  await register('env-road-light', GANGCHENG_VILLAGE, '路灯不亮');
  await register('env-road-light', village2, '路灯闪烁', { urgent: true });
  await register('sec-dispute', GANGCHENG, '邻里纠纷');
  await register('env-sanitation', GANGCHENG, '垃圾未清运');
  await register('env-pollution', GANGCHENG_VILLAGE, '污水直排');
  await register('edu-school', GANGCHENG_VILLAGE, '入学难');
  await register('cadre-conduct', village2, '办事拖拉');
  await register('relief-temporary', village2, '临时救助', { urgent: true });
  for (const code of ['env-sanitation', 'sec-hazard', 'med-clinic', 'relief-dibao', 'cul-facility']) await register(code, village2, `批量 ${code}`);
  // Accepted in time, resolution missed (3 working days from Wednesday 11-25).
  const accepted = await register('env-sanitation', GANGCHENG_VILLAGE, '已签收未办结', { now: shanghai('2026-11-25T10:00:00') });
  await db.updateTable('case_assignment').set({ accepted_at: shanghai('2026-11-25T11:00:00') }).where('case_id', '=', accepted.id).execute();
  await db.updateTable('resident_case').set({ status: 'accepted' }).where('id', '=', accepted.id).execute();
  // Not due yet at either sweep.
  await register('relief-dibao', GANGCHENG_VILLAGE, '刚登记', { now: shanghai('2026-12-08T16:00:00') });
}

/** The sweep as it was before the set-based rework: reminders, then `assignCase` case by case. */
async function sweepOneByOne(db: Kysely<DB>, now: Date) {
  await db.insertInto('case_setting').values({ county_code: COUNTY, auto_escalate: false }).execute();
  await sweepCaseDeadlines({ db, actor: null, source: CASE_SWEEP_SOURCE }, { now });
  await db.deleteFrom('case_setting').where('county_code', '=', COUNTY).execute();
  await db.transaction().execute(async (trx) => {
    const reminders = await trx
      .selectFrom('case_reminder as m')
      .innerJoin('case_assignment as a', 'a.id', 'm.assignment_id')
      .select(['m.assignment_id', 'm.deadline'])
      .where('m.created_at', '=', now)
      .where('a.level', '<>', 'department')
      .orderBy('m.assignment_id')
      .orderBy('m.deadline')
      .execute();
    const missed = new Map<string, string[]>();
    for (const r of reminders) missed.set(r.assignment_id, [...(missed.get(r.assignment_id) ?? []), r.deadline]);
    const calendar = await loadWorkingCalendar({ db: trx }, { countyCode: COUNTY });
    const audits: AuditEntry[] = [];
    for (const assignmentId of missed.keys()) {
      const row = await trx
        .selectFrom('case_assignment as a')
        .innerJoin('resident_case as c', 'c.id', 'a.case_id')
        .innerJoin('region as r', 'r.id', 'c.region_id')
        .leftJoin('region as t', 't.id', 'r.parent_id')
        .select(['a.id as assignment_id', 'a.level', 'c.id as case_id', 'c.status', 'c.urgent', 'c.category_id', 'c.region_id', 'c.region_path'])
        .select(['r.level as region_level', 'r.path as region_path_now', 'r.parent_id as region_parent_id', 't.id as township_id', 't.path as township_path', 't.parent_id as township_parent_id'])
        .where('a.id', '=', assignmentId)
        .where('a.ended_at', 'is', null)
        .executeTakeFirstOrThrow();
      const category = await trx.selectFrom('case_category').selectAll().where('id', '=', row.category_id).executeTakeFirstOrThrow();
      const region: CaseRegionRef =
        row.region_level === 'village' && row.township_id
          ? { id: row.township_id, level: 'township', path: row.township_path!, parent_id: row.township_parent_id }
          : { id: row.region_id, level: row.region_level, path: row.region_path_now, parent_id: row.region_parent_id };
      const unit = await escalationUnit(trx, { level: row.level, category, region });
      const caseRow = { id: row.case_id, county_code: COUNTY, urgent: row.urgent, status: row.status as TCaseStatus };
      const before = { assignmentId: row.assignment_id, level: row.level, status: row.status, missed: missed.get(row.assignment_id) };
      const where = { id: row.region_id, path: row.region_path, county_code: COUNTY };
      if (unit) {
        const a = await assignCase(trx, { caseRow, category, unit, dispatchedBy: null, eventKind: 'auto_escalate', endCurrent: 'auto_escalated', calendar, note: NOTE, now });
        audits.push({ action: 'case.auto_escalate', entityType: 'case', entityId: row.case_id, region: where, before, after: { assignmentId: a.id, level: unit.level, regionId: unit.regionId ?? null, departmentId: unit.departmentId ?? null, responseDueAt: a.responseDueAt, resolveDueAt: a.resolveDueAt } });
      } else {
        await trx.updateTable('case_assignment').set({ ended_at: now, end_reason: 'auto_escalated' }).where('id', '=', row.assignment_id).execute();
        await trx.updateTable('resident_case').set({ status: 'registered', unit_region_id: null, unit_department_id: null, current_assignment_id: null, updated_at: now }).where('id', '=', row.case_id).execute();
        await trx
          .insertInto('case_event')
          .values({ county_code: COUNTY, case_id: row.case_id, kind: 'auto_escalate', from_status: row.status, to_status: 'registered', assignment_id: row.assignment_id, actor_id: null, note: NOTE, details: JSON.stringify({ level: null }), at: now })
          .execute();
        audits.push({ action: 'case.auto_escalate', entityType: 'case', entityId: row.case_id, region: where, before, after: { status: 'registered', unit: null } });
      }
    }
    await recordAudits({ db: trx, source: CASE_SWEEP_SOURCE }, audits);
  });
}

/** Every row a sweep writes or changes. */
async function snapshot(db: Kysely<DB>) {
  return {
    cases: await db.selectFrom('resident_case').select(['id', 'status', 'unit_region_id', 'unit_department_id', 'current_assignment_id', 'updated_at', 'reopen_count', 'resolved_at']).orderBy('id').execute(),
    assignments: await db.selectFrom('case_assignment').selectAll().orderBy('id').execute(),
    events: await db.selectFrom('case_event').select(['id', 'case_id', 'kind', 'from_status', 'to_status', 'assignment_id', 'actor_id', 'note', 'details', 'at']).orderBy('id').execute(),
    reminders: await db.selectFrom('case_reminder').selectAll().orderBy('id').execute(),
    audits: await db.selectFrom('audit_log').select(['id', 'action', 'entity_id', 'actor_name', 'region_id', 'region_path', 'county_code', 'before', 'after']).where('action', '=', 'case.auto_escalate').orderBy('id').execute(),
  };
}

for (const dialect of DIALECTS) {
  describe(`the set-based sweep writes what assignCase did, case by case [${dialect.name}]`, () => {
    let reference: TestApp;
    let setBased: TestApp;
    const sweep = (now: Date) => sweepCaseDeadlines({ db: setBased.database.db, actor: null, source: CASE_SWEEP_SOURCE }, { now, batchSize: 3 });

    beforeAll(async () => {
      reference = await startTestApp(dialect, { CASE_SWEEP_INTERVAL_SECONDS: '0' });
      setBased = await startTestApp(dialect, { CASE_SWEEP_INTERVAL_SECONDS: '0' });
      await writeCases(reference);
      await writeCases(setBased);
    }, 240_000);
    afterAll(async () => {
      await reference?.close();
      await setBased?.close();
    });

    it('starts from the same rows', async () => {
      expect(await snapshot(setBased.database.db)).toEqual(await snapshot(reference.database.db));
    });

    it('escalates villages to townships, townships to departments or back to the dispatcher, urgent or not, like assignCase', async () => {
      await sweepOneByOne(reference.database.db, FIRST);
      const result = await sweep(FIRST);
      expect(result).toMatchObject({ skipped: false });
      expect(result.escalated).toBeGreaterThanOrEqual(10);
      expect(result.returnedToDispatcher).toBeGreaterThanOrEqual(1);
      const expected = await snapshot(reference.database.db);
      expect(await snapshot(setBased.database.db)).toEqual(expected);
      expect(expected.events.filter((e) => e.kind === 'auto_escalate')).toHaveLength(result.escalated + result.returnedToDispatcher);

      // A second sweep at the same instant changes nothing (in both: its reminders' ON CONFLICT
      // still draws sequence numbers, and the next round compares ids).
      expect(await sweep(FIRST)).toEqual({ skipped: false, reminded: 0, escalated: 0, returnedToDispatcher: 0 });
      await sweepCaseDeadlines({ db: reference.database.db, actor: null, source: CASE_SWEEP_SOURCE }, { now: FIRST });
      expect(await snapshot(setBased.database.db)).toEqual(expected);
    });

    it('and again a level up when the new deadlines pass', async () => {
      await sweepOneByOne(reference.database.db, SECOND);
      const result = await sweep(SECOND);
      expect(result.escalated + result.returnedToDispatcher).toBeGreaterThanOrEqual(5);
      const expected = await snapshot(reference.database.db);
      expect(await snapshot(setBased.database.db)).toEqual(expected);
      expect(await sweep(SECOND)).toEqual({ skipped: false, reminded: 0, escalated: 0, returnedToDispatcher: 0 });
      expect(await snapshot(setBased.database.db)).toEqual(expected);
    });
  });
}
