/**
 * `lianxin restore`: replaces the whole database with the content of a backup file, or changes
 * nothing at all. The file is checked from start to end before the database is touched; then,
 * in one transaction, the schema is brought to the backup's migration level, every table is
 * emptied and filled again, foreign keys are checked and sequences set.
 */
import os from 'node:os';
import { sql, type Kysely } from 'kysely';
import { applyMigration, listMigrations } from '../../db/migrate.ts';
import type { DB } from '../../db/schema.ts';
import { splitSqlStatements } from '../../db/split-sql.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { writeStoredFile } from '../visit-files/index.ts';
import { BackupError } from './backup-error.ts';
import {
  DEFAULT_BATCH_SIZE,
  readBackup,
  useTextSettings,
  type BackupHeader,
  type BackupSource,
  type BackupSummary,
  type BackupTable,
} from './backup-format.ts';
import { BACKUP_SCHEMA, readCatalog, type Catalog, type CatalogTable } from './database-catalog.ts';

/** Rows of one INSERT are also capped by size, so wide rows do not make huge statements. */
const MAX_BATCH_CHARS = 16 * 1024 * 1024;
/** The lock migrate() takes: a restore and a migration never run at once. */
const MIGRATION_LOCK = 73092100;

export interface RestoreOptions {
  /** The backup: a file path or a readable stream. */
  source: BackupSource;
  /**
   * Replace a database that already holds data (`lianxin restore --force`), audit entries written
   * after the backup included. Default: refuse.
   */
  replace?: boolean;
  /** Rows per INSERT. Default 5,000. */
  batchSize?: number;
  /**
   * The summary `verifyBackup` returned for this same file, to skip reading it a first time.
   * Still safe if the file changed since: the load checks the checksum again and rolls back.
   */
  verified?: VerifiedBackup;
  onProgress?: (progress: RestoreProgress) => void;
  /**
   * Where the backup's stored files (visit photos, signatures) are written: FILES_DIR. Written as
   * they are read, content-addressed, so a restore that then rolls back leaves only unreferenced
   * copies of files, never a changed one. Required when the backup holds files.
   */
  filesDir?: string;
}

export type RestoreProgress =
  | { phase: 'verify'; bytes: number; totalBytes: number | null }
  | { phase: 'restore'; table: string; rows: number; totalRows: number };

export interface RestoreResult {
  /** When the backup was taken, and from which server. */
  createdAt: string;
  server: string | null;
  /** The backup's migration level, which the database is now at. */
  migrations: string[];
  /** Migrations applied to the database first, to reach the backup's level. */
  migrated: string[];
  /** Whether the database held data that the restore replaced. */
  replaced: boolean;
  tables: { name: string; rows: number }[];
  totalRows: number;
  /** Stored files written to FILES_DIR. */
  files: number;
  durationMs: number;
  /** Audit entries the database had beyond the backup's, which the restore removed (only with `replace`). */
  removedAudit: NewerAuditEntries | null;
}

/** The backup's last audit entry: what later entries in a database are measured against. */
export interface BackupAuditEnd {
  rows: number;
  /** Highest id and latest time (PostgreSQL's text form, UTC) among the backup's audit entries; null when it has none. */
  lastId: string | null;
  lastAt: string | null;
}

/** A backup read through and checked, with where its audit log ends. */
export interface VerifiedBackup extends BackupSummary {
  audit: BackupAuditEnd;
}

/** Audit entries a database holds beyond a backup's: by id, or by time. */
export interface NewerAuditEntries {
  count: number;
  firstId: string;
  lastId: string;
  from: string;
  to: string;
}

/**
 * Refuses a backup this build cannot restore: one made after migrations this build lacks.
 */
