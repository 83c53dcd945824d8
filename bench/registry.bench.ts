/**
 * Registry benchmark at Ningyang scale, on PostgreSQL:
 *  - import throughput of a generated registry file, and its ratio to PostgreSQL's own COPY of
 *    the same rows into a bare table; peak memory of the importing process;
 *  - search by name, pinyin initials and phone through the HTTP API (p50/p95) next to the same
 *    query run straight on the database;
 *  - the ceiling of any importer: PostgreSQL's COPY of the imported rows themselves (already
 *    validated, encrypted and keyed) back into the registry's indexed tables.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { buildApp } from '../src/server/app.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { loadEnv } from '../src/server/env.ts';
import type { Actor } from '../src/server/http/context.ts';
import { cliAuditSource } from '../src/server/modules/audit/index.ts';
import { generateHouseholds, DEMO_PASSWORD, seedDemo, writeHouseholdFile } from '../src/server/modules/demo/index.ts';
import { loadSession } from '../src/server/modules/auth/index.ts';
import { namePinyin, residentQuery } from '../src/server/modules/registry/index.ts';
import { verifyDataKey } from '../src/server/security/data-key.ts';
import { BENCH_CIPHER } from './support/bench-cipher.ts';
import { createBenchDatabase } from './support/postgres.ts';
import { ms, summarize, timeEach, type LatencySummary } from './support/stats.ts';

const run = promisify(execFile);

export interface RegistryBenchOptions {
  households: number;
  queries: number;
  /** The import's row worker threads (default: the importer's own choice for this machine). */
  rowWorkers?: number;
}

