/**
 * `lianxin serve` as an operator runs it: a real process on a throwaway data directory. Its
 * worker is killed the hard way; the supervisor must start a new one, which takes over the
 * embedded database's lock, and stop cleanly on SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describePglite } from './support/dialects.ts';
import type { LockHolder } from '../src/server/db/data-dir-lock.ts';

const BIN = path.resolve('bin/lianxin.js');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function until<T>(what: string, probe: () => Promise<T | null> | T | null, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await pause(250);
  }
}

describePglite('lianxin serve under its supervisor', () => {
  const DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-serve-'));
  const lockFile = path.join(DATA_DIR, 'lianxin.lock');
  let child: ChildProcess | null = null;
  let output = '';
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    // Whatever worker is left would be orphaned: end it by the pid it wrote.
    try {
      process.kill((JSON.parse(fs.readFileSync(lockFile, 'utf8')) as LockHolder).pid, 'SIGKILL');
    } catch {
      // none left
    }
    fs.rmSync(DATA_DIR, { recursive: true, force: true });
  });

  it('restarts a killed worker, which takes over the data-dir lock, and stops on SIGTERM', async () => {
    const port = await freePort();
    child = spawn('node', [BIN, 'serve', '--no-demo', '--port', String(port)], {
      env: { ...process.env, DATA_DIR, HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const healthy = () =>
      fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2_000) }).then(
        (res) => (res.ok ? true : null),
        () => null,
      );
    const holder = () => {
      try {
        return JSON.parse(fs.readFileSync(lockFile, 'utf8')) as LockHolder;
      } catch {
        return null;
      }
    };

    await until('the first worker to answer', healthy);
    const first = holder()!;
    // The worker holds the lock, not the supervisor: the lock dies with the process that has the database open.
    expect(first.pid).not.toBe(child.pid);
    expect(first.command).toBe('lianxin serve');

    process.kill(first.pid, 'SIGKILL');
    await until('the supervisor to log the crash', () => (/was killed by SIGKILL after [\d.]+ s; restarting in 1 s/.test(output) ? true : null));
    await until('a new worker to answer', async () => ((await healthy()) && holder() && holder()!.pid !== first.pid ? true : null));
    const second = holder()!;
    expect(second.pid).not.toBe(child.pid);
    expect(output).toMatch(new RegExp(`started the server, pid ${second.pid}`));

    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toMatch(/SIGTERM: stopping the server/);
    // The worker shut down cleanly: lock released, nobody answering.
    expect(fs.existsSync(lockFile)).toBe(false);
    expect(await healthy()).toBeNull();
  }, 180_000);
});