export function checkBackupMigrations(header: BackupHeader) {
  const known = listMigrations().map((m) => m.version);
  const unknown = header.migrations.filter((v) => !known.includes(v));
  if (unknown.length) {
    throw new BackupError(
      'backup_too_new',
      `This backup comes from a newer version of Lianxin: its database has migration(s) ${unknown.join(', ')}, which this build does not have ` +
        `(latest here: ${known.at(-1) ?? 'none'}). Upgrade Lianxin, then restore.`,
    );
  }
  if (header.migrations.some((v, i) => known[i] !== v)) {
    throw new BackupError('schema_mismatch', `The backup's migrations (${header.migrations.join(', ')}) are not a prefix of this build's (${known.join(', ')}).`);
  }
}

/**
 * Reads the whole file and checks it (header, format version, every row, counts, checksum) and
 * that this build can restore it, without touching any database.
 *
 * @example
 * const summary = await verifyBackup('lianxin-2026-05-01.jsonl.gz');
 * console.log(`${summary.totalRows} rows from ${summary.header.createdAt}`);
 */
export async function verifyBackup(source: BackupSource, options: { onProgress?: RestoreOptions['onProgress'] } = {}): Promise<VerifiedBackup> {
  const audit: BackupAuditEnd = { rows: 0, lastId: null, lastAt: null };
  const summary = await readBackup(source, {
    onHeader: checkBackupMigrations,
    onBytes: (bytes, totalBytes) => options.onProgress?.({ phase: 'verify', bytes, totalBytes }),
    onRow: (table, line) => {
      if (table.name !== 'audit_log') return;
      const at = table.columns.findIndex((c) => c.name === 'at');
      const id = table.columns.findIndex((c) => c.name === 'id');
      const values = JSON.parse(line) as (string | null)[];
      audit.rows++;
      const rowId = values[id];
      if (rowId && (audit.lastId === null || BigInt(rowId) > BigInt(audit.lastId))) audit.lastId = rowId;
      // Backups write timestamps in UTC with a fixed-width date and time: text order is time order.
      const rowAt = values[at];
      if (rowAt && (audit.lastAt === null || rowAt > audit.lastAt)) audit.lastAt = rowAt;
    },
  });
  return { ...summary, audit };
}

/** The audit entries in the database beyond the backup's last one (a higher id, or a later time); null when there are none. */
async function newerAuditEntries(trx: Kysely<DB>, end: BackupAuditEnd): Promise<NewerAuditEntries | null> {
  const beyond =
    end.lastId === null || end.lastAt === null ? sql`true` : sql`id > ${end.lastId}::bigint OR at > ${end.lastAt}::timestamptz`;
  const { rows } = await sql<{ count: number; firstId: string | null; lastId: string | null; from: string | null; to: string | null }>`
    SELECT count(*)::int AS count, min(id)::text AS "firstId", max(id)::text AS "lastId",
      to_char(min(at) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS "UTC"') AS "from", to_char(max(at) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS "UTC"') AS "to"
    FROM audit_log WHERE ${beyond}`.execute(trx);
  const found = rows[0]!;
  return found.count ? { count: found.count, firstId: found.firstId!, lastId: found.lastId!, from: found.from!, to: found.to! } : null;
}

