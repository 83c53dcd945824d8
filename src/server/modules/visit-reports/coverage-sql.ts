/**
 * The campaign's coverage counted in SQL, with exactly the rules of `computeCoverage`
 * (shared/visits/visit-coverage.ts), so that a county of 230,000 target households and 300,000
 * visits is counted in one aggregate query instead of being loaded into the server:
 *
 * - a visit's effective instant is the later of `visited_at` and `recorded_at`; its effective
 *   date is that instant's Asia/Shanghai date;
 * - voided visits, visits whose effective instant is after `now`, and visits made (visited_at,
 *   Shanghai date) before the campaign's start never count;
 * - effective date ≤ deadline: on time; ≤ deadline + grace days: late (补录); later: not counted;
 * - a household is `done` with enough on-time visits, `done_late` with enough counting the late
 *   ones, else `due` while today (Shanghai) ≤ deadline, else `overdue`.
 *
 * The visits counted are the campaign's (`visit.campaign_id`). `visit-coverage-sql.test.ts`
 * checks every figure against `computeCoverage` on generated data, on both dialects.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { addDays, type TCampaignDefinition } from '../../../shared/visits/index.ts';
import { localDate } from '../../../shared/time.ts';
import { inSubtree } from '../../scope/index.ts';

export interface CoverageSqlInput {
  campaignId: string;
  countyCode: string;
  /** Only target households whose village lies in this region's subtree. */
  regionPath: string;
  definition: Pick<TCampaignDefinition, 'period' | 'done' | 'graceDays' | 'aidStandards'>;
  now: Date;
}

/**
 * Each hardship category's planned money per household: the sum over its standard's items of
 * the amount times the deliveries the item allows.
 *
 * @example
 * planByCategory({ aidStandards: [{ categoryCode: 'dibao', items: [{ code: 'c', name: '慰问金', amountFen: 30000, goods: [], deliveriesPerHousehold: 1 }] }] });
 * // { codes: ['dibao'], fen: [30000] }
 */
export function planByCategory(definition: Pick<TCampaignDefinition, 'aidStandards'>): { codes: string[]; fen: number[] } {
  const codes: string[] = [];
  const fen: number[] = [];
  for (const s of definition.aidStandards) {
    codes.push(s.categoryCode);
    fen.push(s.items.reduce((sum, i) => sum + (i.amountFen ?? 0) * i.deliveriesPerHousehold, 0));
  }
  return { codes, fen };
}

/**
 * The instant a Shanghai calendar day begins. Asia/Shanghai is UTC+8 all year (no daylight
 * saving since 1991), so "effective date ≤ D" is "effective instant < the start of D + 1": the
 * SQL compares instants with constants and converts no time zone per row.
 *
 * @example
 * shanghaiDayStart('2026-12-26'); // '2026-12-25T16:00:00.000Z'
 */
export const shanghaiDayStart = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 8 * 3_600_000).toISOString();

const effectiveAt = sql`greatest(vi.visited_at, vi.recorded_at)`;

/** The Shanghai date of the effective instant of a visit aliased `vi` (for the progress curve's days). */
const effectiveDay = sql`((${effectiveAt} + interval '8 hours') AT TIME ZONE 'UTC')::date`;

/** Conditions under which a visit aliased `vi` may count at all (see the file's comment). */
function countableVisit(o: CoverageSqlInput): RawBuilder<unknown> {
  const lastDay = addDays(o.definition.done.deadline, o.definition.graceDays);
  return sql`vi.campaign_id = ${o.campaignId} AND vi.county_code = ${o.countyCode} AND vi.voided_at IS NULL
    AND ${effectiveAt} <= ${o.now.toISOString()}::timestamptz
    AND vi.visited_at >= ${shanghaiDayStart(o.definition.period.startsOn)}::timestamptz
    AND ${effectiveAt} < ${shanghaiDayStart(addDays(lastDay, 1))}::timestamptz`;
}

