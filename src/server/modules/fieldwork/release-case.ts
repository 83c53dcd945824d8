/**
 * Releasing a stuck case (收回样本): the supervisor takes a case back from an interviewer who
 * left it open (a closed browser, a lost connection) before the lease runs out. The open
 * attempt ends without an outcome; the case keeps its place in the queue. A later write by the
 * old holder gets 409 case_not_yours.
 */
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { holdsCase, lockCase } from './fieldwork-rules.ts';

export interface ReleaseCaseOptions {
  caseId: string;
  now: Date;
}

/**
 * @example
 * const { released } = await releaseCase({ db, actor, source }, { caseId, now: new Date() }); // false if nobody held it
 */
export async function releaseCase(ctx: WriteContext, { caseId, now }: ReleaseCaseOptions): Promise<{ caseId: string; released: boolean }> {
  const { actor } = ctx;
  return ctx.db.transaction().execute(async (trx) => {
    const found = await lockCase(trx, actor, { caseId, now, holder: false, waveOpen: false });
    if (!found.assigned_to) return { caseId, released: false };
    const holder = await trx.selectFrom('app_user').select('username').where('id', '=', found.assigned_to).executeTakeFirst();
    await trx.updateTable('sample_case').set({ assigned_to: null, assigned_at: null, lease_expires_at: null }).where('id', '=', caseId).execute();
    await trx
      .updateTable('call_attempt')
      .set({ ended_at: now, note: '(督导收回 released by supervisor)' })
      .where('case_id', '=', caseId)
      .where('ended_at', 'is', null)
      .execute();
    await recordAudit({ db: trx, source: ctx.source }, {
      action: 'survey.case_released',
      entityType: 'sample_case',
      entityId: caseId,
      region: found.countyRegion,
      before: { heldBy: holder?.username ?? null, leaseExpiresAt: found.lease_expires_at?.toISOString() ?? null, leaseValid: holdsCase(found, found.assigned_to, now) },
      after: { heldBy: null, phoneMasked: found.phone_masked },
    });
    return { caseId, released: true };
  });
}
