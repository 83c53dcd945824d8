/** The `lianxin` command end to end, as an operator would run it, on a throwaway data directory. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { describePglite } from './support/dialects.ts';
import { listMigrations } from '../src/server/db/migrate.ts';

const run = promisify(execFile);
const BIN = path.resolve('bin/lianxin.js');
/** Guards against a hung command, not a speed target (speed is measured by `npm run bench`). */
const COMMAND_TIMEOUT = 240_000;

async function lianxin(args: string[], env: Record<string, string> = {}) {
  try {
    // Each command starts Node, tsx and PGlite: a few seconds alone, minutes on a loaded 2-core machine.
    const { stdout, stderr } = await run('node', [BIN, ...args], { env: { ...process.env, ...env }, timeout: COMMAND_TIMEOUT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describePglite('lianxin CLI', () => {
  it('has --help on every command', { timeout: 6 * COMMAND_TIMEOUT }, async () => {
    const top = await lianxin(['--help']);
    expect(top.code).toBe(0);
    for (const command of ['serve', 'migrate', 'seed-demo', 'user', 'openapi']) expect(top.stdout).toContain(command);
    for (const args of [['serve', '--help'], ['migrate', '--help'], ['user', 'add', '--help'], ['user', 'list', '--help'], ['seed-demo', '--help']]) {
      const res = await lianxin(args);
      expect(res.code, args.join(' ')).toBe(0);
      expect(res.stdout).toMatch(/Usage: lianxin/);
    }
  });

  it('migrates, loads the demo, adds and lists users, with --json for scripts', { timeout: 6 * COMMAND_TIMEOUT }, async () => {
    const DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-cli-'));
    const env = { DATA_DIR };
    const migrated = await lianxin(['migrate', '--json'], env);
    expect(migrated.code).toBe(0);
    expect(JSON.parse(migrated.stdout)).toMatchObject({ driver: 'pglite', applied: listMigrations().map((m) => m.version) });

    const seeded = await lianxin(['seed-demo', '--households', '50', '--cases', '12', '--json'], env);
    expect(JSON.parse(seeded.stdout)).toMatchObject({ created: true, townships: 13, registry: { created: true, households: 50 }, cases: { created: true, cases: 12 } });

    const added = await lianxin(['user', 'add', '--username', 'zhao', '--password', 'Zhao2026ok', '--role', 'village_cadre', '--region', '370921104201', '--json'], env);
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ username: 'zhao', roles: ['village_cadre'], regionCode: '370921104201' });

    const listed = await lianxin(['user', 'list', '--region', '370921104', '--json'], env);
    const usernames = JSON.parse(listed.stdout).map((u: { username: string }) => u.username);
    expect(usernames).toEqual(expect.arrayContaining(['zhao', 'gangcheng', 'cadre']));
    expect(usernames).not.toContain('jiangji');

    const bad = await lianxin(['user', 'add', '--username', 'q', '--password', 'short', '--role', 'king', '--region', '370921'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--roles?:/);
    expect(bad.stderr).toMatch(/--password:/);

    const taken = await lianxin(['user', 'add', '--username', 'zhao', '--password', 'Zhao2026ok', '--role', 'interviewer', '--region', '370921'], env);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toMatch(/username_taken/);
    expect(taken.stderr).toMatch(/该用户名已被使用/);
  });
});
