import { describe, expect, it } from 'vitest';
import { addDays, computeCoverage, visitTiming, type CoverageRule, type CoverageTarget, type VisitFact } from './visit-coverage.ts';

const RULE: CoverageRule = { startsOn: '2026-11-15', deadline: '2026-12-31', minVisits: 1, minVisitsHardship: 2, graceDays: 3 };
const LATER = new Date('2027-03-01T00:00:00Z');
const v = (householdId: string, visitedAt: string, extra: Partial<VisitFact> = {}): VisitFact => ({ householdId, visitedAt, voided: false, ...extra });
const VILLAGE_A = '370921104201';
const VILLAGE_B = '370921104202';

describe('calendar arithmetic', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-12-31', 0)).toBe('2026-12-31');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });
});

describe('how a visit counts', () => {
  it('counts a visit at 23:30 in Shanghai on the deadline day, not one at 00:00 the next day', () => {
    expect(visitTiming(v('1', '2026-12-31T15:30:00Z'), RULE, LATER)).toBe('on_time'); // 23:30 Shanghai
    expect(visitTiming(v('1', '2026-12-31T15:59:59.999Z'), RULE, LATER)).toBe('on_time');
    expect(visitTiming(v('1', '2026-12-31T16:00:00Z'), RULE, LATER)).toBe('late'); // 00:00 on 1 January
    // 08:00 Shanghai on the day after the deadline is still 31 December in UTC: late all the same.
    expect(visitTiming(v('1', '2027-01-01T00:00:00Z'), RULE, LATER)).toBe('late');
  });

  it('marks the grace period as late up to its last Shanghai day and refuses after', () => {
    expect(visitTiming(v('1', '2027-01-03T15:59:59Z'), RULE, LATER)).toBe('late'); // 23:59:59 on 3 January
    expect(visitTiming(v('1', '2027-01-03T16:00:00Z'), RULE, LATER)).toBe('too_late');
    expect(visitTiming(v('1', '2027-01-01T00:00:00Z'), { ...RULE, graceDays: 0 }, LATER)).toBe('too_late');
  });

  it('treats a visit made on time but entered after the deadline as a late entry (补录)', () => {
    expect(visitTiming(v('1', '2026-12-30T02:00:00Z', { recordedAt: '2027-01-02T02:00:00Z' }), RULE, LATER)).toBe('late');
    expect(visitTiming(v('1', '2026-12-30T02:00:00Z', { recordedAt: '2027-01-05T02:00:00Z' }), RULE, LATER)).toBe('too_late');
    expect(visitTiming(v('1', '2026-12-30T02:00:00Z', { recordedAt: '2026-12-31T15:59:00Z' }), RULE, LATER)).toBe('on_time');
    // A phone clock ahead of the server's does not move the visit earlier.
    expect(visitTiming(v('1', '2026-12-31T17:00:00Z', { recordedAt: '2026-12-31T10:00:00Z' }), RULE, LATER)).toBe('late');
    expect(visitTiming(v('1', new Date('2026-12-30T02:00:00Z') as never, { recordedAt: null }), RULE, LATER)).toBe('on_time');
  });

  it('ignores voided visits, visits before the start, and visits after now', () => {
    expect(visitTiming(v('1', '2026-12-01T02:00:00Z', { voided: true }), RULE, LATER)).toBe('voided');
    expect(visitTiming(v('1', '2026-11-14T15:59:59Z'), RULE, LATER)).toBe('too_early'); // 23:59:59 on 14 November
    expect(visitTiming(v('1', '2026-11-14T16:00:00Z'), RULE, LATER)).toBe('on_time'); // 00:00 on the first day
    const now = new Date('2026-12-01T00:00:00Z');
    expect(visitTiming(v('1', '2026-12-01T00:00:00Z'), RULE, now)).toBe('on_time');
    expect(visitTiming(v('1', '2026-12-01T00:00:00.001Z'), RULE, now)).toBe('not_yet');
    expect(visitTiming(v('1', '2026-11-30T00:00:00Z', { recordedAt: '2026-12-02T00:00:00Z' }), RULE, now)).toBe('not_yet');
  });
});

