import { sql } from 'kysely';
import type { TQuestionnaire } from '../../../shared/schemas/survey.ts';
import { iso } from '../../../shared/time.ts';
import { inSubtree } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';

/**
 * The questionnaires of the counties in the actor's subtree (in practice, their county), each
 * with its versions newest first and how many waves use each.
 *
 * @example
 * const { items } = await listQuestionnaires({ db, actor });
 */
export async function listQuestionnaires({ db, actor }: ReadContext, options: { ids?: string[] } = {}): Promise<{ items: TQuestionnaire[] }> {
  let query = db
    .selectFrom('questionnaire as q')
    .innerJoin('region as c', (j) => j.onRef('c.code', '=', 'q.county_code').on('c.level', '=', 'county'))
    .selectAll('q')
    .where((eb) => inSubtree(eb.ref('c.path'), actor.regionPath))
    .orderBy('q.standard', 'desc')
    .orderBy('q.id', 'asc');
  if (options.ids) query = query.where('q.id', 'in', options.ids);
  const questionnaires = await query.execute();
  if (!questionnaires.length) return { items: [] };
  const versions = await db
    .selectFrom('questionnaire_version as v')
    .select(['v.id', 'v.questionnaire_id', 'v.version', 'v.status', 'v.published_at', 'v.created_at'])
    .select((eb) => eb.selectFrom('survey_wave as w').select(sql<number>`count(*)::int`.as('n')).whereRef('w.questionnaire_version_id', '=', 'v.id').as('wave_count'))
    .where(
      'v.questionnaire_id',
      'in',
      questionnaires.map((q) => q.id),
    )
    .orderBy('v.version', 'desc')
    .execute();
  return {
    items: questionnaires.map((q) => ({
      id: q.id,
      countyCode: q.county_code,
      name: q.name,
      nameEn: q.name_en,
      standard: q.standard,
      createdAt: iso(q.created_at)!,
      versions: versions
        .filter((v) => v.questionnaire_id === q.id)
        .map((v) => ({ id: v.id, version: v.version, status: v.status, publishedAt: iso(v.published_at), createdAt: iso(v.created_at)!, waveCount: Number(v.wave_count ?? 0) })),
    })),
  };
}
