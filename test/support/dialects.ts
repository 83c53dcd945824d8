/**
 * The databases every integration test runs against: PGlite always; PostgreSQL when
 * TEST_DATABASE_URL is set. In CI a missing TEST_DATABASE_URL fails loudly instead of
 * quietly testing one database.
 *
 * `TEST_DIALECTS=postgres` narrows a run to PostgreSQL: CI's second pass uses it, because its
 * first pass (the newcomer's `npm test`, Node alone) has just run every PGlite suite; running
 * them again doubled CI's length for nothing. Suites that run on PGlite alone (the command-line
 * processes on a data directory) use `describePglite`, which says why it skips in that pass.
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'vitest';
import { openDatabase, type Database } from '../../src/server/db/database.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { openMigratedPglite } from './pglite-template.ts';

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

const KNOWN_DIALECTS = ['pglite', 'postgres'] as const;
const SELECTED = (process.env.TEST_DIALECTS ?? 'pglite,postgres').split(',').map((d) => d.trim());
for (const d of SELECTED) {
  if (!(KNOWN_DIALECTS as readonly string[]).includes(d)) throw new Error(`TEST_DIALECTS names an unknown dialect "${d}" (known: ${KNOWN_DIALECTS.join(', ')})`);
}
/** Whether this run includes PGlite (false only in CI's PostgreSQL pass, TEST_DIALECTS=postgres). */
export const runsPglite = SELECTED.includes('pglite');
if (SELECTED.includes('postgres') === false && !runsPglite) throw new Error('TEST_DIALECTS selects no dialect');
if (!runsPglite && !TEST_DATABASE_URL) throw new Error('TEST_DIALECTS=postgres but TEST_DATABASE_URL is not set');

if (IN_CI && !TEST_DATABASE_URL) {
  throw new Error('CI=true but TEST_DATABASE_URL is not set: the PostgreSQL half of the integration tests cannot run.');
}

export interface Dialect {
  name: 'pglite' | 'postgres';
  /** A new, empty, migrated database, private to the caller; close() drops it. */
  open(): Promise<Database>;
}

/** A new, empty (unmigrated) database on the test server; close() drops it. */
export async function openThrowawayPostgres(): Promise<Database> {
  const name = `lianxin_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  const database = await openDatabase({ driver: 'postgres', connectionString: url.toString() });
  return {
    ...database,
    close: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

async function migrated(open: () => Promise<Database>): Promise<Database> {
  const database = await open();
  await migrate(database.db);
  return database;
}

export const hasPostgres = Boolean(TEST_DATABASE_URL) && SELECTED.includes('postgres');

/**
 * PGlite whatever TEST_DIALECTS says: for the suites about both databases at once (a backup of
 * one restored into the other), which must run in the PostgreSQL pass too.
 */
export const PGLITE_DIALECT: Dialect = { name: 'pglite', open: openMigratedPglite };

export const DIALECTS: Dialect[] = [
  ...(runsPglite ? [PGLITE_DIALECT] : []),
  ...(hasPostgres ? [{ name: 'postgres' as const, open: () => migrated(openThrowawayPostgres) }] : []),
];
export const testDatabaseUrl = TEST_DATABASE_URL;

/**
 * A suite that only PostgreSQL can run (real concurrency, several connections, roles). On a
 * newcomer's machine without TEST_DATABASE_URL it reports one skipped test that says why, instead
 * of an empty file ("No test suite found") that fails the run; in CI a missing TEST_DATABASE_URL
 * has already failed loudly above.
 *
 * @example
 * describePostgres('next case under contention', () => { it('…', async () => { … }); });
 */
export function describePostgres(name: string, suite: () => void) {
  if (hasPostgres) return describe(`${name} [postgres]`, suite);
  return describe(name, () => it.skip('needs PostgreSQL: set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres to run it', () => {}));
}

/**
 * A suite that runs on PGlite alone (a command-line process on a data directory, the data-dir
 * lock). It runs in every pass but CI's PostgreSQL-only one (`TEST_DIALECTS=postgres`), where it
 * reports one skipped test saying that the Node-alone pass ran it.
 *
 * @example
 * describePglite('lianxin import households', () => { it('…', async () => { … }); });
 */
export function describePglite(name: string, suite: () => void) {
  if (runsPglite) return describe(name, suite);
  return describe(name, () => it.skip('runs on PGlite alone: CI ran it in its Node-alone pass (this pass has TEST_DIALECTS=postgres)', () => {}));
}
