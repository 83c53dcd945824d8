/**
 * The survey results and supervision contract: live fieldwork progress (AAPOR rates, interviewer
 * output, phone quota fill), quality control (too-short and straight-lined interviews, a re-check
 * sample) and the results of a wave per township and for the county, with their intervals.
 *
 * Routes (all under /api/survey):
 *   GET  /results/waves                                         → ZResultsWaveList   (SURVEY_RESULTS_ROLES)
 *   GET  /waves/:id/results                                     → ZSurveyResults     (SURVEY_RESULTS_ROLES)
 *   GET  /waves/:id/progress     ZSurveyProgressQuery           → ZSurveyProgress    (SURVEY_PROGRESS_ROLES)
 *   PUT  /waves/:id/eligibility  ZSetEligibilityRequest         → ZSurveyProgress    (SURVEY_MANAGE_ROLES, audited)
 *   POST /waves/:id/quality/flags ZFlagInterviewsRequest        → ZFlagInterviewsResult (SURVEY_MANAGE_ROLES, audited)
 *   POST /waves/:id/quality/recheck-sample ZDrawRecheckRequest  → ZDrawRecheckResult (SURVEY_MANAGE_ROLES, audited)
 *   GET  /waves/:id/quality/rechecks ZRecheckListQuery          → ZRecheckList       (SURVEY_MANAGE_ROLES)
 *   PUT  /interviews/:id/recheck ZRecordRecheckRequest          → ZRecheckItem       (SURVEY_MANAGE_ROLES, audited)
 *
 * Anonymity: nothing here carries a phone, a single answer, an open-text answer or who answered.
 * Township administrators get only their own township and the county (ZSurveyResults.scope =
 * 'township'), and only for closed waves (409 `survey_results_not_final` before that). Every
 * aggregate resting on fewer than 5 valid answers is `{ suppressed: true, n }`.
 */
import { z } from 'zod';
import { ZBilingual, SURVEY_DOMAINS } from './survey.ts';
import { ZId, ZPageQuery, ZRegionCode } from './common.ts';

export const ZSurveyWaveParams = z.strictObject({ id: ZId });
export const ZSurveyInterviewParams = z.strictObject({ id: ZId });

/** A township or the county: its Chinese name, and its English name (region.name_en) or null when it has none. */
const ZRegionRef = z.object({ code: ZRegionCode, name: z.string(), nameEn: z.string().nullable() });
const ZUserRef = z.object({ id: ZId, username: z.string(), displayName: z.string() });
const ZWaveStatusOut = z.enum(['draft', 'fieldwork', 'closed']);

/** The wave a report is about. */
export const ZReportWave = z.object({
  id: ZId,
  name: z.string(),
  status: ZWaveStatusOut,
  startsOn: z.string(),
  endsOn: z.string(),
  questionnaireVersionId: ZId,
});

/* ---------------------------------------------------------------- progress (supervisor) */

/** An eligibility estimate e in [0, 1] (AAPOR RR3), 5 decimals at most (the column's precision). */
const ZEligibility = z.number().min(0).max(1).multipleOf(0.00001);

/** `e` previews the rates with another eligibility estimate without storing it (what-if). */
export const ZSurveyProgressQuery = z.strictObject({
  e: z
    .string()
    .regex(/^(0(\.\d{1,5})?|1(\.0{1,5})?)$/, { message: 'a share between 0 and 1, at most 5 decimals (e.g. 0.75)' })
    .transform(Number)
    .optional(),
});

/** Stores the wave's e (survey_wave.eligibility_override); null goes back to estimating it from the data. */
export const ZSetEligibilityRequest = z.strictObject({ eligibility: ZEligibility.nullable() });

/** Cases counted by AAPOR outcome group (I complete, P partial, R refusal/break-off, NC non-contact, O other, UH/UO unknown, NE not eligible). */
export const ZDispositionGroupCounts = z.object({
  I: z.number().int(),
  P: z.number().int(),
  R: z.number().int(),
  NC: z.number().int(),
  O: z.number().int(),
  UH: z.number().int(),
  UO: z.number().int(),
  NE: z.number().int(),
});

