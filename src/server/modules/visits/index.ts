/**
 * The visits module's front door (心连心大走访 · 集中走访慰问, issue 10): storing a visit record
 * made on a phone (the demo's simulated visits and the sync benchmark call `recordVisit`), and
 * the township admin's aid ledger, resend reviews and hardship proposals.
 */
export { CLOCK_SKEW_MS, recordVisit } from './record-visit.ts';
export type { RecordVisitOptions } from './record-visit.ts';
export { listAidConflicts } from './list-aid-conflicts.ts';
export { listAidTotals } from './list-aid-totals.ts';
export { voidAidDelivery } from './void-aid-delivery.ts';
export { listHardshipProposals } from './list-hardship-proposals.ts';
export { decideHardshipProposal } from './decide-hardship-proposal.ts';
export { listResendConflicts } from './list-resend-conflicts.ts';
export { reviewResendConflict } from './review-resend-conflict.ts';
export { listVisitProblems } from './list-visit-problems.ts';
export { listHouseholdVisits } from './list-household-visits.ts';
export { getVisit } from './get-visit.ts';
