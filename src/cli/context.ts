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

/**
 * Which PostgreSQL role a command connects as: `runtime` (DATABASE_URL, what the server runs
 * as) or `owner` (DATABASE_OWNER_URL, else DATABASE_URL: migrations, restores, granting roles).
 */
export type ConnectAs = 'runtime' | 'owner';

export function databaseOptions(env: Env, as: ConnectAs = 'runtime') {
  const url = as === 'owner' ? (env.DATABASE_OWNER_URL ?? env.DATABASE_URL) : env.DATABASE_URL;
  return url ? ({ driver: 'postgres', connectionString: url } as const) : ({ driver: 'pglite', dataDir: env.DATA_DIR } as const);
}

/**
 * Runs `fn` with an open, migrated database. With PGlite it first takes the data-dir lock, so a
 * command never opens the files a running server holds. As the runtime role, pending migrations
 * run through DATABASE_OWNER_URL (or the command refuses, naming it); as the owner, directly.
 */
export async function withDatabase<T>(
  command: string,
  fn: (database: Database, env: Env) => Promise<T>,
  options: { migrate?: boolean; as?: ConnectAs } = {},
): Promise<T> {
  const env = loadEnv();
  const [{ openDatabase }, { migrate }, { prepareSchema }] = await Promise.all([
    import('../server/db/database.ts'),
    import('../server/db/migrate.ts'),
    import('../server/db/prepare-schema.ts'),
  ]);
  const release = env.DATABASE_URL ? () => {} : acquireDataDirLock(env.DATA_DIR, { command: `lianxin ${command}` });
  try {
    const database = await openDatabase(databaseOptions(env, options.as));
    try {
      if (options.migrate !== false) {
        if (options.as === 'owner') await migrate(database.db);
        else await prepareSchema(database, env.DATABASE_OWNER_URL);
      }
      return await fn(database, env);
    } finally {
      await database.close();
    }
  } finally {
    release();
  }
}

/**
 * After a restore as the owner (which may have built the tables): grants the runtime role of
 * DATABASE_URL its privileges again. Null when there is no separate owner URL or runtime role.
 */
export async function regrantRuntimeRole(env: Env): Promise<string | null> {
  if (!env.DATABASE_OWNER_URL || !env.DATABASE_URL) return null;
  const [{ openDatabase }, { prepareSchema }] = await Promise.all([import('../server/db/database.ts'), import('../server/db/prepare-schema.ts')]);
  const runtime = await openDatabase(databaseOptions(env, 'runtime'));
  try {
    return (await prepareSchema(runtime, env.DATABASE_OWNER_URL, { regrant: true })).granted;
  } finally {
    await runtime.close();
  }
}

/** Prints a result: JSON for scripts, or the human text. */
export function output(options: CliOptions, result: unknown, human: () => string) {
  process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : `${human()}\n`);
}
