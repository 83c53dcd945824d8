/**
 * The resident page's public contract (群众诉求 · 扫码反映, issue 11 point 9): what a resident
 * without an account may read (categories, villages, a human check, their own case's progress)
 * and send (a problem, a photo). Nothing here carries staff names, phones or other cases.
 */
import { z } from 'zod';
import { ZContactPhone } from '../cases/case-intake-schemas.ts';
import { ZCaseCategoryCode } from '../cases/case-intake-schemas.ts';
import { ZCaseStatus } from '../cases/case-lifecycle.ts';
import { noInvisibleCharacters } from './common.ts';

/** A county's division code (6 digits): the county whose page this is (from the QR code's village). */
export const ZCountyCode = z.string().regex(/^\d{6}$/, { message: 'a county code: 6 digits' });
export const ZVillageCode = z.string().regex(/^\d{12}$/, { message: 'a village code: 12 digits' });

export const ZPublicCountyQuery = z.strictObject({ county: ZCountyCode });

/** A category a resident may choose: active, a leaf, and offered publicly (marked open311). */
export const ZPublicCategory = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  groupName: z.string(),
  groupNameEn: z.string(),
  description: z.string(),
});
export const ZPublicCategories = z.object({ items: z.array(ZPublicCategory) });
export type TPublicCategory = z.infer<typeof ZPublicCategory>;

/** A village of the county: its name and code and its township's, nothing else. */
export const ZPublicVillage = z.object({
  code: z.string(),
  name: z.string(),
  townshipCode: z.string(),
  townshipName: z.string(),
});
export const ZPublicVillages = z.object({
  county: z.object({ code: z.string(), name: z.string() }),
  items: z.array(ZPublicVillage),
});
export type TPublicVillage = z.infer<typeof ZPublicVillage>;

/** A one-use human check: an arithmetic question drawn as an SVG image (no text in it to read). */
export const ZPublicChallenge = z.object({
  id: z.string(),
  /** `data:image/svg+xml;base64,…`, shown as an <img>. */
  image: z.string(),
  expiresAt: z.string(),
});
export type TPublicChallenge = z.infer<typeof ZPublicChallenge>;

/** The challenge's id as issued: 32 hex characters. */
export const ZChallengeId = z.string().regex(/^[0-9a-f]{32}$/, { message: 'a challenge id as issued' });

export const ZResidentSubmission = z
  .strictObject({
    county: ZCountyCode,
    categoryCode: ZCaseCategoryCode,
    villageCode: ZVillageCode,
    description: z.string().check(noInvisibleCharacters).trim().min(5).max(2000),
    /** A photo stored first through the photo route (its SHA-256 as answered). */
    photoSha256: z.string().regex(/^[0-9a-f]{64}$/, { message: 'a photo as answered by the upload' }).optional(),
    contactName: z.string().check(noInvisibleCharacters).trim().max(50).optional(),
    contactPhone: ZContactPhone.optional(),
    /** The resident agreed to be called and called back; a phone is then needed. */
    consentContact: z.boolean(),
    challengeId: ZChallengeId,
    challengeAnswer: z.string().trim().regex(/^-?\d{1,3}$/, { message: 'the number in the picture' }),
  })
  .refine((s) => !s.consentContact || s.contactPhone !== undefined, { path: ['contactPhone'], message: 'a phone number is needed to be contacted' });
export type TResidentSubmission = z.infer<typeof ZResidentSubmission>;

export const ZResidentSubmitted = z.object({
  caseNo: z.string(),
  /** The 查询码 to write down: the only key to the case's progress. */
  trackingCode: z.string(),
  registeredAt: z.string(),
});
export type TResidentSubmitted = z.infer<typeof ZResidentSubmitted>;

export const ZResidentPhoto = z.object({ sha256: z.string(), mediaType: z.string(), bytes: z.number(), width: z.number().nullable(), height: z.number().nullable() });

export const ZPublicTrackRequest = z.strictObject({
  county: ZCountyCode,
  /** As written down: case, spaces and dashes do not matter, O reads as 0 and I/L as 1. */
  trackingCode: z.string().max(40),
});

/** The steps a resident sees: 受理, 派单 (to which unit), 签收, 办结 (with what was done), 回访, 结案, and the few turns between. */
export const PUBLIC_STEP_KINDS = ['register', 'dispatch', 'accept', 'resolve', 'escalate', 'return', 'callback', 'reopen', 'close', 'merge'] as const;
export const ZPublicStep = z.object({
  kind: z.enum(PUBLIC_STEP_KINDS),
  at: z.string(),
  /** The unit it went to (a village, a township or a county department), for dispatch, escalate, reopen. */
  unit: z.object({ name: z.string(), nameEn: z.string() }).nullable(),
  /** What was done, for resolve. */
  text: z.string().nullable(),
});
export type TPublicStep = z.infer<typeof ZPublicStep>;

export const ZPublicCaseProgress = z.object({
  caseNo: z.string(),
  category: z.object({ name: z.string(), nameEn: z.string() }),
  village: z.string(),
  registeredAt: z.string(),
  status: ZCaseStatus,
  steps: z.array(ZPublicStep),
});
export type TPublicCaseProgress = z.infer<typeof ZPublicCaseProgress>;
