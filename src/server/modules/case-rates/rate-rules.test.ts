/** The rules of the three rates, case by case, and the composite and ranking built on them. */
import { describe, expect, it } from 'vitest';
import { ZCaseSettingsInput, ZCaseWeights } from '../../../shared/cases/index.ts';
import { compositeOf, countCaseRates, monthBounds, onTimeOutcome, rankComposites, rateOf, responseOutcome, unitKeyAt, wilsonStandardError, type AssignmentFact } from './rate-rules.ts';

const at = (s: string) => new Date(s);
const base: AssignmentFact = {
  id: '1',
  level: 'village',
  unitRegionId: '27',
  unitDepartmentId: null,
  unitParentId: '5',
  dispatchedAt: at('2026-11-02T01:00:00Z'),
  responseDueAt: at('2026-11-02T09:00:00Z'),
  resolveDueAt: at('2026-11-10T16:00:00Z'),
  acceptedAt: null,
  resolvedAt: null,
  endedAt: null,
  endReason: null,
};
const LATER = at('2027-01-01T00:00:00Z');
const BEFORE_DUE = at('2026-11-02T05:00:00Z');

describe('monthBounds', () => {
  it('is the Shanghai month, midnight to midnight (UTC+8)', () => {
    expect(monthBounds('2026-11')).toEqual({ start: at('2026-10-31T16:00:00Z'), end: at('2026-11-30T16:00:00Z') });
    expect(monthBounds('2026-12')).toEqual({ start: at('2026-11-30T16:00:00Z'), end: at('2026-12-31T16:00:00Z') });
    expect(monthBounds('2024-02').end).toEqual(at('2024-02-29T16:00:00Z'));
  });
});

describe('unitKeyAt', () => {
  const village = { level: 'village' as const, unitRegionId: '27', unitDepartmentId: null, unitParentId: '5' };
  const township = { level: 'township' as const, unitRegionId: '5', unitDepartmentId: null, unitParentId: '2' };
  const department = { level: 'department' as const, unitRegionId: null, unitDepartmentId: '4', unitParentId: null };
  it.each([
    [village, 'village', 'r27'],
    [village, 'township', 'r5'],
    [village, 'department', null],
    [township, 'village', null],
    [township, 'township', 'r5'],
    [township, 'department', null],
    [department, 'village', null],
    [department, 'township', null],
    [department, 'department', 'd4'],
  ] as const)('%o at %s → %s', (a, level, key) => expect(unitKeyAt(a, level)).toBe(key));
});

describe('responseOutcome', () => {
  it.each([
    ['accepted before the deadline', { acceptedAt: BEFORE_DUE }, LATER, true],
    ['accepted on the deadline’s last instant', { acceptedAt: base.responseDueAt }, LATER, true],
    ['accepted a millisecond late', { acceptedAt: new Date(base.responseDueAt.getTime() + 1) }, LATER, false],
    ['accepted late, then resolved', { acceptedAt: at('2026-11-03T00:00:00Z'), resolvedAt: at('2026-11-04T00:00:00Z'), endedAt: at('2026-11-04T00:00:00Z'), endReason: 'resolved' }, LATER, false],
    ['escalated by the unit in time without accepting', { endedAt: BEFORE_DUE, endReason: 'escalated' }, LATER, true],
    ['returned by the unit in time', { endedAt: BEFORE_DUE, endReason: 'returned' }, LATER, true],
    ['escalated by the unit after the deadline', { endedAt: at('2026-11-03T00:00:00Z'), endReason: 'escalated' }, LATER, false],
    ['escalated automatically', { endedAt: base.responseDueAt, endReason: 'auto_escalated' }, LATER, false],
    ['re-routed by the dispatcher before the deadline', { endedAt: BEFORE_DUE, endReason: 'redispatched' }, LATER, null],
    ['re-routed after the deadline, never accepted', { endedAt: at('2026-11-03T00:00:00Z'), endReason: 'redispatched' }, LATER, false],
    ['re-routed after an acceptance in time', { acceptedAt: BEFORE_DUE, endedAt: at('2026-11-03T00:00:00Z'), endReason: 'redispatched' }, LATER, true],
    ['merged', { acceptedAt: BEFORE_DUE, endedAt: BEFORE_DUE, endReason: 'merged' }, LATER, null],
    ['still waiting, deadline ahead', {}, BEFORE_DUE, null],
    ['still waiting, deadline passed', {}, LATER, false],
    ['still waiting at the deadline’s instant', {}, base.responseDueAt, false],
  ] as const)('%s', (_what, change, now, expected) => expect(responseOutcome({ ...base, ...change } as AssignmentFact, now)).toBe(expected));
});

