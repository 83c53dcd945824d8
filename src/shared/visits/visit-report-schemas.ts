/**
 * What the visit reports answer (issue 10, points 6–8): a campaign's coverage from county to
 * cadre, its daily progress, the households still missing visits, the signs of paper visits
 * (疑似"虚假走访"线索) with their evidence and the county's review of each. Shared by the server
 * (routes' answers) and the web (the coverage and flags pages).
 *
 * Money is integer fen; instants are UTC ISO strings; dates are Asia/Shanghai `YYYY-MM-DD`.
 */
import { z } from 'zod';
import { ZId, ZIsoDate, ZRegionCode, zName } from '../schemas/common.ts';
import { ZCampaignKind } from './campaign-schemas.ts';

export const ZCampaignIdParams = z.strictObject({ id: ZId });

const ZRegionRef = z.object({ code: ZRegionCode, name: z.string(), level: z.string() });
const ZCadreRef = z.object({ id: ZId, displayName: z.string(), username: z.string() });

/** A campaign as the reports name it (the picker's entries). */
export const ZReportCampaign = z.object({
  id: ZId,
  name: z.string(),
  kind: ZCampaignKind,
  status: z.enum(['draft', 'open', 'closed']),
  startsOn: ZIsoDate,
  endsOn: ZIsoDate,
  deadline: ZIsoDate,
  graceDays: z.number().int(),
  region: ZRegionRef,
});
export type TReportCampaign = z.infer<typeof ZReportCampaign>;
export const ZReportCampaignList = z.object({ items: z.array(ZReportCampaign) });

/** The region a report is narrowed to (default: the caller's own region or the campaign's, whichever is lower). */
export const ZCoverageQuery = z.strictObject({ regionCode: ZRegionCode.optional() });

/**
 * One roll-up of coverage, as `computeCoverage` counts it (shared/visits/visit-coverage.ts), with
 * the aid: plan = the standard amounts of each target household's hardship categories (each
 * item's amount × the deliveries it allows), delivered = active deliveries (voided ones apart).
 */
export const ZCoverageFigures = z.object({
  targets: z.number().int(),
  visited: z.number().int(),
  /** Of `visited`, households met only thanks to late entries (补录). */
  visitedLate: z.number().int(),
  coverage: z.number().nullable(),
  hardshipTargets: z.number().int(),
  hardshipVisited: z.number().int(),
  due: z.number().int(),
  overdue: z.number().int(),
  plannedFen: z.number().int(),
  deliveredFen: z.number().int(),
});
export type TCoverageFigures = z.infer<typeof ZCoverageFigures>;

/** A row of the table: a child region (click to drill down) or, under a village, a cadre (null: the village's cadres, unassigned). */
export const ZCoverageRow = ZCoverageFigures.extend({
  region: ZRegionRef.nullable(),
  cadre: ZCadreRef.nullable(),
  /** True when the row's region has a next level to drill into. */
  drillable: z.boolean(),
});
export type TCoverageRow = z.infer<typeof ZCoverageRow>;

/** A township's money: delivered against its budget (the campaign's budget line, when it has one). */
export const ZTownshipBudgetRow = z.object({
  township: ZRegionRef,
  budgetFen: z.number().int().nullable(),
  deliveredFen: z.number().int(),
  voidedFen: z.number().int(),
  deliveries: z.number().int(),
  remainingFen: z.number().int().nullable(),
  overBudget: z.boolean(),
});
export type TTownshipBudgetRow = z.infer<typeof ZTownshipBudgetRow>;

export const ZCampaignCoverage = z.object({
  campaign: ZReportCampaign,
  region: ZRegionRef,
  /** From the highest region the caller may read down to `region`, for the breadcrumb. */
  breadcrumb: z.array(ZRegionRef),
  /** 'regions': rows are child regions; 'cadres': rows are the cadres of a village. */
  rowsAre: z.enum(['regions', 'cadres']),
  total: ZCoverageFigures,
  rows: z.array(ZCoverageRow),
  budgets: z.array(ZTownshipBudgetRow),
  /** Today in Asia/Shanghai, and the instant the figures were counted at. */
  today: ZIsoDate,
  asOf: z.string(),
});
export type TCampaignCoverage = z.infer<typeof ZCampaignCoverage>;

/** The daily progress curve: households whose rule was met by the end of each day. */
export const ZCampaignProgress = z.object({
  campaign: ZReportCampaign,
  region: ZRegionRef,
  targets: z.number().int(),
  days: z.array(z.object({ date: ZIsoDate, done: z.number().int(), newlyDone: z.number().int() })),
});
export type TCampaignProgress = z.infer<typeof ZCampaignProgress>;

