/**
 * A county's cases written by bulk SQL (INSERT … SELECT over generate_series), for the benchmarks
 * that need many cases but not the cases module's one-at-a-time use cases: `--only cases` (a
 * year) and `--only loop` (a quarter). Each case has its assignments (escalations 上报 and
 * reopenings 重办 among them), its call-backs and its history, spread over the county's open
 * villages, its townships and its departments, by the default categories; the ones whose steps
 * fall after `now` are still open. Deterministic for a seed. Needs the county's regions,
 * departments and categories (seedDemo), and no other cases in the county (statuses are set from
 * all the county's assignments).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/server/db/schema.ts';

export interface CaseDatasetOptions {
  countyCode: string;
  cases: number;
  /** Cases are registered uniformly between `from` and `from` + `days`. */
  from: Date;
  days: number;
  /** The clock: steps after it have not happened yet (the case is still open at that step). */
  now: Date;
  /** setseed's value, in [-1, 1] (default 0.11). */
  seed?: number;
}

/**
 * Writes `cases` cases with their assignments, call-backs and history in a few statements.
 *
 * @example
 * await writeCaseDataset(db, { countyCode: '370921', cases: 100_000, from: new Date('2025-12-31T16:00:00Z'), days: 365, now: new Date('2027-01-04T02:00:00Z') });
 */
