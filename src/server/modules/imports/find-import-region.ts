import type { Actor } from '../../http/context.ts';
import type { ReadContext } from '../../use-case-context.ts';

export interface ImportRegion {
  id: string;
  code: string;
  name: string;
  county_code: string | null;
}

/**
 * The scope of an import run for the deployment (the command line): the region of division code
 * `code`, or without one the single top-level region (the county of a county deployment). What
 * stands in the way is answered, not thrown, so the caller words it: `no_such_region`, or without a
 * code `no_regions` / `several_roots` (the file's region must then be named).
 *
 * @example
 * const found = await findImportRegion({ db, actor: null }, { code: '370921104' });
 * if ('region' in found) console.log(found.region.name); // 堽城镇
 */
export async function findImportRegion(
  { db }: ReadContext<Actor | null>,
  { code }: { code?: string | undefined },
): Promise<{ region: ImportRegion } | { missing: 'no_such_region' | 'no_regions' | 'several_roots' }> {
  if (code !== undefined) {
    const region = await db.selectFrom('region').select(['id', 'code', 'name', 'county_code']).where('code', '=', code).executeTakeFirst();
    return region ? { region } : { missing: 'no_such_region' };
  }
  const roots = await db.selectFrom('region').select(['id', 'code', 'name', 'county_code']).where('parent_id', 'is', null).limit(2).execute();
  if (roots.length !== 1) return { missing: roots.length ? 'several_roots' : 'no_regions' };
  return { region: roots[0]! };
}
