/**
 * Shared plumbing of CLI commands: configuration, opening the database safely (the data-dir
 * lock for PGlite), and printing either for people or, with --json, for scripts.
 */
import { acquireDataDirLock } from '../server/db/data-dir-lock.ts';
import type { Database } from '../server/db/database.ts';
import { loadEnv, type Env } from '../server/env.ts';

export interface CliOptions {
  json?: boolean;
}

export function databaseOptions(env: Env) {
  return env.DATABASE_URL
    ? ({ driver: 'postgres', connectionString: env.DATABASE_URL } as const)
    : ({ driver: 'pglite', dataDir: env.DATA_DIR } as const);
}

/**
 * Runs `fn` with an open, migrated database. With PGlite it first takes the data-dir lock, so a
 * command never opens the files a running server holds.
 */
export async function withDatabase<T>(command: string, fn: (database: Database, env: Env) => Promise<T>, options: { migrate?: boolean } = {}): Promise<T> {
  const env = loadEnv();
  const [{ openDatabase }, { migrate }] = await Promise.all([import('../server/db/database.ts'), import('../server/db/migrate.ts')]);
  const release = env.DATABASE_URL ? () => {} : acquireDataDirLock(env.DATA_DIR, { command: `lianxin ${command}` });
  try {
    const database = await openDatabase(databaseOptions(env));
    try {
      if (options.migrate !== false) await migrate(database.db);
      return await fn(database, env);
    } finally {
      await database.close();
    }
  } finally {
    release();
  }
}

/** Prints a result: JSON for scripts, or the human text. */
export function output(options: CliOptions, result: unknown, human: () => string) {
  process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : `${human()}\n`);
}
