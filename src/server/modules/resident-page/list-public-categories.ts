import { AppError } from '../../http/errors.ts';
import type { ReadContext } from '../../use-case-context.ts';
import type { TPublicCategory } from '../../../shared/schemas/resident-page.ts';

/**
 * The categories a resident may choose on the public page: the county's active leaf categories
 * marked `open311` — the same list third-party systems see as Open311 services, so "what the
 * public may file" is configured in one place (the category's 对外公开 switch). 404 for a code
 * that is not an open county.
 *
 * @example
 * const { items } = await listPublicCategories({ db, actor: null }, { county: '370921' });
 * items[0]; // { code: 'relief-dibao', name: '低保与特困供养', groupName: '困难救助', … }
 */
export async function listPublicCategories({ db }: ReadContext<null>, { county }: { county: string }): Promise<{ items: TPublicCategory[] }> {
  await findPublicCounty({ db, actor: null }, { county });
  const rows = await db
    .selectFrom('case_category as c')
    .leftJoin('case_category as p', 'p.id', 'c.parent_id')
    .select(['c.code', 'c.name', 'c.name_en', 'c.description', 'p.name as group_name', 'p.name_en as group_name_en', 'p.sort as group_sort', 'c.sort'])
    .where('c.county_code', '=', county)
    .where('c.active', '=', true)
    .where('c.open311', '=', true)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('case_category as k').select('k.id').whereRef('k.parent_id', '=', 'c.id'))))
    .orderBy('p.sort')
    .orderBy('c.sort')
    .orderBy('c.code')
    .execute();
  return {
    items: rows.map((r) => ({ code: r.code, name: r.name, nameEn: r.name_en, groupName: r.group_name ?? '', groupNameEn: r.group_name_en ?? '', description: r.description })),
  };
}

/**
 * The open county a public request names (its QR code's first six digits), or 404.
 *
 * @example
 * await findPublicCounty({ db, actor: null }, { county: '370921' }); // { id: '1', code: '370921', name: '宁阳县', path: '/1/' }
 */
export async function findPublicCounty({ db }: ReadContext<null>, { county }: { county: string }) {
  const row = await db.selectFrom('region').select(['id', 'code', 'name', 'path']).where('code', '=', county).where('level', '=', 'county').where('closed_on', 'is', null).executeTakeFirst();
  if (!row) throw new AppError(404, 'not_found');
  return row;
}
