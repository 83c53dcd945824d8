import type { Actor } from '../../http/context.ts';
import { conflict, notFound } from '../../http/errors.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { ZAdjustmentRemove, type TAssessmentDetail } from '../../../shared/assessment/assessment-api-schemas.ts';
import { recordAudit } from '../audit/index.ts';
import { auditRegion, lockDraft, toDetail, touch } from './assessment-store.ts';

/**
 * Removes a bonus or penalty item: the row stays with its removal time (the history shows it),
 * audited with the reason for removing. 404 for an item of another assessment; 409
 * `assessment_adjustment_removed` twice; 409 `assessment_published` once published.
 *
 * @example
 * await removeAdjustment({ db, actor, source }, { assessmentId: '3', adjustmentId: '5', reason: '录入有误' });
 */
export async function removeAdjustment(ctx: WriteContext<Actor | null>, options: { assessmentId: string; adjustmentId: string; reason: string; now?: Date }): Promise<TAssessmentDetail> {
  const { db, actor, source } = ctx;
  const { reason } = ZAdjustmentRemove.parse({ reason: options.reason });
  const now = options.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const row = await lockDraft(trx, actor, options.assessmentId);
    const item = await trx.selectFrom('assessment_adjustment').selectAll().where('id', '=', options.adjustmentId).where('assessment_id', '=', row.id).executeTakeFirst();
    if (!item) throw notFound();
    if (item.removed_at !== null) throw conflict('assessment_adjustment_removed');
    await trx.updateTable('assessment_adjustment').set({ removed_at: now, removed_by: actor?.id ?? null }).where('id', '=', item.id).execute();
    await touch(trx, row.id, now);
    await recordAudit(
      { db: trx, source },
      {
        action: 'assessment.adjustment_removed',
        entityType: 'assessment',
        entityId: row.id,
        region: await auditRegion(trx, row),
        before: { adjustmentId: item.id, points: Number(item.points), reason: item.reason },
        after: { adjustmentId: item.id, removed: true, reason },
      },
    );
    return toDetail(trx, { ...row, updated_at: now });
  });
}