describe('onTimeOutcome', () => {
  const due = base.resolveDueAt;
  const before = at('2026-11-05T00:00:00Z');
  const after = at('2026-11-12T00:00:00Z');
  it.each([
    ['resolved before the deadline', { acceptedAt: BEFORE_DUE, resolvedAt: before, endedAt: before, endReason: 'resolved' }, LATER, true],
    ['resolved on the deadline’s instant', { acceptedAt: BEFORE_DUE, resolvedAt: due, endedAt: due, endReason: 'resolved' }, LATER, true],
    ['resolved late', { acceptedAt: BEFORE_DUE, resolvedAt: after, endedAt: after, endReason: 'resolved' }, LATER, false],
    ['escalated automatically', { endedAt: due, endReason: 'auto_escalated' }, LATER, false],
    ['escalated by the unit before the deadline', { endedAt: before, endReason: 'escalated' }, LATER, null],
    ['returned by the unit before the deadline', { endedAt: before, endReason: 'returned' }, LATER, null],
    ['re-routed before the deadline', { endedAt: before, endReason: 'redispatched' }, LATER, null],
    ['escalated by the unit after the deadline', { endedAt: after, endReason: 'escalated' }, LATER, false],
    ['merged', { endedAt: before, endReason: 'merged' }, LATER, null],
    ['open, deadline ahead', { acceptedAt: BEFORE_DUE }, before, null],
    ['open, deadline passed', { acceptedAt: BEFORE_DUE }, after, false],
  ] as const)('%s', (_what, change, now, expected) => expect(onTimeOutcome({ ...base, ...change } as AssignmentFact, now)).toBe(expected));
});

describe('countCaseRates', () => {
  const november = '2026-11';
  it('counts each rule for the month only, the township over its villages, reopened "not solved" against the unit, 基本满意 by the setting', () => {
    const assignments: AssignmentFact[] = [
      { ...base, id: 'a', acceptedAt: BEFORE_DUE, resolvedAt: at('2026-11-05T00:00:00Z'), endedAt: at('2026-11-05T00:00:00Z'), endReason: 'resolved' },
      { ...base, id: 'b', level: 'township', unitRegionId: '5', unitParentId: '2', dispatchedAt: at('2026-10-31T15:59:59Z') }, // 23:59:59 on 31 Oct in Shanghai
      { ...base, id: 'c', dispatchedAt: at('2026-10-31T16:00:00Z'), acceptedAt: BEFORE_DUE, resolveDueAt: at('2026-12-01T00:00:00Z'), resolvedAt: at('2026-11-20T00:00:00Z'), endedAt: at('2026-11-20T00:00:00Z'), endReason: 'resolved' },
      { ...base, id: 'd', level: 'department', unitRegionId: null, unitDepartmentId: '4', unitParentId: null },
    ];
    const callbacks = [
      { assignmentId: 'a', outcome: 'reached' as const, solved: false, satisfaction: 'dissatisfied' as const, calledAt: at('2026-11-06T00:00:00Z') },
      { assignmentId: 'c', outcome: 'reached' as const, solved: true, satisfaction: 'basically_satisfied' as const, calledAt: at('2026-11-21T00:00:00Z') },
      { assignmentId: 'c', outcome: 'unreachable' as const, solved: null, satisfaction: null, calledAt: at('2026-11-20T10:00:00Z') },
      { assignmentId: 'a', outcome: 'reached' as const, solved: true, satisfaction: 'satisfied' as const, calledAt: at('2026-12-01T00:00:00Z') },
    ];
    const now = LATER;
    const village = countCaseRates({ assignments, callbacks, month: november, level: 'village', now, basicallySatisfiedCounts: true });
    expect(village.get('r27')).toEqual({ responseN: 2, responded: 2, callbacks: 2, solved: 1, satisfactionN: 2, satisfied: 1, solvedSatisfied: 1, onTimeN: 1, onTime: 1 });
    const strict = countCaseRates({ assignments, callbacks, month: november, level: 'village', now, basicallySatisfiedCounts: false });
    expect(strict.get('r27')?.satisfied).toBe(0);
    const township = countCaseRates({ assignments, callbacks, month: november, level: 'township', now, basicallySatisfiedCounts: true });
    // b was dispatched in October (Shanghai) but its resolve deadline is in November: late (open, passed).
    expect(township.get('r5')).toEqual({ responseN: 2, responded: 2, callbacks: 2, solved: 1, satisfactionN: 2, satisfied: 1, solvedSatisfied: 1, onTimeN: 2, onTime: 1 });
    const departments = countCaseRates({ assignments, callbacks, month: november, level: 'department', now, basicallySatisfiedCounts: true });
    expect([...departments.keys()]).toEqual(['d4']);
    expect(departments.get('d4')).toMatchObject({ responseN: 1, responded: 0, onTimeN: 1, onTime: 0 });
  });
});

