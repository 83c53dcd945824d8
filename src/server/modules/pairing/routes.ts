import type { FastifyInstance } from 'fastify';
import { pairingApi } from '../../../shared/api/pairing.ts';
import { ADMIN_ROLES, PAIRING_REPORT_ROLES } from '../../../shared/roles.ts';
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

  defineRoute(app, pairingApi.assignCadre, {
    access: write,
    summary: 'Pair a cadre with a hardship household (responsible or helper)',
    tags: ['pairing'],
    handler: async ({ params, body, actor }, req) => {
      await assignCadre({ db, actor, source: auditSourceOf(req) }, { householdId: params.id, ...body });
      return getHousehold({ db, actor }, { id: params.id });
    },
  });

  defineRoute(app, pairingApi.transferPairing, {
    access: write,
    summary: 'Hand a pairing to another cadre, with a reason',
    tags: ['pairing'],
    handler: async ({ params, body, actor }, req) => {
      const next = await transferPairing({ db, actor, source: auditSourceOf(req) }, { pairingId: params.id, ...body });
      return getHousehold({ db, actor }, { id: next.household_id });
    },
  });

  defineRoute(app, pairingApi.endPairing, {
    access: write,
    summary: 'End a pairing, with a reason',
    tags: ['pairing'],
    handler: async ({ params, body, actor }, req) => {
      await endPairing({ db, actor, source: auditSourceOf(req) }, { pairingId: params.id, ...body });
      return { ok: true as const };
    },
  });

  defineRoute(app, pairingApi.bulkAssign, {
    access: write,
    summary: "Make one cadre responsible for a village's unpaired hardship households",
    tags: ['pairing'],
    handler: async ({ body, actor }, req) => bulkAssign({ db, actor, source: auditSourceOf(req) }, body),
  });

  defineRoute(app, pairingApi.pairingReport, {
    access: { kind: 'roles', roles: PAIRING_REPORT_ROLES, write: false },
    summary: 'Hardship households with and without a responsible cadre, by child region; cadre loads',
    tags: ['pairing'],
    handler: async ({ query, actor }) => pairingReport({ db, actor }, query),
  });
}
