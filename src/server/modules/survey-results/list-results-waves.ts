import { sql } from 'kysely';
import { inSubtree } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { reportWave, viewerOf } from './find-report-wave.ts';

/**
 * The waves whose results the actor may read, newest first: every wave of their county for
 * county staff; closed waves only for a township administrator (results are final by then).
 *
 * @example
 * (await listResultsWaves({ db, actor })).items[0]; // => { id: '3', name: '2026年第一季度', status: 'closed', completes: 1290, … }
 */
export async function listResultsWaves({ db, actor }: ReadContext) {
  const rows = await db
    .selectFrom('survey_wave as w')
    .innerJoin('region as c', 'c.id', 'w.county_id')
    .selectAll('w')
    .select(['c.code as county_region_code', 'c.name as county_name', 'c.name_en as county_name_en', 'c.path as county_path'])
    .select(sql<string>`(SELECT count(*) FROM interview i WHERE i.wave_id = w.id AND i.status = 'complete')`.as('completes'))
    // Waves of a county the actor is above, in, or below (the finer check follows).
    .where((eb) => eb.or([inSubtree(eb.ref('c.path'), actor.regionPath), inSubtree(sql.val(actor.regionPath), eb.ref('c.path'))]))
    .orderBy('w.starts_on', 'desc')
    .orderBy('w.id', 'desc')
    .execute();
  return {
    items: rows
      .filter((w) => {
        const viewer = viewerOf(actor, w);
        return viewer !== null && (viewer.kind === 'county' || w.status === 'closed');
      })
      .map((w) => ({ ...reportWave(w), completes: Number(w.completes) })),
  };
}
