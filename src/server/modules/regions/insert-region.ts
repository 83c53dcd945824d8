import type { Kysely } from 'kysely';
import type { DB, Region } from '../../db/schema.ts';
import type { TRegionLevel } from '../../../shared/schemas/regions.ts';

export interface InsertRegionOptions {
  parent: Pick<Region, 'id' | 'path' | 'depth' | 'county_code'> | null;
  code: string;
  name: string;
  nameEn?: string | null | undefined;
  level: TRegionLevel;
  kind?: string | null | undefined;
  openedOn: string;
  synthetic?: boolean;
  actorId?: string | null;
}

/**
 * Inserts a region under its parent, with its materialized path and its 'open' event.
 * Checks nothing: callers (the use case, the demo seed) have validated already.
 */
export async function insertRegion(db: Kysely<DB>, o: InsertRegionOptions): Promise<Region> {
  const countyCode = o.level === 'county' ? o.code : (o.parent?.county_code ?? null);
  const inserted = await db
    .insertInto('region')
    .values({
      code: o.code,
      name: o.name,
      name_en: o.nameEn ?? null,
      level: o.level,
      kind: o.kind ?? null,
      parent_id: o.parent?.id ?? null,
      path: '/',
      depth: o.parent ? o.parent.depth + 1 : 0,
      county_code: countyCode,
      opened_on: o.openedOn,
      synthetic: o.synthetic ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const region = await db
    .updateTable('region')
    .set({ path: `${o.parent?.path ?? '/'}${inserted.id}/` })
    .where('id', '=', inserted.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await db
    .insertInto('region_event')
    .values({ region_id: region.id, county_code: countyCode, kind: 'open', effective_on: o.openedOn, details: JSON.stringify({ code: o.code, name: o.name }), actor_id: o.actorId ?? null })
    .execute();
  return region;
}
