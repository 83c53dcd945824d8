import type { TAssessmentDetail } from '../../../shared/assessment/assessment-api-schemas.ts';
import type { Actor } from '../../http/context.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { findAssessment, toDetail } from './assessment-store.ts';

/**
 * One assessment with its current scheme, bonus and penalty items (removed ones too, marked) and
 * its result: the published one, else the latest of the current version (flagged stale when the
 * draft changed since). A township admin reaches only published assessments (404 for a draft).
 *
 * @example
 * const detail = await getAssessment({ db, actor }, { assessmentId: '3' });
 */
export async function getAssessment({ db, actor }: ReadContext<Actor | null>, options: { assessmentId: string }): Promise<TAssessmentDetail> {
  return toDetail(db, await findAssessment(db, actor, options.assessmentId));
}
