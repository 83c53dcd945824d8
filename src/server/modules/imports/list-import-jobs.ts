import { z } from 'zod';
import type { TLocale } from '../../../shared/locale.ts';
import type { TImportJob } from '../../../shared/registry/import-schemas.ts';
import { ZInstant } from '../../../shared/schemas/common.ts';
import { decodeCursor, pageOf } from '../../http/cursor.ts';
import { inSubtree } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { failInterruptedImports } from './fail-interrupted-imports.ts';
import { selectImportJobs, toImportJob } from './import-job-queries.ts';

// ZInstant: a crafted cursor in year 0 would fail in SQL (a 500) instead of as a bad cursor.
const ZJobCursor = z.object({ at: ZInstant, id: z.uuid() });

/**
 * Recent import jobs whose region is inside the actor's scope, newest first.
 *
 * @example
 * const { items, nextCursor } = await listImportJobs({ db, actor }, { limit: 20, locale: 'en' });
 */
export async function listImportJobs(
  ctx: ReadContext,
  options: { cursor?: string | undefined; limit: number; locale: TLocale },
): Promise<{ items: TImportJob[]; nextCursor: string | null }> {
  const { db, actor } = ctx;
  const after = decodeCursor(options.cursor, ZJobCursor);
  let query = selectImportJobs(db).where((eb) => inSubtree(eb.ref('r.path'), actor.regionPath));
  // A job inside the actor's subtree is in the actor's county: naming it keeps the list on one shard (ARCHITECTURE.md, "Past one county").
  if (actor.countyCode) query = query.where('j.county_code', '=', actor.countyCode);
  if (after) {
    query = query.where((eb) => eb.or([eb('j.created_at', '<', new Date(after.at)), eb.and([eb('j.created_at', '=', new Date(after.at)), eb('j.id', '<', after.id)])]));
  }
  const load = () => query.orderBy('j.created_at', 'desc').orderBy('j.id', 'desc').limit(options.limit + 1).execute();
  let rows = await load();
  // A 'running' job whose process is gone (a killed CLI import) is shown as what it is: interrupted.
  const running = rows.filter((r) => r.status === 'running').map((r) => r.id);
  if ((await failInterruptedImports(ctx, { ids: running })).length) rows = await load();
  return pageOf(rows, options.limit, (r) => toImportJob(r, options.locale), (r) => ({ at: new Date(r.created_at).toISOString(), id: r.id }));
}
