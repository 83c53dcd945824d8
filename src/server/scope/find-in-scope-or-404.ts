/**
 * "This record or 404". A record outside the actor's subtree answers 404 exactly like a record
 * that does not exist, so the answer never tells whether it exists.
 */
import type { Kysely } from 'kysely';
import type { DB, Region } from '../db/schema.ts';
import type { Actor } from '../http/context.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { isPathInSubtree } from './in-subtree.ts';

/**
 * Throws 404 unless the row exists and the region path `pathOf` reads from it lies inside the
 * actor's subtree (a row without a region path is outside every scope).
 *
 * @example
 * const job = await selectImportJobs(db).where('j.id', '=', id).executeTakeFirst();
 * assertInScopeOr404(actor, job, (j) => j.region_path);
 * job.id; // narrowed: the row exists
 */
export function assertInScopeOr404<T>(actor: Pick<Actor, 'regionPath'>, row: T | null | undefined, pathOf: (row: T) => string | null): asserts row is T {
  if (row === null || row === undefined) throw notFound();
  const path = pathOf(row);
  if (path === null || !isPathInSubtree(path, actor.regionPath)) throw notFound();
}

/**
 * The region with this code if the actor may see it; 404 otherwise, whether or not it exists.
 *
 * @example
 * const region = await findRegionInScope(db, actor, '370921001');
 */
export async function findRegionInScope(db: Kysely<DB>, actor: Actor, code: string): Promise<Region> {
  const region = await db.selectFrom('region').selectAll().where('code', '=', code).executeTakeFirst();
  assertInScopeOr404(actor, region, (r) => r.path);
  return region;
}

/**
 * The region with this code if the actor may change it (strictly inside their subtree): 404
 * outside their scope, 403 for their own region.
 *
 * @example
 * const village = await findRegionToChange(db, townshipAdmin, '370921001001');
 */
export async function findRegionToChange(db: Kysely<DB>, actor: Actor, code: string): Promise<Region> {
  const region = await findRegionInScope(db, actor, code);
  // Their own region is visible but changed only from above (a township by the county).
  if (region.path === actor.regionPath) throw forbidden();
  return region;
}

/**
 * A household the actor may see, with its village and township; 404 otherwise.
 *
 * @example
 * const household = await findHouseholdInScope(db, actor, '42'); // household.region is the audit region
 */
export async function findHouseholdInScope(db: Kysely<DB>, actor: Actor, householdId: string) {
  const row = await db
    .selectFrom('household as h')
    .innerJoin('region as v', 'v.id', 'h.village_id')
    .innerJoin('region as t', 't.id', 'v.parent_id')
    .selectAll('h')
    .select(['v.code as village_code', 'v.name as village_name', 'v.path as village_path', 'v.county_code as village_county_code', 't.code as township_code', 't.name as township_name'])
    .where('h.id', '=', householdId)
    // Naming the county keeps the lookup on one shard of a database distributed by county.
    .$if(actor.countyCode !== null, (q) => q.where('h.county_code', '=', actor.countyCode!))
    .executeTakeFirst();
  assertInScopeOr404(actor, row, (r) => r.village_path);
  return { ...row, region: { id: row.village_id, path: row.village_path, county_code: row.village_county_code } };
}

/**
 * A resident the actor may see, with the region of their household; 404 otherwise.
 *
 * @example
 * const resident = await findResidentInScope(db, actor, '7');
 */
export async function findResidentInScope(db: Kysely<DB>, actor: Actor, residentId: string) {
  const row = await db
    .selectFrom('resident as r')
    .innerJoin('household as h', 'h.id', 'r.household_id')
    .innerJoin('region as v', 'v.id', 'h.village_id')
    .select(['r.id', 'r.household_id', 'r.name', 'r.id_number_cipher', 'r.id_number_masked', 'v.id as village_id', 'v.path', 'v.county_code'])
    .where('r.id', '=', residentId)
    .$if(actor.countyCode !== null, (q) => q.where('r.county_code', '=', actor.countyCode!))
    .executeTakeFirst();
  assertInScopeOr404(actor, row, (r) => r.path);
  return { ...row, region: { id: row.village_id, path: row.path, county_code: row.county_code } };
}

/** Ids as the API sends them: decimal strings; anything else cannot exist. */
const isId = (id: string) => /^[1-9]\d{0,17}$/.test(id);

/** The county region of a survey record (questionnaires and waves belong to a county). */
async function countyOf(db: Kysely<DB>, countyCode: string) {
  return db.selectFrom('region').select(['id', 'code', 'path', 'county_code']).where('code', '=', countyCode).where('level', '=', 'county').executeTakeFirst();
}

/**
 * A questionnaire version the actor may see (its county inside their subtree), with its
 * questionnaire; 404 otherwise.
 *
 * @example
 * const { version, questionnaire, county } = await findVersionInScope(db, actor, '12');
 */
export async function findVersionInScope(db: Kysely<DB>, actor: Actor, id: string) {
  if (!isId(id)) throw notFound();
  const version = await db.selectFrom('questionnaire_version').selectAll().where('id', '=', id).executeTakeFirst();
  if (!version) throw notFound();
  const county = await countyOf(db, version.county_code);
  assertInScopeOr404(actor, county, (c) => c.path);
  const questionnaire = await db.selectFrom('questionnaire').selectAll().where('id', '=', version.questionnaire_id).executeTakeFirstOrThrow();
  return { version, questionnaire, county };
}

/**
 * A survey wave the actor may see (its county inside their subtree); 404 otherwise.
 *
 * @example
 * const { wave, county } = await findWaveInScope(db, actor, waveId);
 */
export async function findWaveInScope(db: Kysely<DB>, actor: Actor, id: string) {
  if (!isId(id)) throw notFound();
  const wave = await db.selectFrom('survey_wave').selectAll().where('id', '=', id).executeTakeFirst();
  if (!wave) throw notFound();
  const county = await countyOf(db, wave.county_code);
  assertInScopeOr404(actor, county, (c) => c.path);
  return { wave, county };
}
