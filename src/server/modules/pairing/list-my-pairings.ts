import { sql } from 'kysely';
import type { TPairedHousehold } from '../../../shared/schemas/workbench.ts';
import { HEAD_RELATIONSHIP } from '../../../shared/registry/import-columns.ts';
import { localDate } from '../../../shared/time.ts';
import { inSubtree } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { hardshipInForce } from '../registry/index.ts';

/**
 * The households the actor is paired with today (结对户), as responsible cadre or helper, inside
 * their scope: household number, head of household, village, hardship categories in force.
 * Responsible pairings first, then by household number.
 *
 * @example
 * const { total, items } = await listMyPairings({ db, actor: cadre }, { limit: 20 });
 * items[0]; // => { householdNo: 'G-0012', headName: '张秀英', role: 'responsible', hardship: ['dibao'], … }
 */
export async function listMyPairings({ db, actor }: ReadContext, options: { limit: number }): Promise<{ total: number; items: TPairedHousehold[] }> {
  const today = localDate();
  let base = db
    .selectFrom('pairing as p')
    .innerJoin('household as h', 'h.id', 'p.household_id')
    .innerJoin('region as v', 'v.id', 'h.village_id')
    .where('p.cadre_id', '=', actor.id)
    .where('p.ended_on', 'is', null)
    .where((eb) => inSubtree(eb.ref('v.path'), actor.regionPath));
  if (actor.countyCode) base = base.where('p.county_code', '=', actor.countyCode);
  const counted = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .select([
      'h.id as household_id',
      'h.household_no',
      'v.code as village_code',
      'v.name as village_name',
      'p.role',
      'p.started_on',
      (eb) =>
        eb
          .selectFrom('resident as r')
          .select('r.name')
          .whereRef('r.household_id', '=', 'h.id')
          .whereRef('r.county_code', '=', 'h.county_code')
          .where('r.active', '=', true)
          .orderBy(sql`r.relationship = ${HEAD_RELATIONSHIP}`, 'desc')
          .orderBy('r.id')
          .limit(1)
          .as('head_name'),
      (eb) =>
        eb
          .selectFrom('household_hardship as hh')
          .select(sql<string[] | null>`array_agg(DISTINCT hh.category_code ORDER BY hh.category_code)`.as('codes'))
          .whereRef('hh.household_id', '=', 'h.id')
          .whereRef('hh.county_code', '=', 'h.county_code')
          .where(hardshipInForce('hh', today))
          .as('hardship'),
    ])
    .orderBy(sql`p.role = 'responsible'`, 'desc')
    .orderBy('h.household_no')
    .orderBy('p.id')
    .limit(options.limit)
    .execute();
  return {
    total: Number(counted.n),
    items: rows.map((r) => ({
      householdId: r.household_id,
      householdNo: r.household_no,
      headName: r.head_name,
      village: { code: r.village_code, name: r.village_name },
      role: r.role,
      since: r.started_on,
      hardship: r.hardship ?? [],
    })),
  };
}
