/**
 * The skip logic of a questionnaire applied to one interview's answers: which questions are on
 * the respondent's path, which were skipped, whether a screening answer ended the interview and
 * which required questions are still unanswered. Shared by the server (which refuses answers to
 * skipped questions and a complete with questions missing) and the workstation's script.
 */
import type { TQuestionnaireDefinition } from '../schemas/survey.ts';

/** The answers so far: question code → the chosen option id, or null for an open (text) answer. */
export type AnsweredChoices = ReadonlyMap<string, string | null>;

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
 * walkQuestionnaire(STANDARD_QUESTIONNAIRE, new Map([['S1', 'no']]));
 * // => { onPath: ['S1'], screenedOut: true, missing: [], skipped: ['S2', 'S3', …] }
 */
export function walkQuestionnaire(definition: TQuestionnaireDefinition, answers: AnsweredChoices): InterviewPath {
  const index = new Map(definition.questions.map((q, i) => [q.code, i]));
  const onPath: string[] = [];
  const missing: string[] = [];
  let screenedOut = false;
  let i = 0;
  while (i < definition.questions.length) {
    const question = definition.questions[i]!;
    onPath.push(question.code);
    if (!answers.has(question.code)) {
      if (question.required) missing.push(question.code);
      i++;
      continue;
    }
    const option = question.kind === 'single' ? question.options.find((o) => o.id === answers.get(question.code)) : undefined;
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

