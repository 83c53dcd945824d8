/**
 * Leftovers of killed processes: upload spools and 'running' job rows. The processes are real
 * children, killed with SIGKILL, so what they leave is exactly what a killed server or CLI leaves.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.ts';
import type { Database } from '../../db/database.ts';
import { postgresPoolOf } from '../../db/database.ts';
import type { Actor } from '../../http/context.ts';
import { insertRegion } from '../regions/index.ts';
import { getImportJob } from './get-import-job.ts';
import { ownImportJob } from './import-owner.ts';
import { RUNNING_IMPORT_LOCK } from './import-session.ts';
import { listImportJobs } from './list-import-jobs.ts';
import { removeStaleSpools, SPOOL_DIR, spoolFileName } from '../../uploads/index.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../../../..');

/** Starts `node` on an ES module script (TypeScript through tsx), resolved once it printed `ready`. */
async function startChild(script: string): Promise<{ child: ChildProcess; pid: number; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready')) resolve();
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`child exited (${code}) before it was ready: ${output}`)));
  });
  return { child, pid: child.pid!, output };
}

async function kill(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe('upload spools left by killed processes', () => {
  it('are removed at the next start; the spools of live processes stay', async () => {
    // A server in the middle of an upload, killed: its encrypted spool stays behind.
    const { child, pid } = await startChild(`
      import { PassThrough } from 'node:stream';
      const { spoolUpload } = await import(${JSON.stringify(path.join(HERE, '../../uploads/spool-upload.ts'))});
      const body = new PassThrough();
      void spoolUpload(body, 1e9);
      body.write(Buffer.alloc(256 * 1024, 7), () => setTimeout(() => console.log('ready'), 200));
      setInterval(() => {}, 1000);
    `);
    const leftover = (await fs.promises.readdir(SPOOL_DIR)).filter((n) => n.includes(`.${pid}.`));
    expect(leftover).toHaveLength(1);
    await kill(child);
    // A spool this process is writing, and one of another live process (a second server): both in use.
    const mine = path.join(SPOOL_DIR, spoolFileName(os.hostname(), process.pid, crypto.randomUUID()));
    const sleeper = await startChild(`console.log('ready'); setInterval(() => {}, 1000);`);
    const theirs = path.join(SPOOL_DIR, spoolFileName(os.hostname(), sleeper.pid, crypto.randomUUID()));
    try {
      fs.writeFileSync(mine, 'x');
      fs.writeFileSync(theirs, 'x');
      await removeStaleSpools();
      // Gone, whoever removed it: a test app starting in the other worker cleans the shared folder too.
      expect(fs.existsSync(path.join(SPOOL_DIR, leftover[0]!))).toBe(false);
      expect(fs.existsSync(mine)).toBe(true);
      expect(fs.existsSync(theirs)).toBe(true);
      // Once a day old, a file goes whoever wrote it (a reused pid must not keep it forever). In a
      // folder of its own: a day ahead in the shared one would remove other tests' live uploads.
      const aside = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-spools-'));
      try {
        for (const file of [mine, theirs]) fs.copyFileSync(file, path.join(aside, path.basename(file)));
        expect(await removeStaleSpools({ dir: aside })).toEqual([]);
        expect((await removeStaleSpools({ dir: aside, now: Date.now() + 25 * 3_600_000 })).sort()).toEqual([path.basename(mine), path.basename(theirs)].sort());
      } finally {
        fs.rmSync(aside, { recursive: true, force: true });
      }
    } finally {
      await kill(sleeper.child);
      fs.rmSync(mine, { force: true });
      fs.rmSync(theirs, { force: true });
    }
  });
});

for (const dialect of DIALECTS) {
  describe(`import jobs of killed processes [${dialect.name}]`, () => {
    let database: Database;
    let actor: Actor;
    let regionId: string;

    beforeAll(async () => {
      database = await dialect.open();
      const county = await insertRegion(database.db, { parent: null, code: '370921', name: '宁阳县', level: 'county', openedOn: '2000-01-01' });
      regionId = county.id;
      actor = {
        id: '1',
        username: 'admin',
        displayName: 'admin',
        roles: ['county_admin'],
        locale: 'en',
        regionId: county.id,
        regionCode: county.code,
        regionPath: county.path,
        countyCode: '370921',
        departmentId: null,
      };
    });
    afterAll(async () => database?.close());

    const job = (id: string, owner: { host: string; pid: number }) =>
      database.db
        .insertInto('import_job')
        .values({ id, county_code: '370921', region_id: regionId, user_id: null, kind: 'households', file_name: '台账.csv', mode: 'partial', status: 'running', owner_host: owner.host, owner_pid: owner.pid, heartbeat_at: new Date() })
        .execute();

    it('a job whose process was killed shows as interrupted at once, without a restart, and is audited', async () => {
      // What a CLI import killed on this machine leaves: its row, owned by a pid that is gone.
      const { child, pid } = await startChild(`console.log('ready'); setInterval(() => {}, 1000);`);
      await kill(child);
      const dead = crypto.randomUUID();
      await job(dead, { host: os.hostname(), pid });
      // One this process runs right now is alive, whatever the dialect.
      const live = crypto.randomUUID();
      const disown = ownImportJob(database.db, live);
      try {
        await job(live, { host: os.hostname(), pid: process.pid });
        expect(await getImportJob({ db: database.db, actor }, { id: dead, locale: 'en' })).toMatchObject({ status: 'failed', problem: { code: 'import_interrupted' } });
        const listed = await listImportJobs({ db: database.db, actor }, { limit: 10, locale: 'en' });
        expect(listed.items.find((j) => j.id === live)?.status).toBe('running');
        const audit = await database.db.selectFrom('audit_log').select(['actor_name', 'after']).where('entity_id', '=', dead).execute();
        expect(audit).toEqual([{ actor_name: 'system:import-liveness', after: expect.objectContaining({ problem: 'import_interrupted' }) }]);
      } finally {
        disown();
      }
    });

    it.runIf(dialect.name === 'postgres')('a CLI import on another machine is running while its connection lives, and interrupted once it is killed', async () => {
      const url = (postgresPoolOf(database.db)!.options as { connectionString: string }).connectionString;
      const id = crypto.randomUUID();
      // The CLI's way: the job's advisory lock on its connection, then the job row.
      const { child } = await startChild(`
        import pg from 'pg';
        const client = new pg.Client({ connectionString: ${JSON.stringify(url)} });
        await client.connect();
        await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [${RUNNING_IMPORT_LOCK}, ${JSON.stringify(id)}]);
        await client.query("INSERT INTO import_job (id, county_code, region_id, kind, file_name, mode, status, owner_host, owner_pid, heartbeat_at) VALUES ($1, '370921', $2, 'households', 'cli.csv', 'partial', 'running', 'another-host', 4242, now())", [${JSON.stringify(id)}, ${JSON.stringify(regionId)}]);
        console.log('ready');
        setInterval(() => {}, 1000);
      `);
      try {
        expect((await getImportJob({ db: database.db, actor }, { id, locale: 'en' })).status).toBe('running');
      } finally {
        await kill(child);
      }
      // The server notices the closed connection as soon as it reads from it.
      let status = 'running';
      for (let i = 0; i < 50 && status === 'running'; i++) {
        status = (await listImportJobs({ db: database.db, actor }, { limit: 10, locale: 'en' })).items.find((j) => j.id === id)!.status;
        if (status === 'running') await new Promise((r) => setTimeout(r, 100));
      }
      expect(status).toBe('failed');
    });

    it.runIf(dialect.name === 'postgres')('a job whose heartbeat stopped long ago is interrupted even if its lock is still held', async () => {
      const id = crypto.randomUUID();
      await job(id, { host: 'another-host', pid: 4242 });
      await database.db.updateTable('import_job').set({ heartbeat_at: new Date(Date.now() - 10 * 60_000) }).where('id', '=', id).execute();
      const { openImportSession } = await import('./import-session.ts');
      const session = await openImportSession(database.db, id);
      try {
        expect((await getImportJob({ db: database.db, actor }, { id, locale: 'en' })).status).toBe('failed');
      } finally {
        await session.release(false);
      }
    });
  });
}
