/**
 * The pure rules of policy publicity: which policy an awareness item asks about (the one
 * resolver), and which township × policy cells are "where awareness is lowest". No I/O.
 */
import { adjustPValues, normalUpperTail } from '../../stats/index.ts';

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
  /** The county's figure per policy. */
  county: ReadonlyMap<string, CellFigure>;
  /** Township populations (the county's stratification weights). */
  populations: ReadonlyMap<string, number>;
  /** Family-wise error rate of the "significantly below" test. Default 0.05. */
  alpha?: number;
  /** How many cells the list holds at most (the significant ones are never cut). Default 10. */
  limit?: number;
}

export interface LowestCell {
  townshipCode: string;
  policyCode: string;
  estimate: number;
  n: number;
  interval: { lower: number; upper: number; confidence: number } | null;
  countyEstimate: number | null;
  significantlyBelow: boolean;
  /** Holm-adjusted two-sided p of "same as the county"; null when the cell could not be tested. */
  adjustedP: number | null;
}

/**
 * "Where awareness is lowest": first the township × policy cells significantly below the county,
 * then the lowest remaining estimates, up to `limit` cells. Suppressed cells (n < 5) are never
 * listed. The test compares a township with the county estimate that contains it: the county is
 * Σ W_k p_k over the townships whose cell is reportable (computeWaveResults' rule), so
 * cov(p_h, p_county) = W_h·se_h² and var(p_h − p_county) = se_h² + se_county² − 2·W_h·se_h².
 * Two-sided z-tests, Holm-adjusted over every tested cell (townships × policies); a cell is
 * significantly below when its adjusted p < alpha and it lies under the county.
 *
 * @example
 * const { items, tested } = lowestAwarenessCells({ cells, county, populations });
 * items[0]; // => { townshipCode: '370921104', policyCode: 'dibao', estimate: 0.41, significantlyBelow: true, adjustedP: 0.003, … }
 */
export function lowestAwarenessCells(input: LowestCellsInput): { tested: number; items: LowestCell[] } {
  const alpha = input.alpha ?? 0.05;
  const limit = input.limit ?? 10;
  const reportable = input.cells.filter((c): c is typeof c & { figure: Extract<CellFigure, { suppressed: false }> } => !c.figure.suppressed);
  // The county's weights per policy: populations of the townships whose cell is in the county figure.
  const weightBase = new Map<string, number>();
  for (const c of reportable) {
    const population = input.populations.get(c.townshipCode) ?? 0;
    if (population > 0) weightBase.set(c.policyCode, (weightBase.get(c.policyCode) ?? 0) + population);
  }
  const tests: { index: number; difference: number; p: number }[] = [];
  const rows: LowestCell[] = reportable.map((c, index) => {
    const county = input.county.get(c.policyCode);
    const countyEstimate = county && !county.suppressed ? county.estimate : null;
    const row: LowestCell = { townshipCode: c.townshipCode, policyCode: c.policyCode, estimate: c.figure.estimate, n: c.figure.n, interval: c.figure.interval, countyEstimate, significantlyBelow: false, adjustedP: null };
    const population = input.populations.get(c.townshipCode) ?? 0;
    const base = weightBase.get(c.policyCode) ?? 0;
    if (!county || county.suppressed || county.standardError === null || c.figure.standardError === null || population <= 0 || base <= 0) return row;
    const weight = population / base;
    const difference = c.figure.estimate - county.estimate;
    const variance = Math.max(0, c.figure.standardError ** 2 + county.standardError ** 2 - 2 * weight * c.figure.standardError ** 2);
    const p = variance === 0 ? (difference === 0 ? 1 : 0) : Math.min(1, 2 * normalUpperTail(Math.abs(difference) / Math.sqrt(variance)));
    tests.push({ index, difference, p });
    return row;
  });
  const adjusted = adjustPValues({ pValues: tests.map((t) => t.p), adjustment: 'holm' });
  tests.forEach((t, k) => {
    const row = rows[t.index]!;
    row.adjustedP = adjusted[k]!;
    row.significantlyBelow = t.difference < 0 && adjusted[k]! < alpha;
  });
  const byEstimate = (a: LowestCell, b: LowestCell) => a.estimate - b.estimate || a.townshipCode.localeCompare(b.townshipCode) || a.policyCode.localeCompare(b.policyCode);
  const below = rows.filter((r) => r.significantlyBelow).sort(byEstimate);
  const rest = rows.filter((r) => !r.significantlyBelow).sort(byEstimate);
  return { tested: tests.length, items: [...below, ...rest.slice(0, Math.max(0, limit - below.length))] };
}
