/**
 * The deadline sweep (督办 · 超期自动上报, issue 11) at county scale, on PostgreSQL: 20,000 open
 * cases written by bulk SQL across Ningyang's villages and the default categories, a third of them
 * past a deadline (response missed, or accepted and resolution missed; a tenth at departments),
 * then one sweep timed: reminders for every missed deadline, history steps, and the escalations
 * through `assignCase`. Beside it, the time its statements spent in the database (Kysely's query
 * log over the same pool): the rest is Node. Then a second sweep, which must change nothing.
 * Goal: the sweep under 5 s.
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import { openDatabase, postgresPoolOf } from '../src/server/db/database.ts';
import { migrate } from '../src/server/db/migrate.ts';
import type { DB } from '../src/server/db/schema.ts';
import { cliAuditSource } from '../src/server/modules/audit/index.ts';
import { CASE_SWEEP_SOURCE, sweepCaseDeadlines } from '../src/server/modules/case-deadlines/index.ts';
import { seedDemo } from '../src/server/modules/demo/index.ts';
import { createBenchDatabase } from './support/postgres.ts';

export interface CaseSweepBenchOptions {
  cases: number;
}

const COUNTY = '370921';
/** The sweep's clock: Thursday 2026-12-10 10:00 Shanghai. */
const NOW = new Date('2026-12-10T02:00:00Z');

