/**
 * The two database roles as an administrator uses them (README, "Database roles"): real `lianxin`
 * processes against a throwaway PostgreSQL database and a throwaway role. PostgreSQL only; under
 * CI=true test/support/dialects.ts fails when TEST_DATABASE_URL is unset.
 */
import { execFile, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPostgres, openThrowawayPostgres, testDatabaseUrl } from '../../../test/support/dialects.ts';
import type { Database } from '../../server/db/database.ts';
import { listMigrations } from '../../server/db/migrate.ts';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/lianxin.js');
const CLI_TIMEOUT = 180_000;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function baseEnv(urls: { DATABASE_URL: string; DATABASE_OWNER_URL?: string }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...urls, LIANXIN_DATA_KEY: Buffer.alloc(32, 9).toString('base64'), LOG_LEVEL: 'warn' };
  if (!urls.DATABASE_OWNER_URL) delete env.DATABASE_OWNER_URL;
  return env;
}

function lianxin(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** Starts `lianxin serve`, waits until it listens (or exits), stops it; returns what it printed. */
function serveUntilRunning(env: NodeJS.ProcessEnv): Promise<Run & { running: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', '--no-demo', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let running = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start in time:\n${stdout}\n${stderr}`));
    }, 150_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!running && stdout.includes('is running at')) {
        running = true;
        child.kill('SIGTERM');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 0, stdout, stderr, running });
    });
  });
}

describe.skipIf(!hasPostgres)('lianxin db grant-runtime-role, and the server on two roles (PostgreSQL)', () => {
  let owner: Database;
  let ownerUrl = '';
  let runtimeUrl = '';
  let tmp = '';
  let passwordFile = '';
  const role = `lianxin_cli_${crypto.randomBytes(5).toString('hex')}`;
  const password = crypto.randomBytes(12).toString('base64url');

  beforeAll(async () => {
    owner = await openThrowawayPostgres();
    const { rows } = await sql<{ database: string }>`SELECT current_database() AS database`.execute(owner.db);
    const url = new URL(testDatabaseUrl!);
    url.pathname = `/${rows[0]!.database}`;
    ownerUrl = url.toString();
    url.username = role;
    url.password = password;
    runtimeUrl = url.toString();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-db-cli-'));
    passwordFile = path.join(tmp, 'app.pw');
    fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  });

  afterAll(async () => {
    await owner?.close();
    const admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
    await admin.end();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('creates the role as the owner, migrating first, without printing the password', { timeout: CLI_TIMEOUT }, async () => {
    const run = await lianxin(['db', 'grant-runtime-role', '--role', role, '--password-file', passwordFile, '--json'], baseEnv({ DATABASE_URL: ownerUrl }));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain(password);
    const result = JSON.parse(run.stdout) as { role: string; created: boolean; tables: number; settings: { DATABASE_URL: string } };
    expect(result).toMatchObject({ role, created: true });
    expect(result.tables).toBeGreaterThan(20);
    expect(result.settings.DATABASE_URL).toContain(`${role}:PASSWORD@`);
    const audited = await owner.db.selectFrom('audit_log').select(['actor_name', 'entity_id', 'after']).where('action', '=', 'database.grant_runtime_role').execute();
    expect(audited).toEqual([{ actor_name: 'cli:db grant-runtime-role', entity_id: role, after: expect.objectContaining({ created: true, passwordChanged: true }) }]);

    const users = await lianxin(['user', 'list', '--json'], baseEnv({ DATABASE_URL: runtimeUrl }));
    expect(users.code).toBe(0);
    expect(JSON.parse(users.stdout)).toEqual([]);
  });

  it('as the runtime role alone, the server refuses pending migrations naming DATABASE_OWNER_URL; lianxin migrate with it applies them', { timeout: CLI_TIMEOUT }, async () => {
    // The truncate guard's migration only replaces a function, so it can run again.
    const last = listMigrations().find((m) => m.version.endsWith('_auditrole_truncate_guard'))!.version;
    await sql`DELETE FROM schema_migration WHERE version = ${last}`.execute(owner.db);
    const refused = await serveUntilRunning(baseEnv({ DATABASE_URL: runtimeUrl }));
    expect(refused.running).toBe(false);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`1 database migration(s) are pending (${last}), and the server's role "${role}" (DATABASE_URL) may not change the schema`);
    expect(refused.stderr).toMatch(/Set DATABASE_OWNER_URL/);

    const migrated = await lianxin(['migrate', '--json'], baseEnv({ DATABASE_URL: runtimeUrl, DATABASE_OWNER_URL: ownerUrl }));
    expect(migrated.code).toBe(0);
    expect(JSON.parse(migrated.stdout)).toMatchObject({ applied: [last], granted: role });
  });

  it('backs up as the runtime role and restores as the owner, which the restore\'s audit entry names', { timeout: 2 * CLI_TIMEOUT }, async () => {
    const file = path.join(tmp, 'roles.jsonl.gz');
    const backup = await lianxin(['backup', file, '--json'], baseEnv({ DATABASE_URL: runtimeUrl }));
    expect(backup.code).toBe(0);
    const both = baseEnv({ DATABASE_URL: runtimeUrl, DATABASE_OWNER_URL: ownerUrl });
    const refused = await lianxin(['restore', file], both);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/already holds data.*--force/s);
    const restore = await lianxin(['restore', file, '--force', '--json'], both);
    expect(restore.code).toBe(0);
    expect(JSON.parse(restore.stdout)).toMatchObject({ replaced: true, removedAudit: null, grantedRuntimeRole: role });
    const { rows } = await sql<{ me: string }>`SELECT current_user AS me`.execute(owner.db);
    const entry = await owner.db.selectFrom('audit_log').select(['action', 'actor_name', 'after']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ action: 'database.restore', actor_name: 'cli:restore', after: expect.objectContaining({ file, databaseRole: rows[0]!.me, replaced: true }) });
    // The server's role still works on the restored tables.
    const users = await lianxin(['user', 'list', '--json'], baseEnv({ DATABASE_URL: runtimeUrl }));
    expect(users.code).toBe(0);
  });

  it('the server warns loudly when it runs as a superuser, and not as the runtime role', { timeout: 2 * CLI_TIMEOUT }, async () => {
    const asOwner = await serveUntilRunning(baseEnv({ DATABASE_URL: ownerUrl }));
    expect(asOwner.running).toBe(true);
    expect(asOwner.stderr).toMatch(/WARNING: the server connects to PostgreSQL as "[^"]+", a superuser: it could rewrite or erase the audit log/);

    const asRuntime = await serveUntilRunning(baseEnv({ DATABASE_URL: runtimeUrl, DATABASE_OWNER_URL: ownerUrl }));
    expect(asRuntime.running).toBe(true);
    expect(asRuntime.stderr).not.toMatch(/WARNING/);
  });
});
