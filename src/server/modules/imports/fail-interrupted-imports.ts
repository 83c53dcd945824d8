import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { RUNNING_IMPORT_LOCK } from './import-session.ts';

/**
 * Marks as failed (import_interrupted) the jobs a stopped or crashed server left 'running':
 * their transaction was rolled back with the process, so nothing of them was written. On
 * PostgreSQL several servers may share the database: a job whose import still holds its
 * advisory lock is alive on another server and is left alone. Called when the app starts (a
 * database without the import tables yet has nothing to fail).
 *
 * @example
 * const failed = await failInterruptedImports(db); // ids of the jobs marked failed
 */
export async function failInterruptedImports(db: Kysely<DB>): Promise<string[]> {
  // An app built only to describe itself (`lianxin openapi`) runs on an empty, unmigrated database.
  const table = await sql<{ t: string | null }>`SELECT to_regclass('import_job')::text AS t`.execute(db);
  if (!table.rows[0]?.t) return [];
  const running = await db.selectFrom('import_job').select('id').where('status', '=', 'running').execute();
  const failed: string[] = [];
  for (const { id } of running) {
    // Lock and unlock must happen on one connection.
    await db.connection().execute(async (conn) => {
      const free = await sql<{ free: boolean }>`SELECT pg_try_advisory_lock(${RUNNING_IMPORT_LOCK}, hashtext(${id})) AS free`.execute(conn);
      if (!free.rows[0]?.free) return;
      try {
        const done = await conn
          .updateTable('import_job')
          .set({ status: 'failed', problem: 'import_interrupted', finished_at: new Date() })
          .where('id', '=', id)
          .where('status', '=', 'running')
          .executeTakeFirst();
        if (done.numUpdatedRows > 0n) failed.push(id);
      } finally {
        await sql`SELECT pg_advisory_unlock(${RUNNING_IMPORT_LOCK}, hashtext(${id}))`.execute(conn);
      }
    });
  }
  return failed;
}
