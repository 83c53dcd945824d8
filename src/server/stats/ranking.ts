import { normalUpperTail } from './normal.ts';

/**
 * Ranking townships by an estimate while showing which differences the survey cannot tell apart.
 *
 * Each pair is compared with a two-sided z-test on the difference of independent estimates,
 * z = (a − b)/√(se_a² + se_b²) (townships are separate strata, sampled independently). Because a
 * bulletin makes every pairwise comparison at once, the p-values are adjusted for the
 * H(H − 1)/2 comparisons: Holm's step-down method by default (it controls the family-wise error
 * rate like Bonferroni and is never less powerful), Bonferroni on request.
 *
 * The rank interval of a township is [1 + number significantly better, H − number significantly
 * worse]: the best and worst rank it could plausibly hold given the tests.
 */

export interface RankItem {
  id: string;
  estimate: number;
  standardError: number;
}

export type MultipleComparisonAdjustment = 'holm' | 'bonferroni';

export interface RankOptions {
  items: readonly RankItem[];
  /** Family-wise significance level, default 0.05. */
  alpha?: number;
  /** Default 'holm'. */
  adjustment?: MultipleComparisonAdjustment;
  /** True for satisfaction (higher ranks first), false for a dissatisfaction rate. Default true. */
  higherIsBetter?: boolean;
}

export interface PairComparison {
  /** The better-placed township of the pair (in ranking order). */
  a: string;
  b: string;
  /** estimate(a) − estimate(b). */
  difference: number;
  z: number;
  /** Unadjusted two-sided p-value. */
  p: number;
  /** p after the multiple-comparison adjustment. */
  adjustedP: number;
  significant: boolean;
}

export interface RankedItem extends RankItem {
  /** Competition rank by estimate: equal estimates share a rank (1, 2, 2, 4). */
  rank: number;
  /** Best plausible rank: 1 + townships significantly better. */
  bestRank: number;
  /** Worst plausible rank: H − townships significantly worse. */
  worstRank: number;
  /** Townships whose difference from this one is not significant, in ranking order. */
  notSignificantlyDifferent: string[];
}

export interface Ranking {
  items: RankedItem[];
  comparisons: PairComparison[];
}

function validate(items: readonly RankItem[], alpha: number): void {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be strictly between 0 and 1, got ${alpha}`);
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id)) throw new RangeError(`duplicate id ${item.id}`);
    seen.add(item.id);
    if (!Number.isFinite(item.estimate)) throw new RangeError(`${item.id}: estimate must be finite, got ${item.estimate}`);
    if (!(Number.isFinite(item.standardError) && item.standardError >= 0)) {
      throw new RangeError(`${item.id}: standardError must be a finite number ≥ 0, got ${item.standardError}`);
    }
  }
}

/** Code-unit order, the same on every machine (localeCompare is not). */
const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function twoSidedP(difference: number, standardError: number): { z: number; p: number } {
  if (standardError === 0) {
    // Both estimates exact (e.g. census strata): any difference is real, none is noise.
    return difference === 0 ? { z: 0, p: 1 } : { z: difference > 0 ? Infinity : -Infinity, p: 0 };
  }
  const z = difference / standardError;
  return { z, p: Math.min(1, 2 * normalUpperTail(Math.abs(z))) };
}

/**
 * Adjusted p-values: Bonferroni min(1, m·p); Holm's step-down max_{j≤i} min(1, (m − j + 1)·p_(j)).
 * Equal p-values keep their input order, so the adjustment is deterministic.
 *
 * @example
 * adjustPValues({ pValues: [0.01, 0.04, 0.03], adjustment: 'holm' });       // => [0.03, 0.06, 0.06]
 * adjustPValues({ pValues: [0.01, 0.04, 0.03], adjustment: 'bonferroni' }); // => [0.03, 0.12, 0.09]
 */
export function adjustPValues(options: { pValues: readonly number[]; adjustment: MultipleComparisonAdjustment }): number[] {
  const { pValues, adjustment } = options;
  for (const p of pValues) if (!(p >= 0 && p <= 1)) throw new RangeError(`p-values must be in [0, 1], got ${p}`);
  const m = pValues.length;
  if (adjustment === 'bonferroni') return pValues.map((p) => Math.min(1, m * p));
  if (adjustment !== 'holm') throw new RangeError(`unknown adjustment ${String(adjustment)}`);
  const order = pValues.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p || x.i - y.i);
  const adjusted = new Array<number>(m).fill(1);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}

/**
 * Ranks items by estimate (ties by id, so the order never depends on input order) and marks
 * which differences are statistically meaningful.
 *
 * @example
 * rankEstimates({ items: [
 *   { id: 'A', estimate: 90, standardError: 1 },
 *   { id: 'B', estimate: 89, standardError: 1 },
 *   { id: 'C', estimate: 80, standardError: 1 },
 * ] }).items.map((t) => [t.id, t.rank, t.bestRank, t.worstRank]);
 * // => [['A', 1, 1, 2], ['B', 2, 1, 2], ['C', 3, 3, 3]]
 */
export function rankEstimates(options: RankOptions): Ranking {
  const { items, alpha = 0.05, adjustment = 'holm', higherIsBetter = true } = options;
  validate(items, alpha);
  const direction = higherIsBetter ? 1 : -1;
  const ordered = [...items].sort((x, y) => direction * (y.estimate - x.estimate) || compareIds(x.id, y.id));

  const pairs: Omit<PairComparison, 'adjustedP' | 'significant'>[] = [];
  for (let i = 0; i < ordered.length; i++) {
    for (let j = i + 1; j < ordered.length; j++) {
      const a = ordered[i] as RankItem;
      const b = ordered[j] as RankItem;
      const difference = a.estimate - b.estimate;
      const { z, p } = twoSidedP(difference, Math.hypot(a.standardError, b.standardError));
      pairs.push({ a: a.id, b: b.id, difference, z, p });
    }
  }
  const adjusted = adjustPValues({ pValues: pairs.map((pair) => pair.p), adjustment });
  const comparisons = pairs.map((pair, k) => {
    const adjustedP = adjusted[k] ?? 1;
    return { ...pair, adjustedP, significant: adjustedP < alpha };
  });

  const significantlyBetter = new Map<string, number>(ordered.map((item) => [item.id, 0]));
  const significantlyWorse = new Map<string, number>(ordered.map((item) => [item.id, 0]));
  const similar = new Map<string, Set<string>>(ordered.map((item) => [item.id, new Set<string>()]));
  for (const c of comparisons) {
    if (c.significant) {
      // In ranking order a is never worse than b; a significant pair has a strictly better.
      significantlyWorse.set(c.a, (significantlyWorse.get(c.a) ?? 0) + 1);
      significantlyBetter.set(c.b, (significantlyBetter.get(c.b) ?? 0) + 1);
    } else {
      similar.get(c.a)?.add(c.b);
      similar.get(c.b)?.add(c.a);
    }
  }

  const total = ordered.length;
  const ranked = ordered.map((item, index) => {
    const firstEqual = ordered.findIndex((other) => other.estimate === item.estimate);
    const peers = similar.get(item.id) ?? new Set<string>();
    return {
      ...item,
      rank: (firstEqual === -1 ? index : firstEqual) + 1,
      bestRank: 1 + (significantlyBetter.get(item.id) ?? 0),
      worstRank: total - (significantlyWorse.get(item.id) ?? 0),
      notSignificantlyDifferent: ordered.filter((other) => peers.has(other.id)).map((other) => other.id),
    };
  });
  return { items: ranked, comparisons };
}