/** AAPOR Standard Definitions rates in [0, 1]; null when the denominator is 0. */
export const ZProgressRates = z.object({
  RR1: z.number().nullable(),
  RR3: z.number().nullable(),
  COOP1: z.number().nullable(),
  REF1: z.number().nullable(),
  CON1: z.number().nullable(),
});

export const ZProgressRow = z.object({
  /** The township (stratum), or the county for the total row. */
  region: ZRegionRef,
  targetCompletes: z.number().int(),
  /** Cases with the final disposition 1.1 (complete interview). */
  completes: z.number().int(),
  cases: z.object({
    /** Drawn into the sample (released or not). */
    sampled: z.number().int(),
    released: z.number().int(),
    /** With a final disposition. */
    finalized: z.number().int(),
    /** Released, attempted at least once, no final disposition yet. */
    inProgress: z.number().int(),
    /** Released, never attempted (AAPOR 3.11 in the rates). */
    notAttempted: z.number().int(),
    /** Held by an interviewer right now (unexpired lease). */
    assigned: z.number().int(),
  }),
  /** Call attempts made. */
  attempts: z.number().int(),
  /**
   * Released cases by outcome group: final dispositions, the last temporary outcome counted as
   * the final code it would become (provisional while fieldwork runs), never-attempted as 3.11.
   */
  dispositions: ZDispositionGroupCounts,
  /** The same cases by detailed AAPOR code (final codes only, e.g. '2.11'), most frequent first. */
  codes: z.array(z.object({ code: z.string(), count: z.number().int(), zh: z.string(), en: z.string() })),
  rates: ZProgressRates,
});
export type TProgressRow = z.infer<typeof ZProgressRow>;

export const ZInterviewerOutput = z.object({
  interviewer: ZUserRef,
  completes: z.number().int(),
  attempts: z.number().int(),
  /** Hours on cases: Σ (disposition recorded − case claimed) over the interviewer's finished attempts. */
  hours: z.number(),
  /** completes / hours; null when no time was recorded. */
  completesPerHour: z.number().nullable(),
});

export const ZQuotaCell = z.object({
  kind: z.enum(['mobile', 'landline']),
  /** The wave's share for this kind (0–1); null when the wave has no phone quota. */
  targetShare: z.number().nullable(),
  /** targetShare × the township's target completes, rounded; null without a quota. */
  targetCompletes: z.number().int().nullable(),
  completes: z.number().int(),
  /** Share of the township's completes; null when it has none. */
  share: z.number().nullable(),
});

export const ZQuotaRow = z.object({ region: ZRegionRef, cells: z.array(ZQuotaCell) });

export const ZSurveyProgress = z.object({
  wave: ZReportWave.extend({ targetCompletes: z.number().int(), maxAttempts: z.number().int() }),
  /**
   * The e used for RR3 in every row: the query's what-if, else the stored override, else the
   * county-wide proportional (CASRO) estimate from resolved cases; null when nothing resolved yet.
   */
  eligibility: z.object({
    used: z.number().nullable(),
    source: z.enum(['query', 'override', 'estimated']),
    override: z.number().nullable(),
    estimated: z.number().nullable(),
  }),
  county: ZProgressRow,
  townships: z.array(ZProgressRow),
  interviewers: z.array(ZInterviewerOutput),
  quota: z.object({
    /** The wave's phone_quota as shares, e.g. { mobile: 0.6, landline: 0.4 }; null = no quota. */
    shares: z.object({ mobile: z.number(), landline: z.number() }).nullable(),
    county: ZQuotaRow,
    townships: z.array(ZQuotaRow),
  }),
  generatedAt: z.string(),
});
export type TSurveyProgress = z.infer<typeof ZSurveyProgress>;

/* ---------------------------------------------------------------- quality control */

export const QC_FLAGS = ['too_short', 'straight_lining'] as const;
export const ZQcFlag = z.enum(QC_FLAGS);

