/**
 * `lianxin backup`: writes the whole database to a gzip'd JSON-lines file (see backup-format.ts)
 * from one consistent snapshot, table by table and page by page, never holding a table in memory.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { sql, type RawBuilder } from 'kysely';
import type { ReadContext } from '../../use-case-context.ts';
import { BackupError } from './backup-error.ts';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, DEFAULT_BATCH_SIZE, useTextSettings, type BackupHeader, type BackupSequence } from './backup-format.ts';
import { BACKUP_SCHEMA, readCatalog, type Catalog, type CatalogTable } from './database-catalog.ts';
import { readStoredFile } from '../visit-files/index.ts';

export interface BackupOptions {
  /** A file path (written to `<path>.partial`, renamed when complete) or a writable stream. */
  destination: string | Writable;
  /** Rows read per query (keyset page). Default 5,000. */
  batchSize?: number;
  /** When `destination` is a path: replace an existing file instead of refusing. */
  overwrite?: boolean;
  /** Called after each page with the rows written so far. */
  onProgress?: (progress: BackupProgress) => void;
  /**
   * Where stored files (visit photos and signatures, `stored_file`) are kept: FILES_DIR. Their
   * bytes go into the backup after the rows. Without it the backup holds the rows only.
   */
  filesDir?: string;
}

export interface BackupProgress {
  table: string;
  rows: number;
  totalRows: number;
}

export interface BackupResult {
  createdAt: string;
  server: string;
  migrations: string[];
  tables: { name: string; rows: number }[];
  totalRows: number;
  /** Stored files written into the backup. */
  files: number;
  /** Stored files named by a `stored_file` row but missing from disk (not in the backup). */
  missingFiles: string[];
  sha256: string;
  /** Size of the written file (compressed); null when writing to a stream. */
  bytes: number | null;
  durationMs: number;
}

/** The columns that order a table and page through it: its primary key, or its physical position. */
function pageKey(table: CatalogTable): { columns: string[]; types: string[] } {
  if (table.primaryKey.length) {
    return { columns: table.primaryKey, types: table.primaryKey.map((k) => table.columns.find((c) => c.name === k)?.type ?? 'text') };
  }
  // No primary key: the tuple id is stable inside our snapshot (the tables are locked against
  // VACUUM FULL and CLUSTER); a partitioned table also needs the partition to tell rows apart.
  return table.partitioned ? { columns: ['tableoid', 'ctid'], types: ['oid', 'tid'] } : { columns: ['ctid'], types: ['tid'] };
}

function pageQuery(table: CatalogTable, after: string[] | null, limit: number): RawBuilder<Record<string, string>> {
  const key = pageKey(table);
  const values = table.columns.length ? sql`array_to_json(ARRAY[${sql.join(table.columns.map((c) => sql`${sql.id(c.name)}::text`))}]::text[])::text` : sql`'[]'`;
  const keys = sql.join(key.columns.map((k, i) => sql`${sql.id(k)}::text AS ${sql.id(`k${i}`)}`));
  const keyList = sql.join(key.columns.map((k) => sql.id(k)));
  const where = after ? sql`WHERE (${keyList}) > (${sql.join(after.map((v, i) => sql`${v}::${sql.raw(key.types[i]!)}`))})` : sql``;
  return sql<Record<string, string>>`SELECT ${values} AS "row", ${keys} FROM ${sql.id(BACKUP_SCHEMA, table.name)} ${where} ORDER BY ${keyList} LIMIT ${limit}`;
}

const sameShape = (a: Catalog, b: Catalog) => JSON.stringify(a.tables) === JSON.stringify(b.tables) && JSON.stringify(a.sequences) === JSON.stringify(b.sequences);

/**
 * Backs up every table of the database (discovered from its catalog, so future tables are
 * included) into `destination`: a file path, written to `<path>.partial` and renamed when
 * complete, or a writable stream. All tables come from one snapshot, so the backup is
 * consistent even while a PostgreSQL server keeps serving.
 *
 * @example
 * const result = await backupDatabase({ db, actor: null }, {
 *   destination: '/var/backups/lianxin-2026-05-01.jsonl.gz',
 *   onProgress: ({ rows, totalRows }) => bar.update(rows, { total: totalRows }),
 * });
 * console.log(`${result.totalRows} rows, sha256 ${result.sha256}`);
 */
