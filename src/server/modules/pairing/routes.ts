import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ADMIN_ROLES, PAIRING_REPORT_ROLES } from '../../../shared/roles.ts';
import { ZOk } from '../../../shared/schemas/common.ts';
import {
  ZAssignCadreRequest,
  ZBulkAssignRequest,
  ZEndPairingRequest,
  ZHouseholdDetail,
  ZHouseholdIdParams,
  ZPairingIdParams,
  ZPairingReport,
  ZPairingReportQuery,
  ZTransferPairingRequest,
} from '../../../shared/schemas/registry.ts';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { auditSourceOf } from '../audit/index.ts';
import { getHousehold } from '../registry/index.ts';
import { assignCadre } from './assign-cadre.ts';
import { bulkAssign } from './bulk-assign.ts';
import { endPairing } from './end-pairing.ts';
import { pairingReport } from './pairing-report.ts';
import { transferPairing } from './transfer-pairing.ts';

export function pairingRoutes(app: FastifyInstance, { db }: AppContext) {
  const write = { kind: 'roles', roles: ADMIN_ROLES, write: true } as const;

  defineRoute(app, {
    method: 'POST',
    url: '/api/households/:id/pairings',
    access: write,
    summary: 'Pair a cadre with a hardship household (responsible or helper)',
    tags: ['pairing'],
    params: ZHouseholdIdParams,
    body: ZAssignCadreRequest,
    response: ZHouseholdDetail,
    status: 201,
    handler: async ({ params, body, actor }, req) => {
      await assignCadre(db, actor, params.id, body, auditSourceOf(req));
      return getHousehold({ db, actor }, { id: params.id });
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/pairings/:id/transfer',
    access: write,
    summary: 'Hand a pairing to another cadre, with a reason',
    tags: ['pairing'],
    params: ZPairingIdParams,
    body: ZTransferPairingRequest,
    response: ZHouseholdDetail,
    handler: async ({ params, body, actor }, req) => {
      const next = await transferPairing(db, actor, params.id, body, auditSourceOf(req));
      return getHousehold({ db, actor }, { id: next.household_id });
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/pairings/:id/end',
    access: write,
    summary: 'End a pairing, with a reason',
    tags: ['pairing'],
    params: ZPairingIdParams,
    body: ZEndPairingRequest,
    response: ZOk,
    handler: async ({ params, body, actor }, req) => {
      await endPairing(db, actor, params.id, body, auditSourceOf(req));
      return { ok: true as const };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/pairings/bulk-assign',
    access: write,
    summary: "Make one cadre responsible for a village's unpaired hardship households",
    tags: ['pairing'],
    body: ZBulkAssignRequest,
    response: z.object({ assigned: z.number().int(), skipped: z.number().int() }),
    handler: async ({ body, actor }, req) => bulkAssign(db, actor, body, auditSourceOf(req)),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/pairings/report',
    access: { kind: 'roles', roles: PAIRING_REPORT_ROLES, write: false },
    summary: 'Hardship households with and without a responsible cadre, by child region; cadre loads',
    tags: ['pairing'],
    querystring: ZPairingReportQuery,
    response: ZPairingReport,
    handler: async ({ query, actor }) => pairingReport(db, actor, query),
  });
}
