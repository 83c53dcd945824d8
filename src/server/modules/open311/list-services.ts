import type { TLocale } from '../../../shared/locale.ts';
import type { ReadContext } from '../../use-case-context.ts';
import type { Open311Item } from './open311-format.ts';

/**
 * GeoReport v2 "GET Service List": the county's active categories marked for Open311, each a
 * service whose `service_code` is the category code. No service has extra attributes
 * (`metadata: false`), every one is handled as it comes (`type: 'realtime'`); `group` is the
 * parent category's name and `keywords` the names in both languages. Names follow the caller's
 * language.
 *
 * @example
 * await listServices({ db, actor: null }, { countyCode: '370921', locale: 'zh-CN' });
 * // [{ service_code: 'relief-dibao', service_name: '低保与特困供养', metadata: false, type: 'realtime', … }]
 */
export async function listServices({ db }: ReadContext<null>, { countyCode, locale }: { countyCode: string; locale: TLocale }): Promise<Open311Item[]> {
  const rows = await db
    .selectFrom('case_category as c')
    .leftJoin('case_category as p', 'p.id', 'c.parent_id')
    .select(['c.code', 'c.name', 'c.name_en', 'c.description', 'p.name as group_name', 'p.name_en as group_name_en'])
    .where('c.county_code', '=', countyCode)
    .where('c.open311', '=', true)
    .where('c.active', '=', true)
    .orderBy('c.sort')
    .orderBy('c.code')
    .execute();
  return rows.map((r) => ({
    service_code: r.code,
    service_name: locale === 'en' ? r.name_en : r.name,
    description: r.description || (locale === 'en' ? r.name_en : r.name),
    metadata: false,
    type: 'realtime',
    keywords: [r.name, r.name_en, ...(r.group_name ? [r.group_name] : [])].join(', '),
    group: (locale === 'en' ? r.group_name_en : r.group_name) ?? '',
  }));
}
