/**
 * What the township admin reads and decides about visits (issue 10, points 3 and 4): the aid
 * ledger's conflicts and totals, resends kept for review, proposed hardship changes, problems
 * raised, and a household's visits. Requests are strict objects; answers describe what is sent.
 */
import { z } from 'zod';
import { ZId, ZRegionCode } from './common.ts';
import { SURVEY_DOMAINS } from './survey.ts';
import { ZAcknowledgement, ZGoodsGiven, ZVisitKind, ZVisitRecord } from '../visits/index.ts';

/** A visit's id in a URL. */
export const ZVisitIdParams = z.strictObject({ id: ZId });
/** A row id in a URL (an aid delivery, a resend conflict, a proposal). */
export const ZLedgerIdParams = z.strictObject({ id: ZId });

/** The campaign a ledger view is about. */
export const ZCampaignLedgerQuery = z.strictObject({ campaignId: ZId });
/** The conflicts of one campaign, or of every opened campaign the caller sees (the township admin's worklist). */
export const ZAidConflictQuery = z.strictObject({ campaignId: ZId.optional() });

/** Why a delivery is voided (作废原因): words are required, the township admin's account of it. */
export const ZVoidDeliveryRequest = z.strictObject({ reason: z.string().trim().min(2, { message: 'a reason of at least 2 characters' }).max(500) });

/** A reviewer's note (核对说明). */
export const ZReviewNoteRequest = z.strictObject({ note: z.string().trim().min(1, { message: 'a note is required' }).max(500) });

/** A decision's note: optional when approving, required when rejecting (the route says which). */
export const ZDecisionRequest = z.strictObject({ note: z.string().trim().max(500).default('') });

/** Who did something, by account. */
export const ZActorRef = z.object({ id: ZId, username: z.string(), displayName: z.string() });

/** One delivery of an aid conflict group: who handed what over, when, in which visit. */
export const ZAidDeliveryRow = z.object({
  id: ZId,
  visitId: ZId,
  clientId: z.string(),
  itemCode: z.string(),
  amountFen: z.number().int(),
  goods: z.array(ZGoodsGiven),
  acknowledgement: ZAcknowledgement,
  visitedAt: z.string(),
  recordedAt: z.string(),
  recordedBy: ZActorRef,
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
});
export type TAidDeliveryRow = z.infer<typeof ZAidDeliveryRow>;

/** A household received one aid item more often than the standard allows: the township admin voids one. */
export const ZAidConflictRow = z.object({
  campaignId: ZId,
  campaignName: z.string(),
  householdId: ZId,
  householdNo: z.string(),
  headName: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  allowed: z.number().int(),
  excess: z.number().int(),
  /** Every active delivery of the group, earliest recorded first. */
  deliveries: z.array(ZAidDeliveryRow),
});
export type TAidConflictRow = z.infer<typeof ZAidConflictRow>;
export const ZAidConflictList = z.object({ items: z.array(ZAidConflictRow) });

/** One township's aid money against its budget (fen). */
export const ZTownshipAidTotalRow = z.object({
  townshipCode: z.string(),
  townshipName: z.string(),
  deliveredFen: z.number().int(),
  voidedFen: z.number().int(),
  deliveries: z.number().int(),
  budgetFen: z.number().int().nullable(),
  remainingFen: z.number().int().nullable(),
  overBudget: z.boolean(),
});
export const ZAidTotals = z.object({ items: z.array(ZTownshipAidTotalRow) });

/** The answer to voiding a delivery. */
export const ZVoidedDelivery = z.object({ id: ZId, voidedAt: z.string(), voidReason: z.string(), conflictResolved: z.boolean() });