export async function registryBench(o: RegistryBenchOptions) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-bench-'));
  const file = path.join(dir, `households-${o.households}.csv`);
  const residents = await writeHouseholdFile(generateHouseholds({ households: o.households, seed: 2026 }), { path: file, format: 'csv', encoding: 'utf8' });
  console.log(`\n== Registry: ${o.households.toLocaleString()} households, ${residents.toLocaleString()} residents (${(fs.statSync(file).size / 1e6).toFixed(0)} MB CSV)`);

  const target = await createBenchDatabase();
  try {
    const database = await openDatabase({ driver: 'postgres', connectionString: target.url });
    await migrate(database.db);
    await verifyDataKey(database.db, BENCH_CIPHER);
    await seedDemo({ db: database.db, actor: null, source: cliAuditSource('bench') });

    // PostgreSQL's own COPY of the same rows into a bare table: the ceiling for a bulk load.
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    await client.query(`CREATE TABLE bare_copy (${Array.from({ length: 16 }, (_, i) => `c${i} text`).join(', ')})`);
    const copyStart = performance.now();
    await pipeline(fs.createReadStream(file), client.query(copyFrom('COPY bare_copy FROM STDIN (FORMAT csv, HEADER true)')));
    const copySeconds = (performance.now() - copyStart) / 1000;
    await client.query('DROP TABLE bare_copy');
    await client.end();

    const childArgs = [target.url, file, ...(o.rowWorkers === undefined ? [] : [String(o.rowWorkers)])];
    const child = await run(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'support/import-child.ts'), ...childArgs], { maxBuffer: 1 << 20, timeout: 3_600_000 });
    const imported = JSON.parse(child.stdout.trim().split('\n').at(-1)!);
    if (imported.status !== 'succeeded') throw new Error(`import did not succeed: ${child.stdout}`);
    const importSeconds = imported.durationMs / 1000;
    const importRate = residents / importSeconds;
    const copyRate = residents / copySeconds;
    console.log(`import   ${importSeconds.toFixed(1)} s  ${Math.round(importRate).toLocaleString()} rows/s  peak RSS ${imported.maxRssMb.toFixed(0)} MB (goal < 300 MB), row workers ${imported.rowWorkers}, load average ${os.loadavg()[0]!.toFixed(1)}`);
    console.log(`COPY     ${copySeconds.toFixed(1)} s  ${Math.round(copyRate).toLocaleString()} rows/s (bare table, same file)`);
    console.log(`ratio    import / COPY = ${(importRate / copyRate).toFixed(2)} (goal ≥ 0.5)`);
    await sql`ANALYZE`.execute(database.db);

    // Search: the same queries over HTTP and straight on the database.
    const sample = await database.db
      .selectFrom('resident as r')
      .leftJoin('resident_phone as p', 'p.resident_id', 'r.id')
      .select(['r.name', 'p.phone_cipher'])
      .orderBy('r.id')
      .where((eb) => eb(eb.fn('mod', ['r.id', eb.val(Math.max(1, Math.floor(residents / o.queries)))]), '=', 0))
      .limit(o.queries)
      .execute();
    const queries = {
      name: sample.map((s) => s.name),
      initials: sample.map((s) => namePinyin(s.name).initials),
      phone: sample.filter((s) => s.phone_cipher).map((s) => BENCH_CIPHER.decrypt(s.phone_cipher!)),
    };
    const app = await buildApp({ db: database.db, driver: 'postgres', cipher: BENCH_CIPHER, env: loadEnv({ LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT: '1000' }) });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const actor = (await loadSession(database.db, cookie.split('=')[1]!))!.actor as Actor;

    const rows: [string, LatencySummary, LatencySummary][] = [];
    for (const [kind, list] of Object.entries(queries)) {
      const http = await timeEach(list, 1, async (q) => {
        const res = await fetch(`${base}/api/residents?limit=50&q=${encodeURIComponent(q)}`, { headers: { cookie } });
        if (res.status !== 200) throw new Error(`search ${q}: ${res.status}`);
        await res.arrayBuffer();
      });
      const direct = await timeEach(list, 1, async (q) => {
        await (await residentQuery({ db: database.db, actor, cipher: BENCH_CIPHER }, { q })).orderBy('r.id').limit(51).execute();
      });
      rows.push([kind, summarize(http), summarize(direct)]);
    }
    await app.close();
    await database.close();
    console.log(`search (${o.queries} queries each, one at a time; goal p95 < 50 ms over HTTP)`);
    console.log('  kind       HTTP p50   HTTP p95   DB p50     DB p95');
    for (const [kind, http, direct] of rows) console.log(`  ${kind.padEnd(10)} ${ms(http.p50).padEnd(10)} ${ms(http.p95).padEnd(10)} ${ms(direct.p50).padEnd(10)} ${ms(direct.p95)}`);

    const reloadSeconds = await reloadRegistryTables(target.url, dir);
    const reloadRate = residents / reloadSeconds;
    console.log(`ceiling  COPY of the imported rows into the registry's indexed tables: ${reloadSeconds.toFixed(1)} s  ${Math.round(reloadRate).toLocaleString()} rows/s`);
    console.log(`         = ${(reloadRate / copyRate).toFixed(2)} of the bare COPY, with no validation, encryption or pinyin at all: no importer can do better`);
    console.log(`import / ceiling = ${(reloadSeconds / importSeconds).toFixed(2)} (goal ≥ 0.5), load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    return { importRate, copyRate, ratio: importRate / copyRate, maxRssMb: imported.maxRssMb, search: rows, ceilingRatio: reloadRate / copyRate, importToCeiling: reloadSeconds / importSeconds };
  } finally {
    await target.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The registry tables an import writes, parents first. */
const REGISTRY_TABLES = ['household', 'resident', 'resident_phone', 'household_hardship'] as const;

/**
 * Copies the imported rows out, empties the registry and COPYs them back in (indexes, keys and
 * constraints as in production): PostgreSQL's own time to load the import's final rows.
 */
async function reloadRegistryTables(url: string, dir: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const table of REGISTRY_TABLES) await pipeline(client.query(copyTo(`COPY ${table} TO STDOUT`)), fs.createWriteStream(path.join(dir, `${table}.copy`)));
    // Tables that reference the registry (pairing, cases, conflicts …: empty here, one import into an empty county) go too.
    await client.query(`TRUNCATE ${REGISTRY_TABLES.join(', ')} CASCADE`);
    const start = performance.now();
    await client.query('BEGIN');
    for (const table of REGISTRY_TABLES) await pipeline(fs.createReadStream(path.join(dir, `${table}.copy`)), client.query(copyFrom(`COPY ${table} FROM STDIN`)));
    await client.query('COMMIT');
    return (performance.now() - start) / 1000;
  } finally {
    await client.end();
  }
}
