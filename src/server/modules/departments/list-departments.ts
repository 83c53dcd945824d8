import type { TDepartment } from '../../../shared/schemas/users.ts';
import type { ReadContext } from '../../use-case-context.ts';

/**
 * The county departments (县直部门) of the actor's county, by code; none for an actor outside a county.
 *
 * @example
 * const departments = await listDepartments({ db, actor });
 */
export async function listDepartments({ db, actor }: ReadContext): Promise<TDepartment[]> {
  const rows = await db
    .selectFrom('department')
    .select(['id', 'code', 'name', 'name_en'])
    .where('county_code', '=', actor.countyCode ?? '')
    .orderBy('code')
    .execute();
  return rows.map((d) => ({ id: d.id, code: d.code, name: d.name, nameEn: d.name_en }));
}
