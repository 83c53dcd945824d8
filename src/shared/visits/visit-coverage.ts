/**
 * Coverage of a campaign (走访覆盖): per target household, is it done, due or overdue at a given
 * instant, and roll-ups per village and per cadre (issue 10, points 2 and 6). Pure: the server
 * runs it for reports, the offline web app for "my households and what is due".
 *
 * How a visit counts, with D = the deadline and G = the grace days (Asia/Shanghai dates):
 * - its *effective date* is the Shanghai date of the later of when it happened (`visitedAt`) and
 *   when it reached the server (`recordedAt`, when known): a visit made on time but entered after
 *   the deadline is a late entry (补录);
 * - effective date before the campaign's start: not counted (it belongs to no campaign day);
 * - effective date ≤ D: counts on time;
 * - D < effective date ≤ D + G: counts, marked `late` (补录);
 * - later: not counted;
 * - a voided visit never counts, and neither does one whose instants lie after `now` (so the
 *   same function draws the daily progress curve by moving `now`).
 */
import { localDate } from '../time.ts';

/** A household the campaign targets, with its village's division code. */
export interface CoverageTarget {
  householdId: string;
  villageCode: string;
  hardship: boolean;
}

/** What coverage needs of a visit. Instants as ISO strings or Dates. */
export interface VisitFact {
  householdId: string;
  visitedAt: string | Date;
  /** When the server received it; absent on the phone before it is sent. */
  recordedAt?: string | Date | null;
  voided: boolean;
}

/** The campaign's rule (`TDoneRule` with the campaign's start and grace days). */
export interface CoverageRule {
  /** First day of the campaign (YYYY-MM-DD); visits dated before it do not count. */
  startsOn?: string;
  deadline: string;
  minVisits: number;
  minVisitsHardship: number;
  graceDays: number;
}

/**
 * - `done`: enough visits counted on time;
 * - `done_late`: enough only with late entries (补录);
 * - `due`: not enough yet, the deadline not passed (today in Shanghai ≤ deadline);
 * - `overdue`: not enough, the deadline passed.
 */
export type HouseholdCoverageStatus = 'done' | 'done_late' | 'due' | 'overdue';

export interface HouseholdCoverage {
  householdId: string;
  villageCode: string;
  hardship: boolean;
  required: number;
  onTime: number;
  late: number;
  status: HouseholdCoverageStatus;
  /** Visits still needed (0 when done). */
  missing: number;
}

export interface CoverageRollup {
  targets: number;
  /** Households whose rule is met (on time or late). */
  visited: number;
  /** Of `visited`, those met only thanks to late entries (补录). */
  visitedLate: number;
  /** visited / targets; null with no targets. */
  coverage: number | null;
  hardshipTargets: number;
  hardshipVisited: number;
  due: number;
  overdue: number;
}

export interface CoverageReport {
  households: HouseholdCoverage[];
  total: CoverageRollup;
  /** Per village code, in code order. */
  byVillage: Map<string, CoverageRollup>;
  /** Per cadre id (string order), when assignments were given; `null` (last) gathers the unassigned. */
  byCadre: Map<string | null, CoverageRollup> | null;
}

/** A target household given to a cadre (one cadre per household and campaign). */
export interface Assignment {
  householdId: string;
  cadreId: string;
}

const DAY_MS = 86_400_000;

/**
 * A calendar date plus some days.
 *
 * @example
 * addDays('2026-12-31', 1); // '2027-01-01'
 */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = Date.UTC(y, m - 1, d) + days * DAY_MS;
  return new Date(t).toISOString().slice(0, 10);
}

const instant = (at: string | Date) => (typeof at === 'string' ? new Date(at) : at);

export type VisitTiming = 'on_time' | 'late' | 'too_late' | 'too_early' | 'not_yet' | 'voided';

/**
 * How one visit counts under the rule at `now` (see the file's comment).
 *
 * @example
 * const rule = { deadline: '2026-12-31', minVisits: 1, minVisitsHardship: 2, graceDays: 3 };
 * // 23:30 in Shanghai on the deadline day is 15:30 UTC: on time.
 * visitTiming({ householdId: '1', visitedAt: '2026-12-31T15:30:00Z', voided: false }, rule, new Date('2027-02-01T00:00:00Z')); // 'on_time'
 */
