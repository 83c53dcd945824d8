/**
 * The script's navigation: where "go on" and "go back" lead given the answers so far, on the
 * skip logic the server also applies (src/shared/survey/interview-path.ts). The server stays the
 * judge: it refuses answers to skipped questions and a complete with required questions left.
 */
import type { TQuestionnaireDefinition } from '../../../shared/schemas/survey.ts';
import { walkQuestionnaire, type InterviewPath } from '../../../shared/survey/interview-path.ts';

/** An answer in the browser: a choice (option id, or a township's division code) or a text. */
export type LocalAnswer = { optionId: string } | { text: string };

export type PathState = InterviewPath;

/** Where the interviewer is in the script. */
export type Position = { at: 'intro' } | { at: 'question'; code: string } | { at: 'end' };

export const INTRO: Position = { at: 'intro' };
export const END: Position = { at: 'end' };

const optionOf = (a: LocalAnswer | undefined) => (a && 'optionId' in a ? a.optionId : undefined);

/**
 * The shared skip logic (the server applies the same) on the answers in the browser.
 *
 * @example
 * walkPath(definition, new Map([['S1', { optionId: 'no' }]])).screenedOut; // true
 */
export function walkPath(definition: TQuestionnaireDefinition, answers: ReadonlyMap<string, LocalAnswer>): PathState {
  return walkQuestionnaire(definition, new Map([...answers].map(([code, answer]) => [code, optionOf(answer) ?? null])));
}

/**
 * Where "go on" leads from a position: the intro leads to the first question; a question to the
 * next one on the path, or to the end after the last one or after a screening answer that ends
 * the interview.
 *
 * @example
 * nextPosition(definition, answers, { at: 'question', code: 'S1' }); // { at: 'question', code: 'S2' }
 */
export function nextPosition(definition: TQuestionnaireDefinition, answers: ReadonlyMap<string, LocalAnswer>, from: Position): Position {
  if (from.at === 'end') return END;
  const path = walkPath(definition, answers);
  if (from.at === 'intro') return path.onPath[0] ? { at: 'question', code: path.onPath[0] } : END;
  const i = path.onPath.indexOf(from.code);
  const next = i >= 0 ? path.onPath[i + 1] : undefined;
  return next ? { at: 'question', code: next } : END;
}

/**
 * Where "go back" leads: the previous question on the path (the last one from the end), the
 * intro from the first question.
 *
 * @example
 * previousPosition(definition, answers, { at: 'end' }); // { at: 'question', code: 'Q13' }
 */
export function previousPosition(definition: TQuestionnaireDefinition, answers: ReadonlyMap<string, LocalAnswer>, from: Position): Position {
  if (from.at === 'intro') return INTRO;
  const path = walkPath(definition, answers);
  if (from.at === 'end') {
    const last = path.onPath[path.onPath.length - 1];
    return last ? { at: 'question', code: last } : INTRO;
  }
  const i = path.onPath.indexOf(from.code);
  const previous = i > 0 ? path.onPath[i - 1] : undefined;
  return previous ? { at: 'question', code: previous } : INTRO;
}

/**
 * Where a reloaded interview resumes: at the question the server recorded; at the end when it
 * recorded none but has answers (null means "after the last"); at the intro before any answer.
 *
 * @example
 * resumePosition(definition, { currentQuestion: 'Q2', answers: [...] }); // { at: 'question', code: 'Q2' }
 */
export function resumePosition(definition: TQuestionnaireDefinition, interview: { currentQuestion: string | null; answers: readonly unknown[] } | null): Position {
  if (!interview) return INTRO;
  const { currentQuestion } = interview;
  if (currentQuestion && definition.questions.some((q) => q.code === currentQuestion)) return { at: 'question', code: currentQuestion };
  return interview.answers.length ? END : INTRO;
}

/**
 * The option a number key picks: digits typed within a moment of each other make one number
 * (the township question has more than nine options), otherwise each digit is its own choice.
 * Returns the 1-based choice, or null when the digits name no option.
 *
 * @example
 * pickByDigits('1', '3', 13); // 13
 * pickByDigits('1', '5', 13); // 5 (there is no 15th option)
 */
export function pickByDigits(buffer: string, digit: string, count: number): { choice: number | null; buffer: string } {
  const combined = Number(buffer + digit);
  if (buffer && combined >= 1 && combined <= count) return { choice: combined, buffer: '' };
  const single = Number(digit);
  if (single < 1 || single > count) return { choice: null, buffer: '' };
  // Keep the digit only when a second one could still extend it to an existing option.
  return { choice: single, buffer: single * 10 <= count ? digit : '' };
}
