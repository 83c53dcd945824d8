/**
 * Subtree scoping. A user is bound to one region; they see it and everything whose
 * materialized path starts with its path, and nothing else.
 */
import type { Kysely } from 'kysely';
import type { DB, Region } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { forbidden, notFound } from '../../http/errors.ts';

export const isInScope = (actor: Pick<Actor, 'regionPath'>, path: string) => path.startsWith(actor.regionPath);

/** Strictly below the actor's own region: what an admin may change. */
export const isBelowScope = (actor: Pick<Actor, 'regionPath'>, path: string) => path !== actor.regionPath && path.startsWith(actor.regionPath);

/** The region with this code if the actor may see it; 404 otherwise, whether or not it exists. */
export async function findRegionInScope(db: Kysely<DB>, actor: Actor, code: string): Promise<Region> {
  const region = await db.selectFrom('region').selectAll().where('code', '=', code).executeTakeFirst();
  if (!region || !isInScope(actor, region.path)) throw notFound();
  return region;
}

/** The region with this code if the actor may change it (strictly inside their subtree). */
export async function findRegionToChange(db: Kysely<DB>, actor: Actor, code: string): Promise<Region> {
  const region = await db.selectFrom('region').selectAll().where('code', '=', code).executeTakeFirst();
  if (!region || !isInScope(actor, region.path)) throw notFound();
  // Their own region is visible but changed only from above (a township by the county).
  if (!isBelowScope(actor, region.path)) throw forbidden();
  return region;
}

/** Whether a region is open on a date (YYYY-MM-DD). */
export const isOpenOn = (region: Pick<Region, 'opened_on' | 'closed_on'>, date: string) =>
  region.opened_on <= date && (region.closed_on === null || region.closed_on > date);

/** The ids along a materialized path, top first: '/1/5/27/' → ['1', '5', '27']. */
export const pathIds = (path: string) => path.split('/').filter(Boolean);
