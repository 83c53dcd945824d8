/**
 * Benchmarks run on a throwaway database of the local PostgreSQL server (BENCH_DATABASE_URL,
 * default the machine's postgres on 127.0.0.1), dropped afterwards. Traffic stays on localhost.
 */
import crypto from 'node:crypto';
import pg from 'pg';

export const BENCH_SERVER_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function createBenchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `lianxin_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: BENCH_SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(BENCH_SERVER_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      // BENCH_KEEP_DATABASE=1 keeps the data for a later look (EXPLAIN, a second run); drop it by hand.
      if (process.env.BENCH_KEEP_DATABASE) return void console.log(`kept       ${name} (BENCH_KEEP_DATABASE)`);
      const c = new pg.Client({ connectionString: BENCH_SERVER_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
