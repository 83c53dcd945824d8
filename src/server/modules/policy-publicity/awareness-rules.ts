/**
 * The pure rules of policy publicity: which policy an awareness item asks about (the one
 * resolver), and which township × policy cells are "where awareness is lowest" (significantly below
 * the rest of the county, by the statistics module's test). No I/O.
 */
import { compareWithRest, judgeAgainstRest, type TownshipFigure } from '../../stats/index.ts';

/** An awareness question of a questionnaire version, as far as the resolver cares. */
export interface AwarenessItem {
  questionCode: string;
  /** The catalogue code the question names itself (absent in versions published before it existed). */
  policyCode?: string | undefined;
}

export type PolicyLinkSource = 'questionnaire' | 'county_link';

export type ResolvedItem =
  | { questionCode: string; status: 'linked'; policyCode: string; source: PolicyLinkSource }
  /** Neither the question nor the county names a known policy: shown as unlinked, never guessed (e.g. from its wording). */
  | { questionCode: string; status: 'unlinked' }
  /** Resolves to a policy an earlier item of the same version already asks about: one figure per policy, the first item's. */
  | { questionCode: string; status: 'duplicate'; policyCode: string; source: PolicyLinkSource; firstQuestionCode: string };

/**
 * The one resolver of an awareness item's policy. The question's own `policyCode` wins when the
 * catalogue knows it (active or not: a policy deactivated later was still asked about); else the
 * county's link for that question code (`policy_question_link`), when the catalogue knows it;
 * else unlinked. Items are taken in questionnaire order; a second item resolving to a policy
 * already taken is a duplicate, so a wave never has two figures for one township × policy.
 *
 * @example
 * resolveAwarenessItems({
 *   items: [{ questionCode: 'Q10a', policyCode: 'medical_insurance' }, { questionCode: 'Q10e' }],
 *   countyLinks: new Map([['Q10e', 'dibao']]),
 *   knownPolicies: new Set(['medical_insurance', 'dibao']),
 * });
 * // => [{ questionCode: 'Q10a', status: 'linked', policyCode: 'medical_insurance', source: 'questionnaire' },
 * //     { questionCode: 'Q10e', status: 'linked', policyCode: 'dibao', source: 'county_link' }]
 */
export function resolveAwarenessItems(options: {
  items: readonly AwarenessItem[];
  countyLinks: ReadonlyMap<string, string>;
  knownPolicies: ReadonlySet<string>;
}): ResolvedItem[] {
  const { items, countyLinks, knownPolicies } = options;
  const taken = new Map<string, string>();
  return items.map((item): ResolvedItem => {
    const own = item.policyCode !== undefined && knownPolicies.has(item.policyCode) ? item.policyCode : undefined;
    const link = countyLinks.get(item.questionCode);
    const linked = link !== undefined && knownPolicies.has(link) ? link : undefined;
    const policyCode = own ?? linked;
    if (policyCode === undefined) return { questionCode: item.questionCode, status: 'unlinked' };
    const source: PolicyLinkSource = own !== undefined ? 'questionnaire' : 'county_link';
    const first = taken.get(policyCode);
    if (first !== undefined) return { questionCode: item.questionCode, status: 'duplicate', policyCode, source, firstQuestionCode: first };
    taken.set(policyCode, item.questionCode);
    return { questionCode: item.questionCode, status: 'linked', policyCode, source };
  });
}

/** A figure as computeWaveResults gives it: suppressed, or an estimate with its standard error. */
export type CellFigure = { suppressed: true; n: number } | { suppressed: false; n: number; estimate: number; standardError: number | null; interval: { lower: number; upper: number; confidence: number } | null };

export interface LowestCellsInput {
  /** Township × policy figures (every township of the wave, whatever the viewer may see). */
  cells: readonly { townshipCode: string; policyCode: string; figure: CellFigure }[];
  /** The county's figure per policy (printed beside a cell; the test is against the rest of the county). */
  county: ReadonlyMap<string, CellFigure>;
  /** Township populations (the county's stratification weights). */
  populations: ReadonlyMap<string, number>;
  /** Family-wise error rate of the "significantly below" test. Default 0.05. */
  alpha?: number;
}

export interface LowestCell {
  townshipCode: string;
  policyCode: string;
  estimate: number;
  n: number;
  interval: { lower: number; upper: number; confidence: number } | null;
  countyEstimate: number | null;
  significantlyBelow: boolean;
  /** Holm-adjusted two-sided p of "same as the rest of the county"; null when the cell could not be tested. */
  adjustedP: number | null;
}

/**
 * "Where awareness is lowest": the township × policy cells significantly below the rest of the
 * county, lowest first — the statistics module's test (`compareWithRest` for each cell against
 * the other townships' cells of that policy, weighted by population; `judgeAgainstRest` with
 * Holm over every tested cell, townships × policies, as one family; named only when the cell's own
 * interval lies wholly below the rest). Nothing else is listed: a low estimate its interval
 * cannot separate from the county names nobody. Suppressed cells (n < 5) are never tested.
 *
 * @example
 * const { items, tested } = lowestAwarenessCells({ cells, county, populations });
 * items[0]; // => { townshipCode: '370921104', policyCode: 'dibao', estimate: 0.41, significantlyBelow: true, adjustedP: 0.003, … }
 */
export function lowestAwarenessCells(input: LowestCellsInput): { tested: number; items: LowestCell[] } {
  const byPolicy = new Map<string, TownshipFigure[]>();
  for (const c of input.cells) {
    const list = byPolicy.get(c.policyCode) ?? [];
    list.push({ code: c.townshipCode, population: input.populations.get(c.townshipCode) ?? 0, figure: c.figure });
    byPolicy.set(c.policyCode, list);
  }
  const judged = judgeAgainstRest({
    items: input.cells.map((c) => ({ comparison: compareWithRest(byPolicy.get(c.policyCode)!, c.townshipCode) })),
    ...(input.alpha !== undefined ? { alpha: input.alpha } : {}),
  });
  const items: LowestCell[] = [];
  input.cells.forEach((c, k) => {
    const j = judged[k]!;
    if (j.verdict !== 'worse' || c.figure.suppressed) return;
    const county = input.county.get(c.policyCode);
    items.push({ townshipCode: c.townshipCode, policyCode: c.policyCode, estimate: c.figure.estimate, n: c.figure.n, interval: c.figure.interval, countyEstimate: county && !county.suppressed ? county.estimate : null, significantlyBelow: true, adjustedP: j.pAdjusted });
  });
  items.sort((a, b) => a.estimate - b.estimate || a.townshipCode.localeCompare(b.townshipCode) || a.policyCode.localeCompare(b.policyCode));
  return { tested: judged.filter((j) => j.tested).length, items };
}
