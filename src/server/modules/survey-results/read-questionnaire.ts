import type { TBilingual, TQuestion, TQuestionnaireDefinition } from '../../../shared/schemas/survey.ts';
import type { AnswerScale } from '../../stats/index.ts';

/** A choice question as the results need it: its code, wording and answer scale (scores are configuration). */
export interface ScoredQuestion {
  code: string;
  text: TBilingual;
  domain?: TQuestion['domain'];
  policy?: TBilingual;
  scale: AnswerScale;
}

/** The questions of a frozen questionnaire version that the results and quality control read, by role. */
export interface ResultsQuestionnaire {
  /** Overall satisfaction (Q1); null when the version has none. */
  overall: ScoredQuestion | null;
  /** The domain questions (Q2–Q9), in questionnaire order. */
  domains: ScoredQuestion[];
  /** Policy awareness (Q10a…): "heard of it" is the option marked satisfied. */
  awareness: ScoredQuestion[];
  /** "Has a cadre visited you" (Q11): "yes" is the option marked satisfied. */
  visited: ScoredQuestion | null;
  /** Codes of every scored question: the only answers results ever load (never open text). */
  codes: string[];
  /** The lowest and highest score of the overall and domain scales: an index's interval stays inside. */
  scoreRange: { min: number; max: number };
}

const scored = (q: TQuestion): ScoredQuestion => ({
  code: q.code,
  text: q.text,
  ...(q.domain ? { domain: q.domain } : {}),
  ...(q.policy ? { policy: q.policy } : {}),
  scale: {
    options: q.options.map((o) => ({ id: o.id, score: o.score, excludedFromBase: o.excludedFromBase, satisfied: o.satisfied, dissatisfied: o.dissatisfied })),
  },
});

/**
 * Reads the scored questions of a definition by their role, so that scales and scores come from
 * the wave's frozen version and never from code.
 *
 * @example
 * resultsQuestionnaire(STANDARD_QUESTIONNAIRE).domains.map((q) => q.code); // => ['Q2', …, 'Q9']
 */
export function resultsQuestionnaire(definition: TQuestionnaireDefinition): ResultsQuestionnaire {
  const choice = definition.questions.filter((q) => q.kind === 'single' && q.options.length > 0);
  const overallQuestion = choice.find((q) => q.role === 'overall');
  const overall = overallQuestion ? scored(overallQuestion) : null;
  const domains = choice.filter((q) => q.role === 'domain').map(scored);
  const awareness = choice.filter((q) => q.role === 'awareness').map(scored);
  const visitedQuestion = choice.find((q) => q.role === 'visited');
  const visited = visitedQuestion ? scored(visitedQuestion) : null;
  const scores = [overall, ...domains]
    .flatMap((q) => q?.scale.options ?? [])
    .filter((o) => !o.excludedFromBase && o.score !== null)
    .map((o) => o.score as number);
  return {
    overall,
    domains,
    awareness,
    visited,
    codes: [overall, ...domains, ...awareness, visited].filter((q): q is ScoredQuestion => q !== null).map((q) => q.code),
    scoreRange: scores.length ? { min: Math.min(...scores), max: Math.max(...scores) } : { min: 0, max: 100 },
  };
}
