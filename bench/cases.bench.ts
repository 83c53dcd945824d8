/**
 * Cases at a year's scale (issue 11, point 12), on PostgreSQL: 100,000 cases registered over
 * 2026 in one county, written by bulk SQL with their assignments (escalations 上报 and reopenings
 * 重办 among them), call-backs and history, spread over the 13 townships' villages, the townships
 * and the departments, most closed and the last weeks' still open. Then:
 * (a) the case list with filters (status, overdue, due soon, a township, a department, words of the
 *     title, newest first, 50 a page) through the cases module's `listCases` — goal p95 < 100 ms;
 * (b) the monthly three-rate report (`getCaseRates`, county by township and by village) — goal
 *     < 1 s;
 * each next to the same SQL run straight on the database through a plain pg client.
 */
import { createQueryId, sql, type RootOperationNode } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../src/server/db/database.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { cliAuditSource } from '../src/server/modules/audit/index.ts';
import { getCaseRates, ratesQuery } from '../src/server/modules/case-rates/index.ts';
import { listCases } from '../src/server/modules/cases/index.ts';
import { seedDemo } from '../src/server/modules/demo/index.ts';
import { actorFor } from '../src/server/modules/fieldwork/testing/actors.ts';
import { ZCaseListQuery } from '../src/shared/schemas/cases.ts';
import { writeCaseDataset } from './support/case-dataset.ts';
import { createBenchDatabase } from './support/postgres.ts';
import { ms, summarize } from './support/stats.ts';

export interface CasesBenchOptions {
  cases: number;
  runs: number;
}

const COUNTY = '370921';
/** The bench's clock: the first working days of 2027, the year's cases behind it. */
const NOW = new Date('2027-01-04T02:00:00Z');

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
    await writeCaseDataset(db, { countyCode: COUNTY, cases: o.cases, from: new Date('2025-12-31T16:00:00Z'), days: 365, now: NOW });
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

    // (a) The case list: the cases module's list use case (listCases: scope, filters, the current
    // assignment's deadlines, names; keyset pages of 50), and its list statement — captured as the
    // use case builds it — run straight through pg.
    const admin = await actorFor(db, 'admin');
    const gangcheng = await actorFor(db, 'gangcheng');
    const department = (await db.selectFrom('department').select('id').where('county_code', '=', COUNTY).where('code', '=', 'mzj').executeTakeFirstOrThrow()).id;
    const lists = [
      { name: 'county, newest first', actor: admin, q: {} },
      { name: 'county, open statuses', actor: admin, q: { status: 'dispatched,accepted,in_progress' } },
      { name: 'county, overdue', actor: admin, q: { overdue: 'true' } },
      { name: 'county, due soon', actor: admin, q: { dueSoon: 'true' } },
      { name: 'township admin, all of 堽城镇', actor: gangcheng, q: {} },
      { name: 'county, 堽城镇 closed', actor: admin, q: { regionCode: '370921104', status: 'closed' } },
      { name: 'county, 民政局 open', actor: admin, q: { unitDepartmentId: department, status: 'dispatched,accepted,in_progress' } },
      { name: 'county, words of the title', actor: admin, q: { q: '基准诉求 4242' } },
    ];
    console.log('(a) case list with filters, 50 a page (goal p95 < 100 ms): listCases, and its list statement straight');
    for (const l of lists) {
      const query = { ...ZCaseListQuery.parse({ ...l.q, limit: '50' }), now: NOW };
      const useCase = await time(() => listCases({ db, actor: l.actor }, query));
      const captured: RootOperationNode[] = [];
      const spy = db.withPlugin({ transformQuery: (args) => (captured.push(args.node), args.node), transformResult: async (args) => args.result });
      const page = await listCases({ db: spy, actor: l.actor }, query);
      const compiled = db.getExecutor().compileQuery(captured.at(-1)!, createQueryId());
      const direct = await time(() => client.query(compiled.sql, compiled.parameters as unknown[]));
      console.log(`  ${l.name.padEnd(30)} ${String(page.items.length).padStart(2)} rows   use case p50 ${ms(useCase.p50)} p95 ${ms(useCase.p95)} (${useCase.p95 < 100 ? 'met' : 'NOT met'})   direct SQL p50 ${ms(direct.p50)} p95 ${ms(direct.p95)}`);
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
