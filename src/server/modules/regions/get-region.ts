import { notFound } from '../../http/errors.ts';
import { findRegionInScope, pathIds } from '../../scope/index.ts';
import { selectRegionsWithCounts, toRegionWithCounts } from './region-queries.ts';
import type { ReadContext } from '../../use-case-context.ts';

/**
 * One region with its counts and its ancestors (for breadcrumbs). Ancestors above the actor's
 * own region are included: a township admin may know which county they are in.
 *
 * @example
 * const gangcheng = await getRegion({ db, actor }, { code: '370921106' });
 */
export async function getRegion({ db, actor }: ReadContext, { code }: { code: string }) {
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
