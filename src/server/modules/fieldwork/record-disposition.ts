/**
 * Recording the outcome of an attempt (访问结果): an AAPOR final or temporary disposition. It
 * ends the attempt, adds its talk time to the interview, schedules the next attempt (the
 * disposition's default delay, a callback time or an appointment) or closes the number, and
 * releases the case. The same submission id again is answered from what was stored.
 */
import type { Kysely } from 'kysely';
import { jsonObjectFrom } from 'kysely/helpers/postgres';
import type { TDispositionResult, TRecordDispositionRequest } from '../../../shared/schemas/survey-fieldwork.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, conflict } from '../../http/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { findDisposition, type Disposition, type RetryDelay } from '../../stats/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { loadDefinition } from '../survey/index.ts';
import { assertHolds, assertWaveInFieldwork, lockCase, minutesAfter, unprocessableIssue } from './fieldwork-rules.ts';
import { loadAnswers } from './get-case.ts';
import { walkInterview } from './interview-path.ts';

export interface RecordDispositionOptions {
  caseId: string;
  input: TRecordDispositionRequest;
  now: Date;
}

type InterviewStatus = NonNullable<TDispositionResult['interviewStatus']>;

/**
 * Minutes until the next attempt after a temporary outcome: within the disposition's window,
 * spread by case and attempt so that a batch of "no answer" numbers does not come back at the
 * same minute (and the same case tries another time of day next time).
 *
 * @example
 * retryMinutes({ kind: 'after', minMinutes: 60, maxMinutes: 120 }, '42', 1); // between 60 and 120
 */
export function retryMinutes(retry: Extract<RetryDelay, { kind: 'after' }>, caseId: string, attempts: number): number {
  const span = retry.maxMinutes - retry.minMinutes;
  if (span <= 0) return retry.minMinutes;
  return retry.minMinutes + ((Number(BigInt(caseId) % 9973n) * 7919 + attempts * 104_729) % (span + 1));
}

/** What the interview becomes with a final outcome of the number. */
function interviewStatusAfter(finalCode: string, disposition: Disposition, current: InterviewStatus): InterviewStatus {
  if (finalCode === '1.1') return 'complete';
  if (finalCode === '1.2') return 'partial';
  if (current === 'screened_out' || disposition.group === 'NE') return current === 'in_progress' ? 'screened_out' : current;
  return 'broken_off';
}

/**
 * Records a disposition for the case the actor holds. '1.1' needs every required question on
 * the skip path answered (422 interview_incomplete listing the missing ones); scheduled
 * temporary codes need an appointment time; a temporary code on the last allowed attempt
 * becomes its final code. Every outcome but "not attempted" (3.11) says a call was made and
 * needs the attempt dialled first: 409 not_dialled. Closed wave: 409 wave_closed; not the
 * holder: 409 case_not_yours.
 *
 * @example
 * await recordDisposition({ db, actor, source }, { caseId, now: new Date(), input: { submissionId, code: 'T3.13' } });
 */
