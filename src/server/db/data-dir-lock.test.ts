import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describePglite } from '../../../test/support/dialects.ts';
import { acquireDataDirLock, DataDirBusyError } from './data-dir-lock.ts';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-lock-'));

describePglite('data directory lock', () => {
  it('refuses a second holder while the first is alive, naming it', async () => {
    const dir = tmp();
    const sleeper = spawn('sleep', ['30']);
    try {
      fs.writeFileSync(path.join(dir, 'lianxin.lock'), JSON.stringify({ pid: sleeper.pid, command: 'lianxin serve', url: 'http://localhost:3000', since: 'x' }));
      expect(() => acquireDataDirLock(dir, { command: 'lianxin migrate' })).toThrow(DataDirBusyError);
      expect(() => acquireDataDirLock(dir, { command: 'lianxin migrate' })).toThrow(/http:\/\/localhost:3000/);
    } finally {
      sleeper.kill();
    }
  });
  it('takes over a lock left by a dead process, and releases its own', async () => {
    const dir = tmp();
    const dead = spawn('true');
    await new Promise((resolve) => dead.on('exit', resolve));
    fs.writeFileSync(path.join(dir, 'lianxin.lock'), JSON.stringify({ pid: dead.pid, command: 'lianxin serve', since: 'x' }));
    const release = acquireDataDirLock(dir, { command: 'lianxin migrate' });
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'lianxin.lock'), 'utf8')).pid).toBe(process.pid);
    release();
    expect(fs.existsSync(path.join(dir, 'lianxin.lock'))).toBe(false);
  });
});
