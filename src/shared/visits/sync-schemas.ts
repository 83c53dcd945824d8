/**
 * What passes between the phone and the server when a cadre works a campaign offline (issue 10,
 * point 5): the work package the phone downloads ("my households" with what is due, the campaigns'
 * standards, the lists a visit form offers), the receipt of a stored record and of an uploaded
 * file. Only masked numbers ever reach the phone: no schema here has a field for a full ID number
 * or phone.
 */
import { z } from 'zod';
import { ZId, ZIsoDate } from '../schemas/common.ts';
import { ZAidStandard, ZCampaignKind, ZCampaignPeriod, ZCode, ZDoneRule } from './campaign-schemas.ts';
import { ZContentHash, ZClientId, ZUtcInstant } from './visit-schemas.ts';

/** A campaign as the phone needs it to fill a visit form and say what is due. */
export const ZWorkCampaign = z.object({
  id: ZId,
  name: z.string(),
  kind: ZCampaignKind,
  status: z.enum(['open', 'closed']),
  period: ZCampaignPeriod,
  done: ZDoneRule,
  graceDays: z.number().int(),
  aidStandards: z.array(ZAidStandard),
});
export type TWorkCampaign = z.infer<typeof ZWorkCampaign>;

/** Aid this household already received in a campaign (active deliveries), by item. */
export const ZAidReceived = z.object({ itemCode: ZCode, deliveries: z.number().int() });

/**
 * One target household of a campaign assigned to the cadre (or to their village's cadres), with
 * what is due. `headIdMasked` and `phoneMasked` are masked forms (the registry's `…_masked`).
 */
export const ZWorkHousehold = z.object({
  campaignId: ZId,
  householdId: ZId,
  householdNo: z.string(),
  headName: z.string(),
  headIdMasked: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  address: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  hardship: z.boolean(),
  categoryCodes: z.array(z.string()),
  /** Visits the done rule asks of this household, and those already counted on the server. */
  required: z.number().int(),
  visitsCounted: z.number().int(),
  status: z.enum(['done', 'done_late', 'due', 'overdue']),
  lastVisitedAt: ZUtcInstant.nullable(),
  aidReceived: z.array(ZAidReceived),
  /** Assigned to this cadre by name (true) or to the village's cadres as a group (false). */
  assignedToMe: z.boolean(),
});
export type TWorkHousehold = z.infer<typeof ZWorkHousehold>;

/** An entry of a configured list the visit form offers (policies, hardship categories). */
export const ZListEntry = z.object({ code: z.string(), name: z.string(), nameEn: z.string() });

/** The work package: everything the phone stores to work offline. */
export const ZMyWork = z.object({
  /** When the server made this package; the phone shows how old its list is. */
  generatedAt: ZUtcInstant,
  /** Today in Asia/Shanghai on the server, for "due" and "overdue". */
  today: ZIsoDate,
  campaigns: z.array(ZWorkCampaign),
  households: z.array(ZWorkHousehold),
  policies: z.array(ZListEntry),
  hardshipCategories: z.array(ZListEntry),
});
export type TMyWork = z.infer<typeof ZMyWork>;

/** The answer to a stored (or resent) visit record. */
export const ZVisitReceipt = z.object({
  visitId: ZId,
  clientId: ZClientId,
  /** `new`: stored now; `resend`: the same record was already stored (nothing changed). */
  outcome: z.enum(['new', 'resend']),
  /** A late entry (补录), accepted within the campaign's grace days. */
  late: z.boolean(),
  /** Aid lines of this record that now conflict with another delivery (kept for the township admin). */
  aidConflicts: z.number().int(),
  recordedAt: ZUtcInstant,
});
export type TVisitReceipt = z.infer<typeof ZVisitReceipt>;

/** What a visit file upload is: a photo of the visit, or the recipient's drawn signature (签收). */
export const VISIT_FILE_KINDS = ['photo', 'signature'] as const;
export const ZVisitFileKind = z.enum(VISIT_FILE_KINDS);
/** Content types a visit file upload may declare: the three image types, or raw bytes (its bytes decide which image it is). */
export const VISIT_FILE_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/octet-stream'] as const;
export const ZVisitFileQuery = z.strictObject({ kind: ZVisitFileKind });

/** A stored visit file: its content hash (the name the record uses), what it is and when it was taken. */
export const ZStoredVisitFile = z.object({
  sha256: ZContentHash,
  kind: ZVisitFileKind,
  mediaType: z.enum(['image/jpeg', 'image/png', 'image/webp']),
  bytes: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  capturedAt: ZUtcInstant.nullable(),
});
export type TStoredVisitFile = z.infer<typeof ZStoredVisitFile>;
export const ZVisitFileParams = z.strictObject({ sha256: ZContentHash });
