/**
 * The three rates counted in the database: one aggregate statement over `case_assignment` and
 * `case_callback` of one county and one Shanghai month, with the rules of `rate-rules.ts` written
 * as CASE expressions in the same order as `responseOutcome` and `onTimeOutcome` (a NULL counts
 * nowhere, 1 is a success, 0 a failure). No case is read into Node: the answer is one row per unit.
 */
import { sql, type RawBuilder } from 'kysely';
import type { TCaseRateLevel } from '../../../shared/cases/index.ts';
import { inSubtree } from '../../scope/index.ts';
import { monthBounds } from './rate-rules.ts';

/**
 * A level of units, or 'county': the townships (their villages' cases included) and the
 * departments in one pass, the units every case of the county counts at once; the same rows as
 * the 'township' and 'department' levels together (the dashboard's county figures).
 */
export type RatesQueryLevel = TCaseRateLevel | 'county';

export interface RatesQueryInput {
  countyCode: string;
  level: RatesQueryLevel;
  month: string;
  now: Date;
  basicallySatisfiedCounts: boolean;
  /** Only units in this subtree (a township admin's villages); none for the whole county. */
  regionPath?: string | undefined;
}

export interface RatesRow {
  unit_key: string;
  response_n: number;
  responded: number;
  callbacks: number;
  solved: number;
  satisfaction_n: number;
  satisfied: number;
  solved_satisfied: number;
  on_time_n: number;
  on_time: number;
}

/** The unit an assignment `a` (joined to its unit region `u`) counts for at a level: the rules' `unitKeyAt`. */
function unitKey(level: RatesQueryLevel) {
  if (level === 'county') return sql`CASE a.level WHEN 'township' THEN 'r' || a.unit_region_id WHEN 'village' THEN 'r' || u.parent_id WHEN 'department' THEN 'd' || a.unit_department_id END`;
  if (level === 'department') return sql`CASE WHEN a.level = 'department' THEN 'd' || a.unit_department_id END`;
  if (level === 'village') return sql`CASE WHEN a.level = 'village' THEN 'r' || a.unit_region_id END`;
  return sql`CASE a.level WHEN 'township' THEN 'r' || a.unit_region_id WHEN 'village' THEN 'r' || u.parent_id END`;
}

const LEVELS: Record<RatesQueryLevel, readonly string[]> = { department: ['department'], village: ['village'], township: ['township', 'village'], county: ['township', 'village', 'department'] };

/**
 * The month's counts per unit of a level (only units with something counted).
 *
 * @example
 * const { rows } = await ratesQuery({ countyCode: '370921', level: 'township', month: '2026-11', now, basicallySatisfiedCounts: true }).execute(db);
 * const both = await ratesQuery({ countyCode: '370921', level: 'county', month: '2026-11', now, basicallySatisfiedCounts: true }).execute(db); // 'r…' and 'd…' rows
 */
export function ratesQuery(input: RatesQueryInput): RawBuilder<RatesRow> {
  const { start, end } = monthBounds(input.month);
  const from = sql`${start.toISOString()}::timestamptz`;
  const to = sql`${end.toISOString()}::timestamptz`;
  const now = sql`${input.now.toISOString()}::timestamptz`;
  const key = unitKey(input.level);
  const units = sql`a.county_code = ${input.countyCode} AND a.level IN (${sql.join(LEVELS[input.level].map((l) => sql.lit(l)))})${
    input.regionPath === undefined ? sql`` : sql` AND ${inSubtree(sql.ref<string>('a.unit_path'), input.regionPath)}`
  }`;
  const join = input.level === 'township' || input.level === 'county' ? sql`LEFT JOIN region u ON u.id = a.unit_region_id` : sql``;
  const responseCase = sql`CASE
      WHEN a.end_reason = 'merged' THEN NULL
      WHEN a.accepted_at <= a.response_due_at THEN 1
      WHEN a.accepted_at IS NULL AND a.end_reason IN ('escalated', 'returned') AND a.ended_at <= a.response_due_at THEN 1
      WHEN a.accepted_at IS NULL AND a.end_reason = 'redispatched' AND a.ended_at < a.response_due_at THEN NULL
      WHEN a.accepted_at IS NULL AND a.ended_at IS NULL AND a.response_due_at > ${now} THEN NULL
      ELSE 0 END`;
  const onTimeCase = sql`CASE
      WHEN a.end_reason = 'merged' THEN NULL
      WHEN a.resolved_at IS NOT NULL THEN CASE WHEN a.resolved_at <= a.resolve_due_at THEN 1 ELSE 0 END
      WHEN a.end_reason IN ('escalated', 'returned', 'redispatched') AND a.ended_at < a.resolve_due_at THEN NULL
      WHEN a.ended_at IS NULL AND a.resolve_due_at > ${now} THEN NULL
      ELSE 0 END`;
  const satisfied = input.basicallySatisfiedCounts ? sql`c.satisfaction IN ('satisfied', 'basically_satisfied')` : sql`c.satisfaction = 'satisfied'`;
  return sql<RatesRow>`
    SELECT unit_key,
           sum(response_n)::int AS response_n, sum(responded)::int AS responded,
           sum(callbacks)::int AS callbacks, sum(solved)::int AS solved,
           sum(satisfaction_n)::int AS satisfaction_n, sum(satisfied)::int AS satisfied, sum(solved_satisfied)::int AS solved_satisfied,
           sum(on_time_n)::int AS on_time_n, sum(on_time)::int AS on_time
    FROM (
      SELECT unit_key, count(r) AS response_n, coalesce(sum(r), 0) AS responded, 0 AS callbacks, 0 AS solved, 0 AS satisfaction_n, 0 AS satisfied, 0 AS solved_satisfied, 0 AS on_time_n, 0 AS on_time
      FROM (SELECT ${key} AS unit_key, ${responseCase} AS r
            FROM case_assignment a ${join}
            WHERE ${units} AND a.dispatched_at >= ${from} AND a.dispatched_at < ${to}) d
      GROUP BY unit_key
      UNION ALL
      SELECT unit_key, 0, 0, 0, 0, 0, 0, 0, count(r), coalesce(sum(r), 0)
      FROM (SELECT ${key} AS unit_key, ${onTimeCase} AS r
            FROM case_assignment a ${join}
            WHERE ${units} AND a.resolve_due_at >= ${from} AND a.resolve_due_at < ${to}) o
      GROUP BY unit_key
      UNION ALL
      SELECT ${key} AS unit_key, 0, 0, count(*), count(*) FILTER (WHERE c.solved),
             count(c.satisfaction), count(*) FILTER (WHERE ${satisfied}), count(*) FILTER (WHERE ${satisfied} AND c.solved), 0, 0
      FROM case_callback c
      JOIN case_assignment a ON a.id = c.assignment_id AND a.county_code = ${input.countyCode}
      ${join}
      WHERE c.county_code = ${input.countyCode} AND c.outcome = 'reached' AND c.called_at >= ${from} AND c.called_at < ${to}
        AND ${units} AND a.end_reason IS DISTINCT FROM 'merged'
      GROUP BY 1
    ) t
    WHERE unit_key IS NOT NULL
    GROUP BY unit_key
    ORDER BY unit_key`;
}
