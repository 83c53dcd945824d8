/**
 * Actor → scope. A user is bound to one region; they see it and everything inside its subtree,
 * and nothing else. Admins change only what lies strictly below their own region.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Actor } from '../http/context.ts';
import { forbidden } from '../http/errors.ts';
import { isPathInSubtree } from './in-subtree.ts';
import { findRegionInScope } from './find-in-scope-or-404.ts';

/**
 * Whether a record at `path` is inside the actor's subtree (their own region included).
 *
 * @example
 * isInScope({ regionPath: '/1/5/' }, '/1/5/27/'); // => true
 */
export const isInScope = (actor: Pick<Actor, 'regionPath'>, path: string) => isPathInSubtree(path, actor.regionPath);

/**
 * Strictly below the actor's own region: what an admin may change.
 *
 * @example
 * isBelowScope({ regionPath: '/1/5/' }, '/1/5/'); // => false
 */
export const isBelowScope = (actor: Pick<Actor, 'regionPath'>, path: string) => path !== actor.regionPath && isInScope(actor, path);

/**
 * The subtree a list is narrowed to: the region with `regionCode` when given (404 outside the
 * actor's scope), else the actor's own region.
 *
 * @example
 * const path = await scopePathOf(db, actor, query.regionCode); // '/1/5/' for gangcheng
 */
export async function scopePathOf(db: Kysely<DB>, actor: Actor, regionCode: string | undefined): Promise<string> {
  return regionCode ? (await findRegionInScope(db, actor, regionCode)).path : actor.regionPath;
}

/**
 * The region a user is bound to, in the shape the audit log and scope checks need.
 *
 * @example
 * const region = await regionOfUser(db, actor.id); // { id: '5', path: '/1/5/', county_code: '370921' }
 */
export async function regionOfUser(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('region as r', 'r.id', 'u.region_id')
    .select(['r.id', 'r.path', 'r.county_code'])
    .where('u.id', '=', userId)
    .executeTakeFirstOrThrow();
}

export interface SurveyCounty {
  id: string;
  code: string;
  path: string;
  county_code: string | null;
}

/**
 * The county the actor's survey writes go to: their own county, which must lie inside their
 * subtree (a supervisor bound to a township cannot set up the county's survey); 403 otherwise.
 *
 * @example
 * const county = await actorCounty(db, actor); // { id: '3', code: '370921', path: '/1/2/3/', … }
 */
export async function actorCounty(db: Kysely<DB>, actor: Actor): Promise<SurveyCounty> {
  if (!actor.countyCode) throw forbidden();
  const county = await db
    .selectFrom('region')
    .select(['id', 'code', 'path', 'county_code'])
    .where('code', '=', actor.countyCode)
    .where('level', '=', 'county')
    .executeTakeFirst();
  if (!county || !isInScope(actor, county.path)) throw forbidden();
  return county;
}
