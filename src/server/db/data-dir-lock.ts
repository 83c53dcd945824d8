/**
 * PGlite is single-process: two processes opening one data directory would corrupt it. Whoever
 * opens `DATA_DIR` takes this lock file first; a second process is refused with a message
 * naming the holder. A lock left by a process that died is taken over.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isProcessAlive } from '../process-alive.ts';

export interface LockHolder {
  pid: number;
  command: string;
  url?: string | undefined;
  since: string;
}

export class DataDirBusyError extends Error {
  constructor(readonly holder: LockHolder, dataDir: string) {
    super(
      `The embedded database in ${dataDir} is in use by "${holder.command}" (pid ${holder.pid}, since ${holder.since}).\n` +
        (holder.url ? `Use the running server at ${holder.url} (web app or API), or stop it first and run this command again.\n` : 'Wait for it to finish and run this command again.\n') +
        '嵌入式数据库正被另一进程使用。请通过正在运行的服务操作，或先停止它再执行本命令。\n' +
        '(With DATABASE_URL set to a PostgreSQL server, commands can run alongside the server.)',
    );
    this.name = 'DataDirBusyError';
  }
}

/**
 * @example
 * const release = acquireDataDirLock('./data', { command: 'lianxin migrate' });
 * try { ... } finally { release(); }
 */
export function acquireDataDirLock(dataDir: string, who: { command: string; url?: string }): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'lianxin.lock');
  const holder: LockHolder = { pid: process.pid, command: who.command, url: who.url, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(holder), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          const current = JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder;
          if (current.pid === process.pid) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let existing: LockHolder | null = null;
      try {
        existing = JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder;
      } catch {
        existing = null; // unreadable: a crash mid-write; treat as stale
      }
      if (existing && existing.pid !== process.pid && isProcessAlive(existing.pid)) throw new DataDirBusyError(existing, dataDir);
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${file}`);
}

/** Rewrites the lock with the server's URL once it listens, so other commands can point to it. */
export function updateLockUrl(dataDir: string, url: string) {
  const file = path.join(dataDir, 'lianxin.lock');
  const current = JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder;
  if (current.pid === process.pid) fs.writeFileSync(file, JSON.stringify({ ...current, url }));
}
