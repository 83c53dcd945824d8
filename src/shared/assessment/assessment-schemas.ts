/**
 * The township assessment's contract (考核, issue 12 point 4), shared by the assessment module
 * (which computes and freezes a result), the bulletin (which prints it) and the dashboard (which
 * shows it). A result is stored as JSON (`assessment_result.result`) and read back with this
 * schema, so a published result reads the same in a year as on the day it was published.
 */
import { z } from 'zod';
import { ZId, ZIsoDate, ZRegionCode } from '../schemas/common.ts';
import { ZBilingual } from '../schemas/survey.ts';

/**
 * What a scheme can weigh. Survey components come from the closed wave(s) named by the scheme;
 * case components from the case rates of the period (the township as a unit, its villages
 * included); visit coverage from the visits module; rectification from the tasks due in the
 * period; policy awareness from the survey's awareness items.
 */
export const ASSESSMENT_COMPONENTS = [
  'survey_index', // 满意度指数 (0–100)
  'survey_dissatisfaction', // 不满意率 (lower is better)
  'case_response', // 响应率
  'case_resolution', // 解决率
  'case_satisfaction', // 满意率
  'visit_coverage', // 走访覆盖率: share of the period's visit targets reached
  'rectification_on_time', // 整改按期完成率: tasks due in the period accepted, submitted by their deadline
  'policy_awareness', // 政策知晓率
] as const;
export const ZAssessmentComponentKey = z.enum(ASSESSMENT_COMPONENTS);
export type TAssessmentComponentKey = z.infer<typeof ZAssessmentComponentKey>;

/** Whether a rise of the component's figure is good; the dissatisfaction rate is the only one where it is not. */
export const COMPONENT_HIGHER_IS_BETTER: Record<TAssessmentComponentKey, boolean> = {
  survey_index: true,
  survey_dissatisfaction: false,
  case_response: true,
  case_resolution: true,
  case_satisfaction: true,
  visit_coverage: true,
  rectification_on_time: true,
  policy_awareness: true,
};

/** Components whose figure is a sample estimate (with a standard error), as opposed to a count of records. */
export const SURVEY_COMPONENTS: readonly TAssessmentComponentKey[] = ['survey_index', 'survey_dissatisfaction', 'policy_awareness'];

/** How a figure becomes 0–100 points (the pure rule is `compositeScores` in src/server/stats). */
export const ZComponentScaling = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('fixed'), worst: z.number().finite(), best: z.number().finite() }),
  z.strictObject({ kind: z.literal('relative'), higherIsBetter: z.boolean() }),
]);
export type TComponentScaling = z.infer<typeof ZComponentScaling>;

export const ZSchemeComponent = z.strictObject({
  key: ZAssessmentComponentKey,
  /** Share of the composite, 0–1 exclusive of 0; the components' weights add up to 1 (checked with a tolerance of 1e-6). */
  weight: z.number().gt(0).max(1),
  scaling: ZComponentScaling,
});
export type TSchemeComponent = z.infer<typeof ZSchemeComponent>;

/** A scheme (考核方案): what is weighed and how. Versioned: each save is a new version. */
export const ZAssessmentScheme = z.strictObject({
  components: z.array(ZSchemeComponent).min(1).max(ASSESSMENT_COMPONENTS.length),
  /** The closed waves the survey components come from (normally the one wave of the period); required when a survey component is weighed. */
  waveIds: z.array(ZId).max(4).default([]),
});
export type TAssessmentScheme = z.infer<typeof ZAssessmentScheme>;

/** A figure as the result keeps it: the estimate, its standard error (0 for counts) and, when known, n and the interval. */
export const ZResultFigure = z.object({
  estimate: z.number(),
  standardError: z.number(),
  n: z.number().int().nullable(),
  interval: z.object({ lower: z.number(), upper: z.number() }).nullable(),
});
export type TResultFigure = z.infer<typeof ZResultFigure>;

