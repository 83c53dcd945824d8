/**
 * The skip logic of a questionnaire, applied to the answers of one interview: which questions
 * are on the respondent's path, which were skipped, whether a screening answer ended the
 * interview, and which required questions are still unanswered. Pure functions, shared by the
 * answer save (refuse answers to skipped questions), the disposition (a complete needs nothing
 * missing) and the case view.
 */
import type { TQuestion, TQuestionnaireDefinition } from '../../../shared/schemas/survey.ts';
import type { ProblemIssue } from '../../http/errors.ts';
import { walkQuestionnaire, type InterviewPath } from '../../../shared/survey/interview-path.ts';

export interface StoredAnswer {
  questionCode: string;
  optionId: string | null;
  text: string | null;
}

export type { InterviewPath };

/**
 * The skip logic (shared with the workstation) applied to stored answers.
 *
 * @example
 * walkInterview(STANDARD_QUESTIONNAIRE, new Map([['S1', { questionCode: 'S1', optionId: 'no', text: null }]])).screenedOut; // true
 */
export function walkInterview(definition: TQuestionnaireDefinition, answers: ReadonlyMap<string, StoredAnswer>): InterviewPath {
  return walkQuestionnaire(definition, new Map([...answers].map(([code, answer]) => [code, answer.optionId])));
}

/**
 * Checks answers against the version: the question exists, a choice is one of its options (the
 * township question: one of the wave's strata), an open question gets text; a clear needs only
 * the question to exist. Returns problems with paths into the request (`answers.2.optionId`).
 *
 * @example
 * checkAnswers(definition, new Set(['370921104']), [{ questionCode: 'Q1', optionId: 'very' }]);
 * // => [{ path: 'answers.0.optionId', message: 'Q1 has no option very' }]
 */
export function checkAnswers(
  definition: TQuestionnaireDefinition,
  townshipCodes: ReadonlySet<string>,
  answers: readonly ({ questionCode: string; optionId: string } | { questionCode: string; text: string } | { questionCode: string; clear: true })[],
): ProblemIssue[] {
  const byCode = new Map<string, TQuestion>(definition.questions.map((q) => [q.code, q]));
  const issues: ProblemIssue[] = [];
  const seen = new Set<string>();
  answers.forEach((answer, i) => {
    const at = `answers.${i}`;
    const question = byCode.get(answer.questionCode);
    if (!question) {
      issues.push({ path: `${at}.questionCode`, message: `no question ${answer.questionCode} in this questionnaire version` });
      return;
    }
    if (seen.has(question.code)) issues.push({ path: `${at}.questionCode`, message: `${question.code} is answered twice` });
    seen.add(question.code);
    if ('clear' in answer) return;
    if (question.kind === 'open') {
      if (!('text' in answer)) issues.push({ path: `${at}.text`, message: `${question.code} is an open question: answer with text` });
      return;
    }
    if (!('optionId' in answer)) {
      issues.push({ path: `${at}.optionId`, message: `${question.code} is a choice question: answer with optionId` });
      return;
    }
    const valid = question.kind === 'township' ? townshipCodes.has(answer.optionId) : question.options.some((o) => o.id === answer.optionId);
    if (!valid) {
      const what = question.kind === 'township' ? 'is not a township of this wave' : `is not an option of ${question.code}`;
      issues.push({ path: `${at}.optionId`, message: `${answer.optionId} ${what}` });
    }
  });
  return issues;
}
