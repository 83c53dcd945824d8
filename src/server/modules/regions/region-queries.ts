import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { TRegion, TRegionWithCounts } from '../../../shared/schemas/regions.ts';
import { localDate } from '../../../shared/time.ts';
import { inSubtree } from '../../scope/index.ts';

/** Regions with their parent/successor codes and counts of open descendants and active users. */
export function selectRegionsWithCounts(db: Kysely<DB>, today = localDate()) {
  const open = (alias: string) => sql<boolean>`(${sql.ref(`${alias}.closed_on`)} IS NULL OR ${sql.ref(`${alias}.closed_on`)} > ${today}::date)`;
  return db
    .selectFrom('region as r')
    .leftJoin('region as p', 'p.id', 'r.parent_id')
    .leftJoin('region as s', 's.id', 'r.successor_id')
    .selectAll('r')
    .select(['p.code as parent_code', 's.code as successor_code', 's.name as successor_name'])
    .select((eb) => [
      eb.selectFrom('region as c').select(eb.fn.countAll<string>().as('n')).whereRef('c.parent_id', '=', 'r.id').where(open('c')).as('child_count'),
      eb
        .selectFrom('region as d')
        .select(eb.fn.countAll<string>().as('n'))
        .where((eb) => inSubtree(eb.ref('d.path'), eb.ref('r.path')))
        .whereRef('d.id', '!=', 'r.id')
        .where(open('d'))
        .as('descendant_count'),
      eb
        .selectFrom('app_user as u')
        .innerJoin('region as ur', 'ur.id', 'u.region_id')
        .select(eb.fn.countAll<string>().as('n'))
        .where((eb) => inSubtree(eb.ref('ur.path'), eb.ref('r.path')))
        .where('u.active', '=', true)
        .as('user_count'),
    ]);
}

type RegionRow = {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  level: TRegion['level'];
  kind: string | null;
  parent_code: string | null;
  opened_on: string;
  closed_on: string | null;
  successor_code: string | null;
  successor_name: string | null;
  synthetic: boolean;
};

export const toRegion = (r: RegionRow): TRegion => ({
  id: r.id,
  code: r.code,
  name: r.name,
  nameEn: r.name_en,
  level: r.level,
  kind: r.kind,
  parentCode: r.parent_code,
  openedOn: r.opened_on,
  closedOn: r.closed_on,
  successorCode: r.successor_code,
  successorName: r.successor_name,
  synthetic: r.synthetic,
});

export const toRegionWithCounts = (
  r: RegionRow & { child_count: string | null; descendant_count: string | null; user_count: string | null },
): TRegionWithCounts => ({
  ...toRegion(r),
  childCount: Number(r.child_count ?? 0),
  descendantCount: Number(r.descendant_count ?? 0),
  userCount: Number(r.user_count ?? 0),
});
