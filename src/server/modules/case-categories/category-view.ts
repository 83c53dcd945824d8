import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { TCaseCategory, TCaseCategoryNode } from '../../../shared/cases/case-config-schemas.ts';

/** The columns a category is shown with, its department's name joined. */
export async function readCategories(db: Kysely<DB>, countyCode: string, id?: string): Promise<TCaseCategory[]> {
  let query = db
    .selectFrom('case_category as c')
    .leftJoin('department as d', 'd.id', 'c.department_id')
    .selectAll('c')
    .select('d.name as department_name')
    .where('c.county_code', '=', countyCode);
  if (id) query = query.where('c.id', '=', id);
  const rows = await query.orderBy('c.sort').orderBy('c.code').execute();
  return rows.map((c) => ({
    id: c.id,
    code: c.code,
    name: c.name,
    nameEn: c.name_en,
    description: c.description,
    parentId: c.parent_id,
    domain: c.domain,
    departmentId: c.department_id,
    departmentName: c.department_name,
    startLevel: c.start_level,
    responseHours: c.response_hours,
    resolveDays: c.resolve_days,
    urgentHours: c.urgent_hours,
    open311: c.open311,
    active: c.active,
    sort: c.sort,
    updatedAt: new Date(c.updated_at).toISOString(),
  }));
}

/**
 * Nests categories under their parents, keeping the given order (sort, then code) at each level.
 *
 * @example
 * categoryTree(rows)[0].children.map((c) => c.code); // ['relief-dibao', 'relief-temporary', …]
 */
export function categoryTree(rows: readonly TCaseCategory[]): TCaseCategoryNode[] {
  const nodes = new Map(rows.map((r) => [r.id, { ...r, children: [] as TCaseCategoryNode[] }]));
  const roots: TCaseCategoryNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}