export async function caseSweepBench(o: CaseSweepBenchOptions) {
  console.log(`\n== Case deadline sweep: ${o.cases.toLocaleString()} open cases`);
  const target = await createBenchDatabase();
  const database = await openDatabase({ driver: 'postgres', connectionString: target.url });
  try {
    const db = database.db;
    await migrate(db);
    await seedDemo({ db, actor: null, source: cliAuditSource('bench') });
    let t = performance.now();
    // Cases: village i mod villages, leaf category i mod leaves; one open assignment each. i mod 100
    // below 30: response missed (dispatched Monday, due Tuesday, not accepted); 30–39: accepted,
    // resolution missed; the rest due next week. i mod 10 = 0: at the category's department (if it
    // names one), 1–3 at the township, else at the village.
    await sql`
      WITH villages AS (SELECT id, path, parent_id, row_number() OVER (ORDER BY code) - 1 AS k, count(*) OVER () AS total FROM region WHERE county_code = ${COUNTY} AND level = 'village' AND closed_on IS NULL),
           leaves AS (SELECT id, department_id, row_number() OVER (ORDER BY code) - 1 AS k, count(*) OVER () AS total FROM case_category WHERE county_code = ${COUNTY} AND parent_id IS NOT NULL AND active)
      INSERT INTO resident_case (county_code, case_no, tracking_code, channel, category_id, region_id, region_path, title, description, status, registered_at)
      SELECT ${COUNTY}, 'MQB' || lpad(n::text, 8, '0'), 'TB' || lpad(n::text, 8, '0'), 'window', c.id, v.id, v.path, '基准诉求 ' || n, '基准诉求', CASE WHEN n % 100 BETWEEN 30 AND 39 THEN 'accepted' ELSE 'dispatched' END,
             timestamptz '2026-12-07 01:00:00+00'
      FROM generate_series(1, ${o.cases}) n
      JOIN villages v ON v.k = n % v.total
      JOIN leaves c ON c.k = n % c.total`.execute(db);
    await sql`
      INSERT INTO case_assignment (county_code, case_id, unit_region_id, unit_department_id, unit_path, level, dispatched_at, response_due_at, resolve_due_at, accepted_at)
      SELECT ${COUNTY}, rc.id,
             CASE WHEN x.level = 'village' THEN v.id WHEN x.level = 'township' THEN tw.id END,
             CASE WHEN x.level = 'department' THEN cat.department_id END,
             CASE WHEN x.level = 'village' THEN v.path WHEN x.level = 'township' THEN tw.path END,
             x.level, timestamptz '2026-12-07 01:00:00+00',
             CASE WHEN x.n % 100 < 30 THEN timestamptz '2026-12-08 01:00:00+00' ELSE timestamptz '2026-12-15 09:00:00+00' END,
             CASE WHEN x.n % 100 BETWEEN 30 AND 39 THEN timestamptz '2026-12-09 16:00:00+00' ELSE timestamptz '2026-12-16 16:00:00+00' END,
             CASE WHEN x.n % 100 BETWEEN 30 AND 39 THEN timestamptz '2026-12-07 02:00:00+00' END
      FROM resident_case rc
      JOIN case_category cat ON cat.id = rc.category_id
      JOIN region v ON v.id = rc.region_id
      JOIN region tw ON tw.id = v.parent_id
      CROSS JOIN LATERAL (SELECT substr(rc.case_no, 4)::int AS n) k
      CROSS JOIN LATERAL (SELECT k.n, CASE WHEN k.n % 10 = 0 AND cat.department_id IS NOT NULL THEN 'department' WHEN k.n % 10 BETWEEN 0 AND 3 THEN 'township' ELSE 'village' END AS level) x
      WHERE rc.county_code = ${COUNTY}`.execute(db);
    await sql`UPDATE resident_case rc SET current_assignment_id = a.id, unit_region_id = a.unit_region_id, unit_department_id = a.unit_department_id
      FROM case_assignment a WHERE a.case_id = rc.id AND a.county_code = ${COUNTY} AND rc.county_code = ${COUNTY}`.execute(db);
    await sql`ANALYZE`.execute(db);
    const counts = (
      await sql<{ open: number; overdue: number; departments: number }>`
        SELECT count(*)::int AS open,
               count(*) FILTER (WHERE (accepted_at IS NULL AND response_due_at <= ${NOW}) OR (resolved_at IS NULL AND resolve_due_at <= ${NOW}))::int AS overdue,
               count(*) FILTER (WHERE level = 'department' AND ((accepted_at IS NULL AND response_due_at <= ${NOW}) OR (resolved_at IS NULL AND resolve_due_at <= ${NOW})))::int AS departments
        FROM case_assignment WHERE county_code = ${COUNTY} AND ended_at IS NULL`.execute(db)
    ).rows[0]!;
    console.log(`cases      ${((performance.now() - t) / 1000).toFixed(1)} s (bulk SQL: ${counts.open.toLocaleString()} open assignments, ${counts.overdue.toLocaleString()} past a deadline, ${counts.departments.toLocaleString()} of them at departments)`);

    // The same pool with Kysely's query log: each statement's time in the database, summed.
    let sqlMs = 0;
    let statements = 0;
    const timed = new Kysely<DB>({
      dialect: new PostgresDialect({ pool: postgresPoolOf(db)! }),
      log: (event) => {
        sqlMs += event.queryDurationMillis;
        statements++;
      },
    });
    t = performance.now();
    const first = await sweepCaseDeadlines({ db: timed, actor: null, source: CASE_SWEEP_SOURCE }, { now: NOW });
    const total = performance.now() - t;
    console.log(`sweep      ${(total / 1000).toFixed(2)} s  (goal < 5 s: ${total < 5000 ? 'met' : 'NOT met'}): ${first.reminded.toLocaleString()} reminders, ${first.escalated.toLocaleString()} escalated, ${first.returnedToDispatcher.toLocaleString()} back to the dispatcher`);
    console.log(`  its SQL  ${(sqlMs / 1000).toFixed(2)} s in ${statements.toLocaleString()} statements (${((sqlMs / statements) * 1000).toFixed(0)} µs each; the rest, ${((total - sqlMs) / 1000).toFixed(2)} s, is Node: deadlines, routing, round trips' JS)`);
    sqlMs = 0;
    statements = 0;
    t = performance.now();
    const second = await sweepCaseDeadlines({ db: timed, actor: null, source: CASE_SWEEP_SOURCE }, { now: NOW });
    const again = performance.now() - t;
    console.log(`again      ${(again / 1000).toFixed(2)} s, ${statements} statements: ${second.reminded} reminders, ${second.escalated} escalated (idempotent: ${second.reminded + second.escalated + second.returnedToDispatcher === 0 ? 'yes' : 'NO'})`);
    const check = (
      await sql<{ twice: number }>`SELECT count(*)::int AS twice FROM (SELECT case_id FROM case_assignment WHERE county_code = ${COUNTY} AND end_reason = 'auto_escalated' GROUP BY case_id HAVING count(*) > 1) x`.execute(db)
    ).rows[0]!;
    console.log(`check      cases escalated twice: ${check.twice}`);
  } finally {
    await database.close();
    await target.drop();
  }
}
