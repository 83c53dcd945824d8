/**
 * The assessment module's request and answer schemas (考核, issue 12 points 4 and 10): creating an
 * assessment with its first scheme, saving a new scheme version, bonus and penalty items, the
 * city's spot checks. The scheme and the frozen result themselves are `assessment-schemas.ts`.
 */
import { z } from 'zod';
import { ZId, ZIsoDate, ZRegionCode } from '../schemas/common.ts';
import { ZAssessmentResult, ZAssessmentScheme } from './assessment-schemas.ts';

const ZName = z.string().trim().min(1).max(100);
const ZNote = z.string().trim().max(500);

export const ZAssessmentIdParams = z.strictObject({ id: ZId });
export const ZAdjustmentParams = z.strictObject({ id: ZId, adjustmentId: ZId });

/** A scheme as sent by the admin: the shared scheme, each component listed once. The weights' sum is checked by the use case (422 naming the sum). */
export const ZSchemeInput = ZAssessmentScheme.superRefine((s, ctx) => {
  const seen = new Set<string>();
  s.components.forEach((c, k) => {
    if (seen.has(c.key)) ctx.addIssue({ code: 'custom', path: ['components', k, 'key'], message: `${c.key} is listed twice` });
    seen.add(c.key);
  });
  const waves = new Set<string>();
  s.waveIds.forEach((id, k) => {
    if (waves.has(id)) ctx.addIssue({ code: 'custom', path: ['waveIds', k], message: `${id} is listed twice` });
    waves.add(id);
  });
});

export const ZAssessmentCreate = z
  .strictObject({
    name: ZName,
    periodStart: ZIsoDate,
    periodEnd: ZIsoDate,
    /** The previous period's assessment, for "compared with the previous period". */
    previousId: ZId.nullable().default(null),
    scheme: ZSchemeInput,
    note: ZNote.default(''),
  })
  .refine((a) => a.periodEnd >= a.periodStart, { path: ['periodEnd'], message: 'the end date is before the start date' });
export type TAssessmentCreate = z.input<typeof ZAssessmentCreate>;

export const ZSchemeSave = z.strictObject({ scheme: ZSchemeInput, note: ZNote.default('') });
export type TSchemeSave = z.input<typeof ZSchemeSave>;

/** A reason every bonus or penalty item and every removal carries. */
export const ZReason = z.string().trim().min(2, { message: 'a reason of at least 2 characters' }).max(500);

export const ZAdjustmentInput = z.strictObject({
  townshipCode: ZRegionCode,
  points: z
    .number()
    .min(-100)
    .max(100)
    .refine((p) => p !== 0, { message: 'must not be 0' })
    .refine((p) => Math.abs(p * 100 - Math.round(p * 100)) < 1e-6, { message: 'at most two decimals' }),
  reason: ZReason,
});
export type TAdjustmentInput = z.input<typeof ZAdjustmentInput>;

export const ZAdjustmentRemove = z.strictObject({ reason: ZReason });

export const ZCorrectionInput = z.strictObject({ name: ZName.optional(), reason: ZReason });

const ZTownshipRef = z.object({ id: ZId, code: ZRegionCode, name: z.string(), nameEn: z.string().nullable() });

export const ZAssessmentSummary = z.object({
  id: ZId,
  name: z.string(),
  periodStart: ZIsoDate,
  periodEnd: ZIsoDate,
  status: z.enum(['draft', 'published']),
  currentVersion: z.number().int(),
  previousId: ZId.nullable(),
  supersedesId: ZId.nullable(),
  /** The assessment that corrects this one, when there is one. */
  supersededById: ZId.nullable(),
  publishedAt: z.string().nullable(),
  publishedResultId: ZId.nullable(),
  createdAt: z.string(),
});
export type TAssessmentSummary = z.infer<typeof ZAssessmentSummary>;

export const ZAssessmentList = z.object({ items: z.array(ZAssessmentSummary) });

export const ZAdjustment = z.object({
  id: ZId,
  township: ZTownshipRef,
  points: z.number(),
  reason: z.string(),
  createdAt: z.string(),
  removedAt: z.string().nullable(),
});

export const ZStoredResult = z.object({
  id: ZId,
  schemeVersion: z.number().int(),
  computedAt: z.string(),
  /** Computed before the latest change of the scheme or the adjustments: compute again before publishing. */
  stale: z.boolean(),
  result: ZAssessmentResult,
});
export type TStoredResult = z.infer<typeof ZStoredResult>;

