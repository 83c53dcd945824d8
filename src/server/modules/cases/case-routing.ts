import type { Kysely } from 'kysely';
import type { CaseCategoryTable, DB } from '../../db/schema.ts';
import type { Selectable } from 'kysely';
import { AppError } from '../../http/errors.ts';
import { escalationLevel, type TCaseLevel } from '../../../shared/cases/index.ts';

/** A unit a case can be assigned to (承办单位): a village or township region, or a department. */
export type CaseUnit =
  | { level: 'village' | 'township'; regionId: string; regionPath: string; departmentId?: undefined }
  | { level: 'department'; departmentId: string; regionId?: undefined; regionPath?: undefined };

export type CaseCategoryRow = Selectable<CaseCategoryTable>;

/** The region a case is about (village or township) as routing needs it. */
export interface CaseRegionRef {
  id: string;
  level: string;
  path: string;
  parent_id: string | null;
}

async function townshipOf(db: Kysely<DB>, region: CaseRegionRef): Promise<CaseUnit> {
  if (region.level === 'township') return { level: 'township', regionId: region.id, regionPath: region.path };
  const parent = await db.selectFrom('region').select(['id', 'path', 'level']).where('id', '=', region.parent_id!).executeTakeFirstOrThrow();
  return { level: 'township', regionId: parent.id, regionPath: parent.path };
}

/**
 * The first unit of a category's default route (village → township → department) for a case at
 * this region: the village when the route starts there and the case names a village, else its
 * township; the category's department when the route starts there. `null` when the route starts
 * at a department and the category names none: the case waits for the county's dispatcher.
 *
 * @example
 * const unit = await defaultUnit(db, { category, region }); // { level: 'village', regionId: '57', regionPath: '/1/5/57/' }
 */
export async function defaultUnit(db: Kysely<DB>, { category, region }: { category: CaseCategoryRow; region: CaseRegionRef }): Promise<CaseUnit | null> {
  if (category.start_level === 'department') return category.department_id === null ? null : { level: 'department', departmentId: category.department_id };
  if (category.start_level === 'village' && region.level === 'village') return { level: 'village', regionId: region.id, regionPath: region.path };
  return townshipOf(db, region);
}

/**
 * The unit one level above the current one (上报): a village's case goes to its township, a
 * township's to the category's department, or to nobody (`null`: back to the county's dispatcher,
 * registered) when the category names no department. A department cannot escalate (409
 * `case_top_level`).
 *
 * @example
 * const up = await escalationUnit(db, { level: 'village', category, region }); // the township
 */
export async function escalationUnit(db: Kysely<DB>, { level, category, region }: { level: TCaseLevel; category: CaseCategoryRow; region: CaseRegionRef }): Promise<CaseUnit | null> {
  const next = escalationLevel(level);
  if (next === null) throw new AppError(409, 'case_top_level');
  if (next === 'township') return townshipOf(db, region);
  return category.department_id === null ? null : { level: 'department', departmentId: category.department_id };
}
