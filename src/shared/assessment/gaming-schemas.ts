/**
 * Signs of gaming (刷分迹象, issue 12 point 7): what a flag's evidence holds. County-only.
 */
import { z } from 'zod';

export const GAMING_SIGNALS = ['uniform_answers', 'satisfaction_jump', 'cases_disagree', 'visits_disagree'] as const;
export const ZGamingSignal = z.enum(GAMING_SIGNALS);
export type TGamingSignal = z.infer<typeof ZGamingSignal>;

/** The figures behind a flag: each a named measurement of the township beside the county's (or the previous wave's), with a test where one applies. */
export const ZGamingEvidence = z.object({
  summary: z.object({ 'zh-CN': z.string(), en: z.string() }),
  measures: z.array(
    z.object({
      key: z.string(),
      label: z.object({ 'zh-CN': z.string(), en: z.string() }),
      township: z.number().nullable(),
      reference: z.number().nullable(),
      referenceLabel: z.object({ 'zh-CN': z.string(), en: z.string() }),
      n: z.number().int().nullable(),
      p: z.number().nullable(),
    }),
  ),
});
export type TGamingEvidence = z.infer<typeof ZGamingEvidence>;

// The gaming-signals routes' inputs and answers (issue 12 point 7).
export const GAMING_FLAG_STATUSES = ['new', 'dismissed', 'confirmed'] as const;
export const ZGamingFlagStatus = z.enum(GAMING_FLAG_STATUSES);
export const ZGamingSeverity = z.enum(['watch', 'review']);
const ZGamingId = z.string().regex(/^[1-9]\d{0,17}$/, { message: 'an id: a positive whole number' });

export const ZDetectGamingRequest = z.strictObject({ waveId: ZGamingId });
export const ZGamingFlagsQuery = z.strictObject({ waveId: ZGamingId.optional(), status: ZGamingFlagStatus.optional() });
export const ZGamingFlagIdParams = z.strictObject({ id: ZGamingId });
export const ZReviewGamingFlagRequest = z.strictObject({
  status: z.enum(['dismissed', 'confirmed']),
  note: z.string().trim().min(1, { message: 'a note is required' }).max(2000),
});

const ZLocalized = z.object({ 'zh-CN': z.string(), en: z.string() });
export const ZGamingFlag = z.object({
  id: ZGamingId,
  waveId: ZGamingId,
  township: z.object({ code: z.string(), name: z.string(), nameEn: z.string().nullable() }),
  signal: ZGamingSignal,
  severity: ZGamingSeverity,
  evidence: ZGamingEvidence,
  status: ZGamingFlagStatus,
  reviewNote: z.string().nullable(),
  reviewedBy: z.object({ id: ZGamingId, displayName: z.string() }).nullable(),
  reviewedAt: z.string().nullable(),
  detectedAt: z.string(),
});
export type TGamingFlag = z.infer<typeof ZGamingFlag>;

/** A closed wave the county may look at (the page's picker), with how many flags it has. */
export const ZGamingWave = z.object({ id: ZGamingId, name: z.string(), endsOn: z.string(), flags: z.number().int(), open: z.number().int() });
export const ZGamingFlagList = z.object({ wave: ZGamingWave.nullable(), waves: z.array(ZGamingWave), items: z.array(ZGamingFlag) });
export type TGamingFlagList = z.infer<typeof ZGamingFlagList>;

/** Why a detector did not look at a township. */
export const ZGamingNotAssessed = z.enum(['too_few_interviews', 'no_previous_wave']);
export const ZDetectGamingResult = z.object({
  waveId: ZGamingId,
  previousWaveId: ZGamingId.nullable(),
  minReportableN: z.number().int(),
  flags: z.object({ total: z.number().int(), created: z.number().int(), changed: z.number().int(), unchanged: z.number().int(), removed: z.number().int() }),
  townships: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      n: z.number().int(),
      notAssessed: z.object({ coaching: ZGamingNotAssessed.nullable(), cases: ZGamingNotAssessed.nullable(), visits: ZGamingNotAssessed.nullable() }),
    }),
  ),
  summary: ZLocalized,
});
export type TDetectGamingResult = z.infer<typeof ZDetectGamingResult>;