export const ZAssessmentDetail = ZAssessmentSummary.extend({
  scheme: ZAssessmentScheme,
  schemeNote: z.string(),
  adjustments: z.array(ZAdjustment),
  /** The latest result of the current scheme version (the published one once published). */
  result: ZStoredResult.nullable(),
  /** The county's townships, for the adjustment form. */
  townships: z.array(ZTownshipRef),
  previous: z.object({ id: ZId, name: z.string(), status: z.enum(['draft', 'published']) }).nullable(),
});
export type TAssessmentDetail = z.infer<typeof ZAssessmentDetail>;

export const ZSchemeVersions = z.object({
  items: z.array(z.object({ version: z.number().int(), scheme: ZAssessmentScheme, note: z.string(), createdAt: z.string(), createdBy: z.string().nullable() })),
});

export const CITY_FIGURES = ['index', 'satisfaction', 'dissatisfaction'] as const;

/** One figure of the city's spot check (市级抽查) for the county, on the survey's own scale (index 0–100, rates 0–1). */
export const ZCitySpotCheckInput = z
  .strictObject({
    periodStart: ZIsoDate,
    periodEnd: ZIsoDate,
    figure: z.enum(CITY_FIGURES),
    estimate: z.number().finite(),
    n: z.number().int().positive().nullable().default(null),
    lower: z.number().finite().nullable().default(null),
    upper: z.number().finite().nullable().default(null),
    /** The city's document, e.g. 市联系服务办〔2026〕12号. */
    source: z.string().trim().min(1).max(100),
    cityRank: z.number().int().positive().nullable().default(null),
    cityCounties: z.number().int().positive().nullable().default(null),
  })
  .superRefine((c, ctx) => {
    if (c.periodEnd < c.periodStart) ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'the end date is before the start date' });
    if ((c.lower === null) !== (c.upper === null)) ctx.addIssue({ code: 'custom', path: ['upper'], message: 'give both ends of the interval or neither' });
    if (c.lower !== null && c.upper !== null && !(c.lower <= c.estimate && c.estimate <= c.upper)) ctx.addIssue({ code: 'custom', path: ['lower'], message: 'the interval must contain the estimate' });
    if (c.figure !== 'index' && !(c.estimate >= 0 && c.estimate <= 1)) ctx.addIssue({ code: 'custom', path: ['estimate'], message: 'a share between 0 and 1' });
    if (c.cityRank !== null && c.cityCounties !== null && c.cityRank > c.cityCounties) ctx.addIssue({ code: 'custom', path: ['cityRank'], message: 'the place is beyond the number of counties' });
  });
export type TCitySpotCheckInput = z.input<typeof ZCitySpotCheckInput>;

export const ZCitySpotCheck = z.object({
  id: ZId,
  periodStart: ZIsoDate,
  periodEnd: ZIsoDate,
  figure: z.enum(CITY_FIGURES),
  estimate: z.number(),
  n: z.number().int().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  source: z.string(),
  cityRank: z.number().int().nullable(),
  cityCounties: z.number().int().nullable(),
  createdAt: z.string(),
});
export type TCitySpotCheck = z.infer<typeof ZCitySpotCheck>;

export const ZCitySpotCheckList = z.object({ items: z.array(ZCitySpotCheck) });
export const ZCitySpotCheckImport = z.object({ imported: z.number().int(), items: z.array(ZCitySpotCheck) });

/** The spreadsheet columns of a spot-check import (Chinese header, English accepted too). */
export const CITY_SPOT_CHECK_COLUMNS = [
  { key: 'periodStart', zh: '开始日期', en: 'period start' },
  { key: 'periodEnd', zh: '结束日期', en: 'period end' },
  { key: 'figure', zh: '指标', en: 'figure' },
  { key: 'estimate', zh: '数值', en: 'estimate' },
  { key: 'n', zh: '样本量', en: 'n' },
  { key: 'lower', zh: '区间下限', en: 'lower' },
  { key: 'upper', zh: '区间上限', en: 'upper' },
  { key: 'source', zh: '文号', en: 'source' },
  { key: 'cityRank', zh: '全市位次', en: 'city rank' },
  { key: 'cityCounties', zh: '县区数', en: 'city counties' },
] as const;
