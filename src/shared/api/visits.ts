/**
 * Visit records and their files (issue 10; see `contract.ts`).
 * The phone syncs in this order: upload each file (content-addressed, so a resend is harmless),
 * then the record that names the files by hash.
 */
import { ZOk } from '../schemas/common.ts';
import { ZHouseholdIdParams } from '../schemas/registry.ts';
import {
  ZAidConflictList,
  ZAidConflictQuery,
  ZAidTotals,
  ZCampaignLedgerQuery,
  ZDecisionRequest,
  ZHardshipProposalList,
  ZHardshipProposalRow,
  ZLedgerIdParams,
  ZProposalQuery,
  ZResendConflictList,
  ZResendConflictQuery,
  ZReviewNoteRequest,
  ZVisitDetail,
  ZVisitIdParams,
  ZVisitProblemList,
  ZVisitProblemQuery,
  ZVisitSummaryList,
  ZVoidDeliveryRequest,
  ZVoidedDelivery,
} from '../schemas/visit-ledger.ts';
import { ZStoredVisitFile, ZVisitFileParams, ZVisitFileQuery, ZVisitReceipt, ZVisitRecord } from '../visits/index.ts';
import { defineContract } from './contract.ts';

export const visitsApi = {
  /** Store a visit record made on a phone: 201 when new or a resend of the same body; 409 (kept for review) when the id was used with another body. */
  recordVisit: defineContract({ method: 'POST', url: '/api/visits', body: ZVisitRecord, response: ZVisitReceipt, status: 201 }),
  /** One visit in full (scoped by its household). */
  getVisit: defineContract({ method: 'GET', url: '/api/visits/:id', params: ZVisitIdParams, response: ZVisitDetail }),
  /** Under the household's URL, but the visits module's route: the household's visits, newest first. */
  listHouseholdVisits: defineContract({ method: 'GET', url: '/api/households/:id/visits', params: ZHouseholdIdParams, response: ZVisitSummaryList }),
  /** Problems families raised in visits within the caller's area (or a region of it), newest first. */
  listVisitProblems: defineContract({ method: 'GET', url: '/api/visit-problems', querystring: ZVisitProblemQuery, response: ZVisitProblemList }),
  /** The campaign's aid conflicts (慰问冲突) within the caller's area: the same item handed over more often than its standard allows. */
  listAidConflicts: defineContract({ method: 'GET', url: '/api/aid-ledger/conflicts', querystring: ZAidConflictQuery, response: ZAidConflictList }),
  /** Aid money per township against its budget, within the caller's area. */
  aidTotals: defineContract({ method: 'GET', url: '/api/aid-ledger/totals', querystring: ZCampaignLedgerQuery, response: ZAidTotals }),
  /** Void one aid delivery with a reason (作废): kept, counted for nothing. */
  voidAidDelivery: defineContract({ method: 'POST', url: '/api/aid-deliveries/:id/void', params: ZLedgerIdParams, body: ZVoidDeliveryRequest, response: ZVoidedDelivery }),
  /** Resends of stored records with a different body, kept for review (重复提交审查). */
  listResendConflicts: defineContract({ method: 'GET', url: '/api/visit-resend-conflicts', querystring: ZResendConflictQuery, response: ZResendConflictList }),
  /** Mark a resend conflict reviewed, with a note. */
  reviewResendConflict: defineContract({ method: 'POST', url: '/api/visit-resend-conflicts/:id/review', params: ZLedgerIdParams, body: ZReviewNoteRequest, response: ZOk }),
  /** Proposed hardship changes from visits (困难类别变更审批). */
  listHardshipProposals: defineContract({ method: 'GET', url: '/api/hardship-proposals', querystring: ZProposalQuery, response: ZHardshipProposalList }),
  /** Approve a proposal: the registry's label is added or ended through the registry's own use case. */
  approveHardshipProposal: defineContract({ method: 'POST', url: '/api/hardship-proposals/:id/approve', params: ZLedgerIdParams, body: ZDecisionRequest, response: ZHardshipProposalRow }),
  /** Reject a proposal with a note. */
  rejectHardshipProposal: defineContract({ method: 'POST', url: '/api/hardship-proposals/:id/reject', params: ZLedgerIdParams, body: ZReviewNoteRequest, response: ZHardshipProposalRow }),
};

export const visitFilesApi = {
  /** Upload one image (raw body, Content-Type image/jpeg, image/png or image/webp). */
  uploadVisitFile: defineContract({ method: 'POST', url: '/api/visit-files', querystring: ZVisitFileQuery, response: ZStoredVisitFile, status: 201 }),
  /** The stored image, to those who may see a visit that names it (or who uploaded it). */
  downloadVisitFile: defineContract({ method: 'GET', url: '/api/visit-files/:sha256', params: ZVisitFileParams }),
};
