/**
 * Dialling (拨号): the only way a full number leaves the server. Only the case's holder may
 * dial; the attempt is stamped and the dial audited with the masked number only and its purpose
 * (the survey call: set by the wave, not a choice, so the interviewer is not asked for one).
 */
import type { Kysely } from 'kysely';
import type { TDialResponse } from '../../../shared/schemas/survey-fieldwork.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import type { FieldCipher } from '../../security/field-cipher.ts';
import { recordAudit, type AuditSource } from '../audit/index.ts';
import { leaseUntil, lockCase } from './fieldwork-rules.ts';
import type { Telephony } from '../../telephony/index.ts';

export interface DialCaseOptions {
  db: Kysely<DB>;
  cipher: FieldCipher;
  telephony: Telephony;
  actor: Actor;
  caseId: string;
  now: Date;
  source: AuditSource;
}

/**
 * Places the call through the telephony adapter (a tel: link today) and renews the lease.
 *
 * @example
 * const { uri } = await dialCase({ db, cipher, telephony: telLinkTelephony, actor, caseId, now: new Date(), source });
 */
export async function dialCase(o: DialCaseOptions): Promise<TDialResponse> {
  const { db, actor, caseId, now } = o;
  const phone = await db.transaction().execute(async (trx) => {
    const found = await lockCase(trx, actor, caseId, now);
    const attempt = await trx
      .updateTable('call_attempt')
      .set({ dialed_at: now })
      .where('case_id', '=', caseId)
      .where('interviewer_id', '=', actor.id)
      .where('ended_at', 'is', null)
      .returning('attempt_no')
      .executeTakeFirst();
    await trx.updateTable('sample_case').set({ lease_expires_at: leaseUntil(now) }).where('id', '=', caseId).execute();
    await recordAudit(trx, o.source, {
      action: 'survey.dial',
      entityType: 'sample_case',
      entityId: caseId,
      region: found.countyRegion,
      after: { phoneMasked: found.phone_masked, attemptNo: attempt?.attempt_no ?? null, telephony: o.telephony.kind, purpose: { code: 'survey_call', note: null } },
    });
    return o.cipher.decrypt(found.phone_cipher);
  });
  return o.telephony.dial({ phone, caseId, interviewerId: actor.id, dialedAt: now });
}