export async function recordDisposition(ctx: WriteContext, { caseId, input, now }: RecordDispositionOptions): Promise<TDispositionResult> {
  const { db, actor } = ctx;
  return db.transaction().execute(async (trx) => {
    const found = await lockCase(trx, actor, { caseId, now, holder: false, waveOpen: false });
    // The replayed submission, if it is one, and the interview, in one round trip.
    const known = await trx
      .selectNoFrom((eb) => [
        eb.selectFrom('call_attempt').select('case_id').where('submission_id', '=', input.submissionId).as('replay_case'),
        eb.selectFrom('call_attempt').select('disposition').where('submission_id', '=', input.submissionId).as('replay_code'),
        jsonObjectFrom(eb.selectFrom('interview').select(['id', 'status', 'duration_seconds']).where('case_id', '=', caseId)).as('interview'),
      ])
      .executeTakeFirstOrThrow();
    if (known.replay_case !== null) {
      if (String(known.replay_case) !== caseId) throw conflict('conflict');
      return result(trx, caseId, known.replay_code ?? input.code);
    }
    assertWaveInFieldwork(found.wave_status);
    assertHolds(found, actor, now);

    const disposition = findDisposition(input.code);
    if (!disposition) throw unprocessableIssue('disposition_invalid', 'code', `${input.code} is not a disposition in use`);
    if (disposition.final && (input.appointmentAt || input.callbackAt)) {
      throw unprocessableIssue('disposition_invalid', input.appointmentAt ? 'appointmentAt' : 'callbackAt', 'a final outcome is not called again');
    }
    // An outcome that says a call was made needs this attempt's dial on record: without it the
    // rates would count calls nobody placed. Handing the case back needs no dial.
    if (disposition.needsDial) {
      const current = await trx
        .selectFrom('call_attempt')
        .select('dialed_at')
        .where('case_id', '=', caseId)
        .where('ended_at', 'is', null)
        .orderBy('attempt_no', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!current?.dialed_at) throw conflict('not_dialled');
    }
    const appointmentAt = input.appointmentAt ? new Date(input.appointmentAt) : null;
    const callbackAt = input.callbackAt ? new Date(input.callbackAt) : null;
    if (disposition.retry?.kind === 'scheduled' && !appointmentAt) throw unprocessableIssue('disposition_invalid', 'appointmentAt', `${input.code} needs the appointment time`);
    for (const [field, at] of [['appointmentAt', appointmentAt], ['callbackAt', callbackAt]] as const) {
      if (at && at.getTime() <= now.getTime()) throw unprocessableIssue('disposition_invalid', field, 'must be in the future');
    }

    const interview = known.interview ? { ...known.interview, id: String(known.interview.id) } : null;
    const attempts = found.attempts + 1;
    const finalCode = disposition.final ? disposition.code : attempts >= found.max_attempts ? disposition.finalCode : null;
    if (finalCode === '1.1' || finalCode === '1.2') {
      if (!interview) throw unprocessableIssue('interview_incomplete', 'code', 'no answers have been recorded');
      const path = walkInterview(await loadDefinition({ db }, { versionId: found.questionnaire_version_id, via: trx }), new Map((await loadAnswers(trx, interview.id)).map((a) => [a.questionCode, a])));
      if (finalCode === '1.1' && path.screenedOut) throw unprocessableIssue('interview_incomplete', 'code', 'the respondent was screened out: record 4.70');
      if (finalCode === '1.1' && path.missing.length) throw new AppError(422, 'interview_incomplete', { issues: path.missing.map((code) => ({ path: code, message: 'required, not answered' })) });
    }

    let nextCallAt: Date | null = null;
    if (!finalCode && disposition.retry) {
      nextCallAt = appointmentAt ?? callbackAt ?? minutesAfter(now, disposition.retry.kind === 'after' ? retryMinutes(disposition.retry, caseId, attempts) : 0);
    }
    await trx
      .updateTable('sample_case')
      .set({
        attempts,
        last_disposition: disposition.code,
        final_disposition: finalCode,
        finalized_at: finalCode ? now : null,
        next_call_at: nextCallAt,
        appointment_at: finalCode ? null : appointmentAt,
        appointment_with: finalCode || !appointmentAt ? null : actor.id,
        assigned_to: null,
        assigned_at: null,
        lease_expires_at: null,
      })
      .where('id', '=', caseId)
      .execute();

    // The attempt opened at the claim; a supervisor's release may have closed it, so open one
    // here rather than lose the outcome.
    const ended = { ended_at: now, disposition: disposition.code, note: input.note ?? '', submission_id: input.submissionId };
    const open = await trx
      .updateTable('call_attempt')
      .set(ended)
      .where('id', '=', (eb) => eb.selectFrom('call_attempt').select('id').where('case_id', '=', caseId).where('ended_at', 'is', null).orderBy('attempt_no', 'desc').limit(1))
      .returning(['assigned_at', 'dialed_at'])
      .executeTakeFirst();
    if (!open) {
      const last = await trx.selectFrom('call_attempt').select((eb) => eb.fn.max('attempt_no').as('n')).where('case_id', '=', caseId).executeTakeFirstOrThrow();
      await trx
        .insertInto('call_attempt')
        .values({ county_code: found.county_code, wave_id: found.wave_id, case_id: caseId, interviewer_id: actor.id, attempt_no: Number(last.n ?? 0) + 1, assigned_at: now, ...ended })
        .execute();
    }
    let interviewStatus: InterviewStatus | null = null;
    if (interview) {
      // Talk time: from the dial (or the claim, for the one outcome that needs no dial) to now.
      const from = open ? new Date(open.dialed_at ?? open.assigned_at) : now;
      const seconds = Math.max(0, Math.round((now.getTime() - from.getTime()) / 1000));
      const status = finalCode ? interviewStatusAfter(finalCode, disposition, interview.status) : interview.status;
      interviewStatus = status;
      await trx
        .updateTable('interview')
        .set({ duration_seconds: interview.duration_seconds + seconds, status, completed_at: status === 'complete' || status === 'partial' ? now : null })
        .where('id', '=', interview.id)
        .execute();
    }
    await recordAudit({ db: trx, source: ctx.source }, {
      action: 'survey.disposition',
      entityType: 'sample_case',
      entityId: caseId,
      region: found.countyRegion,
      before: { attempts: found.attempts, lastDisposition: found.last_disposition },
      after: { code: disposition.code, finalDisposition: finalCode, attempts, nextCallAt, appointmentAt, phoneMasked: found.phone_masked },
    });
    return {
      caseId,
      code: disposition.code,
      finalDisposition: finalCode,
      attempts,
      nextCallAt: nextCallAt?.toISOString() ?? null,
      appointmentAt: finalCode ? null : (appointmentAt?.toISOString() ?? null),
      interviewStatus,
    };
  });
}

/** The answer to a replayed submission, from what is stored. */
async function result(db: Kysely<DB>, caseId: string, code: string): Promise<TDispositionResult> {
  const c = await db
    .selectFrom('sample_case as c')
    .leftJoin('interview as i', 'i.case_id', 'c.id')
    .select(['c.id', 'c.final_disposition', 'c.attempts', 'c.next_call_at', 'c.appointment_at', 'i.status'])
    .where('c.id', '=', caseId)
    .executeTakeFirstOrThrow();
  return {
    caseId: c.id,
    code,
    finalDisposition: c.final_disposition,
    attempts: c.attempts,
    nextCallAt: c.next_call_at?.toISOString() ?? null,
    appointmentAt: c.appointment_at?.toISOString() ?? null,
    interviewStatus: c.status,
  };
}
