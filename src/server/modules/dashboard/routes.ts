import type { FastifyInstance } from 'fastify';
import { dashboardApi } from '../../../shared/api/dashboard.ts';
import { DASHBOARD_ROLES } from '../../../shared/roles.ts';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { auditSourceOf } from '../audit/index.ts';
import { getDashboard } from './get-dashboard.ts';
import { setTileLayout } from './set-tile-layout.ts';

export function dashboardRoutes(app: FastifyInstance, { db }: AppContext) {
  const tags = ['dashboard'];

  defineRoute(app, dashboardApi.getDashboard, {
    access: { kind: 'roles', roles: DASHBOARD_ROLES, write: false },
    summary: 'The leaders’ dashboard in one answer: the index across closed waves, the township ranking, the three case rates, visit coverage, rectification, awareness, alerts and the tile map',
    tags,
    handler: async ({ actor }) => getDashboard({ db, actor }, {}),
  });

  defineRoute(app, dashboardApi.setTileLayout, {
    access: { kind: 'roles', roles: ['county_admin'], write: true },
    summary: 'Places the township tiles of the dashboard’s map (every township once, no two on one tile), or clears them for the default grid; audited',
    tags,
    handler: async ({ body, actor }, req) => setTileLayout({ db, actor, source: auditSourceOf(req) }, { tiles: body.tiles }),
  });
}
