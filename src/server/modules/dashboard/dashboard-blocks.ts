/**
 * The dashboard's pure pieces: the ranking from an assessment or a wave, the "cannot be
 * separated" groups, the county's rates summed over units, the "worse than the previous wave"
 * alerts and a tile's figures. No I/O: get-dashboard.ts reads, these shape.
 */
import type { TRate } from '../../../shared/cases/index.ts';
import type { TAssessmentResult } from '../../../shared/assessment/index.ts';
import type { TEstimate, TSurveyResults } from '../../../shared/schemas/survey-results.ts';
import type { TTileValue } from '../../../shared/dashboard/dashboard-schemas.ts';
import { compareWaves, DEFAULT_CONFIDENCE, wilsonInterval } from '../../stats/index.ts';

type RegionRef = { code: string; name: string; nameEn: string | null };

export interface RankItem {
  township: RegionRef;
  rank: number;
  bestRank: number;
  worstRank: number;
  value: number;
  lower: number | null;
  upper: number | null;
  n: number | null;
}

/**
 * Maximal runs of consecutive places (in the given order) whose every pair cannot be told apart,
 * runs of one left out: the survey's rankingGroups, for rankings that carry only each item's list
 * of indistinguishable others (an assessment's result).
 *
 * @example
 * separationGroups(['a', 'b', 'c'], new Map([['a', ['b']], ['b', ['a', 'c']], ['c', ['b']]])); // => [['a', 'b'], ['b', 'c']]
 */
export function separationGroups(order: readonly string[], similarTo: ReadonlyMap<string, readonly string[]>): string[][] {
  const similar = (a: string, b: string) => (similarTo.get(a) ?? []).includes(b) || (similarTo.get(b) ?? []).includes(a);
  const groups: string[][] = [];
  let lastEnd = -1;
  for (let i = 0; i < order.length; i++) {
    let j = i;
    while (j + 1 < order.length && order.slice(i, j + 1).every((id) => similar(id, order[j + 1]!))) j++;
    if (j > i && j > lastEnd) {
      groups.push(order.slice(i, j + 1));
      lastEnd = j;
    }
  }
  return groups;
}

/** A published assessment's townships as the dashboard ranks them (composite and its interval), with its groups by code. */
export function rankingFromAssessment(result: TAssessmentResult): { items: RankItem[]; groups: string[][] } {
  const townships = [...result.townships].sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code));
  const codeOf = new Map(townships.map((t) => [t.id, t.code]));
  const items = townships.map((t) => ({
    township: { code: t.code, name: t.name, nameEn: t.nameEn },
    rank: t.rank,
    bestRank: t.bestRank,
    worstRank: t.worstRank,
    value: t.composite,
    lower: t.compositeInterval.lower,
    upper: t.compositeInterval.upper,
    n: null,
  }));
  const similar = new Map(townships.map((t) => [t.code, t.notSignificantlyDifferent.map((id) => codeOf.get(id)).filter((c): c is string => c !== undefined)]));
  return { items, groups: separationGroups(items.map((i) => i.township.code), similar) };
}

/** A closed wave's index ranking (county view) with the survey's own groups. */
export function rankingFromWave(results: TSurveyResults): { items: RankItem[]; groups: string[][] } {
  const byCode = new Map(results.townships.map((t) => [t.region.code, t]));
  const items = results.ranking.items.flatMap((p) => {
    const t = byCode.get(p.code);
    if (!t || t.index.suppressed) return [];
    return [{ township: t.region, rank: p.rank, bestRank: p.bestRank, worstRank: p.worstRank, value: t.index.estimate, lower: t.index.interval?.lower ?? null, upper: t.index.interval?.upper ?? null, n: t.index.n }];
  });
  return { items, groups: results.ranking.groups };
}

/**
 * The county's rate from its units' counts (successes of n summed), with its Wilson interval:
 * each case counts at the one unit handling it, so the units' counts add up.
 *
 * @example
 * sumRates([{ successes: 8, n: 10 }, { successes: 9, n: 10 }]); // => { successes: 17, n: 20, estimate: 0.85, lower: 0.64, upper: 0.95 }
 */
export function sumRates(rates: readonly Pick<TRate, 'successes' | 'n'>[]): TRate {
  const successes = rates.reduce((s, r) => s + r.successes, 0);
  const n = rates.reduce((s, r) => s + r.n, 0);
  const w = wilsonInterval({ successes, n, confidence: DEFAULT_CONFIDENCE });
  return { successes, n, estimate: w?.estimate ?? null, lower: w?.interval.lower ?? null, upper: w?.interval.upper ?? null };
}

export interface WorseChange {
  township: RegionRef;
  figure: 'index' | 'dissatisfaction';
  difference: number;
  lower: number;
  upper: number;
}

/**
 * Townships whose index or dissatisfaction rate is significantly worse in the later wave than in
 * the earlier one (compareWaves, verdict 'worse' only; a suppressed figure or one without a
 * standard error is not compared).
 *
 * @example
 * worseThanBefore(previousResults, latestResults); // => [{ township: { code: '370921104', … }, figure: 'index', difference: -6.1, lower: -10.2, upper: -2.0 }]
 */
export function worseThanBefore(before: TSurveyResults, after: TSurveyResults): WorseChange[] {
  const earlier = new Map(before.townships.map((t) => [t.region.code, t]));
  const out: WorseChange[] = [];
  for (const t of after.townships) {
    const b = earlier.get(t.region.code);
    if (!b) continue;
    for (const figure of ['index', 'dissatisfaction'] as const) {
      const x = b[figure];
      const y = t[figure];
      if (x.suppressed || y.suppressed || x.standardError === null || y.standardError === null) continue;
      const change = compareWaves({ before: { estimate: x.estimate, standardError: x.standardError }, after: { estimate: y.estimate, standardError: y.standardError }, higherIsBetter: figure === 'index' });
      if (change.verdict === 'worse') out.push({ township: t.region, figure, difference: change.difference, lower: change.interval.lower, upper: change.interval.upper });
    }
  }
  return out;
}

/** A survey estimate as a tile's value. */
export const tileOfEstimate = (e: TEstimate | undefined): TTileValue =>
  !e ? { value: null, n: null, suppressed: false } : e.suppressed ? { value: null, n: e.n, suppressed: true } : { value: e.estimate, n: e.n, suppressed: false };

/** A case rate as a tile's value (no estimate without cases). */
export const tileOfRate = (r: TRate | undefined): TTileValue => (!r ? { value: null, n: null, suppressed: false } : { value: r.estimate, n: r.n, suppressed: false });

/** A count as a tile's value. */
export const tileOfCount = (count: number): TTileValue => ({ value: count, n: null, suppressed: false });

/**
 * The month before a 'YYYY-MM' month.
 *
 * @example
 * previousMonth('2026-01'); // => '2025-12'
 */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
