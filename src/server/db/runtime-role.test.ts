/**
 * The runtime role on a real PostgreSQL server: what the server may do, and every way the owner
 * could rewrite the audit log, tried as that role. PostgreSQL only (PGlite is one process with
 * one superuser); under CI=true test/support/dialects.ts fails when TEST_DATABASE_URL is unset.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPostgres, openThrowawayPostgres, testDatabaseUrl } from '../../../test/support/dialects.ts';
import { cliAuditSource, recordAudit } from '../modules/audit/index.ts';
import { testEntry } from '../../../test/support/audit-entry.ts';
import { backupDatabase } from '../modules/backup/index.ts';
import { seedDemo } from '../modules/demo/index.ts';
import { importHouseholds } from '../modules/imports/index.ts';
import { chunked, csvFile } from '../spreadsheets/testing/spreadsheet-files.ts';
import { idNumber } from '../../../test/support/registry-fixture.ts';
import { testCipher } from '../../../test/support/test-app.ts';
import { openDatabase, type Database } from './database.ts';
import { listMigrations, migrate } from './migrate.ts';
import { prepareSchema } from './prepare-schema.ts';
import { createRuntimeRole, DatabaseRoleError, describeConnectionRole, runtimeRoleWarning } from './runtime-role.ts';
import type { DB } from './schema.ts';

const source = cliAuditSource('runtime-role-test');

/** A statement the server refuses for lack of privilege (SQLSTATE 42501), whatever the wording. */
async function refused(promise: Promise<unknown>, message?: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e as { code?: string; message?: string },
  );
  expect(error, 'the statement was allowed').not.toBeNull();
  expect(error!.code, error!.message).toBe('42501');
  if (message) expect(error!.message).toMatch(message);
}

async function auditCount(db: Kysely<DB>) {
  return Number((await sql<{ n: string }>`SELECT count(*) AS n FROM audit_log`.execute(db)).rows[0]!.n);
}