export async function writeCaseDataset(db: Kysely<DB>, o: CaseDatasetOptions): Promise<void> {
  const c = o.countyCode;
  const cases = o.cases;
  const now = o.now.toISOString();
  const from = o.from.toISOString();
  await sql`SELECT setseed(${o.seed ?? 0.11})`.execute(db);
  // One row per case with its dice: where, which unit first, how it goes, how long each step takes.
  // The dice first, in a table of their own: a volatile subquery inside a join may be evaluated
  // again on each rescan, which doubles some cases and loses others.
  await sql`CREATE TABLE bench_dice AS
    SELECT n,
           random() AS pv, random() AS pd, random() AS pc,
           CASE WHEN r1 < 0.6 THEN 'village' WHEN r1 < 0.85 THEN 'township' ELSE 'department' END AS level1,
           CASE WHEN r2 < 0.01 THEN 'registered' WHEN r2 < 0.02 THEN 'merged' WHEN r2 < 0.12 THEN 'escalated' WHEN r2 < 0.17 THEN 'reopened' ELSE 'simple' END AS kind,
           ${from}::timestamptz + random() * ${o.days} * interval '1 day' AS registered_at,
           CASE WHEN random() < 0.9 THEN random() * 8 ELSE 8 + random() * 40 END AS accept_h,
           CASE WHEN random() < 0.85 THEN 4 + random() * 150 ELSE 150 + random() * 300 END AS resolve_h,
           2 + random() * 70 AS callback_h,
           random() < 0.88 AS solved,
           CASE WHEN random() < 0.7 THEN 'satisfied' WHEN random() < 0.6 THEN 'basically_satisfied' ELSE 'dissatisfied' END AS satisfaction,
           random() < 0.05 AS urgent
    FROM (SELECT n, random() AS r1, random() AS r2 FROM generate_series(1, ${cases}) n) s`.execute(db);
  await sql`CREATE TABLE bench_case_gen AS
    WITH v AS (SELECT id, path, parent_id, row_number() OVER (ORDER BY id) AS rn, count(*) OVER () AS total FROM region WHERE county_code = ${c} AND level = 'village' AND closed_on IS NULL),
         d AS (SELECT id, row_number() OVER (ORDER BY id) AS rn, count(*) OVER () AS total FROM department WHERE county_code = ${c}),
         c AS (SELECT id, department_id, row_number() OVER (ORDER BY id) AS rn, count(*) OVER () AS total FROM case_category WHERE county_code = ${c} AND parent_id IS NOT NULL)
    SELECT x.n, v.id AS village_id, v.path AS village_path, v.parent_id AS township_id, t.path AS township_path,
           coalesce(c.department_id, d.id) AS department_id, c.id AS category_id, x.level1, x.kind, x.registered_at,
           x.accept_h, x.resolve_h, x.callback_h, x.solved, x.satisfaction, x.urgent
    FROM bench_dice x
    JOIN v ON v.rn = 1 + floor(x.pv * v.total) JOIN region t ON t.id = v.parent_id
    JOIN d ON d.rn = 1 + floor(x.pd * d.total) JOIN c ON c.rn = 1 + floor(x.pc * c.total)`.execute(db);
  await sql`DROP TABLE bench_dice`.execute(db);
  await sql`INSERT INTO resident_case (county_code, case_no, tracking_code, channel, category_id, region_id, region_path, title, description, urgent, status, registered_at, updated_at, contact_name)
    SELECT ${c}, 'MQB' || lpad(n::text, 7, '0'), 'BENCH' || lpad(n::text, 7, '0'),
           (ARRAY['window', 'phone', 'visit', 'survey', 'hotline_12345', 'open311', 'resident_page'])[1 + (n % 7)],
           category_id, village_id, village_path, '基准诉求 ' || n, '基准测试生成的诉求描述', urgent, 'registered', registered_at, registered_at, '居民' || n
    FROM bench_case_gen`.execute(db);
  await sql`ALTER TABLE bench_case_gen ADD COLUMN case_id bigint`.execute(db);
  await sql`ANALYZE resident_case`.execute(db);
  await sql`ANALYZE bench_case_gen`.execute(db);
  await sql`UPDATE bench_case_gen g SET case_id = rc.id FROM resident_case rc WHERE rc.county_code = ${c} AND rc.case_no = 'MQB' || lpad(g.n::text, 7, '0')`.execute(db);
  // The final assignment's times: dispatched when registered (simple, merged), when the first unit
  // handed it up (escalated) or when the resident said "not solved" (reopened).
  await sql`CREATE TABLE bench_assignment_gen AS
    SELECT g.*, s.a1_end, s.final_dispatch,
           s.final_dispatch + g.accept_h * interval '1 hour' AS accepted_at,
           s.final_dispatch + (g.accept_h + g.resolve_h) * interval '1 hour' AS resolved_at,
           s.final_dispatch + (g.accept_h + g.resolve_h + g.callback_h) * interval '1 hour' AS called_at
    FROM bench_case_gen g,
    LATERAL (SELECT CASE g.kind WHEN 'escalated' THEN g.registered_at + interval '10 minutes' + random() * interval '30 hours'
                                WHEN 'reopened' THEN g.registered_at + interval '10 minutes' + (g.accept_h + g.resolve_h * 0.5 + 24) * interval '1 hour' END AS a1_end) e,
    LATERAL (SELECT e.a1_end, coalesce(e.a1_end, g.registered_at + interval '10 minutes') AS final_dispatch) s
    WHERE g.kind <> 'registered'`.execute(db);
  const unitOf = (level: string) =>
    level === 'first'
      ? sql`CASE g.level1 WHEN 'village' THEN g.village_id WHEN 'township' THEN g.township_id END, CASE WHEN g.level1 = 'department' THEN g.department_id END,
            CASE g.level1 WHEN 'village' THEN g.village_path WHEN 'township' THEN g.township_path END, g.level1`
      : sql`CASE g.level1 WHEN 'village' THEN g.township_id END, CASE WHEN g.level1 <> 'village' THEN g.department_id END,
            CASE g.level1 WHEN 'village' THEN g.township_path END, CASE g.level1 WHEN 'village' THEN 'township' ELSE 'department' END`;
  // First assignments of escalated and reopened cases (ended), then every case's final one.
  await sql`INSERT INTO case_assignment (county_code, case_id, unit_region_id, unit_department_id, unit_path, level, dispatched_at, response_due_at, resolve_due_at, accepted_at, resolved_at, ended_at, end_reason)
    SELECT ${c}, g.case_id, ${unitOf('first')}, g.registered_at + interval '10 minutes', g.registered_at + interval '10 minutes' + interval '24 hours',
           g.registered_at + interval '10 minutes' + interval '7 days',
           CASE WHEN g.kind = 'reopened' OR random() < 0.6 THEN g.registered_at + interval '10 minutes' + g.accept_h * interval '1 hour' END,
           CASE WHEN g.kind = 'reopened' THEN g.a1_end - interval '24 hours' END,
           g.a1_end, CASE WHEN g.kind = 'reopened' THEN 'resolved' WHEN g.level1 = 'department' THEN 'returned' WHEN random() < 0.8 THEN 'escalated' ELSE 'auto_escalated' END
    FROM bench_assignment_gen g WHERE g.kind IN ('escalated', 'reopened')`.execute(db);
  await sql`INSERT INTO case_assignment (county_code, case_id, unit_region_id, unit_department_id, unit_path, level, dispatched_at, response_due_at, resolve_due_at, accepted_at, resolved_at, ended_at, end_reason, reopened)
    SELECT ${c}, g.case_id,
           CASE WHEN g.kind = 'escalated' AND g.level1 <> 'department' THEN u2.region_id ELSE u1.region_id END,
           CASE WHEN g.kind = 'escalated' AND g.level1 <> 'department' THEN u2.department_id ELSE u1.department_id END,
           CASE WHEN g.kind = 'escalated' AND g.level1 <> 'department' THEN u2.path ELSE u1.path END,
           CASE WHEN g.kind = 'escalated' AND g.level1 <> 'department' THEN u2.level ELSE u1.level END,
           g.final_dispatch, g.final_dispatch + interval '24 hours', g.final_dispatch + CASE WHEN g.urgent THEN interval '2 days' ELSE interval '7 days' END,
           CASE WHEN g.accepted_at <= ${now}::timestamptz THEN g.accepted_at END,
           CASE WHEN g.kind <> 'merged' AND g.resolved_at <= ${now}::timestamptz THEN g.resolved_at END,
           CASE WHEN g.kind = 'merged' THEN g.final_dispatch + interval '2 hours' WHEN g.resolved_at <= ${now}::timestamptz THEN g.resolved_at END,
           CASE WHEN g.kind = 'merged' THEN 'merged' WHEN g.resolved_at <= ${now}::timestamptz THEN 'resolved' END,
           g.kind = 'reopened'
    FROM bench_assignment_gen g,
    LATERAL (SELECT CASE g.level1 WHEN 'village' THEN g.village_id WHEN 'township' THEN g.township_id END AS region_id,
                    CASE WHEN g.level1 = 'department' THEN g.department_id END AS department_id,
                    CASE g.level1 WHEN 'village' THEN g.village_path WHEN 'township' THEN g.township_path END AS path, g.level1 AS level) u1,
    LATERAL (SELECT CASE g.level1 WHEN 'village' THEN g.township_id END AS region_id,
                    CASE WHEN g.level1 <> 'village' THEN g.department_id END AS department_id,
                    CASE g.level1 WHEN 'village' THEN g.township_path END AS path,
                    CASE g.level1 WHEN 'village' THEN 'township' ELSE 'department' END AS level) u2`.execute(db);
  // Fresh tables have no statistics yet: without them the planner nests loops over 100,000 rows.
  await sql`ANALYZE case_assignment`.execute(db);
  await sql`ANALYZE bench_assignment_gen`.execute(db);
  // Call-backs: the "not solved" that reopened a case, an unanswered attempt now and then, and the final answer.
  await sql`INSERT INTO case_callback (county_code, case_id, assignment_id, outcome, solved, satisfaction, called_at)
    SELECT ${c}, a.case_id, a.id, 'reached', false, 'dissatisfied', a.ended_at + interval '20 hours'
    FROM case_assignment a JOIN bench_assignment_gen g ON g.case_id = a.case_id AND g.kind = 'reopened'
    WHERE a.county_code = ${c} AND a.end_reason = 'resolved' AND NOT a.reopened`.execute(db);
  await sql`INSERT INTO case_callback (county_code, case_id, assignment_id, outcome, solved, satisfaction, called_at)
    SELECT ${c}, a.case_id, a.id, 'unreachable', NULL, NULL, a.resolved_at + interval '1 hour'
    FROM case_assignment a JOIN bench_assignment_gen g ON g.case_id = a.case_id
    WHERE a.county_code = ${c} AND a.ended_at IS NOT NULL AND a.end_reason = 'resolved' AND (a.reopened OR g.kind <> 'reopened') AND g.n % 9 = 0 AND g.called_at <= ${now}::timestamptz`.execute(db);
  await sql`INSERT INTO case_callback (county_code, case_id, assignment_id, outcome, solved, satisfaction, called_at)
    SELECT ${c}, a.case_id, a.id, 'reached', g.solved OR g.kind = 'reopened', g.satisfaction, g.called_at
    FROM case_assignment a JOIN bench_assignment_gen g ON g.case_id = a.case_id
    WHERE a.county_code = ${c} AND a.end_reason = 'resolved' AND (a.reopened OR g.kind <> 'reopened') AND g.called_at <= ${now}::timestamptz`.execute(db);
  await sql`ANALYZE case_callback`.execute(db);
  // Each case's status, unit and current assignment from what was written.
  await sql`UPDATE resident_case rc SET
      current_assignment_id = a.id, unit_region_id = a.unit_region_id, unit_department_id = a.unit_department_id,
      reopen_count = CASE WHEN a.reopened THEN 1 ELSE 0 END,
      status = CASE WHEN a.end_reason = 'merged' THEN 'merged' WHEN a.accepted_at IS NULL THEN 'dispatched' WHEN a.resolved_at IS NULL THEN 'in_progress'
                    WHEN cb.id IS NULL THEN 'resolved' WHEN cb.solved AND rc.id % 10 = 0 THEN 'called_back' ELSE 'closed' END,
      merged_into_id = CASE WHEN a.end_reason = 'merged' THEN rc.id - 1 END,
      resolved_at = a.resolved_at, closed_at = CASE WHEN cb.id IS NOT NULL AND rc.id % 10 <> 0 THEN cb.called_at END
    FROM (SELECT DISTINCT ON (case_id) * FROM case_assignment WHERE county_code = ${c} ORDER BY case_id, id DESC) a
    LEFT JOIN (SELECT DISTINCT ON (assignment_id) assignment_id, id, solved, called_at FROM case_callback
               WHERE county_code = ${c} AND outcome = 'reached' ORDER BY assignment_id, id DESC) cb ON cb.assignment_id = a.id
    WHERE rc.county_code = ${c} AND rc.id = a.case_id`.execute(db);
  // History: registered, each dispatch, acceptance and resolution, each call-back.
  await sql`INSERT INTO case_event (county_code, case_id, kind, to_status, at) SELECT ${c}, id, 'register', 'registered', registered_at FROM resident_case WHERE county_code = ${c}`.execute(db);
  await sql`INSERT INTO case_event (county_code, case_id, kind, to_status, assignment_id, at)
    SELECT ${c}, case_id, k.kind, k.status, id, k.at FROM case_assignment a,
    LATERAL (VALUES ('dispatch', 'dispatched', a.dispatched_at), ('accept', 'accepted', a.accepted_at), ('resolve', 'resolved', a.resolved_at)) k(kind, status, at)
    WHERE a.county_code = ${c} AND k.at IS NOT NULL`.execute(db);
  await sql`INSERT INTO case_event (county_code, case_id, kind, assignment_id, at) SELECT ${c}, case_id, 'callback', assignment_id, called_at FROM case_callback WHERE county_code = ${c}`.execute(db);
  await sql`DROP TABLE bench_assignment_gen`.execute(db);
  await sql`DROP TABLE bench_case_gen`.execute(db);
  await sql`ANALYZE`.execute(db);
}
