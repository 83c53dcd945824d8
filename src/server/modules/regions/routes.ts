import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ADMIN_ROLES } from '../../../shared/roles.ts';
import {
  ZCloseRegionRequest,
  ZDeployment,
  ZListChildrenQuery,
  ZMoveRegionRequest,
  ZOpenRegionRequest,
  ZRegion,
  ZRegionChildren,
  ZRegionCodeParams,
  ZRegionDetail,
  ZRegionEvent,
  ZRenameRegionRequest,
} from '../../../shared/schemas/regions.ts';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { auditSourceOf } from '../audit/record-audit.ts';
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
  // Writes answer with the region as it now reads, counts included.
  const regionAfterChange = (code: string, req: FastifyRequest) => getRegion(db, req.actor!, code);

  defineRoute(app, {
    method: 'GET',
    url: '/api/deployment',
    access: { kind: 'public' },
    summary: 'The region this deployment serves (the top of the region tree), named on the sign-in page',
    tags: ['regions'],
    response: ZDeployment,
    handler: async () => getDeploymentRegion(db),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/regions/:code',
    access: read,
    summary: 'One region with counts and ancestors',
    tags: ['regions'],
    params: ZRegionCodeParams,
    response: ZRegionDetail,
    handler: async ({ params }, req) => getRegion(db, req.actor!, params.code),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/regions/:code/children',
    access: read,
    summary: "A region's children with their counts",
    tags: ['regions'],
    params: ZRegionCodeParams,
    querystring: ZListChildrenQuery,
    response: ZRegionChildren,
    handler: async ({ params, query }, req) => listChildren(db, req.actor!, { code: params.code, includeClosed: query.includeClosed }),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/regions/:code/history',
    access: read,
    summary: 'Dated history of a region: opened, renamed, moved, merged, closed',
    tags: ['regions'],
    params: ZRegionCodeParams,
    response: z.object({ items: z.array(ZRegionEvent) }),
    handler: async ({ params }, req) => ({ items: await listRegionHistory(db, req.actor!, params.code) }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/regions',
    access: adminWrite,
    summary: 'Open a new region under a parent in your subtree',
    tags: ['regions'],
    body: ZOpenRegionRequest,
    response: ZRegion,
    status: 201,
    handler: async ({ body }, req) => {
      const region = await openRegion(db, req.actor!, body, auditSourceOf(req));
      return regionAfterChange(region.code, req);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/regions/:code/rename',
    access: adminWrite,
    summary: 'Rename a region; the old name stays in its history',
    tags: ['regions'],
    params: ZRegionCodeParams,
    body: ZRenameRegionRequest,
    response: ZRegion,
    handler: async ({ params, body }, req) => {
      await renameRegion(db, req.actor!, params.code, body, auditSourceOf(req));
      return regionAfterChange(params.code, req);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/regions/:code/move',
    access: adminWrite,
    summary: 'Move a region (and its records) under another parent of the same level',
    tags: ['regions'],
    params: ZRegionCodeParams,
    body: ZMoveRegionRequest,
    response: ZRegion,
    handler: async ({ params, body }, req) => {
      await moveRegion(db, req.actor!, params.code, body, auditSourceOf(req));
      return regionAfterChange(params.code, req);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/regions/:code/close',
    access: adminWrite,
    summary: 'Close a region, or merge it (撤并) into a successor; it is never deleted',
    tags: ['regions'],
    params: ZRegionCodeParams,
    body: ZCloseRegionRequest,
    response: ZRegion,
    handler: async ({ params, body }, req) => {
      await closeRegion(db, req.actor!, params.code, body, auditSourceOf(req));
      return regionAfterChange(params.code, req);
    },
  });
}
