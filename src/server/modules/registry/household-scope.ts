import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { notFound } from '../../http/errors.ts';
import { isInScope } from '../regions/region-scope.ts';

/** A household the actor may see, with its village and township; 404 otherwise. */
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
  if (!row || !isInScope(actor, row.village_path)) throw notFound();
  return { ...row, region: { id: row.village_id, path: row.village_path, county_code: row.village_county_code } };
}

/** A resident the actor may see, with the region of their household; 404 otherwise. */
export async function findResidentInScope(db: Kysely<DB>, actor: Actor, residentId: string) {
  const row = await db
    .selectFrom('resident as r')
    .innerJoin('household as h', 'h.id', 'r.household_id')
    .innerJoin('region as v', 'v.id', 'h.village_id')
    .select(['r.id', 'r.household_id', 'r.name', 'r.id_number_cipher', 'r.id_number_masked', 'v.id as village_id', 'v.path', 'v.county_code'])
    .where('r.id', '=', residentId)
    .$if(actor.countyCode !== null, (q) => q.where('r.county_code', '=', actor.countyCode!))
    .executeTakeFirst();
  if (!row || !isInScope(actor, row.path)) throw notFound();
  return { ...row, region: { id: row.village_id, path: row.path, county_code: row.county_code } };
}