export async function backupDatabase(ctx: ReadContext<null>, options: BackupOptions): Promise<BackupResult> {
  const { db } = ctx;
  const { destination } = options;
  const started = performance.now();
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (typeof destination === 'string' && !options.overwrite && fs.existsSync(destination)) {
    throw new BackupError('file_exists', `${destination} already exists; choose another name or allow overwriting it.`);
  }
  const before = await readCatalog(db);
  if (!before.tables.some((t) => t.name === 'schema_migration')) {
    throw new BackupError('not_a_lianxin_database', 'This database holds no Lianxin schema (it was never migrated): there is nothing to back up.');
  }

  const trx = await db.startTransaction().execute();
  try {
    // One snapshot for every table; the locks keep their structure still until we are done.
    await sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`.execute(trx);
    await sql`LOCK TABLE ${sql.join(before.tables.map((t) => sql.id(BACKUP_SCHEMA, t.name)))} IN ACCESS SHARE MODE`.execute(trx);
    await useTextSettings(trx);
    const catalog = await readCatalog(trx);
    if (!sameShape(catalog, before)) throw new BackupError('schema_changed', 'The database schema changed as the backup started (a migration running?). Run the backup again.');

    const server = (await sql<{ version: string }>`SELECT version() AS version`.execute(trx)).rows[0]!.version;
    const migrations = (await sql<{ version: string }>`SELECT version FROM schema_migration ORDER BY version`.execute(trx)).rows.map((r) => r.version);
    const counts = new Map<string, number>();
    for (const table of catalog.tables) {
      const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.id(BACKUP_SCHEMA, table.name)}`.execute(trx);
      counts.set(table.name, Number(rows[0]!.n));
    }
    const totalRows = [...counts.values()].reduce((a, b) => a + b, 0);
    const createdAt = new Date().toISOString();
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt,
      server,
      migrations,
      tables: catalog.tables.map((t) => ({ name: t.name, columns: t.columns, primaryKey: t.primaryKey })),
    };
    const hash = crypto.createHash('sha256');
    const written = new Map<string, number>();
    let sha256 = '';
    let files = 0;
    const missingFiles: string[] = [];

    async function* lines(): AsyncGenerator<string> {
      const emit = (text: string) => {
        hash.update(text);
        return text;
      };
      yield emit(`${JSON.stringify(header)}\n`);
      let done = 0;
      for (const table of catalog.tables) {
        yield emit(`${JSON.stringify({ type: 'table', name: table.name })}\n`);
        let after: string[] | null = null;
        let rowsOfTable = 0;
        for (;;) {
          const page: Record<string, string>[] = (await pageQuery(table, after, batchSize).execute(trx)).rows;
          if (!page.length) break;
          yield emit(`${page.map((r) => r.row).join('\n')}\n`);
          rowsOfTable += page.length;
          done += page.length;
          options.onProgress?.({ table: table.name, rows: done, totalRows });
          if (page.length < batchSize) break;
          const last: Record<string, string> = page.at(-1)!;
          after = pageKey(table).columns.map((_, i) => last[`k${i}`]!);
        }
        // Same snapshot, so the pages must add up to the count: a mismatch would mean rows skipped.
        if (rowsOfTable !== counts.get(table.name)) throw new Error(`backup of ${table.name}: read ${rowsOfTable} rows, expected ${counts.get(table.name)}`);
        written.set(table.name, rowsOfTable);
      }
      // Read after the rows, so each sequence is at or beyond the ids written above.
      const sequences: BackupSequence[] = [];
      for (const s of catalog.sequences) {
        const { rows } = await sql<{ last_value: string; is_called: boolean }>`SELECT last_value::text AS last_value, is_called FROM ${sql.id(BACKUP_SCHEMA, s.name)}`.execute(trx);
        sequences.push({ name: s.name, table: s.table, column: s.column, lastValue: rows[0]!.last_value, isCalled: rows[0]!.is_called });
      }
      yield emit(`${JSON.stringify({ type: 'sequences', sequences })}\n`);
      // The files of the rows in this snapshot: content-addressed, so a file on disk never changes under its name.
      if (options.filesDir && catalog.tables.some((t) => t.name === 'stored_file')) {
        let after = '';
        for (;;) {
          const { rows } = await sql<{ sha256: string }>`SELECT sha256 FROM stored_file WHERE sha256 > ${after} ORDER BY sha256 LIMIT ${batchSize}`.execute(trx);
          for (const { sha256: name } of rows) {
            const bytes = await readStoredFile(options.filesDir, name);
            if (!bytes) {
              missingFiles.push(name);
              continue;
            }
            files++;
            yield emit(`${JSON.stringify({ type: 'file', sha256: name, data: bytes.toString('base64') })}\n`);
          }
          if (rows.length < batchSize) break;
          after = rows.at(-1)!.sha256;
        }
      }
      sha256 = hash.digest('hex');
      yield `${JSON.stringify({ type: 'trailer', rows: Object.fromEntries(written), files, sha256 })}\n`;
    }

    let bytes: number | null = null;
    if (typeof destination === 'string') {
      const partial = `${destination}.partial`;
      try {
        // Owner-only: the file holds password hashes and (encrypted) personal numbers.
        fs.rmSync(partial, { force: true });
        await pipeline(lines(), zlib.createGzip(), fs.createWriteStream(partial, { mode: 0o600 }));
        const fd = fs.openSync(partial, 'r+');
        fs.fsyncSync(fd);
        fs.closeSync(fd);
        fs.renameSync(partial, destination);
      } catch (error) {
        fs.rmSync(partial, { force: true });
        throw error;
      }
      bytes = fs.statSync(destination).size;
    } else {
      await pipeline(lines(), zlib.createGzip(), destination);
    }
    const tables = catalog.tables.map((t) => ({ name: t.name, rows: written.get(t.name) ?? 0 }));
    return { createdAt, server, migrations, tables, totalRows, files, missingFiles, sha256, bytes, durationMs: Math.round(performance.now() - started) };
  } finally {
    await trx.rollback().execute(); // read-only: nothing to keep
  }
}
