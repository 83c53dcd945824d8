import type { TCaseCategory, TUpdateCaseCategoryRequest } from '../../../shared/cases/case-config-schemas.ts';
import { notFound } from '../../http/errors.ts';
import { actorCounty } from '../../scope/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { checkCategoryPlacement } from './category-rules.ts';
import { readCategories } from './category-view.ts';

/** A category's descendants' ids (any depth) among the county's categories. */
function descendantsOf(id: string, rows: readonly { id: string; parent_id: string | null }[]): string[] {
  const found: string[] = [];
  const queue = [id];
  while (queue.length) {
    const at = queue.shift()!;
    for (const r of rows) {
      if (r.parent_id !== at || found.includes(r.id)) continue;
      found.push(r.id);
      queue.push(r.id);
    }
  }
  return found;
}

/**
 * Changes a category of the actor's county: any field but its code, which stays stable. Moving it
 * under another parent is checked like a new one (same county, no cycle: 422); an active category
 * needs an active parent (422). Deactivating (停用) also deactivates its subcategories, so no
 * active category is ever left under an inactive one; cases already filed keep their category.
 * Audited as `case_category.update` with before and after (and the subcategories deactivated).
 *
 * @example
 * await updateCaseCategory({ db, actor, source }, { id: '7', changes: { resolveDays: 5 } });
 * await updateCaseCategory({ db, actor, source }, { id: '2', changes: { active: false } }); // the branch and its leaves
 */
export async function updateCaseCategory({ db, actor, source }: WriteContext, { id, changes }: { id: string; changes: TUpdateCaseCategoryRequest }): Promise<TCaseCategory> {
  const county = await actorCounty(db, actor);
  const countyCode = county.county_code!;
  return db.transaction().execute(async (trx) => {
    const [before] = await readCategories(trx, countyCode, id);
    if (!before) throw notFound();
    const next = { ...before, ...changes };
    await checkCategoryPlacement(trx, { countyCode, id, parentId: next.parentId, departmentId: next.departmentId, active: next.active });
    await trx
      .updateTable('case_category')
      .set({
        parent_id: next.parentId,
        name: next.name,
        name_en: next.nameEn,
        description: next.description,
        domain: next.domain,
        department_id: next.departmentId,
        start_level: next.startLevel,
        response_hours: next.responseHours,
        resolve_days: next.resolveDays,
        urgent_hours: next.urgentHours,
        open311: next.open311,
        active: next.active,
        sort: next.sort,
        updated_at: new Date(),
      })
      .where('county_code', '=', countyCode)
      .where('id', '=', id)
      .execute();
    let deactivated: string[] = [];
    if (before.active && !next.active) {
      const all = await trx.selectFrom('case_category').select(['id', 'parent_id', 'code', 'active']).where('county_code', '=', countyCode).execute();
      const ids = descendantsOf(id, all).filter((d) => all.find((r) => r.id === d)?.active);
      if (ids.length) {
        await trx.updateTable('case_category').set({ active: false, updated_at: new Date() }).where('county_code', '=', countyCode).where('id', 'in', ids).execute();
        deactivated = all.filter((r) => ids.includes(r.id)).map((r) => r.code);
      }
    }
    const [after] = await readCategories(trx, countyCode, id);
    await recordAudit(
      { db: trx, source },
      { action: 'case_category.update', entityType: 'case_category', entityId: id, region: county, before, after: deactivated.length ? { ...after, deactivatedSubcategories: deactivated } : after },
    );
    return after!;
  });
}