export const ZResendConflictQuery = z.strictObject({ status: z.enum(['open', 'reviewed']).default('open') });
/** A resend of a stored record with a different body, kept for review. */
export const ZResendConflictRow = z.object({
  id: ZId,
  visitId: ZId,
  clientId: z.string(),
  householdId: ZId,
  householdNo: z.string(),
  headName: z.string(),
  villageName: z.string(),
  receivedAt: z.string(),
  receivedBy: ZActorRef,
  diffPaths: z.array(z.string()),
  stored: ZVisitRecord,
  received: ZVisitRecord,
  reviewedAt: z.string().nullable(),
  reviewedBy: ZActorRef.nullable(),
  reviewNote: z.string().nullable(),
});
export const ZResendConflictList = z.object({ items: z.array(ZResendConflictRow) });

export const ZProposalQuery = z.strictObject({ status: z.enum(['pending', 'approved', 'rejected']).default('pending') });
/** A proposed change of a household's hardship labels from a visit. */
export const ZHardshipProposalRow = z.object({
  id: ZId,
  visitId: ZId,
  householdId: ZId,
  householdNo: z.string(),
  headName: z.string(),
  villageName: z.string(),
  action: z.enum(['add', 'end']),
  categoryCode: z.string(),
  categoryName: z.string(),
  reason: z.string(),
  proposedBy: ZActorRef,
  proposedAt: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  decidedAt: z.string().nullable(),
  decidedBy: ZActorRef.nullable(),
  decisionNote: z.string().nullable(),
});
export type THardshipProposalRow = z.infer<typeof ZHardshipProposalRow>;
export const ZHardshipProposalList = z.object({ items: z.array(ZHardshipProposalRow) });

export const VISIT_PROBLEM_STATUSES = ['open', 'case_opened', 'resolved', 'dropped'] as const;
export const ZVisitProblemQuery = z.strictObject({ regionCode: ZRegionCode.optional(), status: z.enum(VISIT_PROBLEM_STATUSES).optional() });
/** A problem a family raised in a visit (反映问题). */
export const ZVisitProblemRow = z.object({
  id: ZId,
  visitId: ZId,
  householdId: ZId,
  householdNo: z.string(),
  headName: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  text: z.string(),
  domain: z.enum(SURVEY_DOMAINS),
  status: z.enum(VISIT_PROBLEM_STATUSES),
  visitedAt: z.string(),
  /** The case it became (status case_opened), for the link to /cases/:id. */
  caseId: ZId.nullable(),
});
/** At most this many problems per answer, newest first. */
export const VISIT_PROBLEM_LIMIT = 500;
export const ZVisitProblemList = z.object({ items: z.array(ZVisitProblemRow), truncated: z.boolean() });

/** A visit in a household's list. */
export const ZVisitSummary = z.object({
  id: ZId,
  clientId: z.string(),
  campaignId: ZId.nullable(),
  campaignName: z.string().nullable(),
  kind: ZVisitKind,
  visitedAt: z.string(),
  recordedAt: z.string(),
  recordedBy: ZActorRef,
  late: z.boolean(),
  voided: z.boolean(),
  aidLines: z.number().int(),
  photos: z.number().int(),
  problems: z.number().int(),
});
export const ZVisitSummaryList = z.object({ items: z.array(ZVisitSummary) });

/** One visit in full: the record as sent, and what became of its aid, problems and proposals. */
export const ZVisitDetail = ZVisitSummary.extend({
  householdId: ZId,
  householdNo: z.string(),
  headName: z.string(),
  villageName: z.string(),
  record: ZVisitRecord,
  deliveries: z.array(ZAidDeliveryRow),
  problemRows: z.array(z.object({ id: ZId, ordinal: z.number().int(), text: z.string(), domain: z.enum(SURVEY_DOMAINS), status: z.enum(VISIT_PROBLEM_STATUSES) })),
  proposals: z.array(z.object({ id: ZId, action: z.enum(['add', 'end']), categoryCode: z.string(), status: z.enum(['pending', 'approved', 'rejected']) })),
  /** Content hashes of the visit's photos, for `GET /api/visit-files/:sha256`. */
  photoHashes: z.array(z.string()),
});
export type TVisitDetail = z.infer<typeof ZVisitDetail>;
