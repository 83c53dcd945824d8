/**
 * A township against the rest of its county, for one figure of one wave: the one test every
 * module that names a township as weak, strong or lowest uses (rectification proposals, policy
 * awareness, the bulletin's strengths and weak domains, the gaming signals' jump).
 *
 * The township's sample is part of the county's, so comparing it with the county figure as if
 * the two were independent gets the variance wrong; the rest of the county (the other townships'
 * stratified estimate) is independent of it, so the difference has se = √(se_t² + se_rest²).
 * A difference is called only when (1) the two-sided z-test survives Holm's adjustment across
 * the family the caller tests together and (2) the township's own published interval lies wholly
 * on that side of the rest's estimate — so a township whose interval contains the rest's figure
 * is never named, whatever a small or degenerate standard error says (0 of 5 heard of a policy has
 * a Wald se of 0 but a Wilson interval up to 43%).
 */
import { DEFAULT_CONFIDENCE, type ConfidenceInterval } from './interval.ts';
import { normalUpperTail, twoSidedZ } from './normal.ts';
import { adjustPValues } from './ranking.ts';

/** Default family-wise level of the test across the townships of a family (Holm). */
export const REST_OF_COUNTY_ALPHA = 0.05;

/** A figure as the results give it: suppressed below the minimum n, else an estimate with its standard error and interval. */
export type AreaFigure =
  | { suppressed: true; n: number }
  | { suppressed: false; n: number; estimate: number; standardError: number | null; interval: { lower: number; upper: number } | null };

/** One township's figure with the population that weights it in the county (the stratum size). */
export interface TownshipFigure {
  code: string;
  population: number;
  figure: AreaFigure;
}

/** The county without one township: the other reportable townships' stratified estimate. */
export interface RestOfCounty {
  estimate: number;
  standardError: number;
  /** Interviews behind it. */
  n: number;
  /** Townships in it. */
  townships: number;
}

type Released = Extract<AreaFigure, { suppressed: false }>;
const usable = (f: AreaFigure): f is Released & { standardError: number; interval: { lower: number; upper: number } } =>
  !f.suppressed && f.standardError !== null && Number.isFinite(f.standardError) && f.interval !== null && Number.isFinite(f.estimate);

/**
 * The rest of the county: Σ W_h·ŷ_h / Σ W_h over the other townships whose figure is reportable
 * and whose population is positive, with se = √Σ (W_h/W)²·se_h² (strata are sampled
 * independently). Null when no other township qualifies — a township that is the whole county has
 * no rest to be compared with.
 *
 * @example
 * restOfCounty([
 *   { code: 'A', population: 100, figure: { suppressed: false, n: 40, estimate: 60, standardError: 5, interval: { lower: 50, upper: 70 } } },
 *   { code: 'B', population: 100, figure: { suppressed: false, n: 50, estimate: 80, standardError: 2, interval: { lower: 76, upper: 84 } } },
 *   { code: 'C', population: 300, figure: { suppressed: false, n: 70, estimate: 90, standardError: 1, interval: { lower: 88, upper: 92 } } },
 * ], 'A');
 * // => { estimate: 87.5, standardError: 0.9014, n: 120, townships: 2 }
 * restOfCounty([{ code: 'A', population: 100, figure: { suppressed: false, n: 40, estimate: 60, standardError: 5, interval: { lower: 50, upper: 70 } } }], 'A'); // => null
 */
export function restOfCounty(townships: readonly TownshipFigure[], exclude: string): RestOfCounty | null {
  const others = townships.filter((t) => t.code !== exclude && t.population > 0 && usable(t.figure));
  const W = others.reduce((s, t) => s + t.population, 0);
  if (others.length === 0 || !(W > 0)) return null;
  let estimate = 0;
  let variance = 0;
  let n = 0;
  for (const t of others) {
    const f = t.figure as Released & { standardError: number };
    const w = t.population / W;
    estimate += w * f.estimate;
    variance += w * w * f.standardError ** 2;
    n += f.n;
  }
  return { estimate, standardError: Math.sqrt(variance), n, townships: others.length };
}

