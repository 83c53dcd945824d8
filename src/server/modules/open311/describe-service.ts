import type { ReadContext } from '../../use-case-context.ts';
import { Open311Error } from './open311-errors.ts';
import type { Open311Item } from './open311-format.ts';

/**
 * GeoReport v2 "GET Service Definition": our services have no extra attributes (`metadata:
 * false`), so the definition is the code and an empty list; 404 for a code that is not an
 * active Open311 category of the county.
 *
 * @example
 * await describeService({ db, actor: null }, { countyCode: '370921', serviceCode: 'relief-dibao' });
 * // { service_code: 'relief-dibao', attributes: [] }
 */
export async function describeService({ db }: ReadContext<null>, { countyCode, serviceCode }: { countyCode: string; serviceCode: string }): Promise<Open311Item> {
  const row = await db
    .selectFrom('case_category')
    .select('code')
    .where('county_code', '=', countyCode)
    .where('code', '=', serviceCode)
    .where('open311', '=', true)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!row) throw new Open311Error(404, 'service_code_unknown', { value: serviceCode.slice(0, 40) });
  return { service_code: row.code, attributes: [] };
}
