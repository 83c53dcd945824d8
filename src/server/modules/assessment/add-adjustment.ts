import type { Actor } from '../../http/context.ts';
import { unprocessable } from '../../http/errors.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { ZAdjustmentInput, type TAdjustmentInput, type TAssessmentDetail } from '../../../shared/assessment/assessment-api-schemas.ts';
import { recordAudit } from '../audit/index.ts';
import { auditRegion, findAssessment, lockDraft, periodTownships, toDetail, touch } from './assessment-store.ts';

/**
 * Adds a bonus or penalty item (加减分) for a township of the assessment, with its reason,
 * audited. Points are added to the composite after weighting. 422 for a township not assessed;
 * 409 `assessment_published` once published.
 *
 * @example
 * await addAdjustment({ db, actor, source }, { assessmentId: '3', input: { townshipCode: '370921104', points: 2, reason: '获市级表彰' } });
 */
export async function addAdjustment(ctx: WriteContext<Actor | null>, options: { assessmentId: string; input: TAdjustmentInput; now?: Date }): Promise<TAssessmentDetail> {
  const { db, actor, source } = ctx;
  const input = ZAdjustmentInput.parse(options.input);
  const now = options.now ?? new Date();
  const found = await findAssessment(db, actor, options.assessmentId);
  const township = (await periodTownships(db, found)).find((t) => t.code === input.townshipCode);
  if (!township) throw unprocessable('validation_failed', [{ path: 'townshipCode', message: `no such township ${input.townshipCode} in this county` }]);
  return db.transaction().execute(async (trx) => {
    const row = await lockDraft(trx, actor, options.assessmentId);
    const added = await trx
      .insertInto('assessment_adjustment')
      .values({ assessment_id: row.id, township_id: township.id, points: input.points.toFixed(2), reason: input.reason, created_by: actor?.id ?? null, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await touch(trx, row.id, now);
    await recordAudit(
      { db: trx, source },
      { action: 'assessment.adjustment_added', entityType: 'assessment', entityId: row.id, region: await auditRegion(trx, row), after: { adjustmentId: added.id, township: township.code, points: input.points, reason: input.reason } },
    );
    return toDetail(trx, { ...row, updated_at: now });
  });
}
