import { AppError, conflict } from '../../http/errors.ts';
import { CHILD_LEVEL, CODE_LENGTH, type TRegionLevel } from '../../../shared/schemas/regions.ts';
import { recordAudit } from '../audit/index.ts';
import { insertRegion } from './insert-region.ts';
import { findRegionInScope } from '../../scope/index.ts';
import { isOpenOn } from './is-open-on.ts';
import type { WriteContext } from '../../use-case-context.ts';

export interface OpenRegionInput {
  parentCode: string;
  code: string;
  name: string;
  nameEn?: string | undefined;
  kind?: string | undefined;
  openedOn: string;
}

/** Whether a child code fits its parent: right length, and (below county) the parent's prefix. */
export function codeFitsParent(code: string, level: TRegionLevel, parentCode: string): boolean {
  if (code.length !== CODE_LENGTH[level]) return false;
  if (level === 'township' || level === 'village' || level === 'grid') return code.startsWith(parentCode);
  return true;
}

/**
 * Opens a new region (e.g. a village created by re-zoning) under a parent in the actor's subtree.
 *
 * @example
 * await openRegion({ db, actor, source }, { parentCode: '370921106', code: '370921106231', name: '新村', openedOn: '2026-12-01' });
 */
export async function openRegion({ db, actor, source }: WriteContext, input: OpenRegionInput) {
  const parent = await findRegionInScope(db, actor, input.parentCode);
  const level = CHILD_LEVEL[parent.level];
  if (!level) throw new AppError(422, 'region_invalid_parent');
  if (!isOpenOn(parent, input.openedOn)) throw new AppError(422, 'region_closed');
  if (!codeFitsParent(input.code, level, parent.code)) throw new AppError(422, 'region_invalid_code');
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('region').select('id').where('code', '=', input.code).executeTakeFirst();
    if (existing) throw conflict('region_code_taken');
    const region = await insertRegion(trx, {
      parent,
      code: input.code,
      name: input.name,
      nameEn: input.nameEn,
      level,
      kind: input.kind ?? (level === 'village' ? 'village' : level === 'grid' ? 'grid' : null),
      openedOn: input.openedOn,
      actorId: actor.id,
    });
    await recordAudit({ db: trx, source }, {
      action: 'region.open',
      entityType: 'region',
      entityId: region.code,
      region,
      after: { code: region.code, name: region.name, level, parentCode: parent.code, openedOn: input.openedOn },
    });
    return region;
  });
}
