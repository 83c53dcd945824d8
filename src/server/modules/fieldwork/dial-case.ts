/**
 * Dialling (拨号): the only way a full number leaves the server. Only the case's holder may
 * dial; the attempt is stamped and the dial audited with the masked number only and its purpose
 * (the survey call: set by the wave, not a choice, so the interviewer is not asked for one).
 */
import type { TDialResponse } from '../../../shared/schemas/survey-fieldwork.ts';
import type { FieldCipher } from '../../security/field-cipher.ts';
import type { Telephony } from '../../telephony/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { leaseUntil, lockCase } from './fieldwork-rules.ts';

/** A dial decrypts the number and places the call: the cipher and the telephony adapter come with the context. */
export type DialCaseContext = WriteContext & { cipher: FieldCipher; telephony: Telephony };

export interface DialCaseOptions {
  caseId: string;
  now: Date;
}

/**
 * Places the call through the telephony adapter (a tel: link today) and renews the lease.
 *
 * @example
 * const { uri } = await dialCase({ db, actor, source, cipher, telephony: telLinkTelephony }, { caseId, now: new Date() });
 */
export async function dialCase(ctx: DialCaseContext, { caseId, now }: DialCaseOptions): Promise<TDialResponse> {
  const { db, actor } = ctx;
  const phone = await db.transaction().execute(async (trx) => {
    const found = await lockCase(trx, actor, { caseId, now });
    const attempt = await trx
      .updateTable('call_attempt')
      .set({ dialed_at: now })
      .where('case_id', '=', caseId)
      .where('interviewer_id', '=', actor.id)
      .where('ended_at', 'is', null)
      .returning('attempt_no')
      .executeTakeFirst();
    await trx.updateTable('sample_case').set({ lease_expires_at: leaseUntil(now) }).where('id', '=', caseId).execute();
    await recordAudit({ db: trx, source: ctx.source }, {
      action: 'survey.dial',
      entityType: 'sample_case',
      entityId: caseId,
      region: found.countyRegion,
      after: { phoneMasked: found.phone_masked, attemptNo: attempt?.attempt_no ?? null, telephony: ctx.telephony.kind, purpose: { code: 'survey_call', note: null } },
    });
    return ctx.cipher.decrypt(found.phone_cipher);
  });
  return ctx.telephony.dial({ phone, caseId, interviewerId: actor.id, dialedAt: now });
}
