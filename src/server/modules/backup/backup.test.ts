import { loadActor, login } from '../auth/index.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, PGLITE_DIALECT, describePostgres, openThrowawayPostgres, type Dialect } from '../../../../test/support/dialects.ts';
import { openDatabase, type Database } from '../../db/database.ts';
import { migrate } from '../../db/migrate.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { cliAuditSource, recordAudit } from '../audit/index.ts';
import { testEntry } from '../../../../test/support/audit-entry.ts';
import { DEMO_PASSWORD, demoTownshipCodes, seedDemo } from '../demo/index.ts';
import { closeRegion, openRegion, renameRegion } from '../regions/index.ts';
import { createUser } from '../users/index.ts';
import { backupDatabase } from './backup-database.ts';
import { BackupError, type BackupErrorCode } from './backup-error.ts';
import { driverNeutralRows, readBackupLines, snapshotDatabase, writeBackupLines, type DatabaseSnapshot, type TableSnapshot } from './backup-test-support.ts';
import { restoreDatabase, verifyBackup } from './restore-database.ts';

let tmp = '';
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-backup-test-'));
});
const gangcheng = demoTownshipCodes().find((t) => t.name === '堽城镇')!.code;
const source = cliAuditSource('backup-test');

/**
 * Tables no migration creates, with the awkward types: a "future" table the backup must find by
 * itself, and values that only survive a round trip when nothing is lost on the way.
 */
const PROBE_DDL = [
  `CREATE TABLE backup_probe (
     id bigint GENERATED ALWAYS AS IDENTITY,
     part text NOT NULL,
     doc jsonb, tags text[], grid integer[], blob bytea, at timestamptz, local_at timestamp,
     amount numeric(30, 10), ratio double precision, span interval, note text,
     doubled bigint GENERATED ALWAYS AS (id * 2) STORED,
     PRIMARY KEY (part, id))`,
  'CREATE TABLE backup_probe_log (line text, at timestamptz)', // no primary key
];

async function addProbeTables(db: Kysely<DB>, withRows: boolean) {
  for (const ddl of PROBE_DDL) await sql.raw(ddl).execute(db);
  if (!withRows) return;
  await sql`INSERT INTO backup_probe (part, doc, tags, grid, blob, at, local_at, amount, ratio, span, note) VALUES
    ('a', '{"n": 1.50, "big": 123456789012345678901234567890.5, "deep": {"x": [1, null, "é"]}}', '{plain,"with space","with,comma","quo\\"te",NULL,""}',
     '{{1,2},{3,4}}', '\\x00ff10', '2026-03-01 12:34:56.123456+08', '2026-03-01 12:34:56.654321', '12345678901234567890.0123456789', 0.1,
     '1 year 2 mons 3 days 04:05:06.789', ${'line1\nline2\ttab \\ backslash "quote" 🙂 \u0001'}),
    ('a', 'null', '{}', NULL, '\\x', 'infinity', '-infinity', 'NaN', 'NaN', '-1 day', ''),
    ('b', NULL, NULL, NULL, NULL, NULL, NULL, NULL, '-0', NULL, NULL),
    ('b', '"just a string"', '{NULL}', '{}', NULL, '1999-12-31 23:59:59.999999+00', NULL, -0.000000001, 1e-320, '0', 'x')`.execute(db);
  await sql`INSERT INTO backup_probe (part, note) SELECT 'c' || (g % 3), 'row ' || g FROM generate_series(1, 23) AS g`.execute(db);
  await sql`INSERT INTO backup_probe_log (line, at) SELECT 'same line', '2026-01-01 00:00:00.000001+00' FROM generate_series(1, 3)`.execute(db);
  await sql`INSERT INTO backup_probe_log (line, at) VALUES (NULL, NULL), ('other', now())`.execute(db);
}

const actorFor = async (db: Kysely<DB>, username: string): Promise<Actor> => (await loadActor({ db, actor: null }, { username }))!;

