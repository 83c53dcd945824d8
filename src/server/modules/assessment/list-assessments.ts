import { hasAnyRole } from '../../../shared/roles.ts';
import type { TAssessmentSummary } from '../../../shared/assessment/assessment-api-schemas.ts';
import { forbidden } from '../../http/errors.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { toSummaries } from './assessment-store.ts';

/**
 * The county's assessments, latest period first: every one for the county's staff, only the
 * published ones for a township admin (drafts are the county's working papers).
 *
 * @example
 * const { items } = await listAssessments({ db, actor }, {});
 */
export async function listAssessments({ db, actor }: ReadContext, _options: Record<string, never> = {}): Promise<{ items: TAssessmentSummary[] }> {
  if (!actor.countyCode) throw forbidden();
  const drafts = hasAnyRole(actor.roles, ['county_admin', 'county_leader']);
  const rows = await db
    .selectFrom('assessment')
    .selectAll()
    .where('county_code', '=', actor.countyCode)
    .$if(!drafts, (q) => q.where('status', '=', 'published'))
    .orderBy('period_end', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return { items: await toSummaries(db, rows) };
}
