import type { ReadContext } from '../../use-case-context.ts';
import type { TPublicVillage } from '../../../shared/schemas/resident-page.ts';
import { findPublicCounty } from './list-public-categories.ts';

/**
 * The county's open villages (村 / 社区) with their townships, for the resident to confirm or
 * change the village the QR code preset: names and codes only. 404 for a code that is not an
 * open county.
 *
 * @example
 * const { county, items } = await listPublicVillages({ db, actor: null }, { county: '370921' });
 * items[0]; // { code: '370921100201', name: '…村', townshipCode: '370921100', townshipName: '…镇' }
 */
export async function listPublicVillages({ db }: ReadContext<null>, { county }: { county: string }): Promise<{ county: { code: string; name: string }; items: TPublicVillage[] }> {
  const top = await findPublicCounty({ db, actor: null }, { county });
  const rows = await db
    .selectFrom('region as v')
    .innerJoin('region as t', 't.id', 'v.parent_id')
    .select(['v.code', 'v.name', 't.code as township_code', 't.name as township_name'])
    .where('v.county_code', '=', county)
    .where('v.level', '=', 'village')
    .where('v.closed_on', 'is', null)
    .where('t.level', '=', 'township')
    .orderBy('v.code')
    .execute();
  return { county: { code: top.code, name: top.name }, items: rows.map((r) => ({ code: r.code, name: r.name, townshipCode: r.township_code, townshipName: r.township_name })) };
}
