/**
 * What every browser suite starts from, made once per run by `global-setup.ts` (a Vite build
 * takes about a minute on a loaded 2-core machine and seeding the demo county longer; each of the
 * eight suites did both): the built web app and a dump of a PGlite database holding the demo
 * county. Each suite then loads its own private copy of that database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { pgliteOf } from '../../src/server/db/database.ts';
import { cliAuditSource } from '../../src/server/modules/audit/index.ts';
import { seedDemo } from '../../src/server/modules/demo/index.ts';
import { openMigratedPglite } from '../support/pglite-template.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Builds the current source, as `npm run build` would, into a new private directory; returns it. */
export async function buildWeb(): Promise<string> {
  const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-web-'));
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production'; // vitest sets 'test', which would give React's development build
  try {
    await build({ configFile: path.join(ROOT, 'vite.config.ts'), mode: 'production', logLevel: 'warn', build: { outDir: webDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  return webDir;
}

/** Seeds the demo county into a new PGlite database and dumps it to a file; returns the file. */
export async function dumpSeededDemo(): Promise<string> {
  const database = await openMigratedPglite();
  try {
    await seedDemo({ db: database.db, actor: null, source: cliAuditSource('browser-test') });
    const dump = await pgliteOf(database.db)!.dumpDataDir('none');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-demo-')), 'demo.tar');
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    return file;
  } finally {
    await database.close();
  }
}
