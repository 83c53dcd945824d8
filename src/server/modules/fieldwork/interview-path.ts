/**
 * The skip logic of a questionnaire, applied to the answers of one interview: which questions
 * are on the respondent's path, which were skipped, whether a screening answer ended the
 * interview, and which required questions are still unanswered. Pure functions, shared by the
 * answer save (refuse answers to skipped questions), the disposition (a complete needs nothing
 * missing) and the case view.
 */
import type { TQuestion, TQuestionnaireDefinition } from '../../../shared/schemas/survey.ts';
import type { ProblemIssue } from '../../http/errors.ts';

export interface StoredAnswer {
  questionCode: string;
  optionId: string | null;
  text: string | null;
}

export interface InterviewPath {
  /** Codes of the questions on the path, in order (up to the screening answer that ended it). */
  onPath: string[];
  /** Codes skipped by a skipTo or left after a screen-out. */
  skipped: string[];
  /** A screening answer ended the interview (not eligible). */
  screenedOut: boolean;
  /** Required questions on the path without an answer. */
  missing: string[];
}

/**
 * Walks the questions in order, following each answered option's skipTo and stopping at an
 * option that screens out.
 *
 * @example
 * walkInterview(STANDARD_QUESTIONNAIRE, new Map([['S1', { questionCode: 'S1', optionId: 'no', text: null }]]));
 * // => { onPath: ['S1'], screenedOut: true, missing: [], skipped: ['S2', 'S3', …] }
 */
export function walkInterview(definition: TQuestionnaireDefinition, answers: ReadonlyMap<string, StoredAnswer>): InterviewPath {
  const index = new Map(definition.questions.map((q, i) => [q.code, i]));
  const onPath: string[] = [];
  const missing: string[] = [];
  let screenedOut = false;
  let i = 0;
  while (i < definition.questions.length) {
    const question = definition.questions[i]!;
    onPath.push(question.code);
    const answer = answers.get(question.code);
    if (!answer) {
      if (question.required) missing.push(question.code);
      i++;
      continue;
    }
    const option = question.kind === 'single' ? question.options.find((o) => o.id === answer.optionId) : undefined;
    if (option?.screensOut) {
      screenedOut = true;
      break;
    }
    // validateQuestionnaire guarantees skips go forward to an existing question; a defensive
    // fallback keeps a broken definition from looping.
    const target = option?.skipTo === undefined ? undefined : index.get(option.skipTo);
    i = target !== undefined && target > i ? target : i + 1;
  }
  const path = new Set(onPath);
  return { onPath, skipped: definition.questions.filter((q) => !path.has(q.code)).map((q) => q.code), screenedOut, missing };
}

/**
 * Checks answers against the version: the question exists, a choice is one of its options (the
 * township question: one of the wave's strata), an open question gets text. Returns problems
 * with paths into the request (`answers.2.optionId`).
 *
 * @example
 * checkAnswers(definition, new Set(['370921104']), [{ questionCode: 'Q1', optionId: 'very' }]);
 * // => [{ path: 'answers.0.optionId', message: 'Q1 has no option very' }]
 */
export function checkAnswers(
  definition: TQuestionnaireDefinition,
  townshipCodes: ReadonlySet<string>,
  answers: readonly ({ questionCode: string; optionId: string } | { questionCode: string; text: string })[],
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
