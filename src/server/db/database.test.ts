import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.ts';
import type { Database } from './database.ts';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const dialect of DIALECTS) {
  describe(`openDatabase [${dialect.name}]`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await dialect.open();
      await sql`CREATE TABLE probe (id text PRIMARY KEY)`.execute(database.db);
    });
    afterAll(async () => database?.close());

    // PGlite has a single connection: a request that ran inside another's open transaction would
    // see its uncommitted rows and be rolled back with it.
    it('keeps a request that arrives mid-transaction out of that transaction', async () => {
      let seenFromOutside: string[] | null = null;
      const transaction = database.db.transaction().execute(async (trx) => {
        await trx.insertInto('probe' as never).values({ id: 'inside' } as never).execute();
        await pause(50);
        throw new Error('roll back');
      });
      await pause(10);
      const outside = (async () => {
        await database.db.insertInto('probe' as never).values({ id: 'outside' } as never).execute();
        const rows = await sql<{ id: string }>`SELECT id FROM probe ORDER BY id`.execute(database.db);
        seenFromOutside = rows.rows.map((r) => r.id);
      })();
      await expect(transaction).rejects.toThrow('roll back');
      await outside;
      expect(seenFromOutside).toEqual(['outside']);
      const after = await sql<{ id: string }>`SELECT id FROM probe ORDER BY id`.execute(database.db);
      expect(after.rows.map((r) => r.id)).toEqual(['outside']);
    });

    it('runs many concurrent transactions one after another, each whole', async () => {
      await sql`CREATE TABLE counter (n int NOT NULL)`.execute(database.db);
      await sql`INSERT INTO counter VALUES (0)`.execute(database.db);
      // Read-then-write without a lock: correct only if no other transaction interleaves (PGlite),
      // or with FOR UPDATE (PostgreSQL, where transactions really run side by side).
      await Promise.all(
        Array.from({ length: 20 }, () =>
          database.db.transaction().execute(async (trx) => {
            const { rows } = await sql<{ n: number }>`SELECT n FROM counter FOR UPDATE`.execute(trx);
            await pause(1);
            await sql`UPDATE counter SET n = ${rows[0]!.n + 1}`.execute(trx);
          }),
        ),
      );
      const { rows } = await sql<{ n: number }>`SELECT n FROM counter`.execute(database.db);
      expect(rows[0]!.n).toBe(20);
    });
  });
}
