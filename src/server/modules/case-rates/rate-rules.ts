/**
 * The rules of the three rates (三率) as plain functions: which assignments and call-backs count,
 * for whom, and how the rates become a composite and a ranking. The SQL of `rates-sql.ts` counts
 * the same way in the database; `rates-sql.test.ts` holds the two together on generated edge data.
 *
 * Counting rules (per unit and Shanghai month; merged cases never count):
 * - response (响应率): assignments dispatched in the month. Responded = accepted by the response
 *   deadline, or handed on by the unit itself (escalated 上报 or returned 退回) by then — the unit
 *   did act on it. Not counted: merged; re-routed by the dispatcher (改派) before the deadline and
 *   before acceptance; still waiting with the deadline ahead (not yet decided).
 * - resolution (解决率) and satisfaction (满意率): reached call-backs in the month on the unit's
 *   assignments. A "not solved" answer (which reopens the case, 重办) is a failure of the unit the
 *   call-back was about. Satisfaction counts call-backs that recorded a satisfaction; 基本满意
 *   counts as satisfied when the county's setting says so.
 * - on time (按期办结率): assignments whose resolve deadline falls in the month. On time = resolved
 *   by the deadline. An automatic escalation is late. Not counted: merged; ended by the unit's
 *   own escalation or return, or by the dispatcher's re-routing, before the deadline (the unit's
 *   part ended without being due); still open with the deadline ahead. Ended so after the
 *   deadline, it was already late and counts as late.
 * - A township's row covers its own assignments and its villages' (the township answers for its
 *   territory, 三级联动); a village's and a department's rows are their own assignments.
 */
import type { TCaseRateLevel, TCaseWeights, TRate } from '../../../shared/cases/index.ts';
import { DEFAULT_CONFIDENCE, rankEstimates, twoSidedZ, wilsonInterval, type Ranking } from '../../stats/index.ts';

/** The Shanghai month [start, end) as instants (Shanghai keeps UTC+8 all year). */
export function monthBounds(month: string): { start: Date; end: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const EIGHT_HOURS = 8 * 3_600_000;
  return { start: new Date(Date.UTC(y, m - 1, 1) - EIGHT_HOURS), end: new Date(Date.UTC(y, m, 1) - EIGHT_HOURS) };
}

export type TEndReason = 'resolved' | 'escalated' | 'auto_escalated' | 'returned' | 'merged' | 'redispatched';

/** What the rules read of an assignment (case_assignment). */
export interface AssignmentFact {
  id: string;
  level: TCaseRateLevel;
  unitRegionId: string | null;
  unitDepartmentId: string | null;
  /** The township of a village unit (its parent), for the township's row. */
  unitParentId: string | null;
  dispatchedAt: Date;
  responseDueAt: Date;
  resolveDueAt: Date;
  acceptedAt: Date | null;
  resolvedAt: Date | null;
  endedAt: Date | null;
  endReason: TEndReason | null;
}

/** What the rules read of a call-back (case_callback). */
export interface CallbackFact {
  assignmentId: string;
  outcome: 'reached' | 'unreachable';
  solved: boolean | null;
  satisfaction: 'satisfied' | 'basically_satisfied' | 'dissatisfied' | null;
  calledAt: Date;
}

/** The counts behind one unit's rates. */
export interface UnitCounts {
  responseN: number;
  responded: number;
  callbacks: number;
  solved: number;
  satisfactionN: number;
  satisfied: number;
  /** Solved and satisfied among the call-backs with a satisfaction: their covariance in the composite. */
  solvedSatisfied: number;
  onTimeN: number;
  onTime: number;
}

export const ZERO_COUNTS: UnitCounts = { responseN: 0, responded: 0, callbacks: 0, solved: 0, satisfactionN: 0, satisfied: 0, solvedSatisfied: 0, onTimeN: 0, onTime: 0 };

/**
 * The unit key an assignment counts for at a level ('r<region id>' / 'd<department id>'), or
 * null when it does not count at that level.
 *
 * @example
 * unitKeyAt({ level: 'village', unitRegionId: '27', unitParentId: '5', unitDepartmentId: null }, 'township'); // 'r5'
 */
