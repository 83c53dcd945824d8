/**
 * The embedded database (PGlite, one connection) under load, through the HTTP API of a server
 * in this process on a file-backed data directory:
 *  - an import of a generated registry file while /api/health is polled every 50 ms: how long
 *    other requests wait while the import runs (goal: health p95 < 500 ms);
 *  - 50 clients searching at once, each with a 10 s timeout, with the queue bound off (every
 *    request waits its turn, as before) and at its default (excess requests get 503 at once):
 *    answers, latency of the served ones, timeouts, the process's peak memory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/server/app.ts';
import { openDatabase, pgliteWaiting } from '../src/server/db/database.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { loadEnv } from '../src/server/env.ts';
import { cliAuditSource } from '../src/server/modules/audit/index.ts';
import { DEMO_PASSWORD, generateHouseholds, seedDemo, writeHouseholdFile } from '../src/server/modules/demo/index.ts';
import { importHouseholds } from '../src/server/modules/imports/index.ts';
import { verifyDataKey } from '../src/server/security/data-key.ts';
import { BENCH_CIPHER } from './support/bench-cipher.ts';
import { ms, summarize } from './support/stats.ts';

export interface PgliteLoadBenchOptions {
  households: number;
  clients: number;
  /** Searches each client sends, one after another. */
  searchesPerClient: number;
}

const SEARCHES = ['张', '王伟', 'zhang', 'ls', 'liu', '李', 'wangf', '陈'];
const CLIENT_TIMEOUT_MS = 10_000;

export async function pgliteLoadBench(o: PgliteLoadBenchOptions) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-bench-pglite-'));
  const file = path.join(dir, `households-${o.households}.csv`);
  const residents = await writeHouseholdFile(generateHouseholds({ households: o.households, seed: 2026 }), { path: file, format: 'csv', encoding: 'utf8' });
  console.log(`\n== PGlite under load: ${o.households.toLocaleString()} households, ${residents.toLocaleString()} residents`);
  const database = await openDatabase({ driver: 'pglite', dataDir: path.join(dir, 'data') });
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  try {
    await migrate(database.db);
    await verifyDataKey(database.db, BENCH_CIPHER);
    await seedDemo({ db: database.db, actor: null, source: cliAuditSource('bench') });
    const county = await database.db.selectFrom('region').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();

    const serve = async (queueLimit: string) => {
      const app = await buildApp({ db: database.db, driver: 'pglite', cipher: BENCH_CIPHER, env: loadEnv({ LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT: '10000', PGLITE_QUEUE_LIMIT: queueLimit }) });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
      const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }) });
      return { app, base, cookie: login.headers.get('set-cookie')!.split(';')[0]! };
    };

    // 1. An import while /api/health is polled.
    {
      const { app, base } = await serve(loadEnv({}).PGLITE_QUEUE_LIMIT.toString());
      const health: number[] = [];
      let importing = true;
      const poller = (async () => {
        while (importing) {
          const start = performance.now();
          await fetch(`${base}/api/health`).then((r) => r.arrayBuffer());
          health.push(performance.now() - start);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      })();
      const phases = new Map<string, number>();
      const importStart = performance.now();
      const result = await importHouseholds({ db: database.db, actor: null, source: cliAuditSource('bench'), cipher: BENCH_CIPHER }, {
        onProgress: (p) => {
          if (!phases.has(p.phase)) phases.set(p.phase, performance.now() - importStart);
        },
        input: fs.createReadStream(file),
        fileName: path.basename(file),
        totalBytes: fs.statSync(file).size,
        mode: 'all_or_nothing',
        regionId: county.id,
      });
      importing = false;
      await poller;
      await app.close();
      const h = summarize(health);
      const at = (phase: string) => ((phases.get(phase) ?? Number.NaN) / 1000).toFixed(1);
      console.log(`import   ${result.status}, ${(result.durationMs / 1000).toFixed(1)} s (reading and staging until ${at('checking')} s, then in one transaction the checks until ${at('writing')} s and the merge until ${at('done')} s); /api/health meanwhile (${h.n} polls): p50 ${ms(h.p50)}, p95 ${ms(h.p95)}, max ${ms(h.max)} (goal p95 < 500 ms)`);
    }

    // 2. Many clients searching at once, without and with the bound.
    // Bounded first: the unbounded run leaves the requests its clients gave up on still queued.
    for (const [label, limit] of [
      ['bounded', loadEnv({}).PGLITE_QUEUE_LIMIT.toString()],
      ['unbounded', '100000'],
    ] as const) {
      const { app, base, cookie } = await serve(limit);
      peakRss = process.memoryUsage().rss;
      const served: number[] = [];
      const refused: number[] = [];
      let timedOut = 0;
      let other = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: o.clients }, async (_, c) => {
          for (let i = 0; i < o.searchesPerClient; i++) {
            const q = SEARCHES[(c + i) % SEARCHES.length]!;
            const start = performance.now();
            try {
              const res = await fetch(`${base}/api/residents?limit=50&q=${encodeURIComponent(q)}`, { headers: { cookie }, signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS) });
              await res.arrayBuffer();
              if (res.status === 200) served.push(performance.now() - start);
              else if (res.status === 503 && res.headers.get('retry-after')) refused.push(performance.now() - start);
              else other++;
            } catch {
              timedOut++;
            }
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      await app.close();
      while (pgliteWaiting(database.db)) await new Promise((resolve) => setTimeout(resolve, 100));
      const s = summarize(served);
      const r = refused.length ? summarize(refused) : null;
      console.log(
        `search   ${o.clients} clients × ${o.searchesPerClient}, ${label} (PGLITE_QUEUE_LIMIT=${limit}): ${served.length} served (p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, max ${ms(s.max)}), ` +
          `${refused.length} refused with 503${r ? ` (p95 ${ms(r.p95)})` : ''}, ${timedOut} timed out after ${CLIENT_TIMEOUT_MS / 1000} s, ${other} other; ` +
          `${(served.length / seconds).toFixed(0)} served/s; peak RSS ${(peakRss / 1e6).toFixed(0)} MB`,
      );
    }
  } finally {
    clearInterval(sampler);
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
