import { sql } from 'kysely';
import { AppError } from '../../http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { findRegionInScope, findRegionToChange, inSubtree, isPathInSubtree } from '../../scope/index.ts';
import { isOpenOn } from './is-open-on.ts';
import type { WriteContext } from '../../use-case-context.ts';

/**
 * Moves a region (with everything below it) under another parent of the same level, e.g. a
 * village re-zoned to a neighbouring township. Records stay attached to the region, so they
 * move with it; the former parent is kept in the region's history and in old audit entries.
 *
 * @example
 * await moveRegion({ db, actor, source }, { code: '370921104203', newParentCode: '370921105', effectiveOn: '2026-07-01' });
 */
export async function moveRegion({ db, actor, source }: WriteContext, { code, ...input }: { code: string } & { newParentCode: string; effectiveOn: string }) {
  const region = await findRegionToChange(db, actor, code);
  const newParent = await findRegionInScope(db, actor, input.newParentCode);
  if (region.closed_on) throw new AppError(422, 'region_closed');
  if (!isOpenOn(newParent, input.effectiveOn)) throw new AppError(422, 'region_closed');
  if (input.effectiveOn < region.opened_on) throw new AppError(422, 'region_invalid_date');
  const oldParent = await db.selectFrom('region').selectAll().where('id', '=', region.parent_id!).executeTakeFirstOrThrow();
  if (newParent.level !== oldParent.level || newParent.id === oldParent.id || isPathInSubtree(newParent.path, region.path)) {
    throw new AppError(422, 'region_invalid_parent');
  }
  const oldPrefix = region.path;
  const newPrefix = `${newParent.path}${region.id}/`;
  const depthShift = newParent.depth + 1 - region.depth;
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('region')
      .set({
        path: sql`${newPrefix} || substr(path, ${oldPrefix.length + 1})`,
        depth: sql`depth + ${depthShift}`,
        county_code: newParent.county_code,
      })
      .where((eb) => inSubtree(eb.ref('path'), oldPrefix))
      .execute();
    const moved = await trx.updateTable('region').set({ parent_id: newParent.id }).where('id', '=', region.id).returningAll().executeTakeFirstOrThrow();
    const details = { fromParentCode: oldParent.code, fromParentName: oldParent.name, toParentCode: newParent.code, toParentName: newParent.name };
    await trx
      .insertInto('region_event')
      .values({ region_id: region.id, county_code: newParent.county_code, kind: 'move', effective_on: input.effectiveOn, details: JSON.stringify(details), actor_id: actor.id })
      .execute();
    // Recorded under the former parent's path too, so its admins can see where the village went.
    await recordAudit({ db: trx, source }, { action: 'region.move', entityType: 'region', entityId: region.code, region: { ...oldParent }, before: { parentCode: oldParent.code }, after: { parentCode: newParent.code } });
    await recordAudit({ db: trx, source }, { action: 'region.move', entityType: 'region', entityId: region.code, region: moved, before: { parentCode: oldParent.code }, after: { parentCode: newParent.code } });
    return moved;
  });
}