export function unitKeyAt(a: Pick<AssignmentFact, 'level' | 'unitRegionId' | 'unitDepartmentId' | 'unitParentId'>, level: TCaseRateLevel): string | null {
  if (level === 'department') return a.level === 'department' ? `d${a.unitDepartmentId}` : null;
  if (level === 'village') return a.level === 'village' ? `r${a.unitRegionId}` : null;
  if (a.level === 'township') return `r${a.unitRegionId}`;
  if (a.level === 'village') return a.unitParentId === null ? null : `r${a.unitParentId}`;
  return null;
}

const inMonth = (at: Date, b: { start: Date; end: Date }) => at >= b.start && at < b.end;

/**
 * Whether an assignment counts in the response rate, and whether it responded; null when it
 * does not count (see the module's rules).
 *
 * @example
 * responseOutcome({ ...a, acceptedAt: a.responseDueAt }, now); // true: accepted on the deadline's last instant
 */
export function responseOutcome(a: AssignmentFact, now: Date): boolean | null {
  if (a.endReason === 'merged') return null;
  const accepted = a.acceptedAt !== null && a.acceptedAt <= a.responseDueAt;
  const handedOn = a.acceptedAt === null && (a.endReason === 'escalated' || a.endReason === 'returned') && a.endedAt !== null && a.endedAt <= a.responseDueAt;
  if (accepted || handedOn) return true;
  if (a.acceptedAt === null && a.endReason === 'redispatched' && a.endedAt !== null && a.endedAt < a.responseDueAt) return null;
  if (a.acceptedAt === null && a.endedAt === null && a.responseDueAt > now) return null;
  return false;
}

/**
 * Whether an assignment counts in the on-time rate, and whether it was resolved on time; null
 * when it does not count.
 *
 * @example
 * onTimeOutcome({ ...a, endReason: 'auto_escalated', endedAt: a.resolveDueAt }, now); // false
 */
export function onTimeOutcome(a: AssignmentFact, now: Date): boolean | null {
  if (a.endReason === 'merged') return null;
  if (a.resolvedAt !== null) return a.resolvedAt <= a.resolveDueAt;
  const handedAway = a.endReason === 'escalated' || a.endReason === 'returned' || a.endReason === 'redispatched';
  if (handedAway && a.endedAt !== null && a.endedAt < a.resolveDueAt) return null;
  if (a.endedAt === null && a.resolveDueAt > now) return null;
  return false;
}

/**
 * The counts of every unit of a level in a month, in plain code: the rules' reference that the
 * SQL is tested against.
 *
 * @example
 * const counts = countCaseRates({ assignments, callbacks, month: '2026-11', level: 'township', now, basicallySatisfiedCounts: true });
 * counts.get('r5'); // { responseN: 12, responded: 11, … }
 */
export function countCaseRates(options: {
  assignments: readonly AssignmentFact[];
  callbacks: readonly CallbackFact[];
  month: string;
  level: TCaseRateLevel;
  now: Date;
  basicallySatisfiedCounts: boolean;
}): Map<string, UnitCounts> {
  const bounds = monthBounds(options.month);
  const out = new Map<string, UnitCounts>();
  const of = (key: string) => {
    let c = out.get(key);
    if (!c) out.set(key, (c = { ...ZERO_COUNTS }));
    return c;
  };
  const byId = new Map(options.assignments.map((a) => [a.id, a]));
  for (const a of options.assignments) {
    const key = unitKeyAt(a, options.level);
    if (key === null) continue;
    if (inMonth(a.dispatchedAt, bounds)) {
      const r = responseOutcome(a, options.now);
      if (r !== null) {
        const c = of(key);
        c.responseN++;
        if (r) c.responded++;
      }
    }
    if (inMonth(a.resolveDueAt, bounds)) {
      const r = onTimeOutcome(a, options.now);
      if (r !== null) {
        const c = of(key);
        c.onTimeN++;
        if (r) c.onTime++;
      }
    }
  }
  for (const cb of options.callbacks) {
    if (cb.outcome !== 'reached' || !inMonth(cb.calledAt, bounds)) continue;
    const a = byId.get(cb.assignmentId);
    if (!a || a.endReason === 'merged') continue;
    const key = unitKeyAt(a, options.level);
    if (key === null) continue;
    const c = of(key);
    c.callbacks++;
    if (cb.solved) c.solved++;
    if (cb.satisfaction !== null) {
      c.satisfactionN++;
      const satisfied = cb.satisfaction === 'satisfied' || (options.basicallySatisfiedCounts && cb.satisfaction === 'basically_satisfied');
      if (satisfied) c.satisfied++;
      if (satisfied && cb.solved) c.solvedSatisfied++;
    }
  }
  return out;
}

