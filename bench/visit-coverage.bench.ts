/**
 * The campaign coverage report at Ningyang scale (issue 10, point 10), on PostgreSQL: 230,000
 * target households and 300,000 visits written by bulk SQL, then the report use case (county by
 * township, the figures a county admin opens first) timed over several runs next to its one
 * aggregate statement run straight on the database through a plain pg client. Goal: under 1 s.
 */
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../src/server/db/database.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { cliAuditSource } from '../src/server/modules/audit/index.ts';
import { seedDemo } from '../src/server/modules/demo/index.ts';
import { actorFor } from '../src/server/modules/fieldwork/testing/actors.ts';
import { REPORT_WORK_MEM, coverageRollupQuery, findReportScope, getCampaignCoverage, getCampaignProgress } from '../src/server/modules/visit-reports/index.ts';
import { insertCampaign } from '../src/server/modules/visit-reports/testing/visit-fixture.ts';
import { createBenchDatabase } from './support/postgres.ts';
import { writeSqlRegistry } from './support/sql-registry.ts';
import { ms, summarize } from './support/stats.ts';

export interface VisitCoverageBenchOptions {
  households: number;
  visits: number;
  runs: number;
}

const COUNTY = '370921';

export async function visitCoverageBench(o: VisitCoverageBenchOptions) {
  console.log(`\n== Visit coverage report: ${o.households.toLocaleString()} target households, ${o.visits.toLocaleString()} visits, ${o.runs} runs`);
  const target = await createBenchDatabase();
  const database = await openDatabase({ driver: 'postgres', connectionString: target.url });
  try {
    const db = database.db;
    await migrate(db);
    await seedDemo({ db, actor: null, source: cliAuditSource('bench') });
    let t = performance.now();
    await writeSqlRegistry(db, { countyCode: COUNTY, households: o.households, seed: 10 });
    console.log(`registry   ${((performance.now() - t) / 1000).toFixed(1)} s (SQL, ${o.households.toLocaleString()} households)`);

    t = performance.now();
    const campaignId = await insertCampaign(db, {
      regionCode: COUNTY,
      definition: {
        kind: 'all_households',
        name: '2026年冬季集中走访（基准）',
        period: { startsOn: '2026-11-15', endsOn: '2026-12-31' },
        done: { deadline: '2026-12-31', minVisits: 1, minVisitsHardship: 2 },
        graceDays: 7,
        aidStandards: ['dibao', 'tekun', 'poverty_monitoring', 'veteran_family', 'serious_illness'].map((c, i) => ({ categoryCode: c, items: [{ code: `${c}_cash`, name: '慰问金', amountFen: 20000 + i * 10000 }] })),
      },
    });
    // One cadre per village, each household assigned to its village's cadre.
    await sql`INSERT INTO app_user (username, display_name, password_hash, roles, region_id, county_code)
      SELECT 'bench_cadre_' || v.code, '包村干部' || v.code, '!', ARRAY['village_cadre'], v.id, ${COUNTY}
      FROM region v WHERE v.county_code = ${COUNTY} AND v.level = 'village' AND v.closed_on IS NULL`.execute(db);
    await sql`INSERT INTO visit_target (campaign_id, household_id, county_code, village_id, hardship, category_codes, cadre_id)
      SELECT ${campaignId}, h.id, h.county_code, h.village_id, hc.codes IS NOT NULL, coalesce(hc.codes, '{}'), u.id
      FROM household h
      JOIN region v ON v.id = h.village_id
      LEFT JOIN app_user u ON u.username = 'bench_cadre_' || v.code
      LEFT JOIN (SELECT household_id, array_agg(category_code) AS codes FROM household_hardship GROUP BY household_id) hc ON hc.household_id = h.id
      WHERE h.county_code = ${COUNTY}`.execute(db);
    // Visits: households drawn at random (so some get none, some several), times spread over
    // the campaign and a little beyond, a few recorded late, a few voided.
    await sql`SELECT setseed(0.42)`.execute(db);
    await sql`INSERT INTO visit (client_id, county_code, campaign_id, household_id, village_id, recorded_by, kind, visited_at, recorded_at, body, body_sha256, voided_at, void_reason)
      SELECT gen_random_uuid(), ${COUNTY}, ${campaignId}, t.household_id, t.village_id, t.cadre_id, 'home', x.visited_at,
             x.visited_at + CASE WHEN random() < 0.1 THEN random() * interval '9 days' ELSE interval '0' END,
             '{}'::jsonb, md5(n::text), CASE WHEN n % 50 = 0 THEN x.visited_at END, CASE WHEN n % 50 = 0 THEN '重复录入' END
      FROM (SELECT n, 1 + floor(random() * ${o.households})::int AS pick,
                   timestamptz '2026-11-14 16:00:00+00' + random() * interval '52 days' AS visited_at
            FROM generate_series(1, ${o.visits}) n) x
      JOIN (SELECT household_id, village_id, cadre_id, row_number() OVER (ORDER BY household_id) AS rn FROM visit_target WHERE campaign_id = ${campaignId}) t ON t.rn = x.pick`.execute(db);
    await sql`ANALYZE`.execute(db);
    const counts = await sql<{ targets: number; visits: number }>`SELECT (SELECT count(*)::int FROM visit_target) AS targets, (SELECT count(*)::int FROM visit) AS visits`.execute(db);
    console.log(`campaign   ${((performance.now() - t) / 1000).toFixed(1)} s (${counts.rows[0]!.targets.toLocaleString()} targets, ${counts.rows[0]!.visits.toLocaleString()} visits, bulk SQL)`);

    const actor = await actorFor(db, 'admin');
    const now = new Date('2027-01-03T04:00:00Z');
    const report = await getCampaignCoverage({ db, actor }, { campaignId, now });
    const useCase: number[] = [];
    for (let i = 0; i < o.runs; i++) {
      const start = performance.now();
      await getCampaignCoverage({ db, actor }, { campaignId, now });
      useCase.push(performance.now() - start);
    }
    const progress: number[] = [];
    for (let i = 0; i < Math.min(3, o.runs); i++) {
      const start = performance.now();
      await getCampaignProgress({ db, actor }, { campaignId, now });
      progress.push(performance.now() - start);
    }
    const scope = await findReportScope({ db, actor }, { campaignId });
    const compiled = coverageRollupQuery({ campaignId, countyCode: COUNTY, regionPath: scope.region.path, definition: scope.campaign.definition, now, groupBy: 'region', depth: 1 }).compile(db);
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    const direct: number[] = [];
    try {
      // The use case raises work_mem for its statements (withReportMemory); the direct run does the same.
      await client.query(`SET work_mem = '${REPORT_WORK_MEM}'`);
      await client.query(compiled.sql, compiled.parameters as unknown[]);
      for (let i = 0; i < o.runs; i++) {
        const start = performance.now();
        await client.query(compiled.sql, compiled.parameters as unknown[]);
        direct.push(performance.now() - start);
      }
    } finally {
      await client.end();
    }
    const u = summarize(useCase);
    const d = summarize(direct);
    const p = summarize(progress);
    console.log(`report     county ${(report.total.coverage! * 100).toFixed(1)}% of ${report.total.targets.toLocaleString()} (${report.total.visitedLate.toLocaleString()} late), ${report.rows.length} townships`);
    console.log(`use case   p50 ${ms(u.p50)}  p95 ${ms(u.p95)}  (getCampaignCoverage, county by township; goal < 1000 ms: ${u.p95 < 1000 ? 'met' : 'NOT met'})`);
    console.log(`direct SQL p50 ${ms(d.p50)}  p95 ${ms(d.p95)}  (the same aggregate statement over a plain pg client)`);
    console.log(`ratio      use case / direct = ${(u.p50 / d.p50).toFixed(2)} (p50); p95 / goal = ${(u.p95 / 1000).toFixed(2)}`);
    console.log(`progress   p50 ${ms(p.p50)}  (daily curve, ${Math.min(3, o.runs)} runs)`);
  } finally {
    await database.close();
    await target.drop();
  }
}
