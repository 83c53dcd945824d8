/**
 * The rules that turn a closed wave's results and the county's cases into rectification
 * proposals (issue 12 point 1). Pure: they read the figures computeWaveResults already made
 * (never the answers) and the case counts, and say which township's figure is weak and why.
 */
import { compareTownshipsWithRest, regularizedIncompleteBeta, twoSidedZ, DEFAULT_CONFIDENCE, type RestOfCounty } from '../../stats/index.ts';
import type { TEstimate } from '../../../shared/schemas/survey-results.ts';
import type { TRectificationEvidence } from '../../../shared/assessment/index.ts';

/** The county's thresholds (rectification_setting). */
export interface ProposalThresholds {
  indexThreshold: number;
  domainScoreThreshold: number;
  dissatisfactionThreshold: number;
}

/** Level of the "below the county" test after Holm's adjustment. */
export const BELOW_COUNTY_ALPHA = 0.05;

/** A figure the proposals look at: its key, whether higher is better, its threshold. */
export interface FigureRule {
  key: string;
  higherIsBetter: boolean;
  threshold: number;
}

/**
 * The figures proposals are made on, for the domain question codes of a wave: the index, the
 * dissatisfaction rate and each domain's mean score.
 *
 * @example
 * figureRules(['Q2', 'Q3'], { indexThreshold: 80, domainScoreThreshold: 75, dissatisfactionThreshold: 0.15 }).map((r) => r.key);
 * // => ['index', 'dissatisfaction', 'domain:Q2:score', 'domain:Q3:score']
 */
export function figureRules(domainCodes: readonly string[], t: ProposalThresholds): FigureRule[] {
  return [
    { key: 'index', higherIsBetter: true, threshold: t.indexThreshold },
    { key: 'dissatisfaction', higherIsBetter: false, threshold: t.dissatisfactionThreshold },
    ...domainCodes.map((code) => ({ key: `domain:${code}:score`, higherIsBetter: true, threshold: t.domainScoreThreshold })),
  ];
}

/** True for 'dissatisfaction' (a rise is worse); every other figure proposals use rises for the better. */
export const higherIsBetter = (figureKey: string) => figureKey !== 'dissatisfaction';

type Reportable = Extract<TEstimate, { suppressed: false }>;
const reportable = (e: TEstimate | undefined): e is Reportable => !!e && !e.suppressed && e.interval !== null && e.standardError !== null;

/**
 * Worse than the threshold and the whole interval on the bad side of it: for a figure where
 * higher is better, estimate < threshold and upper bound < threshold; for dissatisfaction,
 * estimate > threshold and lower bound > threshold. A suppressed figure (n < 5), or one without
 * an interval, is never below anything.
 *
 * @example
 * belowThreshold({ suppressed: false, n: 80, estimate: 72, standardError: 2, interval: { lower: 68, upper: 76, confidence: 0.95 }, df: 79, method: 't' }, { key: 'index', higherIsBetter: true, threshold: 80 }); // true
 * belowThreshold({ suppressed: false, n: 80, estimate: 78, standardError: 2, interval: { lower: 74, upper: 82, confidence: 0.95 }, df: 79, method: 't' }, { key: 'index', higherIsBetter: true, threshold: 80 }); // false (the interval reaches 80)
 */
export function belowThreshold(e: TEstimate, rule: FigureRule): boolean {
  if (!reportable(e)) return false;
  const { lower, upper } = e.interval!;
  return rule.higherIsBetter ? e.estimate < rule.threshold && upper < rule.threshold : e.estimate > rule.threshold && lower > rule.threshold;
}

/** One township's figure, with the population that weights it in the county. */
export interface TownshipFigure {
  code: string;
  population: number;
  estimate: TEstimate;
}

/** The test of one township against the rest of its county, for one figure (the statistics module's, read for proposals). */
export interface BelowCountyTest {
  code: string;
  rest: RestOfCounty;
  /** township − rest. */
  difference: number;
  z: number;
  /** Two-sided p of "no difference", unadjusted. */
  p: number;
  /** Holm-adjusted across the townships tested for this figure. */
  pAdjusted: number;
  /** Significant after adjustment and on the bad side (below for higher-is-better, above for dissatisfaction), the township's interval wholly there. */
  worse: boolean;
}

/**
 * Each reportable township against the rest of the county, by the statistics module's
 * `compareTownshipsWithRest` (z-test, Holm across the townships of the figure, named only when
 * the township's own interval lies on the bad side of the rest): the test is what decides, never
 * the two estimates alone. Townships not tested (suppressed, no variance, no rest) are left out.
 *
 * @example
 * belowCountyTests(townships, { key: 'index', higherIsBetter: true, threshold: 80 }).filter((t) => t.worse).map((t) => t.code); // => ['370921108']
 */
