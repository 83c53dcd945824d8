import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';

/**
 * The checks a category's place and department must pass, shared by create and update: the
 * parent is a category of the same county, not the category itself nor one of its descendants
 * (a cycle would hide the branch from the tree), and an active category needs an active parent;
 * the department is one of the county's.
 */
export async function checkCategoryPlacement(
  trx: Kysely<DB>,
  options: { countyCode: string; id: string | null; parentId: string | null; departmentId: string | null; active: boolean },
): Promise<void> {
  const { countyCode, id, parentId, departmentId, active } = options;
  if (parentId !== null) {
    const parents = await trx.selectFrom('case_category').select(['id', 'parent_id', 'active']).where('county_code', '=', countyCode).execute();
    const byId = new Map(parents.map((p) => [p.id, p]));
    const parent = byId.get(parentId);
    if (!parent) throw new AppError(422, 'case_category_parent_unknown');
    // Walk up from the new parent: meeting the category itself means it would sit under its own subtree.
    for (let at: string | null = parentId, steps = 0; at !== null && steps <= byId.size; at = byId.get(at)?.parent_id ?? null, steps++) {
      if (at === id) throw new AppError(422, 'case_category_cycle');
    }
    if (active && !parent.active) throw new AppError(422, 'case_category_parent_inactive');
  }
  if (departmentId !== null) {
    const department = await trx.selectFrom('department').select('id').where('id', '=', departmentId).where('county_code', '=', countyCode).executeTakeFirst();
    if (!department) throw new AppError(422, 'case_category_department_invalid');
  }
}
