import { AppError } from '../../http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { findRegionToChange } from '../../scope/index.ts';
import type { WriteContext } from '../../use-case-context.ts';

/**
 * Renames a region (e.g. 鹤山乡 → 鹤山镇); the former name stays in its history.
 *
 * @example
 * await renameRegion({ db, actor, source }, { code: '370921110', name: '鹤山镇', effectiveOn: '2026-01-01' });
 */
export async function renameRegion({ db, actor, source }: WriteContext, { code, ...input }: { code: string } & { name: string; nameEn?: string | undefined; effectiveOn: string }) {
  const region = await findRegionToChange(db, actor, code);
  if (region.closed_on) throw new AppError(422, 'region_closed');
  if (input.effectiveOn < region.opened_on) throw new AppError(422, 'region_invalid_date');
  const before = { name: region.name, nameEn: region.name_en };
  const after = { name: input.name, nameEn: input.nameEn ?? region.name_en };
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('region')
      .set({ name: after.name, name_en: after.nameEn })
      .where('id', '=', region.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('region_event')
      .values({ region_id: region.id, county_code: region.county_code, kind: 'rename', effective_on: input.effectiveOn, details: JSON.stringify({ from: before, to: after }), actor_id: actor.id })
      .execute();
    await recordAudit({ db: trx, source }, { action: 'region.rename', entityType: 'region', entityId: region.code, region, before, after });
    return updated;
  });
}