/** Applies, inside the restore's transaction, the migrations the target lacks up to the backup's level. */
async function migrateToBackupLevel(trx: Kysely<DB>, level: string[]): Promise<string[]> {
  await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
  // As migrate() creates it: an empty database has no migration table yet.
  await sql`CREATE TABLE IF NOT EXISTS schema_migration (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(trx);
  const applied = (await sql<{ version: string }>`SELECT version FROM schema_migration ORDER BY version`.execute(trx)).rows.map((r) => r.version);
  const ahead = applied.filter((v) => !level.includes(v));
  if (ahead.length) {
    throw new BackupError(
      'target_too_new',
      `This database is at a newer migration level than the backup (it has ${ahead.join(', ')}; the backup stops at ${level.at(-1) ?? 'none'}). ` +
        'Restore into an empty database (a new DATA_DIR, or a new PostgreSQL database): the restore builds the schema at the backup\'s level, and `lianxin migrate` upgrades it afterwards.',
    );
  }
  const migrations = listMigrations();
  const done: string[] = [];
  for (const version of level) {
    if (applied.includes(version)) continue;
    await applyMigration(trx, migrations.find((m) => m.version === version)!);
    done.push(version);
  }
  return done;
}

/**
 * Tables that migrations themselves fill (reference data such as hardship categories): a freshly
 * migrated database has rows there, so they do not make a database count as holding data.
 */
export function referenceTables(): Set<string> {
  const names = new Set<string>(['schema_migration']);
  for (const m of listMigrations()) {
    // Top-level statements only: an INSERT inside a function body (a trigger) fills nothing now.
    for (const statement of splitSqlStatements(m.sql)) {
      const code = statement.replace(/^(\s*--[^\n]*\n)*\s*/, '');
      const match = /^INSERT\s+INTO\s+(?:"?public"?\.)?"?([A-Za-z_][A-Za-z0-9_]*)"?/i.exec(code);
      if (match) names.add(match[1]!.toLowerCase());
    }
  }
  return names;
}

/** What differs between the backup's tables and sequences and the database's; empty when they match. */
function schemaDifferences(summary: BackupSummary, catalog: Catalog): string[] {
  const problems: string[] = [];
  const target = new Map(catalog.tables.map((t) => [t.name, t]));
  for (const table of summary.header.tables) {
    const here = target.get(table.name);
    if (!here) {
      problems.push(`table ${table.name} is not in this database`);
      continue;
    }
    const types = new Map(here.columns.map((c) => [c.name, c.type]));
    for (const column of table.columns) {
      const type = types.get(column.name);
      if (type === undefined) problems.push(`column ${table.name}.${column.name} is not in this database`);
      else if (type !== column.type) problems.push(`column ${table.name}.${column.name} is ${type} here, ${column.type} in the backup`);
    }
    for (const column of here.columns) {
      if (!table.columns.some((c) => c.name === column.name)) problems.push(`column ${table.name}.${column.name} is not in the backup`);
    }
  }
  for (const table of catalog.tables) {
    if (!summary.header.tables.some((t) => t.name === table.name)) problems.push(`table ${table.name} is not in the backup`);
  }
  const sequences = new Set(catalog.sequences.map((s) => s.name));
  for (const s of summary.sequences) if (!sequences.has(s.name)) problems.push(`sequence ${s.name} is not in this database`);
  for (const s of catalog.sequences) if (!summary.sequences.some((b) => b.name === s.name)) problems.push(`sequence ${s.name} is not in the backup`);
  return problems;
}

/** One INSERT for a batch of row lines: the values travel as one JSON parameter, cast by the database's own column types. */
function insertRows(target: CatalogTable, table: BackupTable, lines: string[]) {
  const types = new Map(target.columns.map((c) => [c.name, c.type]));
  const rows = `[${lines.join(',')}]`;
  if (!table.columns.length) return sql`INSERT INTO ${sql.id(BACKUP_SCHEMA, table.name)} SELECT FROM jsonb_array_elements(${rows}::jsonb)`;
  const columns = sql.join(table.columns.map((c) => sql.id(c.name)));
  const values = sql.join(table.columns.map((c, i) => sql`(r ->> ${sql.lit(i)})::${sql.raw(types.get(c.name)!)}`));
  // OVERRIDING SYSTEM VALUE: identity columns GENERATED ALWAYS take the backed-up ids too.
  // jsonb, not json: `json ->> i` parses the row's text again for every column (4× slower here).
  return sql`INSERT INTO ${sql.id(BACKUP_SCHEMA, table.name)} (${columns}) OVERRIDING SYSTEM VALUE SELECT ${values} FROM jsonb_array_elements(${rows}::jsonb) AS e(r)`;
}

const qualified = (name: string) => `"${BACKUP_SCHEMA}"."${name.replaceAll('"', '""')}"`;

/**
 * Restores a backup into `db`, replacing everything in it; on any failure the database is left
 * exactly as it was. Refuses a database that holds data unless `replace` is set, a backup from a
 * newer build, and a database whose schema is ahead of the backup's.
 *
 * @example
 * const result = await restoreDatabase({ db, actor: null, source: cliAuditSource('restore') }, { source: 'lianxin-2026-05-01.jsonl.gz', replace: true });
 * console.log(`${result.totalRows} rows restored (backup of ${result.createdAt})`);
 */
export async function restoreDatabase(ctx: WriteContext<null>, options: RestoreOptions): Promise<RestoreResult> {
  const { db } = ctx;
  const { source } = options;
  const started = performance.now();
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const summary = options.verified ?? (await verifyBackup(source, options));
  checkBackupMigrations(summary.header);
  const filesDir = options.filesDir;
  if (summary.files > 0 && !filesDir) throw new BackupError('files_dir_missing', `The backup holds ${summary.files} stored files (visit photos, signatures) and no folder was given to write them to (FILES_DIR).`);

  const outcome = await db.transaction().execute(async (trx) => {
    const migrated = await migrateToBackupLevel(trx, summary.header.migrations);
    const catalog = await readCatalog(trx);
    const problems = schemaDifferences(summary, catalog);
    if (problems.length) {
      throw new BackupError('schema_mismatch', `The backup does not fit this database's schema:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    }
    const tableList = sql.join(catalog.tables.map((t) => sql.id(BACKUP_SCHEMA, t.name)));
    await sql`LOCK TABLE ${tableList} IN ACCESS EXCLUSIVE MODE`.execute(trx);

    // Checked before "holds data" so the refusal names what matters most: history would be lost.
    const hasAuditLog = catalog.tables.some((t) => t.name === 'audit_log');
    const newerAudit = hasAuditLog ? await newerAuditEntries(trx, summary.audit) : null;
    if (newerAudit && !options.replace) {
      throw new BackupError(
        'audit_after_backup',
        `The database's audit log holds ${newerAudit.count} entr${newerAudit.count === 1 ? 'y' : 'ies'} written after this backup ` +
          `(ids ${newerAudit.firstId}–${newerAudit.lastId}, ${newerAudit.from} to ${newerAudit.to}); restoring would remove them. ` +
          'Back the database up first if they must be kept; the restore\'s own audit entry records what it removed.',
      );
    }

    const withData: string[] = [];
    const reference = referenceTables();
    for (const table of catalog.tables) {
      if (reference.has(table.name)) continue;
      const { rows } = await sql<{ any: boolean }>`SELECT EXISTS (SELECT 1 FROM ${sql.id(BACKUP_SCHEMA, table.name)}) AS any`.execute(trx);
      if (rows[0]!.any) withData.push(table.name);
    }
    if (withData.length && !options.replace) {
      throw new BackupError('target_not_empty', `The database already holds data (in ${withData.join(', ')}); restoring would replace all of it.`);
    }

    // The audit log's truncate guard lets this transaction, and only it, empty the table.
    await sql`SELECT set_config('lianxin.restoring', 'on', true)`.execute(trx);
    // Checking a foreign key over a large table is one long statement: no server timeout here.
    await sql`SELECT set_config('statement_timeout', '0', true)`.execute(trx);
    await useTextSettings(trx);
    // Foreign keys come off while rows go in, then back on, checked over the whole data: rows may
    // reference later rows of their own table (a region merged into a newer one), and loading
    // without per-row checks is faster. The transaction fails, and rolls back, if any is broken.
    for (const fk of catalog.foreignKeys) await sql`ALTER TABLE ${sql.id(BACKUP_SCHEMA, fk.table)} DROP CONSTRAINT ${sql.id(fk.name)}`.execute(trx);
    await sql`TRUNCATE ${tableList}`.execute(trx);

    const targets = new Map(catalog.tables.map((t) => [t.name, t]));
    let batch: string[] = [];
    let batchChars = 0;
    let done = 0;
    const flush = async (table: BackupTable) => {
      if (!batch.length) return;
      const result = await insertRows(targets.get(table.name)!, table, batch).execute(trx);
      if (Number(result.numAffectedRows ?? batch.length) !== batch.length) throw new Error(`restore of ${table.name}: a batch was not fully inserted`);
      done += batch.length;
      options.onProgress?.({ phase: 'restore', table: table.name, rows: done, totalRows: summary.totalRows });
      batch = [];
      batchChars = 0;
    };
    const loaded = await readBackup(source, {
      onHeader: (header) => {
        if (JSON.stringify(header) !== JSON.stringify(summary.header)) throw new BackupError('file_changed', 'The backup file changed while it was being restored.');
      },
      onRow: async (table, line) => {
        batch.push(line);
        batchChars += line.length;
        if (batch.length >= batchSize || batchChars >= MAX_BATCH_CHARS) await flush(table);
      },
      onTableEnd: (table) => flush(table),
      onFile: async (file) => {
        await writeStoredFile(filesDir!, file);
      },
    });
    if (loaded.sha256 !== summary.sha256) throw new BackupError('file_changed', 'The backup file changed while it was being restored.');

    for (const fk of catalog.foreignKeys) {
      await sql`ALTER TABLE ${sql.id(BACKUP_SCHEMA, fk.table)} ADD CONSTRAINT ${sql.id(fk.name)} ${sql.raw(fk.definition)}`.execute(trx);
    }

    // Each sequence goes back to where it was, and never below the ids now in its column.
    const owners = new Map(catalog.sequences.map((s) => [s.name, s]));
    for (const s of summary.sequences) {
      let value = BigInt(s.lastValue);
      let isCalled = s.isCalled;
      const owner = owners.get(s.name);
      if (owner?.table && owner.column) {
        const { rows } = await sql<{ max: string | null }>`SELECT max(${sql.id(owner.column)})::text AS max FROM ${sql.id(BACKUP_SCHEMA, owner.table)}`.execute(trx);
        const max = rows[0]!.max === null ? null : BigInt(rows[0]!.max);
        if (max !== null && (max > value || (max === value && !isCalled))) {
          value = max;
          isCalled = true;
        }
      }
      await sql`SELECT setval(${qualified(s.name)}::regclass, ${value.toString()}::bigint, ${isCalled})`.execute(trx);
    }
    // Sessions alive when the backup was taken must not come back to life: everyone signs in again.
    if (catalog.tables.some((t) => t.name === 'session')) await sql`UPDATE session SET revoked_at = now() WHERE revoked_at IS NULL`.execute(trx);
    // The restore is itself a change: who, when, from which file, and which later entries it removed.
    const { rows: who } = await sql<{ role: string }>`SELECT current_user AS role`.execute(trx);
    await recordAudit({ db: trx, source: ctx.source }, {
      action: 'database.restore',
      entityType: 'database',
      after: {
        file: typeof source === 'string' ? source : null,
        backupCreatedAt: summary.header.createdAt,
        sha256: summary.sha256,
        totalRows: summary.totalRows,
        files: summary.files,
        migrations: summary.header.migrations.at(-1) ?? null,
        replaced: withData.length > 0,
        removedAudit: newerAudit,
        databaseRole: who[0]!.role,
        osUser: os.userInfo().username,
        host: os.hostname(),
      },
    });
    return { migrated, replaced: withData.length > 0, removedAudit: newerAudit };
  });

  return {
    createdAt: summary.header.createdAt,
    server: summary.header.server ?? null,
    migrations: summary.header.migrations,
    migrated: outcome.migrated,
    replaced: outcome.replaced,
    tables: summary.header.tables.map((t) => ({ name: t.name, rows: summary.rows[t.name] ?? 0 })),
    totalRows: summary.totalRows,
    files: summary.files,
    durationMs: Math.round(performance.now() - started),
    removedAudit: outcome.removedAudit,
  };
}
