import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { TPairedCadre } from '../../../shared/schemas/registry.ts';

/**
 * The responsible cadre (负责干部) in charge of each of these households today, by household id;
 * households without one are absent. One statement for a page of rows: the partial unique
 * index on open responsible pairings (`pairing_one_responsible_uq`) answers it by index.
 * `countyCodes` names the counties the households belong to (a distributed database routes by
 * it); `null` only for an actor above any county, whose list does not name one either.
 *
 * @example
 * const cadres = await responsibleCadres(db, { countyCodes: ['370921'], householdIds: ['42'] });
 * cadres.get('42'); // { id: '7', displayName: '堽城镇包村干部' }
 */
export async function responsibleCadres(db: Kysely<DB>, o: { countyCodes: string[] | null; householdIds: string[] }): Promise<Map<string, TPairedCadre>> {
  if (!o.householdIds.length) return new Map();
  let query = db
    .selectFrom('pairing as p')
    .innerJoin('app_user as u', 'u.id', 'p.cadre_id')
    .select(['p.household_id', 'u.id', 'u.display_name'])
    .where('p.household_id', 'in', [...new Set(o.householdIds)])
    .where('p.role', '=', 'responsible')
    .where('p.ended_on', 'is', null);
  if (o.countyCodes) query = query.where('p.county_code', 'in', [...new Set(o.countyCodes)]);
  const rows = await query.execute();
  return new Map(rows.map((r) => [r.household_id, { id: r.id, displayName: r.display_name }]));
}
