/**
 * Scoring satisfaction answers. The answer scale of each question is configuration (options,
 * their scores, which ones leave the base, which count as satisfied or dissatisfied); nothing
 * here knows what 满意 is worth.
 */

export interface AnswerOption {
  id: string;
  /** Score of the answer (e.g. 100 / 60 / 0); null only for options excluded from the base. */
  score: number | null;
  /** 不了解 / 说不清: the answer does not count in the base of the index or the rates. */
  excludedFromBase?: boolean;
  /** Counts toward the satisfaction rate (满意 + 基本满意). */
  satisfied?: boolean;
  /** Counts toward the dissatisfaction rate (不满意, 很不满意). */
  dissatisfied?: boolean;
}

export interface AnswerScale {
  options: readonly AnswerOption[];
}

/** A respondent's answer: an option id, or null/undefined when the question was not answered. */
export type Answer = string | null | undefined;

export interface QuestionSummary {
  /** Valid base: answers that count (not excluded, not missing). */
  n: number;
  /** Answers excluded from the base (don't know). */
  excluded: number;
  /** Questions left unanswered. */
  missing: number;
  /** Mean score over the valid base; null when n = 0. */
  index: number | null;
  satisfied: number;
  dissatisfied: number;
  /** satisfied / n; null when n = 0. */
  satisfactionRate: number | null;
  /** dissatisfied / n; null when n = 0. */
  dissatisfactionRate: number | null;
  /** Answers per option id, every option listed (0 when nobody chose it). */
  counts: Record<string, number>;
  /** Each respondent's score in input order; null when excluded or missing. */
  scores: (number | null)[];
}

/**
 * Checks a scale: unique ids, a finite score for every option in the base, and no excluded option
 * counted as satisfied or dissatisfied. Throws a RangeError naming the problem.
 *
 * @example
 * validateScale({ options: [{ id: 'a', score: 100 }, { id: 'a', score: 0 }] }); // throws RangeError: duplicate option id a
 */
export function validateScale(scale: AnswerScale): void {
  if (scale.options.length === 0) throw new RangeError('a scale needs at least one option');
  const ids = new Set<string>();
  for (const option of scale.options) {
    if (ids.has(option.id)) throw new RangeError(`duplicate option id ${option.id}`);
    ids.add(option.id);
    if (option.excludedFromBase) {
      if (option.satisfied || option.dissatisfied) {
        throw new RangeError(`option ${option.id} is excluded from the base and cannot count as satisfied or dissatisfied`);
      }
    } else if (option.score === null || !Number.isFinite(option.score)) {
      throw new RangeError(`option ${option.id} is in the base and needs a finite score`);
    }
    if (option.satisfied && option.dissatisfied) throw new RangeError(`option ${option.id} cannot be both satisfied and dissatisfied`);
  }
}

function optionMap(scale: AnswerScale): Map<string, AnswerOption> {
  validateScale(scale);
  return new Map(scale.options.map((option) => [option.id, option]));
}

function lookup(options: Map<string, AnswerOption>, answer: string): AnswerOption {
  const option = options.get(answer);
  if (!option) throw new RangeError(`answer ${answer} is not an option of the scale`);
  return option;
}

/**
 * One answer's score: the option's score, or null when it is excluded from the base or missing.
 *
 * @example
 * scoreAnswer({ scale: { options: [{ id: 'satisfied', score: 100 }, { id: 'dk', score: null, excludedFromBase: true }] }, answer: 'satisfied' });
 * // => 100
 * scoreAnswer({ scale: { options: [{ id: 'satisfied', score: 100 }, { id: 'dk', score: null, excludedFromBase: true }] }, answer: 'dk' });
 * // => null
 */
export function scoreAnswer(options: { scale: AnswerScale; answer: Answer }): number | null {
  const { scale, answer } = options;
  if (answer === null || answer === undefined) return null;
  const option = lookup(optionMap(scale), answer);
  return option.excludedFromBase ? null : option.score;
}

/**
 * Summarizes one question's answers: per-respondent scores, the index (mean score over the valid
 * base), satisfaction and dissatisfaction rates, and the base n they rest on.
 *
 * @example
 * summarizeAnswers({
 *   scale: { options: [
 *     { id: '满意', score: 100, satisfied: true },
 *     { id: '基本满意', score: 60, satisfied: true },
 *     { id: '不满意', score: 0, dissatisfied: true },
 *     { id: '不了解', score: null, excludedFromBase: true },
 *   ] },
 *   answers: ['满意', '满意', '基本满意', '不满意', '不了解', null],
 * });
 * // => { n: 4, excluded: 1, missing: 1, index: 65, satisfactionRate: 0.75, dissatisfactionRate: 0.25 }
 */
export function summarizeAnswers(options: { scale: AnswerScale; answers: readonly Answer[] }): QuestionSummary {
  const { scale, answers } = options;
  const byId = optionMap(scale);
  const counts: Record<string, number> = Object.fromEntries(scale.options.map((option) => [option.id, 0]));
  let excluded = 0;
  let missing = 0;
  let satisfied = 0;
  let dissatisfied = 0;
  let total = 0;
  const scores = answers.map((answer) => {
    if (answer === null || answer === undefined) {
      missing++;
      return null;
    }
    const option = lookup(byId, answer);
    counts[option.id] = (counts[option.id] ?? 0) + 1;
    if (option.excludedFromBase || option.score === null) {
      excluded++;
      return null;
    }
    if (option.satisfied) satisfied++;
    if (option.dissatisfied) dissatisfied++;
    total += option.score;
    return option.score;
  });
  const n = answers.length - excluded - missing;
  return {
    n,
    excluded,
    missing,
    index: n === 0 ? null : total / n,
    satisfied,
    dissatisfied,
    satisfactionRate: n === 0 ? null : satisfied / n,
    dissatisfactionRate: n === 0 ? null : dissatisfied / n,
    counts,
    scores,
  };
}

/**
 * A respondent's composite score over several questions (e.g. Q1–Q9, each with its own scale):
 * the mean of the scores that count. Null when fewer than `minValid` (default 1) answers count,
 * so a respondent who said "don't know" to everything is left out rather than scored 0.
 *
 * @example
 * respondentIndex({ items: [
 *   { scale: { options: [{ id: 'y', score: 100 }, { id: 'n', score: 0 }, { id: 'dk', score: null, excludedFromBase: true }] }, answer: 'y' },
 *   { scale: { options: [{ id: 'y', score: 100 }, { id: 'n', score: 0 }, { id: 'dk', score: null, excludedFromBase: true }] }, answer: 'n' },
 *   { scale: { options: [{ id: 'y', score: 100 }, { id: 'n', score: 0 }, { id: 'dk', score: null, excludedFromBase: true }] }, answer: 'dk' },
 * ] });
 * // => 50
 */
export function respondentIndex(options: { items: readonly { scale: AnswerScale; answer: Answer }[]; minValid?: number }): number | null {
  const { items, minValid = 1 } = options;
  if (!Number.isInteger(minValid) || minValid < 1) throw new RangeError(`minValid must be an integer ≥ 1, got ${minValid}`);
  const valid = items.map((item) => scoreAnswer(item)).filter((score): score is number => score !== null);
  if (valid.length < minValid) return null;
  return valid.reduce((sum, score) => sum + score, 0) / valid.length;
}
