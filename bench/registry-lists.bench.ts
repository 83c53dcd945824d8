/**
 * The registry list as a county official pages it (list-residents.ts), on PostgreSQL and on the
 * embedded PGlite: what the total costs (exact, and capped as the list caps it) for the broad
 * filters, and what a page costs by number (an offset: the rows before it are read and
 * skipped) against by cursor (keyset), at the first, middle and last page. The registry is
 * written by SQL (sql-registry.ts); the hardship households get a responsible cadre, so each
 * page also looks its cadres up. One actor: the county administrator (the widest scope).
 */
import { sql, type Kysely } from 'kysely';
import { openDatabase, type Database } from '../src/server/db/database.ts';
import { migrate } from '../src/server/db/migrate.ts';
import type { DB } from '../src/server/db/schema.ts';
import type { Actor } from '../src/server/http/context.ts';
import { encodeCursor } from '../src/server/http/cursor.ts';
import { cliAuditSource } from '../src/server/modules/audit/index.ts';
import { DEMO_COUNTY_CODE, seedDemo } from '../src/server/modules/demo/index.ts';
import { COUNT_CAP, countMatches, listResidents } from '../src/server/modules/registry/index.ts';
import { residentQuery, searchResidents, type ResidentFilter } from '../src/server/modules/registry/index.ts';
import type { TRole } from '../src/shared/roles.ts';
import { verifyDataKey } from '../src/server/security/data-key.ts';
import { BENCH_CIPHER } from './support/bench-cipher.ts';
import { createBenchDatabase } from './support/postgres.ts';
import { writeSqlRegistry } from './support/sql-registry.ts';
import { ms } from './support/stats.ts';

const PAGE = 50;

/** The median of `runs` timed calls after one warm-up, in ms. */
async function median(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[runs >> 1]!;
}

async function countyAdmin(db: Kysely<DB>): Promise<Actor> {
  const u = await db
    .selectFrom('app_user as u')
    .innerJoin('region as r', 'r.id', 'u.region_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.roles', 'u.county_code', 'r.id as region_id', 'r.code', 'r.path'])
    .where('u.username', '=', 'admin')
    .executeTakeFirstOrThrow();
  return { id: u.id, username: u.username, displayName: u.display_name, roles: u.roles as TRole[], locale: 'zh-CN', regionId: u.region_id, regionCode: u.code, regionPath: u.path, countyCode: u.county_code, departmentId: null };
}

async function measure(label: string, database: Database, households: number, runs: number) {
  const db = database.db;
  await migrate(db);
  await verifyDataKey(db, BENCH_CIPHER);
  await seedDemo({ db, actor: null, source: cliAuditSource('bench') });
  const residents = await writeSqlRegistry(db, { countyCode: DEMO_COUNTY_CODE, households, seed: 1 });
  const cadre = await db.selectFrom('app_user').select('id').where('username', '=', 'cadre').executeTakeFirstOrThrow();
  await sql`INSERT INTO pairing (county_code, household_id, cadre_id, role, started_on)
            SELECT DISTINCT county_code, household_id, ${cadre.id}::bigint, 'responsible', date '2026-01-01' FROM household_hardship`.execute(db);
  await sql`ANALYZE`.execute(db);
  const actor = await countyAdmin(db);
  console.log(`\n== Registry lists on ${label}: ${households.toLocaleString()} households, ${residents.toLocaleString()} residents, as the county admin (median of ${runs})`);

  const filters: [string, ResidentFilter][] = [
    ['the whole county', {}],
    ['surname 张', { q: '张' }],
    ['pinyin w…', { q: 'w' }],
    ['initials zs', { q: 'zs' }],
    ['hardship dibao', { category: 'dibao' }],
  ];
  console.log('| filter | matches | count exact | count capped at 10,000 | first page without count | first page with count (as the web asks) |');
  console.log('|---|---|---|---|---|---|');
  const ctx = { db, actor, cipher: BENCH_CIPHER };
  for (const [name, filter] of filters) {
    const query = await residentQuery(ctx, filter);
    const exact = await countMatches(db, query, Number.MAX_SAFE_INTEGER);
    const tExact = await median(runs, () => countMatches(db, query, Number.MAX_SAFE_INTEGER));
    const tCapped = await median(runs, () => countMatches(db, query, 10_000));
    const tPage = await median(runs, () => listResidents(ctx, { ...filter, limit: PAGE }));
    const tCounted = await median(runs, () => listResidents(ctx, { ...filter, limit: PAGE, count: true }));
    console.log(`| ${name} | ${exact.count.toLocaleString()} | ${ms(tExact)} | ${ms(tCapped)} | ${ms(tPage)} | ${ms(tCounted)} |`);
  }

  const ids = (await db.selectFrom('resident').select('id').where('county_code', '=', DEMO_COUNTY_CODE).where('active', '=', true).orderBy(sql`id::bigint`).execute()).map((r) => r.id);
  const last = Math.ceil(ids.length / PAGE);
  console.log(`\n| page of ${PAGE} (of ${last.toLocaleString()}), whole county | by number (offset) | by cursor (keyset) |`);
  console.log('|---|---|---|');
  for (const page of [2, Math.ceil(last / 2), last]) {
    const cursor = encodeCursor({ id: ids[(page - 1) * PAGE - 1]! });
    const byNumber = await median(runs, () => searchResidents(ctx, { limit: PAGE, offset: (page - 1) * PAGE }));
    const byCursor = await median(runs, () => searchResidents(ctx, { limit: PAGE, cursor }));
    console.log(`| ${page.toLocaleString()} | ${ms(byNumber)} | ${ms(byCursor)} |`);
  }
  console.log(`(the list counts up to ${COUNT_CAP.toLocaleString()} matches; a page costs its cadres' lookup on top, one indexed statement)`);
}

export async function registryListsBench(o: { households: number; pgliteHouseholds: number; runs: number }) {
  const target = await createBenchDatabase();
  try {
    const database = await openDatabase({ driver: 'postgres', connectionString: target.url });
    try {
      await measure('PostgreSQL', database, o.households, o.runs);
    } finally {
      await database.close();
    }
  } finally {
    await target.drop();
  }
  const embedded = await openDatabase({ driver: 'pglite' });
  try {
    await measure('PGlite (in memory)', embedded, o.pgliteHouseholds, o.runs);
  } finally {
    await embedded.close();
  }
}
