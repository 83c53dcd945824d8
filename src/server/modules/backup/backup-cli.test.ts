/**
 * `lianxin backup` and `lianxin restore` as an administrator runs them: real processes on
 * PGlite data directories (DATA_DIR), including the data-directory lock.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describePglite } from '../../../../test/support/dialects.ts';
import { openDatabase } from '../../db/database.ts';
import { migrate } from '../../db/migrate.ts';
import { cliAuditSource } from '../audit/index.ts';
import { seedDemo } from '../demo/index.ts';
import { snapshotDatabase, type DatabaseSnapshot } from './backup-test-support.ts';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../bin/lianxin.js');
let tmp = '';
let dataA = '';
let dataB = '';
let file = '';
/** Each run starts Node and transpiles the CLI (a few seconds on a busy machine); the cases run in order. */
const CLI_TIMEOUT = 180_000;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command with only DATA_DIR pointing somewhere: never a PostgreSQL server, never a real key. */
function lianxin(args: string[], dataDir: string): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  delete env.LIANXIN_DATA_KEY;
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

async function snapshotDir(dataDir: string): Promise<DatabaseSnapshot> {
  const database = await openDatabase({ driver: 'pglite', dataDir });
  try {
    return await snapshotDatabase(database.db);
  } finally {
    await database.close();
  }
}

describePglite('lianxin backup / restore (command line, PGlite)', () => {
  let seeded: DatabaseSnapshot;
  let restoredB: DatabaseSnapshot;
  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-backup-cli-'));
    [dataA, dataB, file] = [path.join(tmp, 'a'), path.join(tmp, 'b'), path.join(tmp, 'county.jsonl.gz')];
    const database = await openDatabase({ driver: 'pglite', dataDir: dataA });
    await migrate(database.db);
    await seedDemo({ db: database.db, actor: null, source: cliAuditSource('test') });
    seeded = await snapshotDatabase(database.db);
    await database.close();
  });
  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('backs up one data directory and restores it into another', { timeout: CLI_TIMEOUT }, async () => {
    const backup = await lianxin(['backup', file, '--json'], dataA);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    const b = JSON.parse(backup.stdout) as { totalRows: number; tables: { name: string; rows: number }[]; bytes: number };
    expect(b.tables.find((t) => t.name === 'region')!.rows).toBe(seeded.tables.region!.rows.length);
    expect(b.bytes).toBe(fs.statSync(file).size);

    const restore = await lianxin(['restore', file, '--json'], dataB);
    expect(restore.code).toBe(0);
    const r = JSON.parse(restore.stdout) as { totalRows: number; migrated: string[]; upgraded: string[]; replaced: boolean };
    expect(r).toMatchObject({ totalRows: b.totalRows, replaced: false, upgraded: [] });
    expect(r.migrated.length).toBeGreaterThan(0); // a new data directory: schema built first
    const restored = await snapshotDir(dataB);
    // Everything as it was, plus the restore's own audit entry (the next audit id).
    const audit = restored.tables.audit_log!;
    expect(audit.rows.at(-1)).toMatchObject({ action: 'database.restore', actor_name: 'cli:restore', after: expect.objectContaining({ file }) });
    expect({ ...restored.tables, audit_log: { ...audit, rows: audit.rows.slice(0, -1), text: audit.text.slice(0, -1) } }).toEqual(seeded.tables);
    const { audit_log_id_seq: auditSeq, ...sequences } = restored.sequences;
    const { audit_log_id_seq: seededAuditSeq, ...seededSequences } = seeded.sequences;
    expect(sequences).toEqual(seededSequences);
    expect(BigInt(auditSeq!.last_value)).toBe(BigInt(seededAuditSeq!.last_value) + 1n);
    restoredB = restored;
  });

  it('refuses to replace data without --force, and refuses a damaged file', { timeout: CLI_TIMEOUT }, async () => {
    // The first restore's own audit entry is newer than the backup: restoring again would remove it.
    const twice = await lianxin(['restore', file], dataB);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/audit log holds 1 entry written after this backup \(ids \d+–\d+, .+ UTC to .+ UTC\); restoring would remove them.*--force/s);
    expect(twice.stderr).toContain('审计日志中有备份之后写入的记录');

    const cut = path.join(tmp, 'cut.jsonl.gz');
    fs.writeFileSync(cut, fs.readFileSync(file).subarray(0, 2000));
    const damaged = await lianxin(['restore', cut, '--force'], dataB);
    expect(damaged.code).toBe(2);
    expect(damaged.stderr).toMatch(/incomplete/);
    expect((await snapshotDir(dataB)).tables).toEqual(restoredB.tables);

    const check = await lianxin(['restore', '--check', file], dataB);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/OK: a complete, intact Lianxin backup/);
  });

  it('refuses to back up while another process holds the data directory', { timeout: CLI_TIMEOUT }, async () => {
    let holder: ChildProcess | undefined;
    const lock = path.join(dataA, 'lianxin.lock');
    try {
      holder = spawn('sleep', ['60'], { stdio: 'ignore' });
      fs.writeFileSync(lock, JSON.stringify({ pid: holder.pid, command: 'lianxin serve', url: 'http://localhost:3999', since: new Date().toISOString() }));
      const out = path.join(tmp, 'while-locked.jsonl.gz');
      const run = await lianxin(['backup', out], dataA);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/in use by "lianxin serve" \(pid \d+/);
      expect(run.stderr).toContain('http://localhost:3999');
      expect(fs.existsSync(out)).toBe(false);
      expect(fs.readFileSync(lock, 'utf8')).toContain(`"pid":${holder.pid}`); // left to its holder
    } finally {
      holder?.kill();
      fs.rmSync(lock, { force: true });
    }
  });

  it('documents itself', { timeout: CLI_TIMEOUT }, async () => {
    const help = await lianxin(['restore', '--help'], dataA);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--force[\s\S]*--check[\s\S]*--json/);
    expect(help.stdout).toContain('从备份文件恢复');
  });
});