export const ZFlagInterviewsRequest = z.strictObject({
  /** A complete interview shorter than this share of the wave's median duration is flagged too_short. Default 0.4. */
  shortFraction: z.number().min(0.05).max(1).default(0.4),
  /** Straight-lining needs at least this many answered satisfaction questions (overall + domains), all the same option. Default 6. */
  minStraightLineAnswers: z.number().int().min(2).max(50).default(6),
});

export const ZFlagInterviewsResult = z.object({
  /** Complete interviews checked. */
  checked: z.number().int(),
  medianSeconds: z.number().nullable(),
  thresholdSeconds: z.number().nullable(),
  tooShort: z.number().int(),
  straightLining: z.number().int(),
  /** Interviews with at least one flag. */
  flagged: z.number().int(),
});

export const ZDrawRecheckRequest = z.strictObject({
  /** Share of complete interviews drawn at random, in percent. Default 5. Every flagged interview is added. */
  percent: z.number().min(0).max(100).default(5),
  /** Seed of the draw (the same seed and interviews give the same sample); default the wave's sample seed. */
  seed: z.string().trim().min(1).max(64).optional(),
});

export const ZDrawRecheckResult = z.object({
  seed: z.string(),
  completes: z.number().int(),
  /** Interviews drawn at random. */
  random: z.number().int(),
  /** Flagged interviews (some may also be drawn at random). */
  flagged: z.number().int(),
  /** Interviews in the re-check sample after the draw (earlier draws are kept). */
  total: z.number().int(),
});

export const RECHECK_RESULTS = ['confirmed', 'not_confirmed', 'unreachable'] as const;
export const ZRecheckResult = z.enum(RECHECK_RESULTS);

export const ZRecordRecheckRequest = z.strictObject({
  result: ZRecheckResult,
  note: z.string().trim().max(1000).default(''),
});

export const ZRecheckListQuery = ZPageQuery.extend({
  /** pending: no result yet; done: with a result. Default all. */
  state: z.enum(['pending', 'done']).optional(),
});

/** One interview of the re-check sample. No phone: the re-check call goes through the case, not this list. */
export const ZRecheckItem = z.object({
  interviewId: ZId,
  caseId: ZId,
  interviewer: ZUserRef,
  township: ZRegionRef.nullable(),
  durationSeconds: z.number().int(),
  completedAt: z.string().nullable(),
  flags: z.array(z.string()),
  result: ZRecheckResult.nullable(),
  note: z.string(),
  checkedBy: ZUserRef.nullable(),
  checkedAt: z.string().nullable(),
});
export type TRecheckItem = z.infer<typeof ZRecheckItem>;

export const ZRecheckList = z.object({
  items: z.array(ZRecheckItem),
  nextCursor: z.string().nullable(),
  summary: z.object({
    total: z.number().int(),
    pending: z.number().int(),
    confirmed: z.number().int(),
    notConfirmed: z.number().int(),
    unreachable: z.number().int(),
  }),
});

/* ---------------------------------------------------------------- results */

const ZInterval = z.object({ lower: z.number(), upper: z.number(), confidence: z.number() });

/**
 * One figure with its base and 95% interval, or suppressed (n < 5 valid answers: numbers dropped).
 * - method 't': a mean of respondents' scores, ȳ ± t(n−1)·s/√n·√(1−n/N); standardError s/√n·√(1−n/N).
 * - method 'wilson': a rate, Wilson score interval; standardError √(p(1−p)/n).
 * - method 'stratified': the county estimate Σ W_h·ȳ_h (W_h township population shares), its
 *   standard error √Σ W_h²(1−f_h)s_h²/n_h and a t interval with Satterthwaite's df.
 * Rates are shares in [0, 1]; indexes and scores are on the questionnaire's score scale (0–100).
 * A t interval is clipped to the range its values can take (the scale's scores, or [0, 1]).
 */
