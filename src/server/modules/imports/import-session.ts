/**
 * The connection an import works on. Its staging tables are TEMP tables, private to one
 * connection, so on PostgreSQL the import holds one pool connection from start to end (and
 * stages with COPY on its raw client); other writes (progress, issues) go through the pool and
 * commit at once, so the web page sees them while the import runs.
 *
 * PGlite has one connection, shared by every request: the import uses the database directly,
 * statement by statement, so that requests (the page polling the job) still get their turn
 * between the batches; only the final checks and merge hold the connection, in one transaction.
 */
import { once } from 'node:events';
import { Kysely, PostgresDialect, sql, type PostgresPoolClient } from 'kysely';
import pgCopyStreams from 'pg-copy-streams';
import { pgliteOf, postgresPoolOf } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';

/** Advisory-lock class of running imports: held on the import's connection, so a crashed server's jobs can be told from live ones. */
export const RUNNING_IMPORT_LOCK = 73092101;

export interface ImportSession {
  /** Statements on the connection that holds the staging tables. */
  db: Kysely<DB>;
  /** A connection of the import's own (PostgreSQL), discarded after a failure with everything on it. */
  dedicated: boolean;
  /** Bulk-loads COPY text into a table in one call (PGlite); null elsewhere. */
  copy: ((table: string, columns: readonly string[], text: string) => Promise<void>) | null;
  /** Opens one COPY that takes its text piece by piece (PostgreSQL); null elsewhere. */
  openCopy: ((table: string, columns: readonly string[]) => CopyStream) | null;
  /** Runs `fn` in one transaction on the session's connection. */
  transaction<T>(fn: (trx: Kysely<DB>) => Promise<T>): Promise<T>;
  /** Gives the connection back; `broken` discards it (and with it any TEMP table or lock left behind). */
  release(broken: boolean): Promise<void>;
}

/**
 * @example
 * const session = await openImportSession(db, jobId);
 * try { await session.db.executeQuery(...) } finally { await session.release(false) }
 */
export async function openImportSession(db: Kysely<DB>, jobId: string): Promise<ImportSession> {
  const pool = postgresPoolOf(db);
  if (!pool) {
    const pglite = pgliteOf(db);
    return {
      db,
      dedicated: false,
      // Holding the connection keeps every other query (and transaction) out while the raw instance copies.
      copy: pglite
        ? (table, columns, text) =>
            db.connection().execute(async () => {
              await pglite.query(`COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FROM '/dev/blob'`, [], { blob: new Blob([text]) });
            })
        : null,
      openCopy: null,
      transaction: (fn) => db.transaction().execute(fn),
      release: async () => {},
    };
  }
  const client = await pool.connect();
  // Kysely over this one client: its "pool" lends the same client every time and never ends it.
  const lent: PostgresPoolClient = {
    query: ((...args: unknown[]) => (client.query as (...a: unknown[]) => unknown)(...args)) as PostgresPoolClient['query'],
    release: () => {},
  };
  const conn = new Kysely<DB>({ dialect: new PostgresDialect({ pool: { connect: async () => lent, end: async () => {}, options: {} } }) });
  try {
    await sql`SELECT pg_advisory_lock(${RUNNING_IMPORT_LOCK}, hashtext(${jobId}))`.execute(conn);
  } catch (error) {
    client.release(true);
    throw error;
  }
  return {
    db: conn,
    dedicated: true,
    copy: null,
    openCopy: (table, columns) => {
      const stream = client.query(pgCopyStreams.from(`COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FROM STDIN`));
      let failure: Error | null = null;
      stream.on('error', (error: Error) => {
        failure ??= error;
      });
      return {
        // Waits only when the socket's buffer is full: the import reads no faster than PostgreSQL takes the rows.
        write: (text) => (failure ? Promise.reject(failure) : stream.write(text) ? null : once(stream, 'drain').then(() => {})),
        end: async () => {
          if (failure) throw failure;
          stream.end();
          await once(stream, 'finish');
        },
      };
    },
    transaction: (fn) => conn.transaction().execute(fn),
    release: async (broken) => {
      try {
        if (!broken) await sql`SELECT pg_advisory_unlock(${RUNNING_IMPORT_LOCK}, hashtext(${jobId}))`.execute(conn);
      } catch {
        broken = true;
      }
      await conn.destroy();
      client.release(broken || undefined);
    },
  };
}

/** One COPY … FROM STDIN in progress. */
export interface CopyStream {
  /** Sends COPY text; a promise when the caller should wait before sending more (backpressure, or the COPY failed). */
  write(text: string): Promise<void> | null;
  /** Ends the COPY and waits for PostgreSQL to confirm it. */
  end(): Promise<void>;
}

/**
 * An SQL identifier, quoted, for the statements built as text (COPY).
 *
 * @example
 * quoteIdent('import_rows_ab12'); // '"import_rows_ab12"'
 */
export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
