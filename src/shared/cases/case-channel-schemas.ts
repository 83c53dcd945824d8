/**
 * The intake channels beside the clerk's form and the 12345 batch: a visit's problem (走访问题)
 * made a case, and a survey's consenting open answers (Q12 with Q13 "yes") referred as cases.
 * What a survey referral lists is for the survey supervisor only; the case it makes carries the
 * problem and the phone, nothing of the interview.
 */
import { z } from 'zod';
import { ZId, ZRegionCode } from '../schemas/common.ts';
import { SURVEY_DOMAINS } from '../schemas/survey.ts';
import { ZCaseCategoryCode } from './case-intake-schemas.ts';
import { CASE_STATUSES } from './case-lifecycle.ts';

/** An active category a picker offers. */
export const ZIntakeCategory = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  parentCode: z.string().nullable(),
  domain: z.enum(SURVEY_DOMAINS).nullable(),
});
export type TIntakeCategory = z.infer<typeof ZIntakeCategory>;
export const ZIntakeCategoryList = z.object({ items: z.array(ZIntakeCategory) });

/** The case an intake made (its page is /cases/:id). */
export const ZIntakeCase = z.object({ id: ZId, caseNo: z.string(), status: z.enum(CASE_STATUSES) });
export type TIntakeCase = z.infer<typeof ZIntakeCase>;

export const ZVisitProblemParams = z.strictObject({ id: ZId });
export const ZVisitProblemCaseBody = z.strictObject({
  /** The category; by default the first active category of the problem's survey domain. */
  categoryCode: ZCaseCategoryCode.optional(),
  urgent: z.boolean().optional(),
});

export const ZSurveyWaveParams = z.strictObject({ id: ZId });
/** A consenting open answer of a closed wave, not yet referred: for the survey supervisor's eyes only. */
export const ZSurveyReferralCandidate = z.object({
  interviewId: ZId,
  townshipCode: ZRegionCode,
  townshipName: z.string(),
  problem: z.string(),
  phoneMasked: z.string(),
});
export const ZSurveyReferralList = z.object({
  /** Whether the wave's questionnaire asks the open problem and the consent to be contacted. */
  supported: z.boolean(),
  waveStatus: z.string(),
  items: z.array(ZSurveyReferralCandidate),
  referred: z.number().int(),
  dismissed: z.number().int(),
});
export type TSurveyReferralList = z.infer<typeof ZSurveyReferralList>;

export const ZSurveyReferralDecision = z.strictObject({
  interviewId: ZId,
  /** refer: register a case; dismiss: not a problem to refer (e.g. 「没有」), never offered again. */
  action: z.enum(['refer', 'dismiss']),
  /** The category of the case; the batch's default when left out. */
  categoryCode: ZCaseCategoryCode.optional(),
});
export const ZSurveyReferralBody = z.strictObject({
  defaultCategoryCode: ZCaseCategoryCode,
  decisions: z.array(ZSurveyReferralDecision).min(1).max(2_000),
});
/** Counts only: which case came from which answer is not kept anywhere. */
export const ZSurveyReferralResult = z.object({ referred: z.number().int(), dismissed: z.number().int() });
