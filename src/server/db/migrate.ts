/**
 * Applies the SQL files in ./migrations in name order, each once, each in its own
 * transaction, recording the applied versions in `schema_migration`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.ts';
import { splitSqlStatements } from './split-sql.ts';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  version: string;
  sql: string;
}

/** The migrations shipped with this build, in order. */
export function listMigrations(): Migration[] {
  return fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.replace(/\.sql$/, ''), sql: fs.readFileSync(path.join(MIGRATIONS_DIR, f), 'utf8') }));
}

/**
 * @example
 * const applied = await migrate(db); // ['0001_foundation'] on a new database, [] after
 */
export async function migrate(db: Kysely<DB>): Promise<string[]> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migration (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(db);
  const done = new Set((await db.selectFrom('schema_migration').select('version').execute()).map((r) => r.version));
  const applied: string[] = [];
  for (const m of listMigrations()) {
    if (done.has(m.version)) continue;
    await db.transaction().execute(async (trx) => {
      // Two processes migrating one server at once: the second waits, then sees the row.
      await sql`SELECT pg_advisory_xact_lock(73092100)`.execute(trx);
      const again = await trx.selectFrom('schema_migration').select('version').where('version', '=', m.version).executeTakeFirst();
      if (again) return;
      await applyMigration(trx, m);
      applied.push(m.version);
    });
  }
  return applied;
}

/** Runs one migration's statements and records it; the caller owns the transaction. */
export async function applyMigration(trx: Kysely<DB>, m: Migration): Promise<void> {
  for (const statement of splitSqlStatements(m.sql)) await sql.raw(statement).execute(trx);
  await trx.insertInto('schema_migration').values({ version: m.version }).execute();
}

/** Versions applied to this database, oldest first. */
export async function appliedMigrations(db: Kysely<DB>): Promise<string[]> {
  const rows = await db.selectFrom('schema_migration').select('version').orderBy('version').execute();
  return rows.map((r) => r.version);
}