describe('rateOf and its standard error', () => {
  it('gives n, the estimate and the Wilson interval, null at n = 0', () => {
    expect(rateOf(0, 0)).toEqual({ successes: 0, n: 0, estimate: null, lower: null, upper: null });
    const r = rateOf(9, 10);
    expect(r.estimate).toBe(0.9);
    expect(r.lower).toBeCloseTo(0.5958, 3);
    expect(r.upper).toBeCloseTo(0.9821, 3);
  });
  it('is never 0 at 0% or 100%', () => {
    expect(wilsonStandardError(rateOf(3, 3))).toBeGreaterThan(0.1);
    expect(wilsonStandardError(rateOf(0, 3))).toBeGreaterThan(0.1);
    expect(wilsonStandardError(rateOf(0, 0))).toBeNull();
  });
});

describe('compositeOf', () => {
  const weights = { response: 0.1, resolution: 0.5, satisfaction: 0.4 };
  it('is the weighted sum', () => {
    const c = compositeOf(weights, { response: rateOf(9, 10), resolution: rateOf(8, 10), satisfaction: rateOf(7, 10) }, 6);
    expect(c.composite).toBeCloseTo(0.09 + 0.4 + 0.28, 12);
    expect(c.standardError).toBeGreaterThan(0);
  });
  it('is null when a weighted rate has no n, and ignores a rate weighted 0', () => {
    expect(compositeOf(weights, { response: rateOf(0, 0), resolution: rateOf(8, 10), satisfaction: rateOf(7, 10) }, 6)).toEqual({ composite: null, standardError: null });
    const c = compositeOf({ response: 0, resolution: 0.5, satisfaction: 0.5 }, { response: rateOf(0, 0), resolution: rateOf(8, 10), satisfaction: rateOf(6, 10) }, 6);
    expect(c.composite).toBeCloseTo(0.7, 12);
  });
  it('adds the covariance of resolution and satisfaction from the same call-backs', () => {
    const rates = { response: rateOf(50, 50), resolution: rateOf(25, 50), satisfaction: rateOf(25, 50) };
    const together = compositeOf(weights, rates, 25).standardError!;
    const apart = compositeOf(weights, rates, 0).standardError!;
    expect(together).toBeGreaterThan(apart);
  });
});

describe('rankComposites', () => {
  it('ranks by composite, leaves out units without one, and keeps close units together', () => {
    const ranking = rankComposites([
      { key: 'a', composite: 0.9, standardError: 0.01 },
      { key: 'b', composite: 0.89, standardError: 0.01 },
      { key: 'c', composite: 0.5, standardError: 0.01 },
      { key: 'd', composite: null, standardError: null },
    ]);
    expect(ranking.items.map((i) => [i.id, i.rank, i.bestRank, i.worstRank])).toEqual([
      ['a', 1, 1, 2],
      ['b', 2, 1, 2],
      ['c', 3, 3, 3],
    ]);
    expect(ranking.items[0]!.notSignificantlyDifferent).toEqual(['b']);
  });
});

describe('settings schema', () => {
  it('takes weights in thousandths that add up to 1 exactly', () => {
    expect(ZCaseWeights.safeParse({ response: 0.1, resolution: 0.5, satisfaction: 0.4 }).success).toBe(true);
    expect(ZCaseWeights.safeParse({ response: 0.333, resolution: 0.333, satisfaction: 0.334 }).success).toBe(true);
    expect(ZCaseWeights.safeParse({ response: 0.3, resolution: 0.3, satisfaction: 0.3 }).success).toBe(false);
    expect(ZCaseWeights.safeParse({ response: 0.1005, resolution: 0.4995, satisfaction: 0.4 }).success).toBe(false);
    expect(ZCaseWeights.safeParse({ response: -0.1, resolution: 0.7, satisfaction: 0.4 }).success).toBe(false);
    expect(ZCaseWeights.safeParse({ response: 1, resolution: 0, satisfaction: 0 }).success).toBe(true);
  });
  it('bounds the hours and attempts as the table does', () => {
    const ok = { weights: { response: 0.1, resolution: 0.5, satisfaction: 0.4 }, basicallySatisfiedCounts: true, dueSoonHours: 8, callbackAttemptsToClose: 3, autoEscalate: true };
    expect(ZCaseSettingsInput.safeParse(ok).success).toBe(true);
    expect(ZCaseSettingsInput.safeParse({ ...ok, dueSoonHours: 0 }).success).toBe(false);
    expect(ZCaseSettingsInput.safeParse({ ...ok, dueSoonHours: 241 }).success).toBe(false);
    expect(ZCaseSettingsInput.safeParse({ ...ok, callbackAttemptsToClose: 11 }).success).toBe(false);
    expect(ZCaseSettingsInput.safeParse({ ...ok, extra: 1 }).success).toBe(false);
  });
});
