/**
 * The county's case settings and the three rates (三率: 响应率, 解决率, 满意率, with the on-time rate
 * 按期办结率 beside them) as the API sends them. Shared by the server and the web app.
 */
import { z } from 'zod';
import { ZRegionCode } from '../schemas/common.ts';

/** A weight of the composite: 0 to 1 in thousandths (the column is numeric(4, 3)). */
const ZWeight = z
  .number()
  .min(0)
  .max(1)
  .refine((w) => Math.abs(w * 1000 - Math.round(w * 1000)) < 1e-6, { message: 'at most three decimals' });

/** Weights in thousandths, so that 0.1 + 0.5 + 0.4 is exactly 1 (floating point says 0.9999…). */
export const weightThousandths = (w: number): number => Math.round(w * 1000);

export const ZCaseWeights = z
  .strictObject({ response: ZWeight, resolution: ZWeight, satisfaction: ZWeight })
  .refine((w) => weightThousandths(w.response) + weightThousandths(w.resolution) + weightThousandths(w.satisfaction) === 1000, {
    message: 'the three weights must add up to 1',
    path: ['satisfaction'],
  });
export type TCaseWeights = z.infer<typeof ZCaseWeights>;

/** A county's case settings (县级诉求设置). */
export const ZCaseSettingsInput = z.strictObject({
  weights: ZCaseWeights,
  /** 基本满意 counts as satisfied in the satisfaction rate. */
  basicallySatisfiedCounts: z.boolean(),
  /** How many working hours before a deadline a case shows as "due soon". */
  dueSoonHours: z.number().int().min(1).max(240),
  /** Unanswered call-back attempts after which a resolved case may be closed without a call-back. */
  callbackAttemptsToClose: z.number().int().min(1).max(10),
  /** The deadline sweep escalates overdue cases one level up by itself. */
  autoEscalate: z.boolean(),
});
export type TCaseSettingsInput = z.infer<typeof ZCaseSettingsInput>;

export const ZCaseSettings = ZCaseSettingsInput.extend({
  countyCode: z.string(),
  /** False while the county still uses the defaults (no row saved yet). */
  saved: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type TCaseSettings = z.infer<typeof ZCaseSettings>;

/** The defaults of migration 0016 (e.g. 0.1 / 0.5 / 0.4, as Beijing's 12345 practice). */
export const DEFAULT_CASE_SETTINGS: TCaseSettingsInput = {
  weights: { response: 0.1, resolution: 0.5, satisfaction: 0.4 },
  basicallySatisfiedCounts: true,
  dueSoonHours: 8,
  callbackAttemptsToClose: 3,
  autoEscalate: true,
};

export const CASE_RATE_LEVELS = ['township', 'village', 'department'] as const;
export const ZCaseRateLevel = z.enum(CASE_RATE_LEVELS);
export type TCaseRateLevel = z.infer<typeof ZCaseRateLevel>;

/** A Shanghai calendar month, 'YYYY-MM'. */
export const ZMonth = z.string().regex(/^(19|20|21)\d{2}-(0[1-9]|1[0-2])$/, { message: 'a month: YYYY-MM' });

export const ZCaseRatesQuery = z.strictObject({ month: ZMonth, level: ZCaseRateLevel.default('township') });
export type TCaseRatesQuery = z.infer<typeof ZCaseRatesQuery>;

/** One rate: successes of n with its 95% Wilson interval; null estimate when n is 0. */
export const ZRate = z.object({
  successes: z.number().int(),
  n: z.number().int(),
  estimate: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
});
export type TRate = z.infer<typeof ZRate>;

export const ZCaseRateUnit = z.object({
  /** 'r<region id>' or 'd<department id>': unique across levels. */
  key: z.string(),
  level: ZCaseRateLevel,
  code: ZRegionCode.nullable(),
  name: z.string(),
  nameEn: z.string().nullable(),
  /** The township a village belongs to. */
  parentName: z.string().nullable(),
});

export const ZCaseRateRow = z.object({
  unit: ZCaseRateUnit,
  response: ZRate,
  resolution: ZRate,
  satisfaction: ZRate,
  onTime: ZRate,
  /** Weighted sum of the three rates; null when a weighted rate has no n. */
  composite: z.number().nullable(),
  compositeStandardError: z.number().nullable(),
  /** Competition rank by composite (1, 2, 2, 4) and the plausible range given the intervals. */
  rank: z.number().int().nullable(),
  /** How many units the rank is among: every ranked unit of the level, or for a village its township's ranked villages. */
  rankedAmong: z.number().int().nullable(),
  bestRank: z.number().int().nullable(),
  worstRank: z.number().int().nullable(),
  /** Units whose composite cannot be told apart from this one (keys). */
  notSignificantlyDifferent: z.array(z.string()),
});
export type TCaseRateRow = z.infer<typeof ZCaseRateRow>;

export const ZCaseRates = z.object({
  month: ZMonth,
  level: ZCaseRateLevel,
  /** 'county' for the county's staff, 'township' for a township admin, 'department' for a handler. */
  scope: z.enum(['county', 'township', 'department']),
  weights: ZCaseWeights,
  basicallySatisfiedCounts: z.boolean(),
  confidence: z.number(),
  alpha: z.number(),
  /** Units ranked (all with a composite), even when the caller sees fewer rows; villages are ranked within their township. */
  rankedOf: z.number().int(),
  rows: z.array(ZCaseRateRow),
  /** Maximal runs of consecutive ranked units that cannot be told apart (keys), the survey's groups. */
  groups: z.array(z.array(z.string())),
  /** Where the figures come from, for the table's footnote and the export. */
  source: z.string(),
  generatedAt: z.string(),
});
export type TCaseRates = z.infer<typeof ZCaseRates>;