/** The demo county after some life: renames, a merge into a newer village, failed logins, a session, a user without department. */
async function seedAndChange(db: Kysely<DB>) {
  await seedDemo({ db, actor: null, source });
  const admin = await actorFor(db, 'admin');
  await renameRegion({ db, actor: admin, source }, { code: `${gangcheng}202`, name: '备份测试村', effectiveOn: '2026-02-01' });
  await openRegion({ db, actor: admin, source }, { parentCode: gangcheng, code: `${gangcheng}990`, name: '合并新村', openedOn: '2026-01-01' });
  // Merged into a village created later: the row references a row with a higher id.
  await closeRegion({ db, actor: admin, source }, { code: `${gangcheng}203`, closedOn: '2026-06-01', successorCode: `${gangcheng}990`, reason: '撤并' });
  await closeRegion({ db, actor: admin, source }, { code: `${gangcheng}204`, closedOn: '2026-06-01' });
  for (const password of ['wrong-1', 'wrong-2']) {
    await expect(login({ db, actor: null, source }, { username: 'jiangji', password, ttlHours: 12, userAgent: 'vitest' })).rejects.toThrow();
  }
  await expect(login({ db, actor: null, source }, { username: 'nobody', password: 'x', ttlHours: 12, userAgent: null })).rejects.toThrow();
  await login({ db, actor: null, source }, { username: 'gangcheng', password: DEMO_PASSWORD, ttlHours: 12, userAgent: 'vitest' });
  await createUser({ db: db, actor: null, source: source }, { username: 'nodept', displayName: '无部门用户', password: 'Passw0rd1', roles: ['village_cadre'], regionCode: `${gangcheng}201` });
  await addProbeTables(db, true);
}

interface Prepared {
  database: Database;
  file: string;
  snapshot: DatabaseSnapshot;
}

/** One seeded source database and its backup per dialect, shared by the tests below. */
const prepared = new Map<string, Promise<Prepared>>();
function prepare(dialect: Dialect): Promise<Prepared> {
  let p = prepared.get(dialect.name);
  if (!p) {
    p = (async () => {
      const database = await dialect.open();
      await seedAndChange(database.db);
      const file = path.join(tmp, `${dialect.name}.jsonl.gz`);
      // A small page size, so keyset paging crosses many pages (and the composite key's parts).
      await backupDatabase({ db: database.db, actor: null }, { destination: file, batchSize: 7 });
      return { database, file, snapshot: await snapshotDatabase(database.db) };
    })();
    prepared.set(dialect.name, p);
  }
  return p;
}

/** A database with nothing in it, not even the migration table. */
async function openBlank(dialect: Dialect): Promise<Database> {
  if (dialect.name === 'pglite') return openDatabase({ driver: 'pglite' });
  return openThrowawayPostgres();
}

/**
 * `restored`: `actual` came out of a restore, which ends every session and appends its own audit
 * entry (taking the next audit id); otherwise it must be untouched.
 */
function expectSameDatabase(actual: DatabaseSnapshot, expected: DatabaseSnapshot, options: { acrossDrivers?: boolean; restored?: boolean } = {}) {
  expect(Object.keys(actual.tables)).toEqual(Object.keys(expected.tables));
  if (options.restored) {
    const audit = actual.tables.audit_log!;
    expect(audit.rows.at(-1)!.action, 'the restore\'s own audit entry comes last').toBe('database.restore');
    actual = { ...actual, tables: { ...actual.tables, audit_log: { ...audit, rows: audit.rows.slice(0, -1), text: audit.text.slice(0, -1) } } };
    const seq = expected.sequences.audit_log_id_seq;
    if (seq) {
      const next = seq.is_called ? String(BigInt(seq.last_value) + 1n) : seq.last_value;
      expected = { ...expected, sequences: { ...expected.sequences, audit_log_id_seq: { last_value: next, is_called: true } } };
    }
  }
  for (const [name, table] of Object.entries(expected.tables)) {
    if (name === 'session' && options.restored) {
      // A restore ends every session (they must not come back to life): all else is the same.
      const withoutRevocation = (t: TableSnapshot) => t.rows.map(({ revoked_at: _revoked, ...rest }) => rest);
      expect(actual.tables[name]!.rows.every((r) => r.revoked_at !== null), 'sessions revoked by the restore').toBe(true);
      expect(withoutRevocation(actual.tables[name]!), name).toEqual(withoutRevocation(table));
      continue;
    }
    expect(actual.tables[name]!.text, `${name} (text form)`).toEqual(table.text);
    if (options.acrossDrivers) expect(driverNeutralRows(actual.tables[name]!), `${name} (SELECT *)`).toEqual(driverNeutralRows(table));
    else expect(actual.tables[name]!.rows, `${name} (SELECT *)`).toEqual(table.rows);
  }
  expect(actual.constraints).toEqual(expected.constraints);
  expect(actual.sequences).toEqual(expected.sequences);
}

