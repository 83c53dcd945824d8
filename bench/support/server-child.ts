/**
 * The app on 127.0.0.1 in a process of its own, as in production: a benchmark's load generator
 * must not share the server's event loop. Usage: tsx bench/support/server-child.ts DATABASE_URL —
 * prints the port as one JSON line, and exits when its standard input closes (the parent ended).
 */
// First: the clock the app should see (BENCH_CLOCK), before any of its code runs.
import './shifted-clock.ts';
import { buildApp } from '../../src/server/app.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { loadEnv } from '../../src/server/env.ts';
import { BENCH_CIPHER } from './bench-cipher.ts';

const [url] = process.argv.slice(2);
if (!url) throw new Error('usage: server-child.ts DATABASE_URL');
// BENCH_SERVER_POOL: the pool size to run with (production's default when unset), to see what the pool limits.
const pool = process.env.BENCH_SERVER_POOL ? Number(process.env.BENCH_SERVER_POOL) : undefined;
const database = await openDatabase({ driver: 'postgres', connectionString: url, ...(pool ? { maxConnections: pool } : {}) });
// BENCH_FILES_DIR: where visit photos go (the visit-sync benchmark's temporary folder), never ./data/files.
const files = process.env.BENCH_FILES_DIR ? { FILES_DIR: process.env.BENCH_FILES_DIR } : {};
const app = await buildApp({ db: database.db, driver: 'postgres', cipher: BENCH_CIPHER, env: loadEnv({ LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT: '1000', ...files }) });
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ port: (app.server.address() as { port: number }).port })}\n`);
process.stdin.resume();
process.stdin.on('close', () => {
  void app.close().then(() => database.close()).then(() => process.exit(0));
});
