/**
 * Reading one figure of an area from computeWaveResults' answer by its key (the keys the
 * results module uses: 'index', 'satisfaction', 'dissatisfaction', 'domain:<code>:score',
 * 'domain:<code>:rate', 'awareness', 'policy:<code>', 'visited'). Proposals and "did it work"
 * read figures this way, so neither recomputes anything from answers.
 */
import type { TAreaResults, TEstimate } from '../../../shared/schemas/survey-results.ts';

/**
 * @example
 * figureOf(results.townships[0], 'domain:Q5:score'); // => { suppressed: false, n: 96, estimate: 71.3, … }
 * figureOf(results.county, 'nonsense'); // => undefined
 */
export function figureOf(area: TAreaResults, key: string): TEstimate | undefined {
  if (key === 'index') return area.index;
  if (key === 'satisfaction') return area.satisfaction;
  if (key === 'dissatisfaction') return area.dissatisfaction;
  if (key === 'awareness') return area.awareness.overall;
  if (key === 'visited') return area.visited;
  const domain = /^domain:(.+):(score|rate)$/.exec(key);
  if (domain) {
    const d = area.domains.find((x) => x.questionCode === domain[1]);
    return d ? (domain[2] === 'score' ? d.score : d.satisfaction) : undefined;
  }
  const policy = /^policy:(.+)$/.exec(key);
  if (policy) return area.awareness.policies.find((p) => p.questionCode === policy[1])?.awareness;
  return undefined;
}
