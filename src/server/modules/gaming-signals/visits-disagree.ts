/**
 * visits_disagree: the visit records claim a share of households visited well above what the
 * residents themselves report (Q11).
 */
import { L, measure, pct, type GamingFlagDraft, type TownshipAssessment } from './flag-drafts.ts';

/** How far above the residents' upper bound the claimed visit share must lie to be flagged. */
export const VISIT_MARGIN = 0.1;

export interface VisitsInput {
  townships: {
    code: string;
    /** Households with at least one visit recorded this year up to the wave's end, and all households. */
    visitedHouseholds: number;
    households: number;
    /** The survey's 'visited' (Q11) figure: estimate and 95% interval; null when suppressed. */
    surveyed: { estimate: number; lower: number; upper: number; n: number } | null;
  }[];
  margin?: number;
}

/**
 * The visits detector: the share of a township's households the visit records claim were visited
 * this year, against the share of residents who say a cadre came (Q11) — flagged when the claim
 * lies above the survey interval's upper bound by more than `margin` ('review' beyond twice the
 * margin). No test across townships is needed: each comparison is with the township's own interval.
 *
 * @example
 * detectVisitsDisagree({ townships: [{ code: 'A', visitedHouseholds: 900, households: 1000, surveyed: { estimate: 0.4, lower: 0.3, upper: 0.5, n: 80 } }] }).flags[0]?.severity; // => 'review'
 */
export function detectVisitsDisagree(input: VisitsInput): { flags: GamingFlagDraft[]; townships: TownshipAssessment[] } {
  const margin = input.margin ?? VISIT_MARGIN;
  const townships: TownshipAssessment[] = input.townships.map((t) => ({ townshipCode: t.code, assessed: t.surveyed !== null && t.households > 0, reason: t.surveyed !== null && t.households > 0 ? null : 'too_few_interviews' }));
  const flags: GamingFlagDraft[] = [];
  for (const t of input.townships) {
    if (!t.surveyed || t.households <= 0) continue;
    const claimed = t.visitedHouseholds / t.households;
    const excess = claimed - t.surveyed.upper;
    if (!(excess > margin)) continue;
    flags.push({
      townshipCode: t.code,
      signal: 'visits_disagree',
      severity: excess > 2 * margin ? 'review' : 'watch',
      evidence: {
        summary: L(
          `走访记录显示 ${pct(claimed)} 的户今年已走访，而受访群众中只有 ${pct(t.surveyed.estimate)}（95% 区间 ${pct(t.surveyed.lower)}–${pct(t.surveyed.upper)}，n = ${t.surveyed.n}）表示干部来过家中。`,
          `Visit records claim ${pct(claimed)} of households visited this year, while ${pct(t.surveyed.estimate)} of residents surveyed (95% interval ${pct(t.surveyed.lower)}–${pct(t.surveyed.upper)}, n = ${t.surveyed.n}) say a cadre came to their home.`,
        ),
        measures: [
          measure('claimed_visited', L('走访记录覆盖率', 'share of households visited, by the records'), { township: claimed, reference: t.surveyed.estimate, referenceLabel: L('群众反映（Q11）', 'residents’ answer (Q11)'), n: t.households, p: null }),
          measure('survey_visited_upper', L('群众反映上限（95%）', 'residents’ answer, upper 95% bound'), { township: t.surveyed.upper, reference: t.surveyed.lower, referenceLabel: L('下限', 'lower bound'), n: t.surveyed.n, p: null }),
        ],
      },
    });
  }
  return { flags, townships };
}
