import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { notFound } from '../../http/errors.ts';
import { findRegionInScope, pathIds } from '../../scope/index.ts';
import { selectRegionsWithCounts, toRegionWithCounts } from './region-queries.ts';

/**
 * One region with its counts and its ancestors (for breadcrumbs). Ancestors above the actor's
 * own region are included: a township admin may know which county they are in.
 *
 * @example
 * const gangcheng = await getRegion(db, actor, '370921106');
 */
export async function getRegion(db: Kysely<DB>, actor: Actor, code: string) {
  const region = await findRegionInScope(db, actor, code);
  const row = await selectRegionsWithCounts(db).where('r.id', '=', region.id).executeTakeFirst();
  if (!row) throw notFound();
  const ancestorIds = pathIds(region.path).slice(0, -1);
  const ancestors = ancestorIds.length
    ? await db.selectFrom('region').select(['id', 'code', 'name', 'name_en', 'level']).where('id', 'in', ancestorIds).orderBy('depth').execute()
    : [];
  return {
    ...toRegionWithCounts(row),
    ancestors: ancestors.map((a) => ({ code: a.code, name: a.name, nameEn: a.name_en, level: a.level })),
  };
}