/** Why a township was not compared: its figure is suppressed, has no interval or standard error, has no sampling variance at all, or there is no rest of the county. */
export type NotComparedReason = 'suppressed' | 'no_interval' | 'no_variance' | 'no_rest';

export type RestComparison =
  | { code: string; tested: false; reason: NotComparedReason }
  | {
      code: string;
      tested: true;
      estimate: number;
      n: number;
      interval: { lower: number; upper: number };
      rest: RestOfCounty;
      /** township − rest. */
      difference: number;
      standardError: number;
      /** The difference's interval at `confidence` (unadjusted). */
      differenceInterval: ConfidenceInterval;
      z: number;
      /** Two-sided p of "no difference", unadjusted. */
      p: number;
      /** Where the township's own interval lies against the rest's estimate. */
      intervalSide: 'below' | 'above' | 'overlaps';
    };

/**
 * One township against the rest of its county, unadjusted: z = (ŷ_t − ŷ_rest) / √(se_t² + se_rest²),
 * two-sided p, and where the township's own interval lies. Not compared (with the reason) when the
 * township's figure is suppressed or has no interval, when its interval has zero width (every
 * answer the same: its sample says nothing of its sampling error), when there is no rest, or when
 * neither side has any sampling variance.
 *
 * @example
 * compareWithRest([
 *   { code: 'A', population: 100, figure: { suppressed: false, n: 80, estimate: 70, standardError: 2, interval: { lower: 66, upper: 74 } } },
 *   { code: 'B', population: 100, figure: { suppressed: false, n: 80, estimate: 80, standardError: 2, interval: { lower: 76, upper: 84 } } },
 * ], 'A');
 * // => { tested: true, difference: -10, standardError: 2.8284, z: -3.5355, p: 0.0004, intervalSide: 'below' }
 * compareWithRest([{ code: 'A', population: 100, figure: { suppressed: true, n: 3 } }], 'A'); // => { code: 'A', tested: false, reason: 'suppressed' }
 */
export function compareWithRest(townships: readonly TownshipFigure[], code: string, confidence: number = DEFAULT_CONFIDENCE): RestComparison {
  const own = townships.find((t) => t.code === code);
  if (!own || own.figure.suppressed) return { code, tested: false, reason: 'suppressed' };
  const f = own.figure;
  if (!usable(f)) return { code, tested: false, reason: 'no_interval' };
  if (f.standardError === 0 && f.interval.lower === f.interval.upper) return { code, tested: false, reason: 'no_variance' };
  const rest = restOfCounty(townships, code);
  if (!rest) return { code, tested: false, reason: 'no_rest' };
  const standardError = Math.sqrt(f.standardError ** 2 + rest.standardError ** 2);
  if (!(standardError > 0)) return { code, tested: false, reason: 'no_variance' };
  const difference = f.estimate - rest.estimate;
  const z = difference / standardError;
  const half = twoSidedZ(confidence) * standardError;
  const intervalSide = f.interval.upper < rest.estimate ? 'below' : f.interval.lower > rest.estimate ? 'above' : 'overlaps';
  return {
    code,
    tested: true,
    estimate: f.estimate,
    n: f.n,
    interval: { lower: f.interval.lower, upper: f.interval.upper },
    rest,
    difference,
    standardError,
    differenceInterval: { lower: difference - half, upper: difference + half, confidence },
    z,
    p: Math.min(1, 2 * normalUpperTail(Math.abs(z))),
    intervalSide,
  };
}

export type RestVerdict = 'better' | 'worse' | 'no_measurable_difference' | 'not_tested';

export type JudgedComparison = RestComparison & {
  /** Holm-adjusted across the tested comparisons judged together; null when not tested. */
  pAdjusted: number | null;
  verdict: RestVerdict;
};

