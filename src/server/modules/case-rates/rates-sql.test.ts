/**
 * The rates counted in SQL (rates-sql.ts) against the rules in plain code (`countCaseRates`) on
 * generated data with every edge the rules have: dispatches, acceptances and deadlines on the
 * Shanghai month's first and last instants and on the deadlines' own instants, every way an
 * assignment ends (resolved, escalated, returned, re-routed, escalated automatically, merged),
 * open ones before and after their deadlines, call-backs reached and not, with and without a
 * satisfaction. Every level, two `now`s, both 基本满意 settings, a township's villages. Both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import type { Database } from '../../db/database.ts';
import { cliAuditSource } from '../audit/index.ts';
import { seedDemo } from '../demo/index.ts';
import { countCaseRates, monthBounds, type AssignmentFact, type CallbackFact, type TEndReason } from './rate-rules.ts';
import { ratesQuery } from './rates-sql.ts';
import { insertRateCases, loadFixtureUnits, type FixtureCase } from './testing/rates-fixture.ts';

/** A small deterministic generator (mulberry32). */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MONTH = '2026-11';
const { start, end } = monthBounds(MONTH);
const HOUR = 3_600_000;
const VILLAGE_UNITS = ['370921104201', '370921104202', '370921105201'];
const TOWNSHIP_UNITS = ['370921104', '370921105'];

