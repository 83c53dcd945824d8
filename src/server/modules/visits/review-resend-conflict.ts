import { AppError, notFound } from '../../http/errors.ts';
import { findHouseholdInScope } from '../../scope/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';

export interface ReviewResendConflictOptions {
  conflictId: string;
  /** What the reviewer concluded (e.g. 手机上修改后重发，以已保存的记录为准). */
  note: string;
  now?: Date;
}

/**
 * Marks a resend conflict reviewed, with a note. The stored visit is not changed: a correction
 * is a new visit record (or a void), never an overwrite. Audited.
 *
 * @example
 * await reviewResendConflict({ db, actor, source }, { conflictId: '3', note: '手机上修改了情况说明后重发，以首次提交为准' });
 */
export async function reviewResendConflict(ctx: WriteContext, { conflictId, note, now = new Date() }: ReviewResendConflictOptions) {
  const { db, actor } = ctx;
  const conflict = await db
    .selectFrom('visit_resend_conflict as c')
    .innerJoin('visit as v', 'v.id', 'c.visit_id')
    .select(['c.id', 'c.county_code', 'c.visit_id', 'c.reviewed_at', 'v.household_id'])
    .where('c.id', '=', conflictId)
    .$if(actor.countyCode !== null, (q) => q.where('c.county_code', '=', actor.countyCode!).where('v.county_code', '=', actor.countyCode!))
    .executeTakeFirst();
  if (!conflict) throw notFound();
  const household = await findHouseholdInScope(db, actor, conflict.household_id);
  if (conflict.reviewed_at !== null) throw new AppError(409, 'resend_conflict_reviewed');
  await db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('visit_resend_conflict')
      .set({ reviewed_at: now, reviewed_by: actor.id, review_note: note })
      .where('county_code', '=', conflict.county_code)
      .where('id', '=', conflict.id)
      .where('reviewed_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!done) throw new AppError(409, 'resend_conflict_reviewed');
    await recordAudit({ db: trx, source: ctx.source }, {
      action: 'visit.resend_reviewed',
      entityType: 'visit_resend_conflict',
      entityId: conflict.id,
      region: household.region,
      after: { visitId: conflict.visit_id, note },
    });
  });
  return { ok: true as const };
}
