import type { Actor } from '../../http/context.ts';
import { conflict } from '../../http/errors.ts';
import type { WriteContext } from '../../use-case-context.ts';
import type { TAssessmentDetail } from '../../../shared/assessment/assessment-api-schemas.ts';
import { recordAudit } from '../audit/index.ts';
import { auditRegion, lockDraft, toDetail } from './assessment-store.ts';

/**
 * Publishes a draft: freezes the latest result of its current scheme version (status
 * published, published_result_id), audited. From then on the tables' triggers refuse any change
 * and every use case answers 409 `assessment_published`. 409 `assessment_not_computed` when the
 * current version has no result or its latest result predates the latest change.
 *
 * @example
 * await publishAssessment({ db, actor, source }, { assessmentId: '3' });
 */
export async function publishAssessment(ctx: WriteContext<Actor | null>, options: { assessmentId: string; now?: Date }): Promise<TAssessmentDetail> {
  const { db, actor, source } = ctx;
  const now = options.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const row = await lockDraft(trx, actor, options.assessmentId);
    const latest = await trx
      .selectFrom('assessment_result')
      .select(['id', 'computed_at'])
      .where('assessment_id', '=', row.id)
      .where('scheme_version', '=', row.current_version)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!latest || new Date(latest.computed_at).getTime() < new Date(row.updated_at).getTime()) throw conflict('assessment_not_computed');
    const published = await trx
      .updateTable('assessment')
      .set({ status: 'published', published_result_id: latest.id, published_by: actor?.id ?? null, published_at: now })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(
      { db: trx, source },
      { action: 'assessment.published', entityType: 'assessment', entityId: row.id, region: await auditRegion(trx, row), before: { status: 'draft' }, after: { status: 'published', resultId: latest.id, schemeVersion: row.current_version } },
    );
    return toDetail(trx, published);
  });
}
