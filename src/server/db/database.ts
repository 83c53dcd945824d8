/**
 * Opens the database: embedded PGlite (default, file-backed or in-memory) or a PostgreSQL
 * server through `pg`. Both speak the same SQL; nothing else in the code knows which it is.
 */
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { restrictDataDir } from './data-dir-permissions.ts';
import { ConnectionQueue, QueuedPGliteDialect } from './pglite-queue.ts';
import type { DB } from './schema.ts';

// bigint (int8) ids come back as strings from both drivers: keeps them exact and identical.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);
// `date` columns stay 'YYYY-MM-DD' strings: a calendar date has no time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => v);

export type DatabaseDriver = 'pglite' | 'postgres';

/** `application_name` of the server's connections: what an administrator looks for in pg_stat_activity. */
export const APPLICATION_NAME = 'lianxin';

export type DatabaseOptions =
  | {
      driver: 'pglite';
      dataDir?: string | undefined;
      /**
       * A data directory dumped by PGlite's `dumpDataDir()` to start from instead of a new cluster:
       * tests open one migrated template many times (a new cluster costs several seconds of
       * initdb in WASM, loading a dump about a fifth of it).
       */
      template?: Blob | undefined;
    }
  | { driver: 'postgres'; connectionString: string; maxConnections?: number };

/**
 * The driver objects behind each Kysely instance opened here. An escape hatch for bulk loading:
 * COPY (pg-copy-streams' FROM STDIN on pg, FROM '/dev/blob' on PGlite) needs the raw client,
 * which Kysely does not expose; the household import stages its rows with it, several times
 * faster than INSERTs. Nothing else should need it. A PGlite caller must hold the connection
 * (`db.connection()`) while it uses the instance: Kysely lends PGlite's single connection to one
 * caller (a query, or a whole transaction) at a time, and cannot see a use behind its back.
 */
const postgresPools = new WeakMap<Kysely<DB>, pg.Pool>();
const pgliteInstances = new WeakMap<Kysely<DB>, PGlite>();

/** The pg pool of a database opened with the postgres driver; null for PGlite. */
export const postgresPoolOf = (db: Kysely<DB>): pg.Pool | null => postgresPools.get(db) ?? null;

/** The PGlite instance of a database opened with the pglite driver; null for PostgreSQL. */
export const pgliteOf = (db: Kysely<DB>): PGlite | null => pgliteInstances.get(db) ?? null;

const pgliteQueues = new WeakMap<Kysely<DB>, ConnectionQueue>();

/** Callers waiting for PGlite's single connection right now; null for PostgreSQL. */
export const pgliteWaiting = (db: Kysely<DB>): number | null => pgliteQueues.get(db)?.waiting ?? null;

export interface Database {
  db: Kysely<DB>;
  driver: DatabaseDriver;
  close(): Promise<void>;
}

/**
 * @example
 * const { db, close } = await openDatabase({ driver: 'pglite' }); // in memory
 * await db.selectFrom('region').selectAll().execute();
 * await close();
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.driver === 'postgres') {
    const pool = new pg.Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 10, application_name: APPLICATION_NAME });
    // Fail at start, not at the first request, when the server is unreachable.
    const client = await pool.connect();
    client.release();
    let closing = false;
    // An idle connection the server drops (a restart, an administrator's terminate, a dropped
    // test database after close) must not crash the process: the pool opens a new one when
    // needed. Without a listener, pg re-throws it as an uncaught error.
    pool.on('error', (error) => {
      if (!closing) console.error(`database connection lost: ${error.message}`);
    });
    // The pool listens only while a connection is idle. One that dies while lent out (a request
    // mid-query or mid-transaction, an import) also emits 'error', which would crash the process
    // without a listener: its query has already failed with that error (answered 503, see
    // connection-errors.ts), and the pool discards the connection when it comes back.
    pool.on('connect', (client) => client.on('error', () => {}));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    postgresPools.set(db, pool);
    return {
      db,
      driver: 'postgres',
      close: () => {
        closing = true;
        return db.destroy();
      },
    };
  }
  // Private to this account before PGlite writes anything: 0700 directories, 0600 files.
  if (options.dataDir) restrictDataDir(options.dataDir);
  // Loaded only when used: the WASM build costs about 80 MB of memory that a process on a
  // PostgreSQL server (an import, the server with DATABASE_URL) should not carry.
  const { PGlite } = await import('@electric-sql/pglite');
  // pg_trgm: the case list's title search index (migration 0019).
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const pglite = await PGlite.create({
    extensions: { pg_trgm },
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.template ? { loadDataDir: options.template } : {}),
    // Same conversions as the pg driver above: int8, numeric and date stay strings.
    parsers: { 20: (v: string) => v, 1700: (v: string) => v, 1082: (v: string) => v },
  });
  // A new cluster is unpacked inside create() with 0666 files: tighten them too.
  if (options.dataDir) restrictDataDir(options.dataDir);
  const queue = new ConnectionQueue();
  const db = new Kysely<DB>({ dialect: new QueuedPGliteDialect(pglite, queue) });
  pgliteInstances.set(db, pglite);
  pgliteQueues.set(db, queue);
  return {
    db,
    driver: 'pglite',
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}
