import type { FastifyInstance } from 'fastify';
import { visitsApi } from '../../../shared/api/visits.ts';
import { VISIT_RECORD_ROLES, VISIT_RESOLVE_ROLES } from '../../../shared/roles.ts';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { auditSourceOf } from '../audit/index.ts';
import { decideHardshipProposal } from './decide-hardship-proposal.ts';
import { getVisit } from './get-visit.ts';
import { listAidConflicts } from './list-aid-conflicts.ts';
import { listAidTotals } from './list-aid-totals.ts';
import { listHardshipProposals } from './list-hardship-proposals.ts';
import { listHouseholdVisits } from './list-household-visits.ts';
import { listResendConflicts } from './list-resend-conflicts.ts';
import { listVisitProblems } from './list-visit-problems.ts';
import { recordVisit } from './record-visit.ts';
import { reviewResendConflict } from './review-resend-conflict.ts';
import { voidAidDelivery } from './void-aid-delivery.ts';

export function visitRoutes(app: FastifyInstance, { db }: AppContext) {
  const record = { kind: 'roles', roles: VISIT_RECORD_ROLES, write: true } as const;
  const resolve = { kind: 'roles', roles: VISIT_RESOLVE_ROLES, write: true } as const;
  const ledger = { kind: 'roles', roles: VISIT_RESOLVE_ROLES, write: false } as const;
  const readers = { kind: 'roles', roles: [...new Set([...VISIT_RECORD_ROLES, ...VISIT_RESOLVE_ROLES])], write: false } as const;

  defineRoute(app, visitsApi.recordVisit, {
    access: record,
    summary: 'Store a visit record made on a phone (idempotent by its client id)',
    tags: ['visits'],
    handler: async ({ body, actor }, req) => recordVisit({ db, actor, source: auditSourceOf(req) }, { record: body }),
  });

  defineRoute(app, visitsApi.getVisit, {
    access: readers,
    summary: 'One visit in full',
    tags: ['visits'],
    handler: async ({ params, actor }) => getVisit({ db, actor }, { visitId: params.id }),
  });

  defineRoute(app, visitsApi.listHouseholdVisits, {
    access: readers,
    summary: "A household's visits, newest first",
    tags: ['visits'],
    handler: async ({ params, actor }) => listHouseholdVisits({ db, actor }, { householdId: params.id }),
  });

  defineRoute(app, visitsApi.listVisitProblems, {
    access: readers,
    summary: 'Problems raised in visits, by region and status',
    tags: ['visits'],
    handler: async ({ query, actor }) => listVisitProblems({ db, actor }, query),
  });

  defineRoute(app, visitsApi.listAidConflicts, {
    access: ledger,
    summary: "A campaign's aid conflicts (the same item beyond its standard) in the caller's area",
    tags: ['visits'],
    handler: async ({ query, actor }) => listAidConflicts({ db, actor }, query),
  });

  defineRoute(app, visitsApi.aidTotals, {
    access: ledger,
    summary: 'Aid money per township against the budget',
    tags: ['visits'],
    handler: async ({ query, actor }) => listAidTotals({ db, actor }, query),
  });

  defineRoute(app, visitsApi.voidAidDelivery, {
    access: resolve,
    summary: 'Void one aid delivery with a reason',
    tags: ['visits'],
    handler: async ({ params, body, actor }, req) => voidAidDelivery({ db, actor, source: auditSourceOf(req) }, { deliveryId: params.id, reason: body.reason }),
  });

  defineRoute(app, visitsApi.listResendConflicts, {
    access: ledger,
    summary: 'Resent visit records with a different body, kept for review',
    tags: ['visits'],
    handler: async ({ query, actor }) => listResendConflicts({ db, actor }, query),
  });

  defineRoute(app, visitsApi.reviewResendConflict, {
    access: resolve,
    summary: 'Mark a resend conflict reviewed, with a note',
    tags: ['visits'],
    handler: async ({ params, body, actor }, req) => reviewResendConflict({ db, actor, source: auditSourceOf(req) }, { conflictId: params.id, note: body.note }),
  });

  defineRoute(app, visitsApi.listHardshipProposals, {
    access: ledger,
    summary: 'Proposed hardship changes from visits',
    tags: ['visits'],
    handler: async ({ query, actor }) => listHardshipProposals({ db, actor }, query),
  });

  defineRoute(app, visitsApi.approveHardshipProposal, {
    access: resolve,
    summary: "Approve a proposed hardship change (writes the registry's label)",
    tags: ['visits'],
    handler: async ({ params, body, actor }, req) => decideHardshipProposal({ db, actor, source: auditSourceOf(req) }, { proposalId: params.id, decision: 'approve', note: body.note }),
  });

  defineRoute(app, visitsApi.rejectHardshipProposal, {
    access: resolve,
    summary: 'Reject a proposed hardship change, with a note',
    tags: ['visits'],
    handler: async ({ params, body, actor }, req) => decideHardshipProposal({ db, actor, source: auditSourceOf(req) }, { proposalId: params.id, decision: 'reject', note: body.note }),
  });
}
