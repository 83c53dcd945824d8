/**
 * Search at the hard end, on PostgreSQL: the queries with the most matches a registry search
 * sees — one common surname character (张), two-letter pinyin initials (zs), the last 4 digits
 * of an ID number or phone — over the real Fastify app on 127.0.0.1, one at a time and with 50
 * concurrent clients, each next to the same SQL run straight on the database at the same
 * concurrency (the statements the use case issued for that query, captured once and replayed
 * on a pool of 50 connections). The registry is written by SQL (sql-registry.ts): one
 * Ningyang-size county, or `--scale city`, eight of them in one database (Tai'an's six counties
 * and districts plus two, about 1.84 million households) with a survey wave per county.
 */
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../src/server/db/database.ts';
import { migrate } from '../src/server/db/migrate.ts';
import type { DB } from '../src/server/db/schema.ts';
import type { Actor } from '../src/server/http/context.ts';
import { cliAuditSource } from '../src/server/modules/audit/index.ts';
import { loadSession } from '../src/server/modules/auth/index.ts';
import { DEMO_PASSWORD, DEMO_COUNTY_CODE, seedDemo } from '../src/server/modules/demo/index.ts';
import { listResidents } from '../src/server/modules/registry/index.ts';
import { verifyDataKey } from '../src/server/security/data-key.ts';
import { BENCH_CIPHER } from './support/bench-cipher.ts';
import { createBenchDatabase } from './support/postgres.ts';
import { startServerChild } from './support/server-process.ts';
import { cloneCountyRegions, writeSqlRegistry } from './support/sql-registry.ts';
import { ms, summarize, timeEach, type LatencySummary } from './support/stats.ts';
import { insertScoringWave, timeResults } from './survey-scoring.bench.ts';

export interface SearchBenchOptions {
  /** Households per county (Ningyang: 230,000). */
  households: number;
  /** 1 (a county) or 8 (a city). */
  counties: number;
  /** Requests per kind of query, alone and concurrent. */
  requests: number;
  concurrency: number;
}

/** Tai'an's six counties and districts, then two more of the same size to make eight registries. */
const CITY_COUNTIES: [string, string][] = [
  ['370902', '泰山区'],
  ['370911', '岱岳区'],
  ['370923', '东平县'],
  ['370982', '新泰市'],
  ['370983', '肥城市'],
  ['370998', '合成县甲（基准）'],
  ['370999', '合成县乙（基准）'],
];

interface Captured {
  sql: string;
  parameters: readonly unknown[];
}

