import type { FastifyInstance } from 'fastify';
import { gamingSignalsApi } from '../../../shared/api/gaming-signals.ts';
import { GAMING_READ_ROLES, GAMING_REVIEW_ROLES } from '../../../shared/roles.ts';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { auditSourceOf } from '../audit/index.ts';
import { detectGamingSignals } from './detect-gaming-signals.ts';
import { listGamingFlags } from './list-gaming-flags.ts';
import { reviewGamingFlag } from './review-gaming-flag.ts';

export function gamingSignalRoutes(app: FastifyInstance, { db }: AppContext) {
  const tags = ['gaming-signals'];
  const review = { kind: 'roles', roles: GAMING_REVIEW_ROLES, write: true } as const;

  defineRoute(app, gamingSignalsApi.detectGamingSignals, {
    access: review,
    summary: 'Detect signs of gaming on a closed wave (coaching, case and visit records against the survey); idempotent, audited; county-only',
    tags,
    handler: async ({ body, actor }, req) => detectGamingSignals({ db, actor, source: auditSourceOf(req) }, { waveId: body.waveId }),
  });

  defineRoute(app, gamingSignalsApi.listGamingFlags, {
    access: { kind: 'roles', roles: GAMING_READ_ROLES, write: false },
    summary: 'A closed wave’s signs of gaming with their evidence (aggregates only); county-only, never shown to townships',
    tags,
    handler: async ({ query, actor }) => listGamingFlags({ db, actor }, query),
  });

  defineRoute(app, gamingSignalsApi.reviewGamingFlag, {
    access: review,
    summary: 'Review one sign of gaming: dismissed or confirmed, with a note (audited)',
    tags,
    handler: async ({ params, body, actor }, req) => reviewGamingFlag({ db, actor, source: auditSourceOf(req) }, { id: params.id, ...body }),
  });
}
