/**
 * The databases every integration test runs against: PGlite always; PostgreSQL when
 * TEST_DATABASE_URL is set. In CI a missing TEST_DATABASE_URL fails loudly instead of
 * quietly testing one database.
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'vitest';
import { openDatabase, type Database } from '../../src/server/db/database.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { openMigratedPglite } from './pglite-template.ts';

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

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

export const DIALECTS: Dialect[] = [
  { name: 'pglite', open: openMigratedPglite },
  ...(TEST_DATABASE_URL ? [{ name: 'postgres' as const, open: () => migrated(openThrowawayPostgres) }] : []),
];

export const hasPostgres = Boolean(TEST_DATABASE_URL);
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