for (const dialect of DIALECTS) {
  describe(`case rates in SQL equal countCaseRates [${dialect.name}]`, () => {
    let database: Database;
    let assignments: AssignmentFact[] = [];
    let callbacks: CallbackFact[] = [];
    let gangchengPath = '';
    beforeAll(async () => {
      database = await dialect.open();
      const db = database.db;
      await seedDemo({ db, actor: null, source: cliAuditSource('test') });
      const units = await loadFixtureUnits(db);
      gangchengPath = units.regions.get('370921104')!.path;
      const departmentCodes = [...units.departments.keys()].slice(0, 2);
      const random = prng(20261206);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
      // Instants around the month's edges and anywhere in October to December.
      const instant = () =>
        random() < 0.3 ? new Date(pick([start.getTime() - 1, start.getTime(), end.getTime() - 1, end.getTime()])) : new Date(start.getTime() - 20 * 24 * HOUR + random() * 70 * 24 * HOUR);
      const cases: FixtureCase[] = [];
      for (let i = 0; i < 160; i++) {
        const level = pick(['village', 'village', 'township', 'department'] as const);
        const unitCode = level === 'village' ? pick(VILLAGE_UNITS) : level === 'township' ? pick(TOWNSHIP_UNITS) : pick(departmentCodes);
        const dispatchedAt = instant();
        const responseDueAt = random() < 0.2 ? new Date(pick([start.getTime(), end.getTime() - 1])) : new Date(dispatchedAt.getTime() + (1 + random() * 40) * HOUR);
        const resolveDueAt = random() < 0.25 ? new Date(pick([start.getTime() - 1, start.getTime(), end.getTime() - 1, end.getTime()])) : new Date(dispatchedAt.getTime() + (24 + random() * 400) * HOUR);
        const around = (due: Date) => new Date(random() < 0.2 ? due.getTime() + pick([-1, 0, 1]) : due.getTime() + (random() - 0.6) * 30 * HOUR);
        const acceptedAt = random() < 0.7 ? around(responseDueAt) : null;
        const endReason = random() < 0.3 ? null : pick<TEndReason>(['resolved', 'resolved', 'resolved', 'escalated', 'auto_escalated', 'returned', 'merged', 'redispatched']);
        const resolvedAt = endReason === 'resolved' ? around(resolveDueAt) : null;
        const endedAt = endReason === null ? null : endReason === 'resolved' ? resolvedAt : random() < 0.5 ? around(responseDueAt) : around(resolveDueAt);
        const fixtureCallbacks: FixtureCase['callbacks'] = [];
        if (endReason === 'resolved' || random() < 0.1) {
          const n = 1 + Math.floor(random() * 2);
          for (let k = 0; k < n; k++) {
            const reached = random() < 0.75;
            fixtureCallbacks.push({
              assignment: 0,
              outcome: reached ? 'reached' : 'unreachable',
              solved: reached ? random() < 0.7 : null,
              satisfaction: reached && random() < 0.9 ? pick(['satisfied', 'basically_satisfied', 'dissatisfied'] as const) : null,
              calledAt: instant(),
            });
          }
        }
        cases.push({
          regionCode: level === 'department' ? pick(VILLAGE_UNITS) : level === 'village' ? unitCode : unitCode,
          assignments: [{ level, unitCode, dispatchedAt, responseDueAt, resolveDueAt, acceptedAt, resolvedAt, endedAt, endReason }],
          callbacks: fixtureCallbacks,
        });
      }
      ({ assignments, callbacks } = await insertRateCases(db, units, cases));
      // Another county's rows never count.
      await db.updateTable('case_assignment').set({ county_code: '370922' }).where('id', '=', assignments.at(-1)!.id).execute();
      assignments = assignments.slice(0, -1);
    }, 120_000);
    afterAll(async () => database?.close());

    const NOWS = ['2026-11-15T04:00:00Z', '2027-02-01T00:00:00Z'];
    const cases = NOWS.flatMap((now) => (['township', 'village', 'department'] as const).flatMap((level) => [true, false].map((basically) => [now, level, basically] as const)));

    it.each(cases)('now %s, level %s, 基本满意 counts: %s', async (nowText, level, basicallySatisfiedCounts) => {
      const now = new Date(nowText);
      const expected = countCaseRates({ assignments, callbacks, month: MONTH, level, now, basicallySatisfiedCounts });
      const got = await ratesQuery({ countyCode: '370921', level, month: MONTH, now, basicallySatisfiedCounts }).execute(database.db);
      const asObject = (m: Map<string, object>) => Object.fromEntries([...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
      const fromSql = new Map(
        got.rows.map((r) => [
          r.unit_key,
          { responseN: r.response_n, responded: r.responded, callbacks: r.callbacks, solved: r.solved, satisfactionN: r.satisfaction_n, satisfied: r.satisfied, solvedSatisfied: r.solved_satisfied, onTimeN: r.on_time_n, onTime: r.on_time },
        ]),
      );
      expect(expected.size).toBeGreaterThan(1);
      expect(asObject(fromSql)).toEqual(asObject(expected));
    });

    it.each(NOWS)('counts the county level (now %s) as the township and department levels together, in one statement', async (nowText) => {
      const now = new Date(nowText);
      const input = { countyCode: '370921', month: MONTH, now, basicallySatisfiedCounts: true };
      const [county, townships, departments] = await Promise.all((['county', 'township', 'department'] as const).map((level) => ratesQuery({ ...input, level }).execute(database.db)));
      const sorted = (rows: { unit_key: string }[]) => [...rows].sort((a, b) => (a.unit_key < b.unit_key ? -1 : 1));
      expect(townships!.rows.length).toBeGreaterThan(1);
      expect(departments!.rows.length).toBeGreaterThan(0);
      expect(sorted(county!.rows)).toEqual(sorted([...townships!.rows, ...departments!.rows]));
    });

    it('narrows to a township’s villages by path', async () => {
      const now = new Date(NOWS[1]!);
      const got = await ratesQuery({ countyCode: '370921', level: 'village', month: MONTH, now, basicallySatisfiedCounts: true, regionPath: gangchengPath }).execute(database.db);
      const all = countCaseRates({ assignments, callbacks, month: MONTH, level: 'village', now, basicallySatisfiedCounts: true });
      const units = await loadFixtureUnits(database.db);
      const gangchengVillages = new Set(['370921104201', '370921104202'].map((c) => `r${units.regions.get(c)!.id}`));
      expect(got.rows.map((r) => r.unit_key).sort()).toEqual([...all.keys()].filter((k) => gangchengVillages.has(k)).sort());
    });
  });
}
