import type { THardshipCategory } from '../../../shared/schemas/registry.ts';
import type { ReadContext } from '../../use-case-context.ts';

/**
 * The hardship categories in their configured order, inactive ones included: the list is the
 * deployment's configuration, and old labels still name the categories since deactivated.
 *
 * @example
 * const categories = await listHardshipCategories({ db, actor });
 */
export async function listHardshipCategories({ db }: ReadContext): Promise<THardshipCategory[]> {
  const rows = await db.selectFrom('hardship_category').selectAll().orderBy('sort').execute();
  return rows.map((c) => ({ code: c.code, name: c.name, nameEn: c.name_en, sort: c.sort, active: c.active }));
}