export function belowCountyTests(townships: readonly TownshipFigure[], rule: FigureRule, alpha = BELOW_COUNTY_ALPHA): BelowCountyTest[] {
  const judged = compareTownshipsWithRest({ townships: townships.map((t) => ({ code: t.code, population: t.population, figure: t.estimate })), higherIsBetter: rule.higherIsBetter, alpha });
  return judged.flatMap((j) => (j.tested ? [{ code: j.code, rest: j.rest, difference: j.difference, z: j.z, p: j.p, pAdjusted: j.pAdjusted!, worse: j.verdict === 'worse' }] : []));
}

/** One area's figures as the proposal rules read them (a subset of TAreaResults). */
export interface AreaFigures {
  code: string;
  population: number;
  figure: (key: string) => TEstimate | undefined;
}

/** A weak figure of a township: what becomes a proposal. */
export interface SurveyProposal {
  townshipCode: string;
  figureKey: string;
  evidence: TRectificationEvidence;
}

const evidenceFigure = (e: Reportable) => ({ estimate: e.estimate, standardError: e.standardError, n: e.n, lower: e.interval?.lower ?? null, upper: e.interval?.upper ?? null });

/**
 * The proposals of one wave: for each figure rule and township, (a) below the county's
 * threshold with its whole interval on the bad side, or (b) significantly worse than the rest of
 * the county (Holm across townships). A township meeting both gets one proposal, its reason the
 * threshold, with the test's p beside it. Suppressed figures are never proposed.
 *
 * @example
 * proposeFromResults({ county, townships, rules }).map((p) => `${p.townshipCode} ${p.figureKey} ${p.evidence.reason}`);
 * // => ['370921108 index below_threshold', '370921111 domain:Q5:score below_county']
 */
export function proposeFromResults(options: { county: AreaFigures; townships: readonly AreaFigures[]; rules: readonly FigureRule[]; alpha?: number }): SurveyProposal[] {
  const alpha = options.alpha ?? BELOW_COUNTY_ALPHA;
  const z = twoSidedZ(DEFAULT_CONFIDENCE);
  const out: SurveyProposal[] = [];
  for (const rule of options.rules) {
    const figures: TownshipFigure[] = options.townships.flatMap((t) => {
      const estimate = t.figure(rule.key);
      return estimate ? [{ code: t.code, population: t.population, estimate }] : [];
    });
    const tests = new Map(belowCountyTests(figures, rule, alpha).map((t) => [t.code, t]));
    const countyFigure = options.county.figure(rule.key);
    for (const t of figures) {
      if (!reportable(t.estimate)) continue;
      const below = belowThreshold(t.estimate, rule);
      const test = tests.get(t.code);
      if (!below && !test?.worse) continue;
      const evidence: TRectificationEvidence = {
        kind: 'survey',
        reason: below ? 'below_threshold' : 'below_county',
        figureKey: rule.key,
        township: evidenceFigure(t.estimate),
        ...(reportable(countyFigure) ? { county: evidenceFigure(countyFigure) } : {}),
        threshold: rule.threshold,
        ...(test
          ? {
              p: test.pAdjusted,
              pUnadjusted: test.p,
              alpha,
              rest: { estimate: test.rest.estimate, standardError: test.rest.standardError, n: test.rest.n, lower: test.rest.estimate - z * test.rest.standardError, upper: test.rest.estimate + z * test.rest.standardError },
            }
          : {}),
      };
      out.push({ townshipCode: t.code, figureKey: rule.key, evidence });
    }
  }
  return out;
}

/**
 * One-sided exact conditional test that a township's cases of a category rose: given
 * N = recent + previous cases in two periods of equal length, under "the same rate" the recent
 * count is Binomial(N, ½), so p = P(X ≥ recent) = I_½(recent, N − recent + 1) (the regularized
 * incomplete beta). This is the exact test of two Poisson counts conditioned on their sum.
 *
 * @example
 * caseSurgeP(10, 2); // => 0.0193
 * caseSurgeP(3, 3);  // => 0.6563
 */
export function caseSurgeP(recent: number, previous: number): number {
  if (!(Number.isInteger(recent) && Number.isInteger(previous) && recent >= 0 && previous >= 0)) throw new RangeError(`counts must be whole numbers ≥ 0, got ${recent}, ${previous}`);
  if (recent === 0) return 1;
  return Math.min(1, Math.max(0, regularizedIncompleteBeta(0.5, recent, previous + 1)));
}

/**
 * A case category piles up in a township: at least `minCount` cases in the recent period and
 * significantly more than in the previous one of the same length (caseSurgeP < alpha).
 *
 * @example
 * isCasePilingUp({ recent: 10, previous: 2, minCount: 5, alpha: 0.05 }); // => { pilingUp: true, p: 0.0193 }
 * isCasePilingUp({ recent: 4, previous: 0, minCount: 5, alpha: 0.05 });  // => { pilingUp: false, p: 0.0625 }
 */
export function isCasePilingUp(options: { recent: number; previous: number; minCount: number; alpha: number }): { pilingUp: boolean; p: number } {
  const p = caseSurgeP(options.recent, options.previous);
  return { pilingUp: options.recent >= options.minCount && p < options.alpha, p };
}
