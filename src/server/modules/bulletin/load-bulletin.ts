import { hasAnyRole, ASSESSMENT_READ_ROLES } from '../../../shared/roles.ts';
import type { TAssessmentResult } from '../../../shared/assessment/index.ts';
import { readJson } from '../../db/json-columns.ts';
import { conflict, forbidden, notFound } from '../../http/errors.ts';
import type { ReadContext } from '../../use-case-context.ts';

export interface LoadedBulletin {
  assessment: { id: string; countyCode: string; name: string; status: 'draft' | 'published'; publishedAt: string | null; resultId: string };
  result: TAssessmentResult;
}

/** The county's own staff read drafts; a township admin (and anyone else allowed to read) only published assessments. */
const DRAFT_READERS = ['county_admin', 'county_leader'] as const;

/**
 * The assessment a bulletin is drawn from and the result it prints: the published result, or a
 * draft's latest computed one (which the bulletin marks 征求意见稿). The assessment module's
 * rule: 404 for an assessment outside the actor's county, and for a draft to a township admin
 * (a draft's figures shown to those being rated invite pressure before they are final); 409
 * `bulletin_no_result` for a draft not yet computed.
 *
 * @example
 * const { assessment, result } = await loadBulletin({ db, actor }, { assessmentId: '7' });
 */
export async function loadBulletin({ db, actor }: ReadContext, options: { assessmentId: string }): Promise<LoadedBulletin> {
  if (!hasAnyRole(actor.roles, ASSESSMENT_READ_ROLES)) throw forbidden();
  if (!actor.countyCode) throw notFound();
  const row = await db
    .selectFrom('assessment')
    .select(['id', 'county_code', 'name', 'status', 'published_at', 'published_result_id'])
    .where('id', '=', options.assessmentId)
    .where('county_code', '=', actor.countyCode)
    .executeTakeFirst();
  if (!row) throw notFound();
  const status = row.status as 'draft' | 'published';
  if (status !== 'published' && !hasAnyRole(actor.roles, DRAFT_READERS)) throw notFound();
  const stored =
    status === 'published' && row.published_result_id !== null
      ? await db.selectFrom('assessment_result').select(['id', 'result']).where('id', '=', row.published_result_id).executeTakeFirst()
      : await db.selectFrom('assessment_result').select(['id', 'result']).where('assessment_id', '=', row.id).orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!stored) throw conflict('bulletin_no_result');
  return {
    assessment: {
      id: String(row.id),
      countyCode: row.county_code,
      name: row.name,
      status,
      publishedAt: row.published_at === null ? null : new Date(row.published_at).toISOString(),
      resultId: String(stored.id),
    },
    result: readJson('assessment_result.result', stored.result),
  };
}
