/**
 * Cases at a year's scale (issue 11, point 12), on PostgreSQL: 100,000 cases registered over
 * 2026 in one county, written by bulk SQL with their assignments (escalations 上报 and reopenings
 * 重办 among them), call-backs and history, spread over the 13 townships' villages, the townships
 * and the departments, most closed and the last weeks' still open. Then:
 * (a) the case list with filters (status, overdue, a township, a department, newest first, 50 a
 *     page) — goal p95 < 100 ms — through the cases module's list use case when it exists, else
 *     the statement below, which is what such a list runs (said so in the output);
 * (b) the monthly three-rate report (`getCaseRates`, county by township and by village) — goal
 *     < 1 s;
 * each next to the same SQL run straight on the database through a plain pg client.
 */
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../src/server/db/database.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { cliAuditSource } from '../src/server/modules/audit/index.ts';
import { getCaseRates, ratesQuery } from '../src/server/modules/case-rates/index.ts';
import { seedDemo } from '../src/server/modules/demo/index.ts';
import { actorFor } from '../src/server/modules/fieldwork/testing/actors.ts';
import { inSubtree } from '../src/server/scope/index.ts';
import { createBenchDatabase } from './support/postgres.ts';
import { ms, summarize } from './support/stats.ts';

export interface CasesBenchOptions {
  cases: number;
  runs: number;
}

const COUNTY = '370921';
/** The bench's clock: the first working days of 2027, the year's cases behind it. */
const NOW = new Date('2027-01-04T02:00:00Z');

