import type { FastifyInstance } from 'fastify';
import { regionsApi } from '../../../shared/api/regions.ts';
import { ADMIN_ROLES } from '../../../shared/roles.ts';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { auditSourceOf } from '../audit/index.ts';
import { closeRegion } from './close-region.ts';
import { getDeploymentRegion } from './get-deployment-region.ts';
import { getRegion } from './get-region.ts';
import { listChildren } from './list-children.ts';
import { listRegionHistory } from './list-region-history.ts';
import { moveRegion } from './move-region.ts';
import { openRegion } from './open-region.ts';
import { renameRegion } from './rename-region.ts';

const read = { kind: 'signed-in', write: false } as const;
const adminWrite = { kind: 'roles', roles: ADMIN_ROLES, write: true } as const;

export function regionRoutes(app: FastifyInstance, { db }: AppContext) {
  defineRoute(app, regionsApi.getDeployment, {
    access: { kind: 'public' },
    summary: 'The region this deployment serves (the top of the region tree), named on the sign-in page',
    tags: ['regions'],
    handler: async ({ actor }) => getDeploymentRegion({ db, actor }),
  });

  defineRoute(app, regionsApi.getRegion, {
    access: read,
    summary: 'One region with counts and ancestors',
    tags: ['regions'],
    handler: async ({ params, actor }) => getRegion({ db, actor }, params),
  });

  defineRoute(app, regionsApi.listChildren, {
    access: read,
    summary: "A region's children with their counts",
    tags: ['regions'],
    handler: async ({ params, query, actor }) => listChildren({ db, actor }, { code: params.code, includeClosed: query.includeClosed }),
  });

  defineRoute(app, regionsApi.listHistory, {
    access: read,
    summary: 'Dated history of a region: opened, renamed, moved, merged, closed',
    tags: ['regions'],
    handler: async ({ params, actor }) => ({ items: await listRegionHistory({ db, actor }, params) }),
  });

  // Writes answer with the region as it now reads, counts included.
  defineRoute(app, regionsApi.openRegion, {
    access: adminWrite,
    summary: 'Open a new region under a parent in your subtree',
    tags: ['regions'],
    handler: async ({ body, actor }, req) => {
      const region = await openRegion({ db, actor, source: auditSourceOf(req) }, body);
      return getRegion({ db, actor }, { code: region.code });
    },
  });

  defineRoute(app, regionsApi.renameRegion, {
    access: adminWrite,
    summary: 'Rename a region; the old name stays in its history',
    tags: ['regions'],
    handler: async ({ params, body, actor }, req) => {
      await renameRegion({ db, actor, source: auditSourceOf(req) }, { ...params, ...body });
      return getRegion({ db, actor }, params);
    },
  });

  defineRoute(app, regionsApi.moveRegion, {
    access: adminWrite,
    summary: 'Move a region (and its records) under another parent of the same level',
    tags: ['regions'],
    handler: async ({ params, body, actor }, req) => {
      await moveRegion({ db, actor, source: auditSourceOf(req) }, { ...params, ...body });
      return getRegion({ db, actor }, params);
    },
  });

  defineRoute(app, regionsApi.closeRegion, {
    access: adminWrite,
    summary: 'Close a region, or merge it (撤并) into a successor; it is never deleted',
    tags: ['regions'],
    handler: async ({ params, body, actor }, req) => {
      await closeRegion({ db, actor, source: auditSourceOf(req) }, { ...params, ...body });
      return getRegion({ db, actor }, params);
    },
  });
}