describe('coverage per household', () => {
  const targets: CoverageTarget[] = [
    { householdId: '1', villageCode: VILLAGE_A, hardship: false },
    { householdId: '2', villageCode: VILLAGE_A, hardship: true },
    { householdId: '3', villageCode: VILLAGE_B, hardship: true },
    { householdId: '4', villageCode: VILLAGE_B, hardship: false },
  ];
  const visits = [
    v('1', '2026-12-01T02:00:00Z'),
    v('2', '2026-12-01T02:00:00Z'),
    v('2', '2026-12-20T02:00:00Z'),
    v('3', '2026-12-01T02:00:00Z'),
    v('3', '2027-01-02T02:00:00Z'), // 补录
    v('4', '2026-12-01T02:00:00Z', { voided: true }),
    v('99', '2026-12-01T02:00:00Z'), // not a target
  ];

  it('tells done, done late, due and overdue apart', () => {
    const after = computeCoverage({ targets, visits, rule: RULE, now: LATER });
    expect(after.households.map((h) => [h.householdId, h.status, h.onTime, h.late, h.missing])).toEqual([
      ['1', 'done', 1, 0, 0],
      ['2', 'done', 2, 0, 0],
      ['3', 'done_late', 1, 1, 0],
      ['4', 'overdue', 0, 0, 1],
    ]);
    const before = computeCoverage({ targets, visits, rule: RULE, now: new Date('2026-12-10T00:00:00Z') });
    expect(before.households.map((h) => h.status)).toEqual(['done', 'due', 'due', 'due']);
    expect(before.households[1]!.missing).toBe(1);
  });

  it('is due through the whole deadline day in Shanghai and overdue from the next', () => {
    const one = [{ householdId: '4', villageCode: VILLAGE_B, hardship: false }];
    expect(computeCoverage({ targets: one, visits: [], rule: RULE, now: new Date('2026-12-31T15:59:59Z') }).households[0]!.status).toBe('due');
    expect(computeCoverage({ targets: one, visits: [], rule: RULE, now: new Date('2026-12-31T16:00:00Z') }).households[0]!.status).toBe('overdue');
  });

  it('rolls up per village and in total', () => {
    const r = computeCoverage({ targets, visits, rule: RULE, now: LATER });
    expect(r.total).toEqual({ targets: 4, visited: 3, visitedLate: 1, coverage: 0.75, hardshipTargets: 2, hardshipVisited: 2, due: 0, overdue: 1 });
    expect([...r.byVillage.keys()]).toEqual([VILLAGE_A, VILLAGE_B]);
    expect(r.byVillage.get(VILLAGE_A)).toMatchObject({ targets: 2, visited: 2, coverage: 1 });
    expect(r.byVillage.get(VILLAGE_B)).toMatchObject({ targets: 2, visited: 1, visitedLate: 1, coverage: 0.5, hardshipVisited: 1, overdue: 1 });
    expect(r.byCadre).toBeNull();
  });

  it('rolls up per cadre, the unassigned last', () => {
    const r = computeCoverage({ targets, visits, rule: RULE, now: LATER, assignments: [{ householdId: '3', cadreId: '20' }, { householdId: '1', cadreId: '10' }, { householdId: '2', cadreId: '10' }] });
    expect([...r.byCadre!.keys()]).toEqual(['10', '20', null]);
    expect(r.byCadre!.get('10')).toMatchObject({ targets: 2, visited: 2, hardshipTargets: 1, hardshipVisited: 1 });
    expect(r.byCadre!.get(null)).toMatchObject({ targets: 1, visited: 0, overdue: 1, coverage: 0 });
  });

  it('has no coverage ratio without targets, and refuses a target or an assignment given twice', () => {
    expect(computeCoverage({ targets: [], visits, rule: RULE, now: LATER }).total.coverage).toBeNull();
    expect(() => computeCoverage({ targets: [...targets, targets[0]!], visits, rule: RULE, now: LATER })).toThrow('household 1 is a target twice');
    expect(() => computeCoverage({ targets, visits, rule: RULE, now: LATER, assignments: [{ householdId: '1', cadreId: '1' }, { householdId: '1', cadreId: '2' }] })).toThrow('assigned twice');
  });

  it('never decreases as now moves forward before the deadline (progress curve), and agrees with a direct count', () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const many: CoverageTarget[] = Array.from({ length: 200 }, (_, i) => ({ householdId: String(i + 1), villageCode: i % 2 ? VILLAGE_A : VILLAGE_B, hardship: i % 3 === 0 }));
    const start = Date.parse('2026-11-14T16:00:00Z');
    const span = Date.parse('2027-01-05T00:00:00Z') - start;
    const facts = Array.from({ length: 500 }, () => v(String(1 + Math.floor(rand() * 220)), new Date(start + Math.floor(rand() * span)).toISOString(), { voided: rand() < 0.1 }));
    let previous = -1;
    for (let day = 0; day <= 52; day += 1) {
      const now = new Date(start + day * 86_400_000);
      const r = computeCoverage({ targets: many, visits: facts, rule: RULE, now });
      expect(r.total.visited).toBeGreaterThanOrEqual(previous);
      previous = r.total.visited;
      // The direct count: households with enough non-voided visits made by now, by the deadline plus grace.
      const last = Date.parse('2027-01-03T16:00:00Z');
      const direct = many.filter((t) => {
        const n = facts.filter((f) => f.householdId === t.householdId && !f.voided && Date.parse(f.visitedAt as string) <= now.getTime() && Date.parse(f.visitedAt as string) < last).length;
        return n >= (t.hardship ? 2 : 1);
      }).length;
      expect(r.total.visited, `day ${day}`).toBe(direct);
      expect(r.total.visited + r.total.due + r.total.overdue).toBe(200);
      expect([...r.byVillage.values()].reduce((s, x) => s + x.targets, 0)).toBe(200);
    }
  });
});
