import { sql } from 'kysely';
import type { ReadContext } from '../../use-case-context.ts';
import { localDate } from '../../../shared/time.ts';
import { findRegionInScope, inSubtree } from '../../scope/index.ts';
import { CADRE_ROLES } from '../../../shared/roles.ts';
import { hardshipInForce } from '../registry/index.ts';

/**
 * Pairing coverage for a region, broken down by its children (county → townships → villages):
 * hardship households with and without a responsible cadre, and each cadre's load.
 *
 * @example
 * const report = await pairingReport({ db, actor }, { regionCode: '370921' });
 * report.rows; // one row per township
 */
export async function pairingReport({ db, actor }: ReadContext, options: { regionCode?: string | undefined }) {
  const region = await findRegionInScope(db, actor, options.regionCode ?? actor.regionCode);
  const today = localDate();
  // Each hardship household once, with the child region of `region` it falls under.
  const coverage = await sql<{ child_id: string; hardship: string; with_responsible: string }>`
    WITH hardship_household AS (
      SELECT DISTINCT h.id, v.path
      FROM household h
      JOIN region v ON v.id = h.village_id
      JOIN household_hardship hh ON hh.household_id = h.id AND ${hardshipInForce('hh', today)}
      WHERE ${inSubtree(sql.ref<string>('v.path'), region.path)}
    )
    SELECT c.id AS child_id,
           count(hh.id) AS hardship,
           count(hh.id) FILTER (WHERE EXISTS (
             SELECT 1 FROM pairing p WHERE p.household_id = hh.id AND p.role = 'responsible' AND p.ended_on IS NULL
           )) AS with_responsible
    FROM region c
    LEFT JOIN hardship_household hh ON ${inSubtree(sql.ref<string>('hh.path'), sql.ref<string>('c.path'))}
    WHERE c.parent_id = ${region.id} OR c.id = ${region.id}
    GROUP BY c.id`.execute(db);
  const children = await db.selectFrom('region').select(['id', 'code', 'name', 'level', 'closed_on']).where('parent_id', '=', region.id).orderBy('code').execute();
  const byId = new Map(coverage.rows.map((r) => [r.child_id, r]));
  const row = (r: { id: string; code: string; name: string; level: string }) => {
    const c = byId.get(r.id);
    const hardship = Number(c?.hardship ?? 0);
    const withResponsible = Number(c?.with_responsible ?? 0);
    return { region: { code: r.code, name: r.name, level: r.level }, hardshipHouseholds: hardship, withResponsible, withoutResponsible: hardship - withResponsible };
  };
  const totals = row(region);
  const cadres = await db
    .selectFrom('app_user as u')
    .innerJoin('region as r', 'r.id', 'u.region_id')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('pairing as p')
          .innerJoin('household as h', 'h.id', 'p.household_id')
          .innerJoin('region as v', 'v.id', 'h.village_id')
          .select(['p.cadre_id', sql<string>`count(*) FILTER (WHERE p.role = 'responsible')`.as('responsible'), sql<string>`count(*) FILTER (WHERE p.role = 'helper')`.as('helping')])
          .where('p.ended_on', 'is', null)
          .where((eb) => inSubtree(eb.ref('v.path'), region.path))
          .groupBy('p.cadre_id')
          .as('load'),
      (join) => join.onRef('load.cadre_id', '=', 'u.id'),
    )
    .select(['u.id', 'u.username', 'u.display_name', 'r.code as region_code', 'load.responsible', 'load.helping'])
    .where('u.active', '=', true)
    .where((eb) => inSubtree(eb.ref('r.path'), region.path))
    .where(sql<boolean>`u.roles && ${sql.val([...CADRE_ROLES])}::text[]`)
    .orderBy(sql`coalesce(load.responsible, '0')::int`, 'desc')
    .orderBy('u.username')
    .execute();
  return {
    region: totals.region,
    totals: { hardshipHouseholds: totals.hardshipHouseholds, withResponsible: totals.withResponsible, withoutResponsible: totals.withoutResponsible },
    rows: children.filter((c) => !c.closed_on || byId.get(c.id)?.hardship !== '0').map(row),
    cadres: cadres.map((c) => ({
      cadre: { id: c.id, username: c.username, displayName: c.display_name, regionCode: c.region_code },
      responsibleFor: Number(c.responsible ?? 0),
      helping: Number(c.helping ?? 0),
    })),
  };
}