export function visitTiming(visit: VisitFact, rule: CoverageRule, now: Date): VisitTiming {
  if (visit.voided) return 'voided';
  const visited = instant(visit.visitedAt);
  const recorded = visit.recordedAt == null ? visited : instant(visit.recordedAt);
  const effective = recorded.getTime() > visited.getTime() ? recorded : visited;
  if (effective.getTime() > now.getTime()) return 'not_yet';
  const day = localDate(effective);
  if (rule.startsOn !== undefined && localDate(visited) < rule.startsOn) return 'too_early';
  if (day <= rule.deadline) return 'on_time';
  if (day <= addDays(rule.deadline, rule.graceDays)) return 'late';
  return 'too_late';
}

const emptyRollup = (): CoverageRollup => ({ targets: 0, visited: 0, visitedLate: 0, coverage: null, hardshipTargets: 0, hardshipVisited: 0, due: 0, overdue: 0 });

function add(r: CoverageRollup, h: HouseholdCoverage) {
  const visited = h.status === 'done' || h.status === 'done_late';
  r.targets += 1;
  if (visited) r.visited += 1;
  if (h.status === 'done_late') r.visitedLate += 1;
  if (h.hardship) r.hardshipTargets += 1;
  if (h.hardship && visited) r.hardshipVisited += 1;
  if (h.status === 'due') r.due += 1;
  if (h.status === 'overdue') r.overdue += 1;
  r.coverage = r.visited / r.targets;
}

const byKey = <K extends string | null>(a: K, b: K) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);

/**
 * Each target household's status at `now` and the roll-ups. Visits to households that are not
 * targets are ignored; a household listed twice as a target, or assigned twice, is a caller's
 * error (thrown).
 *
 * @example
 * const report = computeCoverage({
 *   targets: [{ householdId: '1', villageCode: '370921104201', hardship: true }],
 *   visits: [{ householdId: '1', visitedAt: '2026-12-01T02:00:00Z', voided: false }],
 *   rule: { deadline: '2026-12-31', minVisits: 1, minVisitsHardship: 2, graceDays: 7 },
 *   now: new Date('2026-12-02T00:00:00Z'),
 * });
 * report.households[0]!.status; // 'due' (one visit of two)
 */
export function computeCoverage(input: { targets: readonly CoverageTarget[]; visits: readonly VisitFact[]; rule: CoverageRule; now: Date; assignments?: readonly Assignment[] }): CoverageReport {
  const { targets, visits, rule, now } = input;
  const counts = new Map<string, { onTime: number; late: number }>();
  for (const t of targets) {
    if (counts.has(t.householdId)) throw new Error(`household ${t.householdId} is a target twice`);
    counts.set(t.householdId, { onTime: 0, late: 0 });
  }
  for (const v of visits) {
    const c = counts.get(v.householdId);
    if (c === undefined) continue;
    const timing = visitTiming(v, rule, now);
    if (timing === 'on_time') c.onTime += 1;
    else if (timing === 'late') c.late += 1;
  }
  const today = localDate(now);
  const households = targets.map((t): HouseholdCoverage => {
    const { onTime, late } = counts.get(t.householdId)!;
    const required = t.hardship ? rule.minVisitsHardship : rule.minVisits;
    const status: HouseholdCoverageStatus = onTime >= required ? 'done' : onTime + late >= required ? 'done_late' : today <= rule.deadline ? 'due' : 'overdue';
    return { householdId: t.householdId, villageCode: t.villageCode, hardship: t.hardship, required, onTime, late, status, missing: Math.max(0, required - onTime - late) };
  });

  const total = emptyRollup();
  const villages = new Map<string, CoverageRollup>();
  for (const h of households) {
    add(total, h);
    let r = villages.get(h.villageCode);
    if (r === undefined) villages.set(h.villageCode, (r = emptyRollup()));
    add(r, h);
  }

  let byCadre: Map<string | null, CoverageRollup> | null = null;
  if (input.assignments !== undefined) {
    const cadreOf = new Map<string, string>();
    for (const a of input.assignments) {
      if (cadreOf.has(a.householdId)) throw new Error(`household ${a.householdId} is assigned twice`);
      cadreOf.set(a.householdId, a.cadreId);
    }
    const cadres = new Map<string | null, CoverageRollup>();
    for (const h of households) {
      const key = cadreOf.get(h.householdId) ?? null;
      let r = cadres.get(key);
      if (r === undefined) cadres.set(key, (r = emptyRollup()));
      add(r, h);
    }
    byCadre = new Map([...cadres].sort(([a], [b]) => byKey(a, b)));
  }
  return { households, total, byVillage: new Map([...villages].sort(([a], [b]) => byKey(a, b))), byCadre };
}