/**
 * A rate with its n and 95% Wilson interval (all null when n is 0).
 *
 * @example
 * rateOf(9, 10); // { successes: 9, n: 10, estimate: 0.9, lower: 0.596, upper: 0.982 }
 */
export function rateOf(successes: number, n: number): TRate {
  const w = wilsonInterval({ successes, n });
  return w === null ? { successes, n, estimate: null, lower: null, upper: null } : { successes, n, estimate: w.estimate, lower: w.interval.lower, upper: w.interval.upper };
}

/**
 * A rate's standard error read off its Wilson interval (half its width over z). Unlike
 * √(p(1−p)/n) it is not 0 at 0% or 100%, so a unit with 3 of 3 is not taken for an exact 100%
 * that every other unit differs from "significantly".
 *
 * @example
 * wilsonStandardError(rateOf(3, 3)); // ≈ 0.2
 */
export function wilsonStandardError(rate: TRate): number | null {
  if (rate.lower === null || rate.upper === null) return null;
  return (rate.upper - rate.lower) / (2 * twoSidedZ(DEFAULT_CONFIDENCE));
}

/**
 * The composite (综合得分): w_response·response + w_resolution·resolution + w_satisfaction·satisfaction,
 * with its standard error (each rate's Wilson-based error; resolution and satisfaction come
 * from the same call-backs, so their covariance is added when both have the same base). Null
 * when a rate with a weight above 0 has no n.
 *
 * @example
 * compositeOf({ response: 0.1, resolution: 0.5, satisfaction: 0.4 }, { response: rateOf(9, 10), resolution: rateOf(8, 10), satisfaction: rateOf(7, 10) }, 6);
 * // => { composite: 0.77, standardError: … }
 */
export function compositeOf(
  weights: TCaseWeights,
  rates: { response: TRate; resolution: TRate; satisfaction: TRate },
  solvedSatisfied: number,
): { composite: number | null; standardError: number | null } {
  const parts = [
    [weights.response, rates.response],
    [weights.resolution, rates.resolution],
    [weights.satisfaction, rates.satisfaction],
  ] as const;
  let composite = 0;
  let variance = 0;
  for (const [w, r] of parts) {
    if (w === 0) continue;
    const se = wilsonStandardError(r);
    if (r.estimate === null || se === null) return { composite: null, standardError: null };
    composite += w * r.estimate;
    variance += w * w * se * se;
  }
  const { resolution: res, satisfaction: sat } = rates;
  if (weights.resolution > 0 && weights.satisfaction > 0 && res.n === sat.n && res.n > 0) {
    const covariance = (solvedSatisfied / res.n - (res.estimate ?? 0) * (sat.estimate ?? 0)) / res.n;
    variance += 2 * weights.resolution * weights.satisfaction * covariance;
  }
  return { composite, standardError: Math.sqrt(Math.max(0, variance)) };
}

/** Family-wise level of the ranking's comparisons, as the survey's results. */
export const RANK_ALPHA = 0.05;

/**
 * Ranks units by composite with the survey's method (`rankEstimates`: pairwise z-tests, Holm's
 * adjustment), leaving out units without a composite.
 *
 * @example
 * rankComposites([{ key: 'r5', composite: 0.9, standardError: 0.02 }, { key: 'r6', composite: 0.7, standardError: 0.03 }]).items[0].id; // 'r5'
 */
export function rankComposites(rows: readonly { key: string; composite: number | null; standardError: number | null }[]): Ranking {
  const items = rows.flatMap((r) => (r.composite === null || r.standardError === null ? [] : [{ id: r.key, estimate: r.composite, standardError: r.standardError }]));
  return rankEstimates({ items, alpha: RANK_ALPHA, adjustment: 'holm' });
}