/**
 * The CTEs `counted` (visits per household, on time and late) and `hh` (every target household
 * in the region, with its village path, cadre, required visits, counts, status, planned and
 * delivered money). Callers write `WITH ${householdCoverageCtes(o)} SELECT … FROM hh …`.
 *
 * @example
 * await sql`WITH ${householdCoverageCtes(input)} SELECT status, count(*) FROM hh GROUP BY status`.execute(db);
 */
export function householdCoverageCtes(o: CoverageSqlInput): RawBuilder<unknown> {
  const { deadline, minVisits, minVisitsHardship } = o.definition.done;
  const today = localDate(o.now);
  const plan = planByCategory(o.definition);
  const onTimeBefore = shanghaiDayStart(addDays(deadline, 1));
  return sql`counted AS (
      SELECT vi.household_id,
             count(*) FILTER (WHERE ${effectiveAt} < ${onTimeBefore}::timestamptz) AS on_time,
             count(*) FILTER (WHERE ${effectiveAt} >= ${onTimeBefore}::timestamptz) AS late
      FROM visit vi
      WHERE ${countableVisit(o)}
      GROUP BY vi.household_id
    ),
    delivered AS (
      SELECT a.household_id, sum(a.amount_fen) AS fen
      FROM aid_delivery a
      WHERE a.campaign_id = ${o.campaignId} AND a.county_code = ${o.countyCode} AND a.voided_at IS NULL
      GROUP BY a.household_id
    ),
    plan AS (SELECT * FROM unnest(${plan.codes}::text[], ${plan.fen}::bigint[]) AS p(code, fen)),
    base AS (
      SELECT t.household_id, t.village_id, t.cadre_id, t.hardship, v.path,
             (CASE WHEN t.hardship THEN ${minVisitsHardship} ELSE ${minVisits} END)::int AS required,
             coalesce(c.on_time, 0)::int AS on_time, coalesce(c.late, 0)::int AS late,
             CASE WHEN cardinality(t.category_codes) = 0 THEN 0
                  ELSE (SELECT coalesce(sum(p.fen), 0) FROM plan p WHERE p.code = ANY (t.category_codes)) END AS planned_fen,
             coalesce(d.fen, 0) AS delivered_fen
      FROM visit_target t
      JOIN region v ON v.id = t.village_id
      LEFT JOIN counted c ON c.household_id = t.household_id
      LEFT JOIN delivered d ON d.household_id = t.household_id
      WHERE t.campaign_id = ${o.campaignId} AND t.county_code = ${o.countyCode} AND ${inSubtree(sql.ref<string>('v.path'), o.regionPath)}
    ),
    hh AS (
      SELECT base.*,
             CASE WHEN on_time >= required THEN 'done'
                  WHEN on_time + late >= required THEN 'done_late'
                  WHEN ${today}::date <= ${deadline}::date THEN 'due'
                  ELSE 'overdue' END AS status
      FROM base
    )`;
}

/** The figures of one group of households, as SQL select items over `hh`. */
export const ROLLUP_COLUMNS = sql`count(*)::int AS targets,
  (count(*) FILTER (WHERE status IN ('done', 'done_late')))::int AS visited,
  (count(*) FILTER (WHERE status = 'done_late'))::int AS visited_late,
  (count(*) FILTER (WHERE hardship))::int AS hardship_targets,
  (count(*) FILTER (WHERE hardship AND status IN ('done', 'done_late')))::int AS hardship_visited,
  (count(*) FILTER (WHERE status = 'due'))::int AS due,
  (count(*) FILTER (WHERE status = 'overdue'))::int AS overdue,
  coalesce(sum(planned_fen), 0)::bigint::text AS planned_fen,
  coalesce(sum(delivered_fen), 0)::bigint::text AS delivered_fen`;