export async function searchBench(o: SearchBenchOptions) {
  const target = await createBenchDatabase();
  const replayPool = new pg.Pool({ connectionString: target.url, max: o.concurrency });
  try {
    const database = await openDatabase({ driver: 'postgres', connectionString: target.url });
    const db = database.db;
    await migrate(db);
    await verifyDataKey(db, BENCH_CIPHER);
    await seedDemo({ db, actor: null, source: cliAuditSource('bench') });
    const counties = [DEMO_COUNTY_CODE];
    for (const [code, name] of CITY_COUNTIES.slice(0, o.counties - 1)) {
      await cloneCountyRegions(db, { from: DEMO_COUNTY_CODE, to: code, name });
      counties.push(code);
    }
    let residents = 0;
    const genStart = performance.now();
    for (const [i, code] of counties.entries()) residents += await writeSqlRegistry(db, { countyCode: code, households: o.households, seed: i + 1 });
    await sql`ANALYZE`.execute(db);
    const genSeconds = (performance.now() - genStart) / 1000;
    console.log(
      `\n== Search at the hard end: ${counties.length} ${counties.length === 1 ? 'county' : 'counties'}, ${(o.households * counties.length).toLocaleString()} households, ${residents.toLocaleString()} residents (written by SQL in ${genSeconds.toFixed(0)} s)`,
    );

    const server = await startServerChild(target.url);
    const base = `http://127.0.0.1:${server.port}`;
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const actor = (await loadSession(db, cookie.split('=')[1]!))!.actor as Actor;

    // The hardest realistic queries: the commonest surnames, the commonest two-letter initials, 4-digit tails.
    const initials = await sql<{ p: string }>`
      SELECT left(name_initials, 2) AS p FROM resident WHERE county_code = ${DEMO_COUNTY_CODE} AND length(name_initials) >= 2
      GROUP BY 1 ORDER BY count(*) DESC LIMIT 10`.execute(db);
    const kinds: Record<string, string[]> = {
      'surname 张': ['张'],
      'surnames 王李张刘': ['王', '李', '张', '刘'],
      'initials zs…': initials.rows.map((r) => r.p),
      '4-digit tail': Array.from({ length: 50 }, (_, i) => String((i * 7919 + 1234) % 10000).padStart(4, '0')),
    };

    // The use case's statements per query, captured once through a logging Kysely on the same database.
    const capturePool = new pg.Pool({ connectionString: target.url, max: 1 });
    const captured: Captured[] = [];
    const captureDb = new Kysely<DB>({
      dialect: new PostgresDialect({ pool: capturePool }),
      log: (event) => {
        if (event.level === 'query') captured.push({ sql: (event.query as CompiledQuery).sql, parameters: event.query.parameters });
      },
    });
    const statements = new Map<string, Captured[]>();
    for (const q of Object.values(kinds).flat()) {
      captured.length = 0;
      // What GET /api/residents runs for a search: the page (searchResidents) and its cadres' lookup.
      await listResidents({ db: captureDb, actor, cipher: BENCH_CIPHER }, { q, limit: 50 });
      statements.set(q, [...captured]);
    }
    await captureDb.destroy();

    const http = async (q: string) => {
      const res = await fetch(`${base}/api/residents?limit=50&q=${encodeURIComponent(q)}`, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`search ${q}: ${res.status}`);
      await res.arrayBuffer();
    };
    const direct = async (q: string) => {
      const client = await replayPool.connect();
      try {
        for (const s of statements.get(q)!) await client.query(s.sql, s.parameters as unknown[]);
      } finally {
        client.release();
      }
    };
    // Warm both paths (connections, plans, caches) before timing.
    await timeEach(Object.values(kinds).flat(), o.concurrency, http);
    await timeEach(Object.values(kinds).flat(), o.concurrency, direct);

    const cycle = (list: string[], n: number) => Array.from({ length: n }, (_, i) => list[i % list.length]!);
    type Row = { kind: string; alone: LatencySummary; aloneDb: LatencySummary; busy: LatencySummary; busyDb: LatencySummary; rps: number; rpsDb: number };
    const rows: Row[] = [];
    for (const [kind, list] of Object.entries(kinds)) {
      const alone = summarize(await timeEach(cycle(list, Math.min(o.requests, 100)), 1, http));
      const aloneDb = summarize(await timeEach(cycle(list, Math.min(o.requests, 100)), 1, direct));
      const inputs = cycle(list, o.requests);
      let start = performance.now();
      const busy = summarize(await timeEach(inputs, o.concurrency, http));
      const rps = inputs.length / ((performance.now() - start) / 1000);
      start = performance.now();
      const busyDb = summarize(await timeEach(inputs, o.concurrency, direct));
      const rpsDb = inputs.length / ((performance.now() - start) / 1000);
      rows.push({ kind, alone, aloneDb, busy, busyDb, rps, rpsDb });
    }
    await server.stop();
    console.log(`search as the county administrator (limit 50); alone: goal p95 < 50 ms; ${o.concurrency} concurrent clients: goal p95 < 300 ms and API ≥ 0.5 of SQL's throughput`);
    console.log('  query                alone p50/p95 (SQL p95)        concurrent p50/p95 (SQL p95)      req/s API / SQL = ratio');
    for (const r of rows) {
      console.log(
        `  ${r.kind.padEnd(20)} ${`${ms(r.alone.p50)} / ${ms(r.alone.p95)}`.padEnd(20)} (${ms(r.aloneDb.p95)})`.padEnd(54) +
          `${`${ms(r.busy.p50)} / ${ms(r.busy.p95)}`.padEnd(22)} (${ms(r.busyDb.p95)})`.padEnd(36) +
          `${r.rps.toFixed(0)} / ${r.rpsDb.toFixed(0)} = ${(r.rps / r.rpsDb).toFixed(2)}`,
      );
    }

    let results: LatencySummary | null = null;
    if (counties.length > 1) {
      // A closed wave of 13 townships × 1,000 completes in every county, then one county's results.
      const waves: string[] = [];
      for (const code of counties) waves.push(await insertScoringWave(db, 1000, code));
      await sql`ANALYZE`.execute(db);
      results = await timeResults(db, waves[0]!, 5);
      console.log(`survey results of one county's wave (13,000 completes) among ${waves.length} counties' waves: p50 ${ms(results.p50)}, max ${ms(results.max)}`);
    }
    await database.close();
    return { rows, results };
  } finally {
    await replayPool.end();
    await target.drop();
  }
}