async function expectRefused(promise: Promise<unknown>, code: BackupErrorCode, message?: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackupError);
  expect((error as BackupError).code).toBe(code);
  if (message) expect((error as BackupError).message).toMatch(message);
}

afterAll(async () => {
  for (const p of prepared.values()) await (await p).database.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

for (const dialect of DIALECTS) {
  describe(`backup and restore [${dialect.name}]`, () => {
    let src: Prepared;
    beforeAll(async () => {
      src = await prepare(dialect);
    });

    it('has the data the round trip must carry', () => {
      const t = src.snapshot.tables;
      expect(Object.keys(t)).toEqual(expect.arrayContaining(['region', 'region_event', 'app_user', 'session', 'audit_log', 'department', 'schema_migration', 'backup_probe']));
      const merged = t.region!.rows.find((r) => r.code === `${gangcheng}203`)!;
      expect(BigInt(merged.successor_id as string)).toBeGreaterThan(BigInt(merged.id as string));
      expect(t.app_user!.rows.some((u) => u.department_id === null)).toBe(true);
      expect(t.app_user!.rows.some((u) => u.department_id !== null)).toBe(true);
      expect(t.app_user!.rows.find((u) => u.username === 'jiangji')!.failed_logins).toBe(2);
      expect(t.audit_log!.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['auth.login_failed', 'region.rename', 'region.merge', 'region.close', 'user.create']));
      expect(t.session!.rows).toHaveLength(1);
      expect(t.backup_probe!.rows).toHaveLength(27);
    });

    it('restores into a fresh database: every table row for row, every sequence', async () => {
      const target = await dialect.open();
      try {
        await addProbeTables(target.db, false);
        const summary = await verifyBackup(src.file);
        expect(summary.totalRows).toBe(Object.values(src.snapshot.tables).reduce((n, t) => n + t.rows.length, 0));
        // Small batches: the merged village's successor (a later row) arrives in a later INSERT.
        const result = await restoreDatabase({ db: target.db, actor: null, source: cliAuditSource('restore') }, { source: src.file, batchSize: 7 });
        expect(result.replaced).toBe(false);
        expect(result.migrated).toEqual([]);
        expectSameDatabase(await snapshotDatabase(target.db), src.snapshot, { restored: true });

        // New rows get fresh ids: the next value of the source's sequence, above every restored id.
        const maxId = (table: string) => Math.max(...src.snapshot.tables[table]!.rows.map((r) => Number(r.id)));
        await recordAudit({ db: target.db, source }, testEntry('test.after_restore'));
        const added = await target.db.selectFrom('audit_log').select('id').where('action', '=', 'test.after_restore').executeTakeFirstOrThrow();
        // +2: the restore's own entry took the first id after the backup's.
        expect(Number(added.id)).toBe(Number(src.snapshot.sequences.audit_log_id_seq!.last_value) + 2);
        expect(Number(added.id)).toBeGreaterThan(maxId('audit_log'));
        const probe = await sql<{ id: string }>`INSERT INTO backup_probe (part) VALUES ('a') RETURNING id`.execute(target.db);
        expect(Number(probe.rows[0]!.id)).toBe(Number(src.snapshot.sequences.backup_probe_id_seq!.last_value) + 1);
        expect(Number(probe.rows[0]!.id)).toBeGreaterThan(maxId('backup_probe'));

        // The permission to truncate the audit log ended with the restore's transaction.
        await expect(sql`TRUNCATE audit_log`.execute(target.db)).rejects.toThrow(/append-only/);
      } finally {
        await target.close();
      }
    });

    it('restores into a blank database, building the schema to the backup\'s level first', async () => {
      const target = await openBlank(dialect);
      try {
        // The probe tables are not in the migrations: without them the schemas do not match.
        const blank = await snapshotDatabase(target.db);
        await expectRefused(restoreDatabase({ db: target.db, actor: null, source: cliAuditSource('restore') }, { source: src.file }), 'schema_mismatch', /backup_probe is not in this database/);
        expect(await snapshotDatabase(target.db)).toEqual(blank); // not even migrated

        // The same backup with the probe tables stripped out, as if they had never existed.
        const withoutProbe = path.join(tmp, `${dialect.name}-no-probe.jsonl.gz`);
        const lines = readBackupLines(src.file);
        const header = JSON.parse(lines[0]!) as { migrations: string[]; tables: { name: string }[] };
        const keep: string[] = [JSON.stringify({ ...header, tables: header.tables.filter((t) => !t.name.startsWith('backup_probe')) })];
        let skipping = false;
        for (const line of lines.slice(1, -1)) {
          if (line.startsWith('{"type":"table"')) skipping = (JSON.parse(line) as { name: string }).name.startsWith('backup_probe');
          if (line.startsWith('{"type":"sequences"')) {
            skipping = false;
            const s = JSON.parse(line) as { sequences: { table: string | null }[] };
            keep.push(JSON.stringify({ ...s, sequences: s.sequences.filter((q) => !q.table?.startsWith('backup_probe')) }));
            continue;
          }
          if (!skipping) keep.push(line);
        }
        const trailer = JSON.parse(lines.at(-1)!) as { rows: Record<string, number> };
        keep.push(JSON.stringify({ ...trailer, rows: Object.fromEntries(Object.entries(trailer.rows).filter(([t]) => !t.startsWith('backup_probe'))) }));
        writeBackupLines(withoutProbe, keep, { rehash: true });

        const result = await restoreDatabase({ db: target.db, actor: null, source: cliAuditSource('restore') }, { source: withoutProbe });
        expect(result.migrated).toEqual(header.migrations);
        const restored = await snapshotDatabase(target.db);
        const expectedTables = Object.fromEntries(Object.entries(src.snapshot.tables).filter(([t]) => !t.startsWith('backup_probe')));
        expectSameDatabase({ ...restored, constraints: [], sequences: {} }, { ...src.snapshot, tables: expectedTables, constraints: [], sequences: {} }, { restored: true });
      } finally {
        await target.close();
      }
    });

    it('refuses a database that holds data unless told to replace it', async () => {
      const target = await dialect.open();
      try {
        await addProbeTables(target.db, false);
        // Data, but no audit entry beyond the backup's: the plain refusal.
        await sql`INSERT INTO backup_probe (part) VALUES ('x')`.execute(target.db);
        await expectRefused(restoreDatabase({ db: target.db, actor: null, source: cliAuditSource('restore') }, { source: src.file }), 'target_not_empty', /already holds data \(in backup_probe\)/);
        const result = await restoreDatabase({ db: target.db, actor: null, source: cliAuditSource('restore') }, { source: src.file, replace: true });
        expect(result).toMatchObject({ replaced: true, removedAudit: null });
      } finally {
        await target.close();
      }
    });

    it('refuses to remove audit entries written after the backup unless told to, then records what it removed', async () => {
      const db = src.database.db;
      await recordAudit({ db, source }, testEntry('test.extra'));
      await recordAudit({ db, source }, testEntry('test.extra'));
      const newer = await db.selectFrom('audit_log').select(['id']).where('action', '=', 'test.extra').orderBy('id').execute();
      const before = await snapshotDatabase(db);
      await expectRefused(
        restoreDatabase({ db, actor: null, source: cliAuditSource('restore') }, { source: src.file }),
        'audit_after_backup',
        new RegExp(`holds 2 entries written after this backup \\(ids ${newer[0]!.id}–${newer[1]!.id}, \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC to .+ UTC\\); restoring would remove them`),
      );
      expectSameDatabase(await snapshotDatabase(db), before);

      const result = await restoreDatabase({ db, actor: null, source: cliAuditSource('restore-test') }, { source: src.file, replace: true });
      expect(result.replaced).toBe(true);
      expect(result.removedAudit).toMatchObject({ count: 2, firstId: newer[0]!.id, lastId: newer[1]!.id });
      const restored = await snapshotDatabase(db);
      expectSameDatabase(restored, src.snapshot, { restored: true });
      const entry = restored.tables.audit_log!.rows.at(-1)!;
      expect(entry).toMatchObject({ actor_name: 'cli:restore-test', entity_type: 'database' });
      expect(entry.after).toMatchObject({
        file: src.file,
        sha256: (await verifyBackup(src.file)).sha256,
        replaced: true,
        removedAudit: { count: 2, firstId: newer[0]!.id, lastId: newer[1]!.id },
        databaseRole: expect.any(String),
        osUser: expect.any(String),
      });
      // Restoring again would remove that entry in turn: refused too.
      await expectRefused(restoreDatabase({ db, actor: null, source: cliAuditSource('restore') }, { source: src.file }), 'audit_after_backup', /holds 1 entry written after this backup/);
    });

    describe('refuses a damaged or unsuitable file, leaving the database as it was', () => {
      let lines: string[];
      let before: DatabaseSnapshot;
      const bad = (name: string) => path.join(tmp, `${dialect.name}-${name}.jsonl.gz`);
      beforeAll(async () => {
        lines = readBackupLines(src.file);
        before = await snapshotDatabase(src.database.db);
      });
      // replace: true throughout: even allowed to replace everything, a bad file changes nothing.
      const attempt = async (file: string, code: BackupErrorCode | 'database', message?: RegExp) => {
        const promise = restoreDatabase({ db: src.database.db, actor: null, source: cliAuditSource('restore') }, { source: file, replace: true });
        if (code === 'database') await expect(promise).rejects.toThrow(message);
        else await expectRefused(promise, code, message);
        expectSameDatabase(await snapshotDatabase(src.database.db), before);
      };

      it('a file cut short (compressed bytes)', async () => {
        const bytes = fs.readFileSync(src.file);
        fs.writeFileSync(bad('cut'), bytes.subarray(0, Math.floor(bytes.length * 0.6)));
        await attempt(bad('cut'), 'truncated', /incomplete/);
      });

      it('a file whose last lines are missing (intact gzip, no trailer)', async () => {
        writeBackupLines(bad('no-trailer'), lines.slice(0, -1));
        await attempt(bad('no-trailer'), 'truncated', /before its trailer/);
        writeBackupLines(bad('half'), lines.slice(0, Math.floor(lines.length / 2)));
        await attempt(bad('half'), 'truncated');
      });

      it('a file with a changed value (checksum)', async () => {
        const i = lines.findIndex((l) => l.includes('备份测试村'));
        writeBackupLines(bad('tampered'), lines.map((l, j) => (j === i ? l.replace('备份测试村', '篡改村') : l)));
        await attempt(bad('tampered'), 'checksum_mismatch', /SHA-256/);
      });

      it('a file whose trailer counts do not match its rows', async () => {
        const trailer = JSON.parse(lines.at(-1)!) as { rows: Record<string, number> };
        writeBackupLines(bad('counts'), [...lines.slice(0, -1), JSON.stringify({ ...trailer, rows: { ...trailer.rows, region: trailer.rows.region! + 1 } })]);
        await attempt(bad('counts'), 'corrupt', /row counts/);
      });

      it('files that are not backups', async () => {
        fs.writeFileSync(bad('text'), 'hello\n');
        await attempt(bad('text'), 'corrupt', /not valid gzip/);
        fs.writeFileSync(bad('json'), zlib.gzipSync('{"some":"json"}\n'));
        await attempt(bad('json'), 'not_a_backup');
        await attempt(bad('missing-file'), 'file_unreadable');
      });

      it('a backup from a newer build (unknown migration, newer format)', async () => {
        const header = JSON.parse(lines[0]!) as { migrations: string[]; formatVersion: number };
        writeBackupLines(bad('newer'), [JSON.stringify({ ...header, migrations: [...header.migrations, '9999_from_the_future'] }), ...lines.slice(1)], { rehash: true });
        await attempt(bad('newer'), 'backup_too_new', /newer version of Lianxin.*9999_from_the_future/s);
        writeBackupLines(bad('format2'), [JSON.stringify({ ...header, formatVersion: 3 }), ...lines.slice(1)], { rehash: true });
        await attempt(bad('format2'), 'format_too_new', /format version 3/);
      });

      it('a backup older than the database (its schema is ahead)', async () => {
        const empty = ['{"format":"lianxin-backup","formatVersion":1,"createdAt":"2020-01-01T00:00:00.000Z","migrations":[],"tables":[]}', '{"type":"sequences","sequences":[]}'];
        writeBackupLines(bad('older'), [...empty, JSON.stringify({ type: 'trailer', rows: {}, sha256: '0'.repeat(64) })], { rehash: true });
        await attempt(bad('older'), 'target_too_new', /newer migration level/);
      });

      it('a consistent file whose data breaks a rule of the schema (rolled back mid-restore)', async () => {
        // CHECK constraint: fails while the rows go in.
        writeBackupLines(bad('check'), lines.map((l) => (l.includes('备份测试村') ? l.replace('"village"', '"planet"') : l)), { rehash: true });
        await attempt(bad('check'), 'database', /check constraint/);
        // Foreign key: fails when the keys are checked again, after every row is in.
        const user = lines.findIndex((l) => l.includes('"nodept"'));
        const row = JSON.parse(lines[user]!) as (string | null)[];
        const regionColumn = (JSON.parse(lines[0]!) as { tables: { name: string; columns: { name: string }[] }[] }).tables
          .find((t) => t.name === 'app_user')!
          .columns.findIndex((c) => c.name === 'region_id');
        row[regionColumn] = '999999';
        writeBackupLines(bad('fk'), lines.map((l, j) => (j === user ? JSON.stringify(row) : l)), { rehash: true });
        await attempt(bad('fk'), 'database', /foreign key/);
      });
    });
  });
}

describePostgres('backup and restore across drivers', () => {
  // Across drivers: PGlite even in CI's PostgreSQL-only pass, the one pass that has both.
  const pglite = PGLITE_DIALECT;
  const postgres = DIALECTS.find((d) => d.name === 'postgres');
  const pairs = postgres ? [[pglite, postgres] as const, [postgres, pglite] as const] : [];

  for (const [from, to] of pairs) {
    it(`restores a ${from.name} backup into ${to.name}, losing nothing`, async () => {
      const src = await prepare(from);
      const target = await to.open();
      try {
        await addProbeTables(target.db, false);
        await restoreDatabase({ db: target.db, actor: null, source: cliAuditSource('restore') }, { source: src.file });
        expectSameDatabase(await snapshotDatabase(target.db), src.snapshot, { acrossDrivers: true, restored: true });
      } finally {
        await target.close();
      }
    });
  }
});

describe('backup', () => {
  it('refuses a database that was never migrated, will not overwrite a file unless asked, and streams', async () => {
    const blank = await openDatabase({ driver: 'pglite' });
    try {
      await expectRefused(backupDatabase({ db: blank.db, actor: null }, { destination: path.join(tmp, 'blank.jsonl.gz') }), 'not_a_lianxin_database');
      await migrate(blank.db);
      const file = path.join(tmp, 'twice.jsonl.gz');
      await backupDatabase({ db: blank.db, actor: null }, { destination: file });
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      await expectRefused(backupDatabase({ db: blank.db, actor: null }, { destination: file }), 'file_exists');
      await backupDatabase({ db: blank.db, actor: null }, { destination: file, overwrite: true });
      expect(fs.readdirSync(tmp).filter((f) => f.endsWith('.partial'))).toEqual([]);

      // Streams both ways: to any writable, from anything that can open the bytes again.
      const streamed = path.join(tmp, 'streamed.jsonl.gz');
      const result = await backupDatabase({ db: blank.db, actor: null }, { destination: fs.createWriteStream(streamed) });
      expect(result.bytes).toBeNull();
      const summary = await verifyBackup(() => fs.createReadStream(streamed));
      expect(summary.sha256).toBe(result.sha256);
      const target = await openDatabase({ driver: 'pglite' });
      try {
        await restoreDatabase({ db: target.db, actor: null, source: cliAuditSource('restore') }, { source: () => fs.createReadStream(streamed) });
        const { audit_log: restoredAudit, ...restoredTables } = (await snapshotDatabase(target.db)).tables;
        const { audit_log: _, ...blankTables } = (await snapshotDatabase(blank.db)).tables;
        expect(restoredTables).toEqual(blankTables);
        // A stream has no file name to record; the entry still says which backup it was.
        expect(restoredAudit!.rows).toEqual([expect.objectContaining({ action: 'database.restore', after: expect.objectContaining({ file: null, sha256: result.sha256 }) })]);
      } finally {
        await target.close();
      }
    } finally {
      await blank.close();
    }
  });
});
