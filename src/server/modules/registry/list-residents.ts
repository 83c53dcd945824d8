import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { TResidentPage } from '../../../shared/schemas/registry.ts';
import { responsibleCadres } from './paired-cadres.ts';
import { residentQuery, searchResidents, type RegistryReadContext, type ResidentFilter, type ResidentQuery } from './search-residents.ts';

/**
 * Matches are counted exactly up to this many; past it the list says "more than 100,000".
 * Counting reads every match (all 66,000 residents of a county: 236 ms on PostgreSQL on a
 * loaded machine, 68 ms when stopped at 10,000); a county of 690,000 would pay ten times that
 * for each new filter. README (Benchmarks, "Registry lists") has the figures.
 */
export const COUNT_CAP = 100_000;

export interface ListResidentsOptions extends ResidentFilter {
  /** The cursor of the previous page (keyset): the cheap way to the next page. */
  cursor?: string | undefined;
  /** A page by its number, 1-based (an offset): for a jump. Not with `cursor`. */
  page?: number | undefined;
  limit: number;
  /** Also count all matches (the total is null otherwise). */
  count?: boolean | undefined;
}

/**
 * The resident list (居民台账) as a county official pages it: one page of matches inside the
 * actor's scope, masked, with each household's responsible cadre, and how many match in all.
 * The page is searchResidents' statement (by cursor, or by page number as an offset); the
 * count runs on the same filtered, scoped query, capped at COUNT_CAP, when `count` asks for it.
 *
 * @example
 * const { items, total } = await listResidents({ db, actor, cipher }, { regionCode: '370921104', page: 3, limit: 50, count: true });
 */
export async function listResidents(ctx: RegistryReadContext, o: ListResidentsOptions): Promise<TResidentPage> {
  const { db, actor } = ctx;
  const query = await residentQuery(ctx, o);
  const offset = o.page ? (o.page - 1) * o.limit : undefined;
  // Two statements on pg run side by side; PGlite's one connection takes them in turn anyway.
  const [page, total] = await Promise.all([searchResidents(ctx, { ...o, offset, query }), o.count ? countMatches(db, query, COUNT_CAP) : null]);
  const cadres = await responsibleCadres(db, {
    countyCodes: actor.countyCode ? [actor.countyCode] : null,
    householdIds: page.items.map((r) => r.household.id),
  });
  return {
    items: page.items.map((r) => ({ ...r, pairedCadre: cadres.get(r.household.id) ?? null })),
    nextCursor: page.nextCursor,
    total,
  };
}

/**
 * How many rows the filtered query matches, counting no further than `cap` (the rows past it
 * are never read): `{ count: cap, exact: false }` means "more than cap".
 *
 * @example
 * await countMatches(db, await residentQuery({ db, actor, cipher }, { q: '张' }), 200_000); // { count: 812, exact: true }
 */
export async function countMatches(db: Kysely<DB>, query: ResidentQuery, cap: number): Promise<{ count: number; exact: boolean }> {
  const matches = query.clearSelect().select('r.id').limit(cap + 1).as('m');
  const row = await db
    .selectFrom(matches)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  const n = Number(row.n);
  return n > cap ? { count: cap, exact: false } : { count: n, exact: true };
}