export interface RollupRow {
  targets: number;
  visited: number;
  visited_late: number;
  hardship_targets: number;
  hardship_visited: number;
  due: number;
  overdue: number;
  planned_fen: string;
  delivered_fen: string;
}

/** A roll-up row as the API's figures. */
export function toFigures(r: RollupRow | undefined) {
  const targets = r?.targets ?? 0;
  const visited = r?.visited ?? 0;
  return {
    targets,
    visited,
    visitedLate: r?.visited_late ?? 0,
    coverage: targets === 0 ? null : visited / targets,
    hardshipTargets: r?.hardship_targets ?? 0,
    hardshipVisited: r?.hardship_visited ?? 0,
    due: r?.due ?? 0,
    overdue: r?.overdue ?? 0,
    plannedFen: Number(r?.planned_fen ?? 0),
    deliveredFen: Number(r?.delivered_fen ?? 0),
  };
}

/**
 * The day each household's rule was met (its `required`-th counted visit in effective order),
 * for the daily progress curve: `SELECT day, count(*) … GROUP BY day` over this CTE `met`.
 * At the end of day D a household is met exactly when `computeCoverage` at that instant says
 * done or done_late.
 *
 * @example
 * await sql`WITH ${metDayCtes(input)} SELECT day::text, count(*)::int AS n FROM met GROUP BY day`.execute(db);
 */
export function metDayCtes(o: CoverageSqlInput): RawBuilder<unknown> {
  const { minVisits, minVisitsHardship } = o.definition.done;
  return sql`ranked AS (
      SELECT t.household_id, (CASE WHEN t.hardship THEN ${minVisitsHardship} ELSE ${minVisits} END)::int AS required,
             ${effectiveDay} AS day,
             row_number() OVER (PARTITION BY t.household_id ORDER BY greatest(vi.visited_at, vi.recorded_at), vi.id) AS n
      FROM visit_target t
      JOIN region v ON v.id = t.village_id
      JOIN visit vi ON vi.household_id = t.household_id
      WHERE t.campaign_id = ${o.campaignId} AND t.county_code = ${o.countyCode} AND ${inSubtree(sql.ref<string>('v.path'), o.regionPath)}
        AND ${countableVisit(o)}
    ),
    met AS (SELECT household_id, day FROM ranked WHERE n = required)`;
}

/**
 * The coverage report's one aggregate statement: every target household in the region counted
 * and rolled up by its child region (`groupBy: 'region'`, the path's next segment below a region
 * of `depth` ids) or by its assigned cadre ('' for the unassigned). The benchmark runs the same
 * statement straight on the database.
 *
 * @example
 * const { rows } = await coverageRollupQuery({ ...input, groupBy: 'region', depth: 1 }).execute(db);
 */
export function coverageRollupQuery(o: CoverageSqlInput & { groupBy: 'region' | 'cadre'; depth: number }): RawBuilder<RollupRow & { key: string }> {
  // The child region's id is the path's next segment: '/1/5/27/' split on '/' has '' first.
  const key = o.groupBy === 'region' ? sql`split_part(path, '/', ${o.depth + 2})` : sql`coalesce(cadre_id::text, '')`;
  return sql<RollupRow & { key: string }>`WITH ${householdCoverageCtes(o)}
    SELECT ${key} AS key, ${ROLLUP_COLUMNS} FROM hh GROUP BY 1 ORDER BY 1`;
}

/** Memory for the report's hash aggregates: 230,000 households' counts spill to disk at PostgreSQL's default 4 MB. */
export const REPORT_WORK_MEM = '64MB';

/**
 * Runs report statements in a transaction whose `work_mem` is raised for them alone.
 *
 * @example
 * const rows = await withReportMemory(db, (trx) => coverageRollupQuery(input).execute(trx));
 */
export async function withReportMemory<T>(db: Kysely<DB>, run: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT set_config('work_mem', ${REPORT_WORK_MEM}, true)`.execute(trx);
    return run(trx);
  });
}