describe.skipIf(!hasPostgres)('the runtime role (PostgreSQL)', () => {
  let owner: Database;
  let runtime: Database;
  let role = '';
  let runtimeUrl = '';
  let ownerUrl = '';

  beforeAll(async () => {
    owner = await openThrowawayPostgres();
    await migrate(owner.db);
    role = `lianxin_rt_${crypto.randomBytes(5).toString('hex')}`;
    const password = crypto.randomBytes(12).toString('base64url');
    const created = await createRuntimeRole(owner.db, { role, password });
    expect(created).toMatchObject({ role, created: true });
    const { rows } = await sql<{ database: string }>`SELECT current_database() AS database`.execute(owner.db);
    const url = new URL(testDatabaseUrl!);
    url.pathname = `/${rows[0]!.database}`;
    ownerUrl = url.toString();
    url.username = role;
    url.password = password;
    runtimeUrl = url.toString();
    runtime = await openDatabase({ driver: 'postgres', connectionString: runtimeUrl, maxConnections: 2 });
    await recordAudit({ db: owner.db, source }, testEntry('test.before'));
  });

  afterAll(async () => {
    await runtime?.close();
    await owner?.close(); // drops the database, and with it the role's grants
    if (role) {
      const admin = new pg.Client({ connectionString: testDatabaseUrl });
      await admin.connect();
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
    }
  });

  it('is a plain role: no superuser, no role or database creation, no RLS bypass, and it owns nothing', async () => {
    const { rows } = await sql<Record<string, boolean>>`
      SELECT rolsuper, rolcreatedb, rolcreaterole, rolbypassrls, rolreplication, rolcanlogin FROM pg_roles WHERE rolname = ${role}`.execute(owner.db);
    expect(rows[0]).toEqual({ rolsuper: false, rolcreatedb: false, rolcreaterole: false, rolbypassrls: false, rolreplication: false, rolcanlogin: true });
    const described = await describeConnectionRole(runtime.db);
    expect(described).toEqual({ user: role, superuser: false, owner: false, mayRewriteAudit: false });
    expect(runtimeRoleWarning(described)).toBeNull();
    // The owner connection (the test server's superuser) is what the server must not run as.
    expect(runtimeRoleWarning(await describeConnectionRole(owner.db))).toMatch(/superuser: it could rewrite or erase the audit log/);
  });

  it('does the server\'s work: appends to and reads the audit log, changes application tables, stages in temporary tables', async () => {
    await runtime.db.transaction().execute(async (trx) => {
      await sql`INSERT INTO app_setting (key, value) VALUES ('runtime_probe', 'a')`.execute(trx);
      await sql`UPDATE app_setting SET value = 'b' WHERE key = 'runtime_probe'`.execute(trx);
      await recordAudit({ db: trx, source }, testEntry('test.runtime'));
    });
    expect((await runtime.db.selectFrom('audit_log').select('action').orderBy('id', 'desc').executeTakeFirstOrThrow()).action).toBe('test.runtime');
    await sql`DELETE FROM app_setting WHERE key = 'runtime_probe'`.execute(runtime.db);
    await runtime.db.connection().execute(async (conn) => {
      await sql`CREATE TEMP TABLE staged (n int)`.execute(conn);
      await sql`DROP TABLE staged`.execute(conn);
    });
    // What a first start does on an empty database: the demo county, accounts, audit entries.
    const seeded = await seedDemo({ db: runtime.db, actor: null, source });
    expect(seeded.townships).toBe(13);
    // An import stages its rows with COPY into temporary tables and merges them.
    const county = await runtime.db.selectFrom('region').select('id').where('code', '=', '370921').executeTakeFirstOrThrow();
    const file = csvFile(['户编号', '村代码', '姓名', '与户主关系', '身份证号'], [['H-1', '370921104201', '张三', '户主', idNumber('1960-01-01', 111)]]);
    const imported = await importHouseholds({ db: runtime.db, actor: null, source, cipher: testCipher }, { input: chunked(file), fileName: 'r.csv', mode: 'all_or_nothing', regionId: county.id });
    expect(imported).toMatchObject({ status: 'succeeded' });
  });

  it('can take a backup (the backup command runs as the runtime role)', async () => {
    const file = path.join(os.tmpdir(), `lianxin-runtime-backup-${crypto.randomBytes(4).toString('hex')}.jsonl.gz`);
    try {
      const result = await backupDatabase({ db: runtime.db, actor: null }, { destination: file });
      expect(result.tables.find((t) => t.name === 'audit_log')!.rows).toBe(await auditCount(owner.db));
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  describe('cannot rewrite the audit log', () => {
    it('no UPDATE, DELETE or TRUNCATE', async () => {
      const before = await auditCount(owner.db);
      await refused(sql`UPDATE audit_log SET action = 'forged'`.execute(runtime.db), /permission denied/);
      await refused(sql`DELETE FROM audit_log`.execute(runtime.db), /permission denied/);
      await refused(sql`TRUNCATE audit_log`.execute(runtime.db), /permission denied/);
      expect(await auditCount(owner.db)).toBe(before);
    });

    it('cannot switch the triggers off: neither session_replication_role nor ALTER TABLE … DISABLE TRIGGER', async () => {
      await refused(sql`SET session_replication_role = replica`.execute(runtime.db), /session_replication_role/);
      await refused(sql`SELECT set_config('session_replication_role', 'replica', false)`.execute(runtime.db), /session_replication_role/);
      await refused(sql`ALTER TABLE audit_log DISABLE TRIGGER ALL`.execute(runtime.db), /must be owner/);
      await refused(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(runtime.db), /must be owner/);
      await refused(sql`DROP TRIGGER audit_log_no_truncate ON audit_log`.execute(runtime.db), /must be owner/);
      await refused(sql`CREATE OR REPLACE FUNCTION lianxin_audit_immutable() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`.execute(runtime.db));
    });

    it('the restore setting achieves nothing: TRUNCATE is still refused', async () => {
      const before = await auditCount(owner.db);
      await refused(
        runtime.db.transaction().execute(async (trx) => {
          await sql`SELECT set_config('lianxin.restoring', 'on', true)`.execute(trx);
          await sql`TRUNCATE audit_log`.execute(trx);
        }),
      );
      expect(await auditCount(owner.db)).toBe(before);
    });

    it('even granted TRUNCATE by mistake, only the owner may use the restore setting', async () => {
      await sql.raw(`GRANT TRUNCATE, UPDATE, DELETE ON audit_log TO ${role}`).execute(owner.db);
      try {
        const before = await auditCount(owner.db);
        await expect(
          runtime.db.transaction().execute(async (trx) => {
            await sql`SELECT set_config('lianxin.restoring', 'on', true)`.execute(trx);
            await sql`TRUNCATE audit_log`.execute(trx);
          }),
        ).rejects.toThrow(/append-only/);
        await expect(sql`DELETE FROM audit_log`.execute(runtime.db)).rejects.toThrow(/append-only/);
        expect(await auditCount(owner.db)).toBe(before);
        expect(runtimeRoleWarning(await describeConnectionRole(runtime.db))).toMatch(/allowed to update, delete or truncate the audit log/);
      } finally {
        await sql.raw(`REVOKE TRUNCATE, UPDATE, DELETE ON audit_log FROM ${role}`).execute(owner.db);
      }
    });

    it('no DDL and no sequence rewinding: cannot create or drop tables, nor set an id sequence back', async () => {
      await refused(sql`CREATE TABLE public.shadow (x int)`.execute(runtime.db), /permission denied for schema public/);
      await refused(sql`DROP TABLE audit_log`.execute(runtime.db), /must be owner/);
      await refused(sql`ALTER TABLE audit_log ADD COLUMN x int`.execute(runtime.db), /must be owner/);
      await refused(sql`SELECT setval('audit_log_id_seq', 1)`.execute(runtime.db), /permission denied/);
      await refused(sql`INSERT INTO schema_migration (version) VALUES ('9999_forged')`.execute(runtime.db), /permission denied/);
    });
  });

  it('tables a later migration creates as the owner are usable at once (default privileges)', async () => {
    await sql`CREATE TABLE later_table (id bigserial PRIMARY KEY, note text)`.execute(owner.db);
    try {
      await sql`INSERT INTO later_table (note) VALUES ('x')`.execute(runtime.db);
      await sql`UPDATE later_table SET note = 'y'`.execute(runtime.db);
      expect((await sql<{ note: string }>`SELECT note FROM later_table`.execute(runtime.db)).rows).toEqual([{ note: 'y' }]);
    } finally {
      await sql`DROP TABLE later_table`.execute(owner.db);
    }
  });

  it('grants again idempotently, and refuses to turn the owner or a superuser into the runtime role', async () => {
    await expect(createRuntimeRole(owner.db, { role })).resolves.toMatchObject({ role, created: false });
    expect(await describeConnectionRole(runtime.db)).toMatchObject({ superuser: false, owner: false, mayRewriteAudit: false });
    const { rows } = await sql<{ me: string }>`SELECT current_user AS me`.execute(owner.db);
    await expect(createRuntimeRole(owner.db, { role: rows[0]!.me })).rejects.toThrow(DatabaseRoleError);
    await expect(createRuntimeRole(owner.db, { role: 'Robert"; DROP' })).rejects.toThrow(/not a usable role name/);
  });

  describe('migrations at start', () => {
    // The truncate guard's migration only re-creates a function (CREATE OR REPLACE): safe to run again.
    const guard = listMigrations().find((m) => m.version.endsWith('_auditrole_truncate_guard'))!.version;
    const forgetGuard = async () => {
      await sql`DELETE FROM schema_migration WHERE version = ${guard}`.execute(owner.db);
      return guard;
    };

    it('as the runtime role alone, a pending migration stops the start with a message naming DATABASE_OWNER_URL', async () => {
      await expect(prepareSchema(runtime)).resolves.toEqual({ applied: [], granted: null });
      const last = await forgetGuard();
      const error = await prepareSchema(runtime).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(DatabaseRoleError);
      expect((error as Error).message).toMatch(new RegExp(`1 database migration\\(s\\) are pending \\(${last}\\), and the server's role "${role}"`));
      expect((error as Error).message).toMatch(/Set DATABASE_OWNER_URL/);
    });

    it('with DATABASE_OWNER_URL, migrates as the owner and grants the runtime role again', async () => {
      const result = await prepareSchema(runtime, ownerUrl);
      expect(result).toEqual({ applied: [guard], granted: role });
      await expect(prepareSchema(runtime)).resolves.toEqual({ applied: [], granted: null });
      await refused(sql`TRUNCATE audit_log`.execute(runtime.db));
    });

    it('refuses an owner URL that leads to another database', async () => {
      const url = new URL(ownerUrl);
      url.pathname = '/postgres';
      await expect(prepareSchema(runtime, url.toString())).rejects.toThrow(/both must name the same database/);
    });
  });
});