export const ZMissingVisitsQuery = z.strictObject({
  regionCode: ZRegionCode.optional(),
  /** `overdue`: the deadline has passed; `due`: not yet met, deadline still ahead. */
  status: z.enum(['overdue', 'due']).default('overdue'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** A household still missing visits: names and masked numbers only. */
export const ZMissingVisit = z.object({
  householdId: ZId,
  householdNo: z.string(),
  headName: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  village: ZRegionRef,
  cadre: ZCadreRef.nullable(),
  hardship: z.boolean(),
  required: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  missing: z.number().int(),
});
export type TMissingVisit = z.infer<typeof ZMissingVisit>;
export const ZMissingVisitList = z.object({ items: z.array(ZMissingVisit), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });

export const ZRosterQuery = z.strictObject({ regionCode: ZRegionCode.optional() });

/*
 * Signs of paper visits (疑似"虚假走访"线索): for the county's review, never automatic penalties.
 */
export const VISIT_FLAG_KINDS = ['burst', 'night', 'same_photo', 'similar_photo', 'survey_gap'] as const;
export const ZVisitFlagKind = z.enum(VISIT_FLAG_KINDS);
export type TVisitFlagKind = z.infer<typeof ZVisitFlagKind>;

export const FLAG_DEFAULTS = { burstLimit: 6, burstMinutes: 60, nightFromHour: 22, nightToHour: 6, similarDistance: 6 } as const;

export const ZVisitFlagsQuery = z.strictObject({
  /** A cadre is flagged for more than this many home visits within `burstMinutes`. */
  burstLimit: z.coerce.number().int().min(2).max(50).default(FLAG_DEFAULTS.burstLimit),
  burstMinutes: z.coerce.number().int().min(10).max(240).default(FLAG_DEFAULTS.burstMinutes),
  /** The survey wave to compare with (default: the county's latest closed wave with results). */
  waveId: ZId.optional(),
});

/** A visit named as evidence: the household by its head's name, never a number. */
export const ZFlagVisit = z.object({
  visitId: ZId,
  householdId: ZId,
  headName: z.string().nullable(),
  village: ZRegionRef,
  cadre: ZCadreRef,
  kind: z.string(),
  visitedAt: z.string(),
  recordedAt: z.string(),
});
export type TFlagVisit = z.infer<typeof ZFlagVisit>;

export const ZFlagReview = z.object({
  conclusion: z.enum(['explained', 'confirmed']),
  note: z.string(),
  reviewedBy: z.object({ id: ZId, displayName: z.string() }),
  reviewedAt: z.string(),
});
export type TFlagReview = z.infer<typeof ZFlagReview>;

const flagBase = { key: z.string(), review: ZFlagReview.nullable() };
export const ZVisitFlag = z.discriminatedUnion('kind', [
  z.object({ ...flagBase, kind: z.literal('burst'), cadre: ZCadreRef, windowStart: z.string(), windowEnd: z.string(), count: z.number().int(), visits: z.array(ZFlagVisit) }),
  z.object({ ...flagBase, kind: z.literal('night'), cadre: ZCadreRef, night: ZIsoDate, visits: z.array(ZFlagVisit) }),
  z.object({ ...flagBase, kind: z.literal('same_photo'), sha256: z.string(), households: z.number().int(), visits: z.array(ZFlagVisit) }),
  z.object({ ...flagBase, kind: z.literal('similar_photo'), sha256: z.array(z.string()).length(2), distance: z.number().int(), visits: z.array(ZFlagVisit) }),
  z.object({
    ...flagBase,
    kind: z.literal('survey_gap'),
    township: ZRegionRef,
    targets: z.number().int(),
    visited: z.number().int(),
    logCoverage: z.number(),
    wave: z.object({ id: ZId, name: z.string() }),
    surveyRate: z.number(),
    surveyN: z.number().int(),
    interval: z.object({ lower: z.number(), upper: z.number(), confidence: z.number() }),
  }),
]);
export type TVisitFlag = z.infer<typeof ZVisitFlag>;

/** A township's log coverage beside the survey's rate, flagged or not (the page shows all of them). */
export const ZSurveyComparison = z.object({
  township: ZRegionRef,
  logCoverage: z.number().nullable(),
  targets: z.number().int(),
  survey: z.union([
    z.object({ suppressed: z.literal(false), n: z.number().int(), rate: z.number(), interval: z.object({ lower: z.number(), upper: z.number(), confidence: z.number() }) }),
    z.object({ suppressed: z.literal(true), n: z.number().int() }),
  ]),
  flagged: z.boolean(),
});

export const ZVisitFlags = z.object({
  campaign: ZReportCampaign,
  settings: z.object({ burstLimit: z.number().int(), burstMinutes: z.number().int(), nightFromHour: z.number().int(), nightToHour: z.number().int(), similarDistance: z.number().int() }),
  wave: z.object({ id: ZId, name: z.string() }).nullable(),
  surveyComparison: z.array(ZSurveyComparison),
  items: z.array(ZVisitFlag),
  counts: z.object({ total: z.number().int(), unreviewed: z.number().int() }),
});
export type TVisitFlags = z.infer<typeof ZVisitFlags>;

export const ZReviewVisitFlagRequest = z.strictObject({
  flagKey: z.string().min(3).max(200),
  conclusion: z.enum(['explained', 'confirmed']),
  note: zName(500),
});
export const ZVisitFlagReviewed = z.object({ flagKey: z.string(), review: ZFlagReview });
