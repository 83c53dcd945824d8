import type { TCaseCategoryTree } from '../../../shared/cases/case-config-schemas.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { categoryTree, readCategories } from './category-view.ts';

/**
 * The category tree (诉求分类) of the actor's county, inactive categories included (old cases
 * still name them; the intake form offers only the active ones). Every case reader sees it: the
 * categories are the county's vocabulary, not personal data.
 *
 * @example
 * const { items } = await listCaseCategories({ db, actor }, {});
 * items.map((c) => c.name); // ['困难救助', '人居环境', …]
 */
export async function listCaseCategories({ db, actor }: ReadContext, _options: Record<string, never> = {}): Promise<TCaseCategoryTree> {
  if (!actor.countyCode) return { items: [] };
  return { items: categoryTree(await readCategories(db, actor.countyCode)) };
}
