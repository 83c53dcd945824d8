import type { TCaseCategory, TCreateCaseCategoryRequest } from '../../../shared/cases/case-config-schemas.ts';
import { ZCreateCaseCategoryRequest } from '../../../shared/cases/case-config-schemas.ts';
import { AppError } from '../../http/errors.ts';
import { actorCounty } from '../../scope/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { checkCategoryPlacement } from './category-rules.ts';
import { readCategories } from './category-view.ts';

/**
 * Adds a category (诉求分类) to the actor's county: its code is unique in the county and never
 * changes afterwards (Open311 clients and reports keep naming it). Refuses a parent of another
 * county or an inactive parent of an active category (422), a department of another county (422)
 * and a code in use (409). Audited as `case_category.create`.
 *
 * @example
 * await createCaseCategory({ db, actor, source }, { code: 'env-water', name: '饮水安全', nameEn: 'Drinking water', parentId: '2', domain: 'environment', departmentId: null, startLevel: 'village', responseHours: 8, resolveDays: 7, urgentHours: 24, open311: true, active: true, sort: 30 });
 */
export async function createCaseCategory({ db, actor, source }: WriteContext, input: TCreateCaseCategoryRequest): Promise<TCaseCategory> {
  const c = ZCreateCaseCategoryRequest.parse(input);
  const county = await actorCounty(db, actor);
  return db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('case_category').select('id').where('county_code', '=', county.county_code!).where('code', '=', c.code).executeTakeFirst();
    if (taken) throw new AppError(409, 'case_category_code_taken');
    await checkCategoryPlacement(trx, { countyCode: county.county_code!, id: null, parentId: c.parentId, departmentId: c.departmentId, active: c.active });
    const row = await trx
      .insertInto('case_category')
      .values({
        county_code: county.county_code!,
        parent_id: c.parentId,
        code: c.code,
        name: c.name,
        name_en: c.nameEn,
        description: c.description,
        domain: c.domain,
        department_id: c.departmentId,
        start_level: c.startLevel,
        response_hours: c.responseHours,
        resolve_days: c.resolveDays,
        urgent_hours: c.urgentHours,
        open311: c.open311,
        active: c.active,
        sort: c.sort,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const [created] = await readCategories(trx, county.county_code!, row.id);
    await recordAudit({ db: trx, source }, { action: 'case_category.create', entityType: 'case_category', entityId: row.id, region: county, after: created });
    return created!;
  });
}
