/**
 * Rectification tasks' shared vocabulary (整改, issue 12 points 1–2). The module
 * `src/server/modules/rectification` owns the routes and the full request/response schemas;
 * what is here is what other modules (assessment, bulletin, dashboard) read.
 */
import { z } from 'zod';
import { ZId, ZIsoDate, ZRegionCode, noInvisibleCharacters } from '../schemas/common.ts';
import { SURVEY_DOMAINS } from '../schemas/survey.ts';
import { ZContentHash } from '../visits/visit-schemas.ts';

export const RECTIFICATION_STATUSES = ['proposed', 'dropped', 'open', 'submitted', 'accepted'] as const;
export const ZRectificationStatus = z.enum(RECTIFICATION_STATUSES);
export type TRectificationStatus = z.infer<typeof ZRectificationStatus>;

export const RECTIFICATION_SOURCES = ['survey', 'cases', 'manual'] as const;

/**
 * What a proposal rested on (rectification_task.evidence): the weak figure of the township with
 * its n and interval, the county's, and the test that found it weak; or the case category's
 * counts. Kept as it was when proposed, even after the wave's data changes.
 */
export const ZRectificationEvidence = z.object({
  kind: z.enum(['survey', 'cases', 'manual']),
  /** Why it was proposed: below the threshold, or significantly below the county (p of the survey's test). */
  reason: z.enum(['below_threshold', 'below_county', 'category_piling_up', 'manual']).optional(),
  figureKey: z.string().optional(),
  township: z.object({ estimate: z.number(), standardError: z.number().nullable(), n: z.number().int(), lower: z.number().nullable(), upper: z.number().nullable() }).optional(),
  county: z.object({ estimate: z.number(), standardError: z.number().nullable(), n: z.number().int(), lower: z.number().nullable(), upper: z.number().nullable() }).optional(),
  threshold: z.number().optional(),
  p: z.number().optional(),
  /** The rest of the county (every other reportable township, population-weighted), the comparison of the test behind `p`. */
  rest: z.object({ estimate: z.number(), standardError: z.number(), n: z.number().int(), lower: z.number(), upper: z.number() }).optional(),
  /** `p` is Holm-adjusted across the townships of one figure; this is the unadjusted two-sided p. */
  pUnadjusted: z.number().optional(),
  /** The test's level (α) and, for cases, the minimum count of the rule. */
  alpha: z.number().optional(),
  minCount: z.number().int().optional(),
  /** For a case category: the cases of the period, of the previous period of the same length, and the category id. */
  cases: z.object({ categoryId: ZId, count: z.number().int(), previousCount: z.number().int(), from: z.string(), to: z.string() }).optional(),
});
export type TRectificationEvidence = z.infer<typeof ZRectificationEvidence>;

/* ---- The rectification module's requests and answers (routes in src/shared/api/rectification.ts). ---- */

const zText = (max: number) => z.string().check(noInvisibleCharacters).trim().max(max);
const zRequired = (max: number) => zText(max).min(1);
const ZQueryBoolean = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ZRectificationIdParams = z.strictObject({ id: ZId });
export const ZRectificationFileParams = z.strictObject({ id: ZId, sha256: ZContentHash });

/** The county's thresholds for proposals and its rule for a case category piling up. */
export const ZRectificationSettingsInput = z.strictObject({
  indexThreshold: z.number().min(0).max(100),
  domainScoreThreshold: z.number().min(0).max(100),
  dissatisfactionThreshold: z.number().min(0).max(1),
  caseMinCount: z.number().int().min(1).max(1000),
  caseAlpha: z.number().gt(0).lt(0.5),
});
export type TRectificationSettingsInput = z.infer<typeof ZRectificationSettingsInput>;
export const ZRectificationSettings = ZRectificationSettingsInput.extend({ countyCode: z.string(), saved: z.boolean(), updatedAt: z.string().nullable() });
export type TRectificationSettings = z.infer<typeof ZRectificationSettings>;

