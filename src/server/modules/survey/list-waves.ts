import type { TWaveSummary } from '../../../shared/schemas/survey.ts';
import { inSubtree } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { summaries } from './wave-queries.ts';

/**
 * The waves of the actor's county (and of counties inside their subtree), newest first. Township
 * admins see their county's list to reach its results.
 *
 * @example
 * const { items } = await listWaves({ db, actor }, { status: 'fieldwork' });
 */
export async function listWaves({ db, actor }: ReadContext, options: { status?: 'draft' | 'fieldwork' | 'closed' | undefined } = {}): Promise<{ items: TWaveSummary[] }> {
  let query = db
    .selectFrom('survey_wave as w')
    .innerJoin('region as c', 'c.id', 'w.county_id')
    .selectAll('w')
    .where((eb) => {
      const inScope = inSubtree(eb.ref('c.path'), actor.regionPath);
      return actor.countyCode ? eb.or([inScope, eb('w.county_code', '=', actor.countyCode)]) : inScope;
    })
    .orderBy('w.created_at', 'desc')
    .orderBy('w.id', 'desc')
    .limit(500);
  if (options.status) query = query.where('w.status', '=', options.status);
  return { items: await summaries(db, await query.execute()) };
}
