import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import { restrictDataDir } from './data-dir-permissions.ts';

/** Every directory and file under dir (dir included) with its permission bits, e.g. 'f600'. */
function modes(dir: string): Map<string, string> {
  const found = new Map<string, string>([[dir, `d${(fs.statSync(dir).mode & 0o777).toString(8)}`]]);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const full = path.join(entry.parentPath, entry.name);
    found.set(full, `${entry.isDirectory() ? 'd' : 'f'}${(fs.statSync(full).mode & 0o777).toString(8)}`);
  }
  return found;
}

const loose = (found: Map<string, string>) => [...found].filter(([, m]) => m !== 'd700' && m !== 'f600');

describe('the embedded database directory is private to its account', () => {
  let tmp = '';
  let umask = 0;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-perm-'));
    // The worst case a container gives: nothing masked.
    umask = process.umask(0);
  });
  afterAll(() => {
    process.umask(umask);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('a new DATA_DIR: 0700 directories and 0600 files, also those written while it runs', async () => {
    const dataDir = path.join(tmp, 'new');
    const database = await openDatabase({ driver: 'pglite', dataDir });
    await sql`CREATE TABLE probe AS SELECT g FROM generate_series(1, 5000) g`.execute(database.db);
    await sql`CHECKPOINT`.execute(database.db);
    await database.close();
    const found = modes(dataDir);
    expect(found.size).toBeGreaterThan(900);
    expect(loose(found)).toEqual([]);
  });

  it('an existing DATA_DIR with world-readable files is tightened at open', async () => {
    const dataDir = path.join(tmp, 'old');
    // Modes set explicitly: opening the database above changed the umask of this process.
    const make = (entry: string, mode: number, dir: boolean) => {
      if (dir) fs.mkdirSync(entry);
      else fs.writeFileSync(entry, 'x');
      fs.chmodSync(entry, mode);
    };
    make(dataDir, 0o777, true);
    make(path.join(dataDir, 'left-over'), 0o666, false);
    make(path.join(dataDir, 'sub'), 0o755, true);
    make(path.join(dataDir, 'sub', 'file'), 0o644, false);
    expect(loose(modes(dataDir)).length).toBe(4);
    expect(restrictDataDir(dataDir)).toBe(4);
    expect(loose(modes(dataDir))).toEqual([]);
    expect(restrictDataDir(dataDir)).toBe(0);
  });
});