/** A task's owner: one of its township (or another) or a county department. */
const ownerFields = { ownerRegionCode: ZRegionCode.optional(), ownerDepartmentId: ZId.optional() };
const oneOwner = (v: { ownerRegionCode?: string | undefined; ownerDepartmentId?: string | undefined }) => !(v.ownerRegionCode && v.ownerDepartmentId);

export const ZProposeRectificationRequest = z.strictObject({ waveId: ZId });
export const ZConfirmRectificationRequest = z
  .strictObject({ ...ownerFields, dueOn: ZIsoDate, measures: zText(4000).optional(), title: zRequired(120).optional() })
  .refine((v) => oneOwner(v) && (v.ownerRegionCode || v.ownerDepartmentId), { message: 'name exactly one owner: ownerRegionCode or ownerDepartmentId', path: ['ownerRegionCode'] });
export const ZDropRectificationRequest = z.strictObject({ reason: zRequired(500) });
export const ZEditRectificationRequest = z
  .strictObject({ ...ownerFields, title: zRequired(120).optional(), problem: zRequired(4000).optional(), measures: zText(4000).optional(), dueOn: ZIsoDate.optional() })
  .refine(oneOwner, { message: 'name at most one owner', path: ['ownerRegionCode'] })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'change at least one field' });
export const ZCreateRectificationRequest = z
  .strictObject({
    ...ownerFields,
    /** The township whose problem it is; absent: a county-wide task. */
    townshipCode: ZRegionCode.optional(),
    domain: z.enum(SURVEY_DOMAINS).optional(),
    title: zRequired(120),
    problem: zRequired(4000),
    measures: zText(4000).optional(),
    dueOn: ZIsoDate,
  })
  .refine((v) => oneOwner(v) && (v.ownerRegionCode || v.ownerDepartmentId), { message: 'name exactly one owner: ownerRegionCode or ownerDepartmentId', path: ['ownerRegionCode'] });
export const ZRectificationProgressRequest = z.strictObject({ note: zRequired(2000), files: z.array(ZContentHash).max(12).optional() });
export const ZRectificationNoteRequest = z.strictObject({ note: zText(1000).optional() });
export const ZReturnRectificationRequest = z.strictObject({ reason: zRequired(500) });

export const ZRectificationListQuery = z.strictObject({
  /** One or more statuses, comma-separated. */
  status: z
    .string()
    .max(80)
    .refine((v) => v.split(',').every((s) => (RECTIFICATION_STATUSES as readonly string[]).includes(s)), { message: `statuses from ${RECTIFICATION_STATUSES.join(', ')}, comma-separated` })
    .optional(),
  townshipCode: ZRegionCode.optional(),
  source: z.enum(RECTIFICATION_SOURCES).optional(),
  waveId: ZId.optional(),
  overdue: ZQueryBoolean.optional(),
  /** The `nextCursor` of the page before (keyset: newest first, as the cases list). */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TRectificationListQuery = z.infer<typeof ZRectificationListQuery>;

const ZFigure = z.object({ estimate: z.number(), standardError: z.number().nullable(), n: z.number().int(), lower: z.number().nullable(), upper: z.number().nullable() });
const ZWaveRef = z.object({ id: ZId, name: z.string(), endsOn: z.string() });

/** Did it work (整改成效): the task's figure for its township, its wave against the county's next closed wave (compareWaves). */
export const ZRectificationEffect = z.discriminatedUnion('state', [
  /** A task without a survey figure and township (cases, by hand, county-wide). */
  z.object({ state: z.literal('not_applicable') }),
  z.object({ state: z.literal('no_later_wave') }),
  /** The later wave's figure (or the first's) is suppressed (n < 5) or has no standard error. */
  z.object({ state: z.literal('not_comparable'), laterWave: ZWaveRef }),
  z.object({
    state: z.literal('compared'),
    laterWave: ZWaveRef,
    higherIsBetter: z.boolean(),
    before: ZFigure,
    after: ZFigure,
    difference: z.number(),
    standardError: z.number(),
    interval: z.object({ lower: z.number(), upper: z.number(), confidence: z.number() }),
    p: z.number(),
    verdict: z.enum(['improved', 'no_measurable_change', 'worse']),
  }),
]);
export type TRectificationEffect = z.infer<typeof ZRectificationEffect>;

const ZPlace = z.object({ code: ZRegionCode, name: z.string(), nameEn: z.string().nullable() });
export const ZRectificationOwner = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('township'), code: ZRegionCode, name: z.string(), nameEn: z.string().nullable() }),
  z.object({ kind: z.literal('department'), id: ZId, name: z.string() }),
]);

