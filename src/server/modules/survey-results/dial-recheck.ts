/**
 * The re-check call of quality control (复核电话): a supervisor calls back a respondent whose
 * interview was drawn for a re-check, to confirm the interview took place. The number leaves the
 * server only here, through the same telephony adapter as the workstation's dial, and each dial
 * is audited with the masked number only. The re-check list itself never shows a phone.
 */
import type { TDialResponse } from '../../../shared/schemas/survey-fieldwork.ts';
import { conflict, notFound } from '../../http/errors.ts';
import type { FieldCipher } from '../../security/field-cipher.ts';
import type { Telephony } from '../../telephony/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { findWaveToSupervise, waveRegion } from './find-report-wave.ts';

export interface DialRecheckOptions {
  interviewId: string;
  /** The adapter that places the call (a tel: link today). */
  telephony: Telephony;
  now: Date;
}

/**
 * Dials the respondent of an interview in the re-check sample. 404 outside the supervisor's
 * county (or no such interview); 409 recheck_not_drawn when the interview is not in the sample.
 * Any wave status: re-checks usually happen after fieldwork has closed.
 *
 * @example
 * const { uri } = await dialRecheck({ db, actor, source, cipher }, { interviewId: '77', telephony: telLinkTelephony, now: new Date() });
 */
export async function dialRecheck({ db, actor, source, cipher }: WriteContext & { cipher: FieldCipher }, o: DialRecheckOptions): Promise<TDialResponse> {
  const { now } = o;
  const interview = await db
    .selectFrom('interview as i')
    .innerJoin('sample_case as c', 'c.id', 'i.case_id')
    .select(['i.id', 'i.wave_id', 'i.case_id', 'i.recheck', 'i.recheck_result', 'c.phone_cipher', 'c.phone_masked'])
    .where('i.id', '=', o.interviewId)
    .executeTakeFirst();
  if (!interview) throw notFound();
  const wave = await findWaveToSupervise(db, actor, interview.wave_id);
  if (!interview.recheck) throw conflict('recheck_not_drawn');
  await db.transaction().execute(async (trx) => {
    await recordAudit({ db: trx, source }, {
      action: 'survey.recheck_dial',
      entityType: 'interview',
      entityId: interview.id,
      region: waveRegion(wave),
      after: { phoneMasked: interview.phone_masked, caseId: interview.case_id, resultSoFar: interview.recheck_result, telephony: o.telephony.kind, purpose: { code: 'survey_recheck', note: null } },
    });
  });
  // Decrypted only once the dial is on record.
  return o.telephony.dial({ phone: cipher.decrypt(interview.phone_cipher), caseId: interview.case_id, interviewerId: actor.id, dialedAt: now });
}
