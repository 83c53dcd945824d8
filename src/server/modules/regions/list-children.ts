import { sql } from 'kysely';
import { localDate } from '../../../shared/time.ts';
import { getRegion } from './get-region.ts';
import { selectRegionsWithCounts, toRegionWithCounts } from './region-queries.ts';
import type { ReadContext } from '../../use-case-context.ts';

/**
 * A region's children with their counts, open ones only unless `includeClosed`.
 *
 * @example
 * const { parent, items } = await listChildren({ db, actor }, { code: '370921', includeClosed: false });
 * items.length; // 13 townships in the demo county
 */
export async function listChildren(ctx: ReadContext, options: { code: string; includeClosed: boolean }) {
  const { db } = ctx;
  const parent = await getRegion(ctx, { code: options.code });
  const today = localDate();
  let query = selectRegionsWithCounts(db, today).where('r.parent_id', '=', parent.id);
  if (!options.includeClosed) query = query.where(sql<boolean>`(r.closed_on IS NULL OR r.closed_on > ${today}::date)`);
  const rows = await query.orderBy('r.code').execute();
  return { parent, items: rows.map(toRegionWithCounts) };
}
