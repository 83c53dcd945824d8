/**
 * A PostgreSQL server that drops the app's connections (a restart, a failover, an administrator's
 * pg_terminate_backend) while requests run: the process must survive, the requests that lost
 * their connection answer 503 problem+json, and the pool reconnects by itself. PGlite runs in
 * the process: there is no connection to lose.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, hasPostgres, testDatabaseUrl } from '../../../test/support/dialects.ts';
import { startTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { APPLICATION_NAME } from './database.ts';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(hasPostgres)('dropped PostgreSQL connections [postgres]', () => {
  let t: TestApp;
  let admin: Client;
  let killer: pg.Client;
  let databaseName: string;
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);

  beforeAll(async () => {
    t = await startTestApp(DIALECTS.find((d) => d.name === 'postgres')!);
    admin = await t.as('admin');
    databaseName = (await t.database.db.selectNoFrom((eb) => eb.fn<string>('current_database', []).as('name')).executeTakeFirstOrThrow()).name;
    killer = new pg.Client({ connectionString: testDatabaseUrl });
    await killer.connect();
    // A crash would otherwise end the test worker; counted here so the test can say so.
    process.on('uncaughtException', onUncaught);
  });
  afterAll(async () => {
    process.off('uncaughtException', onUncaught);
    await killer?.end();
    await t?.close();
  });

  const terminateAppConnections = async () =>
    (
      await killer.query<{ n: string }>(
        `SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = $2 AND pid <> pg_backend_pid()`,
        [databaseName, APPLICATION_NAME],
      )
    ).rows[0]!.n;

  const requestOnce = (i: number) => (i % 3 === 0 ? t.anonymous.get('/api/health') : i % 3 === 1 ? admin.get('/api/residents?q=zhang&limit=20') : admin.get('/api/users?limit=50'));

  it('names its connections, so an administrator can find them', async () => {
    await admin.get('/api/health');
    expect(Number(await terminateAppConnections())).toBeGreaterThan(0);
    await pause(100);
  });

  it('answers 503 problem+json to the requests whose connection dies, stays up, and reconnects', async () => {
    const statuses = new Map<number, number>();
    const unavailable: { body: Record<string, unknown>; contentType: string; retryAfter: unknown }[] = [];
    let killed = 0;
    let running = true;
    const workers = Array.from({ length: 8 }, async (_, w) => {
      for (let i = w; running; i++) {
        const res = await requestOnce(i);
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        if (res.statusCode === 503) unavailable.push({ body: res.json(), contentType: String(res.headers['content-type']), retryAfter: res.headers['retry-after'] });
      }
    });
    const deadline = Date.now() + 4_000;
    while (Date.now() < deadline) {
      killed += Number(await terminateAppConnections());
      await pause(40);
    }
    running = false;
    await Promise.all(workers);

    expect(uncaught).toEqual([]);
    expect(killed).toBeGreaterThan(10);
    expect([...statuses.keys()].sort()).toEqual(expect.arrayContaining([200, 503]));
    // Nothing but successes and 503s: a lost connection is neither the user's mistake nor a 500.
    expect([...statuses.keys()].filter((s) => s !== 200 && s !== 503)).toEqual([]);
    for (const u of unavailable) {
      expect(u.contentType).toMatch(/^application\/problem\+json/);
      expect(u.body).toMatchObject({ status: 503, code: 'database_unavailable' });
      expect(Number(u.retryAfter)).toBeGreaterThan(0);
    }

    // The pool drops the dead connections and opens new ones: later requests just work.
    await pause(200);
    const after = await Promise.all(Array.from({ length: 12 }, (_, i) => requestOnce(i)));
    expect(after.map((r) => r.statusCode)).toEqual(Array(12).fill(200));
    expect(uncaught).toEqual([]);
  });
});