/** Writes `cases` cases over 2026 with their assignments, call-backs and history in a few statements. */
async function writeCases(db: Parameters<typeof migrate>[0], cases: number) {
  await sql`SELECT setseed(0.11)`.execute(db);
  // One row per case with its dice: where, which unit first, how it goes, how long each step takes.
  // The dice first, in a table of their own: a volatile subquery inside a join may be evaluated
  // again on each rescan, which doubles some cases and loses others.
  await sql`CREATE TABLE bench_dice AS
    SELECT n,
           random() AS pv, random() AS pd, random() AS pc,
           CASE WHEN r1 < 0.6 THEN 'village' WHEN r1 < 0.85 THEN 'township' ELSE 'department' END AS level1,
           CASE WHEN r2 < 0.01 THEN 'registered' WHEN r2 < 0.02 THEN 'merged' WHEN r2 < 0.12 THEN 'escalated' WHEN r2 < 0.17 THEN 'reopened' ELSE 'simple' END AS kind,
           timestamptz '2025-12-31 16:00:00+00' + random() * interval '365 days' AS registered_at,
           CASE WHEN random() < 0.9 THEN random() * 8 ELSE 8 + random() * 40 END AS accept_h,
           CASE WHEN random() < 0.85 THEN 4 + random() * 150 ELSE 150 + random() * 300 END AS resolve_h,
           2 + random() * 70 AS callback_h,
           random() < 0.88 AS solved,
           CASE WHEN random() < 0.7 THEN 'satisfied' WHEN random() < 0.6 THEN 'basically_satisfied' ELSE 'dissatisfied' END AS satisfaction,
           random() < 0.05 AS urgent
    FROM (SELECT n, random() AS r1, random() AS r2 FROM generate_series(1, ${cases}) n) s`.execute(db);
  await sql`CREATE TABLE bench_case_gen AS
    WITH v AS (SELECT id, path, parent_id, row_number() OVER (ORDER BY id) AS rn, count(*) OVER () AS total FROM region WHERE county_code = ${COUNTY} AND level = 'village' AND closed_on IS NULL),
         d AS (SELECT id, row_number() OVER (ORDER BY id) AS rn, count(*) OVER () AS total FROM department WHERE county_code = ${COUNTY}),
         c AS (SELECT id, department_id, row_number() OVER (ORDER BY id) AS rn, count(*) OVER () AS total FROM case_category WHERE county_code = ${COUNTY} AND parent_id IS NOT NULL)
    SELECT x.n, v.id AS village_id, v.path AS village_path, v.parent_id AS township_id, t.path AS township_path,
           coalesce(c.department_id, d.id) AS department_id, c.id AS category_id, x.level1, x.kind, x.registered_at,
           x.accept_h, x.resolve_h, x.callback_h, x.solved, x.satisfaction, x.urgent
    FROM bench_dice x
    JOIN v ON v.rn = 1 + floor(x.pv * v.total) JOIN region t ON t.id = v.parent_id
    JOIN d ON d.rn = 1 + floor(x.pd * d.total) JOIN c ON c.rn = 1 + floor(x.pc * c.total)`.execute(db);
  await sql`DROP TABLE bench_dice`.execute(db);
  await sql`INSERT INTO resident_case (county_code, case_no, tracking_code, channel, category_id, region_id, region_path, title, description, urgent, status, registered_at, updated_at, contact_name)
    SELECT ${COUNTY}, 'MQB' || lpad(n::text, 7, '0'), 'BENCH' || lpad(n::text, 7, '0'),
           (ARRAY['window', 'phone', 'visit', 'survey', 'hotline_12345', 'open311', 'resident_page'])[1 + (n % 7)],
           category_id, village_id, village_path, '基准诉求 ' || n, '基准测试生成的诉求描述', urgent, 'registered', registered_at, registered_at, '居民' || n
    FROM bench_case_gen`.execute(db);
  await sql`ALTER TABLE bench_case_gen ADD COLUMN case_id bigint`.execute(db);
  await sql`ANALYZE resident_case`.execute(db);
  await sql`ANALYZE bench_case_gen`.execute(db);
  await sql`UPDATE bench_case_gen g SET case_id = rc.id FROM resident_case rc WHERE rc.county_code = ${COUNTY} AND rc.case_no = 'MQB' || lpad(g.n::text, 7, '0')`.execute(db);
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
    SELECT ${COUNTY}, g.case_id, ${unitOf('first')}, g.registered_at + interval '10 minutes', g.registered_at + interval '10 minutes' + interval '24 hours',
           g.registered_at + interval '10 minutes' + interval '7 days',
           CASE WHEN g.kind = 'reopened' OR random() < 0.6 THEN g.registered_at + interval '10 minutes' + g.accept_h * interval '1 hour' END,
           CASE WHEN g.kind = 'reopened' THEN g.a1_end - interval '24 hours' END,
           g.a1_end, CASE WHEN g.kind = 'reopened' THEN 'resolved' WHEN g.level1 = 'department' THEN 'returned' WHEN random() < 0.8 THEN 'escalated' ELSE 'auto_escalated' END
    FROM bench_assignment_gen g WHERE g.kind IN ('escalated', 'reopened')`.execute(db);
  await sql`INSERT INTO case_assignment (county_code, case_id, unit_region_id, unit_department_id, unit_path, level, dispatched_at, response_due_at, resolve_due_at, accepted_at, resolved_at, ended_at, end_reason, reopened)
    SELECT ${COUNTY}, g.case_id,
           CASE WHEN g.kind = 'escalated' AND g.level1 <> 'department' THEN u2.region_id ELSE u1.region_id END,
           CASE WHEN g.kind = 'escalated' AND g.level1 <> 'department' THEN u2.department_id ELSE u1.department_id END,
           CASE WHEN g.kind = 'escalated' AND g.level1 <> 'department' THEN u2.path ELSE u1.path END,
           CASE WHEN g.kind = 'escalated' AND g.level1 <> 'department' THEN u2.level ELSE u1.level END,
           g.final_dispatch, g.final_dispatch + interval '24 hours', g.final_dispatch + CASE WHEN g.urgent THEN interval '2 days' ELSE interval '7 days' END,
           CASE WHEN g.accepted_at <= ${NOW.toISOString()}::timestamptz THEN g.accepted_at END,
           CASE WHEN g.kind <> 'merged' AND g.resolved_at <= ${NOW.toISOString()}::timestamptz THEN g.resolved_at END,
           CASE WHEN g.kind = 'merged' THEN g.final_dispatch + interval '2 hours' WHEN g.resolved_at <= ${NOW.toISOString()}::timestamptz THEN g.resolved_at END,
           CASE WHEN g.kind = 'merged' THEN 'merged' WHEN g.resolved_at <= ${NOW.toISOString()}::timestamptz THEN 'resolved' END,
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
    SELECT ${COUNTY}, a.case_id, a.id, 'reached', false, 'dissatisfied', a.ended_at + interval '20 hours'
    FROM case_assignment a JOIN bench_assignment_gen g ON g.case_id = a.case_id AND g.kind = 'reopened'
    WHERE a.county_code = ${COUNTY} AND a.end_reason = 'resolved' AND NOT a.reopened`.execute(db);
  await sql`INSERT INTO case_callback (county_code, case_id, assignment_id, outcome, solved, satisfaction, called_at)
    SELECT ${COUNTY}, a.case_id, a.id, 'unreachable', NULL, NULL, a.resolved_at + interval '1 hour'
    FROM case_assignment a JOIN bench_assignment_gen g ON g.case_id = a.case_id
    WHERE a.county_code = ${COUNTY} AND a.ended_at IS NOT NULL AND a.end_reason = 'resolved' AND (a.reopened OR g.kind <> 'reopened') AND g.n % 9 = 0 AND g.called_at <= ${NOW.toISOString()}::timestamptz`.execute(db);
  await sql`INSERT INTO case_callback (county_code, case_id, assignment_id, outcome, solved, satisfaction, called_at)
    SELECT ${COUNTY}, a.case_id, a.id, 'reached', g.solved OR g.kind = 'reopened', g.satisfaction, g.called_at
    FROM case_assignment a JOIN bench_assignment_gen g ON g.case_id = a.case_id
    WHERE a.county_code = ${COUNTY} AND a.end_reason = 'resolved' AND (a.reopened OR g.kind <> 'reopened') AND g.called_at <= ${NOW.toISOString()}::timestamptz`.execute(db);
  await sql`ANALYZE case_callback`.execute(db);
  // Each case's status, unit and current assignment from what was written.
  await sql`UPDATE resident_case rc SET
      current_assignment_id = a.id, unit_region_id = a.unit_region_id, unit_department_id = a.unit_department_id,
      reopen_count = CASE WHEN a.reopened THEN 1 ELSE 0 END,
      status = CASE WHEN a.end_reason = 'merged' THEN 'merged' WHEN a.accepted_at IS NULL THEN 'dispatched' WHEN a.resolved_at IS NULL THEN 'in_progress'
                    WHEN cb.id IS NULL THEN 'resolved' WHEN cb.solved AND rc.id % 10 = 0 THEN 'called_back' ELSE 'closed' END,
      merged_into_id = CASE WHEN a.end_reason = 'merged' THEN rc.id - 1 END,
      resolved_at = a.resolved_at, closed_at = CASE WHEN cb.id IS NOT NULL AND rc.id % 10 <> 0 THEN cb.called_at END
    FROM (SELECT DISTINCT ON (case_id) * FROM case_assignment WHERE county_code = ${COUNTY} ORDER BY case_id, id DESC) a
    LEFT JOIN (SELECT DISTINCT ON (assignment_id) assignment_id, id, solved, called_at FROM case_callback
               WHERE county_code = ${COUNTY} AND outcome = 'reached' ORDER BY assignment_id, id DESC) cb ON cb.assignment_id = a.id
    WHERE rc.county_code = ${COUNTY} AND rc.id = a.case_id`.execute(db);
  // History: registered, each dispatch, acceptance and resolution, each call-back.
  await sql`INSERT INTO case_event (county_code, case_id, kind, to_status, at) SELECT ${COUNTY}, id, 'register', 'registered', registered_at FROM resident_case WHERE county_code = ${COUNTY}`.execute(db);
  await sql`INSERT INTO case_event (county_code, case_id, kind, to_status, assignment_id, at)
    SELECT ${COUNTY}, case_id, k.kind, k.status, id, k.at FROM case_assignment a,
    LATERAL (VALUES ('dispatch', 'dispatched', a.dispatched_at), ('accept', 'accepted', a.accepted_at), ('resolve', 'resolved', a.resolved_at)) k(kind, status, at)
    WHERE a.county_code = ${COUNTY} AND k.at IS NOT NULL`.execute(db);
  await sql`INSERT INTO case_event (county_code, case_id, kind, assignment_id, at) SELECT ${COUNTY}, case_id, 'callback', assignment_id, called_at FROM case_callback WHERE county_code = ${COUNTY}`.execute(db);
  await sql`DROP TABLE bench_assignment_gen`.execute(db);
  await sql`DROP TABLE bench_case_gen`.execute(db);
  await sql`ANALYZE`.execute(db);
}

/** The case list's statement: what a list of the caller's cases with these filters runs (newest first, 50 a page). */
function listStatement(o: { regionPath: string; status?: readonly string[]; overdue?: boolean; unitDepartmentId?: string; regionPath2?: string }) {
  const now = sql`${NOW.toISOString()}::timestamptz`;
  const due = sql`CASE WHEN rc.status = 'dispatched' THEN a.response_due_at ELSE a.resolve_due_at END`;
  return sql<{ id: string }>`
    SELECT rc.id, rc.case_no, rc.title, rc.status, rc.channel, rc.urgent, cat.code AS category_code, cat.name AS category_name,
           r.code AS region_code, r.name AS region_name, ur.name AS unit_region_name, d.name AS unit_department_name,
           rc.registered_at, a.response_due_at, a.resolve_due_at, a.accepted_at, rc.reopen_count, rc.contact_name, rc.contact_phone_masked
    FROM resident_case rc
    JOIN case_category cat ON cat.id = rc.category_id
    JOIN region r ON r.id = rc.region_id
    LEFT JOIN case_assignment a ON a.id = rc.current_assignment_id AND a.county_code = rc.county_code AND a.ended_at IS NULL
    LEFT JOIN region ur ON ur.id = rc.unit_region_id
    LEFT JOIN department d ON d.id = rc.unit_department_id
    WHERE rc.county_code = ${COUNTY} AND ${inSubtree(sql.ref<string>('rc.region_path'), o.regionPath2 ?? o.regionPath)}
      ${o.status ? sql`AND rc.status IN (${sql.join(o.status)})` : sql``}
      ${o.overdue ? sql`AND rc.status IN ('dispatched', 'accepted', 'in_progress') AND ${due} <= ${now}` : sql``}
      ${o.unitDepartmentId ? sql`AND rc.unit_department_id = ${o.unitDepartmentId}` : sql``}
    ORDER BY rc.registered_at DESC, rc.id DESC
    LIMIT 50`;
}

export async function casesBench(o: CasesBenchOptions) {
  console.log(`\n== Cases: ${o.cases.toLocaleString()} cases over 2026 in one county, ${o.runs} runs each`);
  const target = await createBenchDatabase();
  const database = await openDatabase({ driver: 'postgres', connectionString: target.url });
  const client = new pg.Client({ connectionString: target.url });
  try {
    const db = database.db;
    await migrate(db);
    await seedDemo({ db, actor: null, source: cliAuditSource('bench') });
    const t = performance.now();
    await writeCases(db, o.cases);
    const counts = await sql<{ cases: number; assignments: number; callbacks: number; events: number; open: number }>`SELECT
      (SELECT count(*)::int FROM resident_case) AS cases, (SELECT count(*)::int FROM case_assignment) AS assignments,
      (SELECT count(*)::int FROM case_callback) AS callbacks, (SELECT count(*)::int FROM case_event) AS events,
      (SELECT count(*)::int FROM resident_case WHERE status IN ('registered', 'dispatched', 'accepted', 'in_progress')) AS open`.execute(db);
    const c = counts.rows[0]!;
    console.log(`data       ${((performance.now() - t) / 1000).toFixed(1)} s (bulk SQL: ${c.cases.toLocaleString()} cases, ${c.assignments.toLocaleString()} assignments, ${c.callbacks.toLocaleString()} call-backs, ${c.events.toLocaleString()} history rows; ${c.open.toLocaleString()} open)`);
    await client.connect();
    const time = async (run: () => Promise<unknown>) => {
      await run();
      const samples: number[] = [];
      for (let i = 0; i < o.runs; i++) {
        const start = performance.now();
        await run();
        samples.push(performance.now() - start);
      }
      return summarize(samples);
    };

    // (a) The case list. h-cases-core's list use case was not on this branch when the bench was
    // written; the statement below is the list's query (scope, filters, the current assignment's
    // deadlines, names), timed through Kysely as the server runs it and straight through pg.
    const admin = await actorFor(db, 'admin');
    const gangcheng = await actorFor(db, 'gangcheng');
    const department = (await db.selectFrom('department').select('id').where('county_code', '=', COUNTY).where('code', '=', 'mzj').executeTakeFirstOrThrow()).id;
    const lists = [
      { name: 'county, newest first', q: { regionPath: admin.regionPath } },
      { name: 'county, open statuses', q: { regionPath: admin.regionPath, status: ['dispatched', 'accepted', 'in_progress'] } },
      { name: 'county, overdue', q: { regionPath: admin.regionPath, overdue: true } },
      { name: 'township admin, all of 堽城镇', q: { regionPath: gangcheng.regionPath } },
      { name: 'county, 堽城镇 closed', q: { regionPath: admin.regionPath, regionPath2: gangcheng.regionPath, status: ['closed'] } },
      { name: 'county, 民政局 open', q: { regionPath: admin.regionPath, unitDepartmentId: department, status: ['dispatched', 'accepted', 'in_progress'] } },
    ];
    console.log('(a) case list with filters, 50 a page (goal p95 < 100 ms); the list use case of h-cases-core was not available: its statement, through Kysely and straight');
    for (const l of lists) {
      const statement = listStatement(l.q);
      const viaKysely = await time(() => statement.execute(db));
      const compiled = statement.compile(db);
      const direct = await time(() => client.query(compiled.sql, compiled.parameters as unknown[]));
      console.log(`  ${l.name.padEnd(32)} Kysely p50 ${ms(viaKysely.p50)} p95 ${ms(viaKysely.p95)} (${viaKysely.p95 < 100 ? 'met' : 'NOT met'})   direct SQL p50 ${ms(direct.p50)} p95 ${ms(direct.p95)}`);
    }

    // (b) The monthly three-rate report.
    console.log('(b) monthly three-rate report, November 2026 (goal < 1000 ms): getCaseRates and its aggregate statement straight');
    const month = '2026-11';
    for (const level of ['township', 'village', 'department'] as const) {
      const report = await getCaseRates({ db, actor: admin }, { month, level, now: NOW });
      const useCase = await time(() => getCaseRates({ db, actor: admin }, { month, level, now: NOW }));
      const compiled = ratesQuery({ countyCode: COUNTY, level, month, now: NOW, basicallySatisfiedCounts: true }).compile(db);
      const direct = await time(() => client.query(compiled.sql, compiled.parameters as unknown[]));
      const n = report.rows.reduce((s, r) => s + r.response.n, 0);
      console.log(
        `  ${level.padEnd(10)} ${String(report.rows.length).padStart(3)} units, ${report.rankedOf} ranked, ${n.toLocaleString()} dispatches counted   use case p50 ${ms(useCase.p50)} p95 ${ms(useCase.p95)} (${useCase.p95 < 1000 ? 'met' : 'NOT met'})   direct SQL p50 ${ms(direct.p50)} p95 ${ms(direct.p95)}`,
      );
    }
    const top = (await getCaseRates({ db, actor: admin }, { month, level: 'township', now: NOW })).rows.slice(0, 3);
    console.log(`  top townships: ${top.map((r) => `${r.unit.name} ${(r.composite! * 100).toFixed(1)}% [${r.bestRank}–${r.worstRank}]`).join('; ')}`);
    const baseline: number[] = [];
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      await client.query('SELECT count(*), max(dispatched_at) FROM case_assignment');
      baseline.push(performance.now() - start);
    }
    console.log(`baseline   p50 ${ms(summarize(baseline).p50)}  (SELECT count(*) over the assignments: the machine's pace at this moment)`);
  } finally {
    await client.end().catch(() => undefined);
    await database.close();
    await target.drop();
  }
}
