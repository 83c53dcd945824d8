/**
 * Handing a case back unworked (退回样本): the interviewer took it by mistake, or the headset
 * failed before the call. Allowed only before the number is dialled: after a dial something
 * happened on the line, and only an outcome (a disposition) may say what. The attempt opened by
 * the claim is removed, as if the claim had not happened, and the case waits again in the queue
 * it came from with the same priority (a claim changes none of the columns the queues are read
 * by: appointment, callback time, draw order).
 */
import type { TReturnedCase } from '../../../shared/schemas/survey-fieldwork.ts';
import { conflict } from '../../http/errors.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { caseQueue, lockCase } from './fieldwork-rules.ts';

export interface ReturnCaseOptions {
  caseId: string;
  now: Date;
}

/**
 * Returns the case the actor holds to the queue. 409 case_dialed once it has been dialled in
 * this attempt, or once answers were saved during it (the respondent was evidently reached,
 * even if dialled outside the app); 409 case_not_yours when the actor does not hold it.
 *
 * @example
 * const { queue } = await returnCase({ db, actor, source }, { caseId, now: new Date() }); // 'fresh'
 */
export async function returnCase(ctx: WriteContext, { caseId, now }: ReturnCaseOptions): Promise<TReturnedCase> {
  const { actor } = ctx;
  return ctx.db.transaction().execute(async (trx) => {
    const found = await lockCase(trx, actor, { caseId, now });
    const attempt = await trx
      .selectFrom('call_attempt')
      .select(['id', 'attempt_no', 'assigned_at', 'dialed_at'])
      .where('case_id', '=', caseId)
      .where('ended_at', 'is', null)
      .orderBy('attempt_no', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (attempt?.dialed_at) throw conflict('case_dialed');
    const claimedAt = attempt ? new Date(attempt.assigned_at) : (found.assigned_at ?? now);
    const savedSince = await trx
      .selectFrom('interview_submission as s')
      .innerJoin('interview as i', 'i.id', 's.interview_id')
      .select('s.submission_id')
      .where('i.case_id', '=', caseId)
      .where('s.created_at', '>=', claimedAt)
      .limit(1)
      .executeTakeFirst();
    if (savedSince) throw conflict('case_dialed');
    if (attempt) await trx.deleteFrom('call_attempt').where('id', '=', attempt.id).execute();
    await trx.updateTable('sample_case').set({ assigned_to: null, assigned_at: null, lease_expires_at: null }).where('id', '=', caseId).execute();
    const queue = caseQueue(found);
    await recordAudit({ db: trx, source: ctx.source }, {
      action: 'survey.case_returned',
      entityType: 'sample_case',
      entityId: caseId,
      region: found.countyRegion,
      before: { heldBy: actor.username, attemptNo: attempt?.attempt_no ?? null, assignedAt: claimedAt.toISOString() },
      after: { heldBy: null, queue, phoneMasked: found.phone_masked },
    });
    return { caseId, queue };
  });
}
