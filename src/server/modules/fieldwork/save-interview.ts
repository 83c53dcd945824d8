/**
 * Saving answers as the interview goes (PUT, after each question or a few). Each save carries
 * the browser's submission id and the revision it started from: the same submission again is
 * answered from what was stored and records nothing; a save based on an older revision (a
 * browser reconnecting with a queue of old saves) is refused with 409 interview_stale, and the
 * workstation reloads the case: nothing saved is lost. An answer sent as `{ questionCode, clear:
 * true }` is taken back (an open answer emptied); a required one then counts as missing, which
 * only a complete (1.1) minds.
 */
import type { Kysely } from 'kysely';
import type { TInterviewState, TSaveInterviewRequest } from '../../../shared/schemas/survey-fieldwork.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, conflict } from '../../http/errors.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { loadDefinition } from '../survey/index.ts';
import { assertHolds, assertWaveInFieldwork, leaseUntil, lockCase, strataTownships } from './fieldwork-rules.ts';
import { interviewState, loadAnswers } from './get-case.ts';
import { checkAnswers, walkInterview, type StoredAnswer } from './interview-path.ts';

export interface SaveInterviewOptions {
  caseId: string;
  input: TSaveInterviewRequest;
  now: Date;
}

/**
 * Validates the answers against the case's questionnaire version (unknown question or option,
 * a township outside the wave's strata, an answer to a question the skip logic skipped: 422
 * answer_invalid), stores them and moves the revision on. A screening answer that screens out
 * sets the interview to screened_out. Only the case's holder may save; the lease is renewed.
 * No audit source: answers are not audited (the submission log keeps each save), so a read
 * context is all it needs.
 *
 * @example
 * await saveInterview({ db, actor }, { caseId, now: new Date(), input: { submissionId, baseRevision: 0, answers: [{ questionCode: 'S1', optionId: 'yes' }], currentQuestion: 'S2' } });
 */
export async function saveInterview({ db, actor }: ReadContext, { caseId, input, now }: SaveInterviewOptions): Promise<TInterviewState> {
  return db.transaction().execute(async (trx) => {
    const found = await lockCase(trx, actor, { caseId, now, holder: false, waveOpen: false });
    const definition = await loadDefinition({ db }, { versionId: found.questionnaire_version_id, via: trx });
    const replay = await trx
      .selectFrom('interview_submission as s')
      .innerJoin('interview as i', 'i.id', 's.interview_id')
      .select(['i.case_id'])
      .where('s.submission_id', '=', input.submissionId)
      .executeTakeFirst();
    if (replay) {
      // A submission id belongs to one case; reused elsewhere it is a client bug, not a replay.
      if (replay.case_id !== caseId) throw conflict('conflict');
      return currentState(trx, definition, caseId);
    }
    assertWaveInFieldwork(found.wave_status);
    assertHolds(found, actor, now);
    const interview = await trx.selectFrom('interview').selectAll().where('case_id', '=', caseId).executeTakeFirst();
    if ((interview?.revision ?? 0) !== input.baseRevision) throw conflict('interview_stale');
    if (interview && interview.status !== 'in_progress' && interview.status !== 'screened_out') throw conflict('interview_stale');

    const townships = await strataTownships(trx, found.wave_id);
    const issues = checkAnswers(definition, new Set(townships.map((t) => t.code)), input.answers);
    const codes = new Set(definition.questions.map((q) => q.code));
    if (input.currentQuestion !== null && !codes.has(input.currentQuestion)) {
      issues.push({ path: 'currentQuestion', message: `no question ${input.currentQuestion} in this questionnaire version` });
    }
    if (issues.length) throw new AppError(422, 'answer_invalid', { issues });

    const stored = interview ? await loadAnswers(trx, interview.id) : [];
    const merged = new Map<string, StoredAnswer>(stored.map((a) => [a.questionCode, a]));
    const given = input.answers.filter((a) => !('clear' in a));
    const cleared = input.answers.filter((a) => 'clear' in a).map((a) => a.questionCode);
    for (const code of cleared) merged.delete(code);
    for (const a of given) merged.set(a.questionCode, { questionCode: a.questionCode, optionId: 'optionId' in a ? a.optionId : null, text: 'text' in a ? a.text : null });
    const path = walkInterview(definition, merged);
    const skipped = new Set(path.skipped);
    // Clearing a skipped question is harmless (its answer goes anyway); answering one is not.
    const refused = input.answers.flatMap((a, i) =>
      !('clear' in a) && skipped.has(a.questionCode) ? [{ path: `answers.${i}.questionCode`, message: `${a.questionCode} is skipped by the answers given` }] : [],
    );
    if (refused.length) throw new AppError(422, 'answer_invalid', { issues: refused });

    const townshipAnswer = definition.questions.find((q) => q.kind === 'township');
    const townshipCode = townshipAnswer ? merged.get(townshipAnswer.code)?.optionId : undefined;
    const values = {
      status: path.screenedOut ? ('screened_out' as const) : ('in_progress' as const),
      current_question: input.currentQuestion,
      township_id: townships.find((t) => t.code === townshipCode)?.id ?? null,
    };
    const saved = interview
      ? await trx.updateTable('interview').set({ ...values, revision: interview.revision + 1 }).where('id', '=', interview.id).returning(['id', 'revision']).executeTakeFirstOrThrow()
      : await trx
          .insertInto('interview')
          .values({ ...values, county_code: found.county_code, wave_id: found.wave_id, case_id: caseId, interviewer_id: actor.id, started_at: now, revision: 1 })
          .returning(['id', 'revision'])
          .executeTakeFirstOrThrow();
    // An earlier answer changed so that later ones are no longer on the respondent's path: they
    // no longer apply (the statistics read only answers on the path).
    const offPath = stored.filter((a) => skipped.has(a.questionCode)).map((a) => a.questionCode);
    const gone = [...new Set([...offPath, ...cleared])];
    if (gone.length) await trx.deleteFrom('interview_answer').where('interview_id', '=', saved.id).where('question_code', 'in', gone).execute();
    if (given.length) {
      await trx
        .insertInto('interview_answer')
        .values(given.map((a) => ({ interview_id: saved.id, question_code: a.questionCode, option_id: 'optionId' in a ? a.optionId : null, text: 'text' in a ? a.text : null, answered_at: now })))
        .onConflict((oc) =>
          oc.columns(['interview_id', 'question_code']).doUpdateSet((eb) => ({ option_id: eb.ref('excluded.option_id'), text: eb.ref('excluded.text'), answered_at: eb.ref('excluded.answered_at') })),
        )
        .execute();
    }
    await trx.insertInto('interview_submission').values({ submission_id: input.submissionId, interview_id: saved.id, revision: saved.revision, created_at: now }).execute();
    await trx.updateTable('sample_case').set({ lease_expires_at: leaseUntil(now) }).where('id', '=', caseId).execute();
    return currentState(trx, definition, caseId);
  });
}

async function currentState(db: Kysely<DB>, definition: Parameters<typeof interviewState>[0], caseId: string) {
  const interview = await db.selectFrom('interview').select(['id', 'status', 'current_question', 'revision', 'duration_seconds']).where('case_id', '=', caseId).executeTakeFirstOrThrow();
  return interviewState(definition, interview, await loadAnswers(db, interview.id));
}