/**
 * Verdicts for comparisons judged as one family: Holm over the tested ones; "better" or "worse"
 * only when the adjusted p < alpha AND the township's own interval lies wholly on that side of
 * the rest's estimate. `higherIsBetter` per item (false for a dissatisfaction rate). Callers choose
 * the family: the townships of one figure (rectification, the bulletin) or every township ×
 * policy cell of a list (policy awareness).
 *
 * @example
 * judgeAgainstRest({ items: [{ comparison: compareWithRest([
 *   { code: 'A', population: 1, figure: { suppressed: false, n: 80, estimate: 70, standardError: 2, interval: { lower: 66, upper: 74 } } },
 *   { code: 'B', population: 1, figure: { suppressed: false, n: 80, estimate: 80, standardError: 2, interval: { lower: 76, upper: 84 } } },
 * ], 'A') }] }).map((j) => j.verdict);
 * // => ['worse']
 */
export function judgeAgainstRest(options: { items: readonly { comparison: RestComparison; higherIsBetter?: boolean }[]; alpha?: number }): JudgedComparison[] {
  const alpha = options.alpha ?? REST_OF_COUNTY_ALPHA;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be strictly between 0 and 1, got ${alpha}`);
  const tested = options.items.flatMap((item, i) => (item.comparison.tested ? [{ i, p: item.comparison.p }] : []));
  const adjusted = tested.length ? adjustPValues({ pValues: tested.map((t) => t.p), adjustment: 'holm' }) : [];
  const byIndex = new Map(tested.map((t, k) => [t.i, adjusted[k]!]));
  return options.items.map(({ comparison, higherIsBetter = true }, i): JudgedComparison => {
    if (!comparison.tested) return { ...comparison, pAdjusted: null, verdict: 'not_tested' };
    const pAdjusted = byIndex.get(i)!;
    const badSide = higherIsBetter ? 'below' : 'above';
    const goodSide = higherIsBetter ? 'above' : 'below';
    const verdict: RestVerdict = pAdjusted >= alpha ? 'no_measurable_difference' : comparison.intervalSide === badSide ? 'worse' : comparison.intervalSide === goodSide ? 'better' : 'no_measurable_difference';
    return { ...comparison, pAdjusted, verdict };
  });
}

/**
 * Every township of one figure against the rest of its county, Holm-adjusted across them (one
 * family): compareWithRest for each, then judgeAgainstRest. Untested townships come back with
 * their reason and the verdict 'not_tested'; they do not count in the adjustment.
 *
 * @example
 * compareTownshipsWithRest({ townships: [
 *   { code: 'A', population: 100, figure: { suppressed: false, n: 80, estimate: 60, standardError: 2, interval: { lower: 56, upper: 64 } } },
 *   { code: 'B', population: 100, figure: { suppressed: false, n: 80, estimate: 85, standardError: 2, interval: { lower: 81, upper: 89 } } },
 *   { code: 'C', population: 100, figure: { suppressed: false, n: 80, estimate: 86, standardError: 2, interval: { lower: 82, upper: 90 } } },
 *   { code: 'D', population: 100, figure: { suppressed: true, n: 4 } },
 * ] }).map((t) => `${t.code} ${t.verdict}`);
 * // => ['A worse', 'B better', 'C better', 'D not_tested']
 */
export function compareTownshipsWithRest(options: { townships: readonly TownshipFigure[]; higherIsBetter?: boolean; alpha?: number; confidence?: number }): JudgedComparison[] {
  const { townships, higherIsBetter = true, confidence = DEFAULT_CONFIDENCE } = options;
  return judgeAgainstRest({
    items: townships.map((t) => ({ comparison: compareWithRest(townships, t.code, confidence), higherIsBetter })),
    ...(options.alpha !== undefined ? { alpha: options.alpha } : {}),
  });
}