export const RECTIFICATION_STEPS = ['confirm', 'drop', 'edit', 'progress', 'submit', 'accept', 'return'] as const;
export type TRectificationStep = (typeof RECTIFICATION_STEPS)[number];

export const ZRectificationTaskSummary = z.object({
  id: ZId,
  taskNo: z.string(),
  source: z.enum(RECTIFICATION_SOURCES),
  status: ZRectificationStatus,
  title: z.string(),
  township: ZPlace.nullable(),
  owner: ZRectificationOwner.nullable(),
  wave: ZWaveRef.nullable(),
  figureKey: z.string().nullable(),
  domain: z.enum(SURVEY_DOMAINS).nullable(),
  reason: z.string().nullable(),
  dueOn: z.string().nullable(),
  /** Past its due date (Asia/Shanghai) and not submitted by then (see shared rule isTaskOverdue). */
  overdue: z.boolean(),
  /** For an accepted task: submitted by its due date. Null while not accepted. */
  onTime: z.boolean().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  effect: ZRectificationEffect,
});
export type TRectificationTaskSummary = z.infer<typeof ZRectificationTaskSummary>;

export const ZRectificationFileView = z.object({ sha256: ZContentHash, mediaType: z.string(), bytes: z.number().int(), width: z.number().int().nullable(), height: z.number().int().nullable(), addedAt: z.string() });
export type TRectificationFileView = z.infer<typeof ZRectificationFileView>;

export const ZRectificationUpdateView = z.object({
  id: ZId,
  kind: z.enum(['propose', 'create', 'confirm', 'edit', 'drop', 'progress', 'submit', 'accept', 'return']),
  note: z.string(),
  details: z.record(z.string(), z.unknown()),
  actor: z.string().nullable(),
  at: z.string(),
  files: z.array(ZRectificationFileView),
});
export type TRectificationUpdateView = z.infer<typeof ZRectificationUpdateView>;

export const ZRectificationTaskDetail = ZRectificationTaskSummary.extend({
  problem: z.string(),
  measures: z.string(),
  evidence: ZRectificationEvidence,
  dropReason: z.string().nullable(),
  caseCategory: z.object({ id: ZId, code: z.string(), name: z.string(), nameEn: z.string() }).nullable(),
  updates: z.array(ZRectificationUpdateView),
  /** Photos uploaded but not yet named by a progress report (the owner's draft). */
  pendingFiles: z.array(ZRectificationFileView),
  /** The steps this caller may take now. */
  allowedSteps: z.array(z.enum(RECTIFICATION_STEPS)),
});
export type TRectificationTaskDetail = z.infer<typeof ZRectificationTaskDetail>;

/** A page of tasks: `total` counts every task matching the filters (a county has tens to hundreds), `nextCursor` is null on the last page. */
export const ZRectificationTaskList = z.object({ items: z.array(ZRectificationTaskSummary), total: z.number().int(), nextCursor: z.string().nullable() });
export const ZProposeRectificationResult = z.object({ created: z.number().int(), fromSurvey: z.number().int(), fromCases: z.number().int(), alreadyProposed: z.number().int(), items: z.array(ZRectificationTaskSummary) });
export type TProposeRectificationResult = z.infer<typeof ZProposeRectificationResult>;
export type TRectificationTaskList = z.infer<typeof ZRectificationTaskList>;
export type TCreateRectificationRequest = z.infer<typeof ZCreateRectificationRequest>;
export type TConfirmRectificationRequest = z.infer<typeof ZConfirmRectificationRequest>;
export type TEditRectificationRequest = z.infer<typeof ZEditRectificationRequest>;