export const ZEstimate = z.discriminatedUnion('suppressed', [
  z.object({
    suppressed: z.literal(false),
    n: z.number().int(),
    estimate: z.number(),
    standardError: z.number().nullable(),
    interval: ZInterval.nullable(),
    df: z.number().nullable(),
    method: z.enum(['t', 'wilson', 'stratified']),
  }),
  z.object({ suppressed: z.literal(true), n: z.number().int() }),
]);
export type TEstimate = z.infer<typeof ZEstimate>;

export const ZDomainResult = z.object({
  /** The domain the question is tagged with in the questionnaire; null for an untagged domain question. */
  domain: z.enum(SURVEY_DOMAINS).nullable(),
  questionCode: z.string(),
  text: ZBilingual,
  /** Mean score of the valid answers. */
  score: ZEstimate,
  /** Share satisfied (满意 + 基本满意) of the valid answers. */
  satisfaction: ZEstimate,
});

export const ZPolicyResult = z.object({ questionCode: z.string(), policy: ZBilingual, awareness: ZEstimate });

/** One township's or the county's figures. */
export const ZAreaResults = z.object({
  region: ZRegionRef,
  /** Population used as the township's weight (wave_stratum.population); the county's is the sum. */
  population: z.number().int(),
  /** Complete interviews counted for this area (respondent's township, S3). */
  completes: z.number().int(),
  /** Satisfaction index: each respondent's mean score over the overall and domain questions, averaged. */
  index: ZEstimate,
  /** Overall question (Q1): share satisfied. */
  satisfaction: ZEstimate,
  /** Overall question (Q1): share dissatisfied. */
  dissatisfaction: ZEstimate,
  domains: z.array(ZDomainResult),
  awareness: z.object({
    /** Mean over respondents of the share of the named policies they have heard of. */
    overall: ZEstimate,
    policies: z.array(ZPolicyResult),
  }),
  /** "Has a cadre visited your home this year?": share yes of the valid answers. */
  visited: ZEstimate,
});
export type TAreaResults = z.infer<typeof ZAreaResults>;

/**
 * A township's place in the ranking by index. rank is by estimate; bestRank..worstRank is the
 * range of places it could plausibly hold (pairwise z-tests, Holm-adjusted, α = 0.05).
 */
export const ZRankPosition = z.object({
  code: ZRegionCode,
  rank: z.number().int(),
  bestRank: z.number().int(),
  worstRank: z.number().int(),
  /** Codes of townships whose index is not significantly different (empty for township viewers). */
  notSignificantlyDifferent: z.array(ZRegionCode),
});

export const ZSurveyResults = z.object({
  wave: ZReportWave,
  /** 'county': every township; 'township': the viewer's own township and the county only. */
  scope: z.enum(['county', 'township']),
  confidence: z.number(),
  /** Aggregates with fewer valid answers than this are suppressed. */
  minReportableN: z.number().int(),
  county: ZAreaResults,
  /** Townships in code order (only the viewer's own for township viewers). */
  townships: z.array(ZAreaResults),
  ranking: z.object({
    /** Townships ranked (those with a reportable index). */
    of: z.number().int(),
    alpha: z.number(),
    adjustment: z.literal('holm'),
    /** In rank order (only the viewer's own position for township viewers). */
    items: z.array(ZRankPosition),
    /** Groups of consecutive ranks the survey cannot tell apart, as code lists (county scope only). */
    groups: z.array(z.array(ZRegionCode)),
  }),
  /**
   * Townships left out of at least one county figure because that figure's base in the township
   * is below minReportableN (so a suppressed township cannot be recovered by differencing the
   * county against the others) or their population is 0. The county is then the stratified
   * estimate over the remaining townships, reweighted among them.
   */
  countyExcludes: z.array(ZRegionCode),
  /** Complete interviews whose township (S3) is not a stratum of the wave: not counted anywhere. */
  unassigned: z.number().int(),
  generatedAt: z.string(),
});
export type TSurveyResults = z.infer<typeof ZSurveyResults>;

/** Waves whose results the caller may read (township administrators: closed waves only). */
export const ZResultsWave = ZReportWave.extend({ completes: z.number().int() });
export const ZResultsWaveList = z.object({ items: z.array(ZResultsWave) });
