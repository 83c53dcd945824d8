/**
 * The case-categories module's front door (诉求分类, issue 11): the county's category tree, its
 * configuration by the county admin, and the start-up seeding of counties that have none (the
 * default tree itself, `DEFAULT_CASE_CATEGORIES` / `seedCaseCategories`, stays in `cases`, which
 * the demo seed also uses).
 */
export { listCaseCategories } from './list-case-categories.ts';
export { createCaseCategory } from './create-case-category.ts';
export { updateCaseCategory } from './update-case-category.ts';
/** For `lianxin serve`: a county with accounts and no categories gets the defaults, once. */
export { seedMissingCaseCategories } from './seed-missing-case-categories.ts';
