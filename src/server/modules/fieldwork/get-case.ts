/**
 * The case view of the interviewer workstation: the masked number, its township, the attempt
 * of the maximum, earlier attempts, the appointment, the questionnaire script with the wave's
 * townships, and the interview so far so that a partial interview resumes where it stopped.
 */
import type { Kysely } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { TFieldworkCase, TInterviewState } from '../../../shared/schemas/survey-fieldwork.ts';
import type { TQuestionnaireDefinition } from '../../../shared/schemas/survey.ts';
import { iso } from '../../../shared/time.ts';
import type { DB } from '../../db/schema.ts';
import { findDisposition } from '../../stats/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { loadDefinition } from '../survey/index.ts';
import { assertHolder, caseQueue, strataTownships } from './fieldwork-rules.ts';
import { walkInterview, type StoredAnswer } from './interview-path.ts';

export interface GetCaseOptions {
  caseId: string;
  now: Date;
}

/**
 * The case the actor holds; 409 case_not_yours when they do not (any more).
 *
 * @example
 * const view = await getCase({ db, actor }, { caseId, now: new Date() });
 */
export async function getCase(ctx: ReadContext, { caseId, now }: GetCaseOptions): Promise<TFieldworkCase> {
  await assertHolder(ctx, { caseId, now });
  return buildCaseView(ctx.db, caseId);
}

/** The interview state the workstation resumes from, with the skip logic applied to its answers. */
export function interviewState(
  definition: TQuestionnaireDefinition,
  interview: { id: string; status: TInterviewState['status']; current_question: string | null; revision: number; duration_seconds: number },
  answers: readonly StoredAnswer[],
): TInterviewState {
  const path = walkInterview(definition, new Map(answers.map((a) => [a.questionCode, a])));
  const order = new Map(definition.questions.map((q, i) => [q.code, i]));
  return {
    id: interview.id,
    status: interview.status,
    currentQuestion: interview.current_question,
    revision: interview.revision,
    answers: [...answers].sort((a, b) => (order.get(a.questionCode) ?? 0) - (order.get(b.questionCode) ?? 0)),
    skipped: path.skipped,
    missing: path.missing,
    durationSeconds: interview.duration_seconds,
  };
}

/** The stored answers of an interview. */
export async function loadAnswers(db: Kysely<DB>, interviewId: string): Promise<StoredAnswer[]> {
  return db
    .selectFrom('interview_answer')
    .select(['question_code as questionCode', 'option_id as optionId', 'text'])
    .where('interview_id', '=', interviewId)
    .execute();
}

/** Builds the view of a case (no access check: callers have checked the holder). */
export async function buildCaseView(db: Kysely<DB>, caseId: string): Promise<TFieldworkCase> {
  const c = await db
    .selectFrom('sample_case as c')
    .innerJoin('survey_wave as w', 'w.id', 'c.wave_id')
    .innerJoin('region as t', 't.id', 'c.township_id')
    .leftJoin('app_user as u', 'u.id', 'c.appointment_with')
    .select((eb) => [
      'c.id',
      'c.wave_id',
      'c.phone_masked',
      'c.phone_kind',
      'c.attempts',
      'c.last_disposition',
      'c.appointment_at',
      'c.next_call_at',
      'c.lease_expires_at',
      'w.name as wave_name',
      'w.max_attempts',
      'w.questionnaire_version_id',
      't.code as township_code',
      't.name as township_name',
      't.name_en as township_name_en',
      'u.display_name as appointment_with_name',
      // Attempts, the interview and its answers come along in the same round trip: this view is
      // built on every "next case", the busiest call of the workstation.
      jsonArrayFrom(
        eb
          .selectFrom('call_attempt as a')
          .innerJoin('app_user as au', 'au.id', 'a.interviewer_id')
          .select(['a.attempt_no', 'a.assigned_at', 'a.dialed_at', 'a.ended_at', 'a.disposition', 'a.note', 'au.display_name'])
          .whereRef('a.case_id', '=', 'c.id')
          .orderBy('a.attempt_no'),
      ).as('attempt_rows'),
      jsonObjectFrom(
        eb
          .selectFrom('interview as i')
          .select((ib) => [
            'i.id',
            'i.status',
            'i.current_question',
            'i.revision',
            'i.duration_seconds',
            jsonArrayFrom(ib.selectFrom('interview_answer as x').select(['x.question_code as questionCode', 'x.option_id as optionId', 'x.text']).whereRef('x.interview_id', '=', 'i.id')).as('answers'),
          ])
          .whereRef('i.case_id', '=', 'c.id'),
      ).as('interview'),
    ])
    .where('c.id', '=', caseId)
    .executeTakeFirstOrThrow();
  const [townships, definition] = await Promise.all([strataTownships(db, c.wave_id), loadDefinition({ db }, { versionId: c.questionnaire_version_id })]);
  const attempts = c.attempt_rows;
  // int8 ids come back as numbers inside JSON; the API speaks strings.
  const interview = c.interview ? { ...c.interview, id: String(c.interview.id) } : null;
  const current = attempts.find((a) => a.ended_at === null);
  return {
    id: c.id,
    wave: { id: c.wave_id, name: c.wave_name, maxAttempts: c.max_attempts },
    phoneMasked: c.phone_masked,
    phoneKind: c.phone_kind,
    township: { code: c.township_code, name: c.township_name, nameEn: c.township_name_en },
    attemptNo: c.attempts + 1,
    maxAttempts: c.max_attempts,
    leaseExpiresAt: iso(c.lease_expires_at) ?? new Date(0).toISOString(),
    dialedAt: iso(current?.dialed_at ?? null),
    reason: caseQueue(c),
    appointment: c.appointment_at ? { at: c.appointment_at.toISOString(), withInterviewer: c.appointment_with_name } : null,
    lastDisposition: c.last_disposition,
    previousAttempts: attempts
      .filter((a) => a.ended_at !== null)
      .map((a) => {
        const disposition = a.disposition ? findDisposition(a.disposition) : undefined;
        return {
          attemptNo: a.attempt_no,
          interviewer: a.display_name,
          assignedAt: iso(a.assigned_at)!,
          dialedAt: iso(a.dialed_at),
          endedAt: iso(a.ended_at),
          disposition: a.disposition ? { code: a.disposition, label: { 'zh-CN': disposition?.zh ?? a.disposition, en: disposition?.en ?? a.disposition } } : null,
          note: a.note,
        };
      }),
    questionnaire: { versionId: c.questionnaire_version_id, definition, townships: townships.map((t) => ({ code: t.code, name: t.name, nameEn: t.name_en })) },
    interview: interview ? interviewState(definition, interview, interview.answers) : null,
  };
}