/** Where a figure came from, so every number in the bulletin can be traced to the page that shows it. */
export const ZFigureSource = z.object({
  /** The web page, e.g. `/survey/results?wave=12&township=370921101`, `/case-rates?month=2026-10`. */
  page: z.string(),
  label: ZBilingual,
});

export const ZResultComponent = z.object({
  key: ZAssessmentComponentKey,
  /** The figure; null only when the component was dropped for this township (never in a computed result: missing data is an error). */
  figure: ZResultFigure.nullable(),
  points: z.number(),
  pointsStandardError: z.number(),
  /** weight × points. */
  weighted: z.number(),
  source: ZFigureSource,
});

export const ZResultTownship = z.object({
  id: ZId,
  code: ZRegionCode,
  name: z.string(),
  nameEn: z.string().nullable(),
  rank: z.number().int(),
  /** The places the uncertainty of the survey components allows (Holm-adjusted pairwise tests). */
  bestRank: z.number().int(),
  worstRank: z.number().int(),
  /** Ids of the townships this one cannot be told apart from. */
  notSignificantlyDifferent: z.array(ZId),
  composite: z.number(),
  compositeStandardError: z.number(),
  compositeInterval: z.object({ lower: z.number(), upper: z.number() }),
  components: z.array(ZResultComponent),
  adjustments: z.array(z.object({ id: ZId, points: z.number(), reason: z.string() })),
  adjustmentTotal: z.number(),
  /** The previous period's rank and composite, when the assessment names one and it was published with this township. */
  previous: z.object({ rank: z.number().int(), composite: z.number() }).nullable(),
});
export type TResultTownship = z.infer<typeof ZResultTownship>;

/** The county's own survey figures beside the city's spot check (市级抽查) for the same period. */
export const ZCityComparison = z.object({
  figure: z.enum(['index', 'satisfaction', 'dissatisfaction']),
  county: ZResultFigure.nullable(),
  city: ZResultFigure.extend({ source: z.string(), cityRank: z.number().int().nullable(), cityCounties: z.number().int().nullable() }).nullable(),
  /** compareWaves-style verdict of county vs city: whether the two differ beyond their intervals; null when either is missing or the city gave no interval. */
  verdict: z.enum(['county_higher', 'no_measurable_difference', 'county_lower']).nullable(),
});

export const ZAssessmentResult = z.object({
  assessmentId: ZId,
  schemeVersion: z.number().int(),
  name: z.string(),
  periodStart: ZIsoDate,
  periodEnd: ZIsoDate,
  county: z.object({ code: ZRegionCode, name: z.string(), nameEn: z.string().nullable() }),
  waves: z.array(z.object({ id: ZId, name: z.string(), startsOn: ZIsoDate, endsOn: ZIsoDate })),
  components: z.array(ZSchemeComponent.extend({ label: ZBilingual })),
  /** Ranked, best first. */
  townships: z.array(ZResultTownship),
  city: z.array(ZCityComparison),
  previousAssessment: z.object({ id: ZId, name: z.string() }).nullable(),
  computedAt: z.string(),
});
export type TAssessmentResult = z.infer<typeof ZAssessmentResult>;

export const COMPONENT_LABELS: Record<TAssessmentComponentKey, { 'zh-CN': string; en: string }> = {
  survey_index: { 'zh-CN': '群众满意度指数', en: 'Satisfaction index' },
  survey_dissatisfaction: { 'zh-CN': '不满意率', en: 'Dissatisfaction rate' },
  case_response: { 'zh-CN': '诉求响应率', en: 'Case response rate' },
  case_resolution: { 'zh-CN': '诉求解决率', en: 'Case resolution rate' },
  case_satisfaction: { 'zh-CN': '诉求满意率', en: 'Case satisfaction rate' },
  visit_coverage: { 'zh-CN': '走访覆盖率', en: 'Visit coverage' },
  rectification_on_time: { 'zh-CN': '整改按期完成率', en: 'Rectification completed on time' },
  policy_awareness: { 'zh-CN': '政策知晓率', en: 'Policy awareness' },
};
