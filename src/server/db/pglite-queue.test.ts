import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.ts';
import { startTestApp, type Client, type TestApp } from '../../../test/support/test-app.ts';
import { ConnectionQueue } from './pglite-queue.ts';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ConnectionQueue', () => {
  it('lends the connection to one caller at a time, first come first served, and counts the waiters', async () => {
    const queue = new ConnectionQueue();
    const order: number[] = [];
    await queue.acquire();
    expect(queue.waiting).toBe(0);
    const waiters = [1, 2, 3].map((n) => queue.acquire().then(() => order.push(n)));
    expect(queue.waiting).toBe(3);
    await pause(5);
    expect(order).toEqual([]);
    for (let i = 0; i < 3; i++) {
      queue.release();
      await pause(1);
    }
    await Promise.all(waiters);
    expect(order).toEqual([1, 2, 3]);
    expect(queue.waiting).toBe(0);
    queue.release();
    // Free again: the next caller gets it at once.
    let got = false;
    void queue.acquire().then(() => (got = true));
    await pause(1);
    expect(got).toBe(true);
  });

  it('hands a free connection over on a later turn of the event loop, so that requests that have arrived are read first', async () => {
    const queue = new ConnectionQueue();
    let got = false;
    void queue.acquire().then(() => (got = true));
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(got).toBe(false);
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.resolve();
    expect(got).toBe(true);
  });
});

const LIMIT = 6;
const HOLD_MS = 1_500;

for (const dialect of DIALECTS) {
  describe(`a bounded wait for the database [${dialect.name}]`, () => {
    let t: TestApp;
    let admin: Client;
    beforeAll(async () => {
      t = await startTestApp(dialect, { PGLITE_QUEUE_LIMIT: String(LIMIT) });
      admin = await t.as('admin');
    });
    afterAll(async () => t?.close());

    // PGlite runs statements on this thread: without a turn between them, a long transaction
    // would keep every other request from even being read until its commit.
    it('lets the event loop turn between the statements of a transaction', async () => {
      let turns = 0;
      let counting = true;
      const tick = () => {
        turns++;
        if (counting) setImmediate(tick);
      };
      await t.database.db.transaction().execute(async (trx) => {
        setImmediate(tick);
        for (let i = 0; i < 5; i++) await sql`SELECT ${i}::int`.execute(trx);
        counting = false;
      });
      expect(turns).toBeGreaterThanOrEqual(5);
    });

    it(
      dialect.name === 'pglite'
        ? 'refuses requests beyond the queue at once with 503 server_busy and Retry-After; the queued ones are answered'
        : 'does not apply: the pool serves requests side by side',
      async () => {
        // A long statement (an import's merge, a big report) holds the single connection.
        const holder = t.database.db.connection().execute(() => pause(HOLD_MS));
        await pause(20);
        const started = performance.now();
        const answers = await Promise.all(
          Array.from({ length: 30 }, async (_, i) => {
            // One after another, so that each has joined the queue before the next arrives.
            await pause(10 * i);
            const res = i % 2 ? await admin.get('/api/users?limit=5') : await t.anonymous.request({ method: 'GET', url: '/api/health', headers: { 'accept-language': 'en' } });
            return { res, ms: performance.now() - started };
          }),
        );
        await holder;
        const refused = answers.filter((a) => a.res.statusCode === 503);
        const served = answers.filter((a) => a.res.statusCode === 200);
        expect(refused.length + served.length).toBe(30);
        if (dialect.name === 'postgres') {
          expect(refused).toEqual([]);
          return;
        }
        // Each waiting request holds one place; the rest are refused without waiting for the holder.
        expect(served.length).toBe(LIMIT);
        for (const { res, ms } of refused) {
          expect(ms).toBeLessThan(HOLD_MS);
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(res.headers['retry-after']).toBe('1');
          expect(res.json()).toMatchObject({ status: 503, code: 'server_busy' });
        }
        expect(refused.map((r) => r.res.json().detail)).toContain('The server is busy; try again in a moment.');
        // Once the queue drains, requests are served again.
        expect((await admin.get('/api/users?limit=5')).statusCode).toBe(200);
      },
    );
  });
}
