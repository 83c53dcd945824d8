import type { FastifyInstance } from 'fastify';
import { ZAuditEntry, ZListAuditQuery } from '../../../shared/schemas/audit.ts';
import { page } from '../../../shared/schemas/common.ts';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { listAudit } from './list-audit.ts';

export function auditRoutes(app: FastifyInstance, { db }: AppContext) {
  // Read-only by construction: there is no route that writes the audit log, and the table refuses
  // updates and deletes.
  defineRoute(app, {
    method: 'GET',
    url: '/api/audit',
    access: { kind: 'roles', roles: ['county_admin'], write: false },
    summary: 'Browse the audit log of your subtree, with filters',
    tags: ['audit'],
    querystring: ZListAuditQuery,
    response: page(ZAuditEntry),
    handler: async ({ query, actor }) => listAudit(db, actor, query),
  });
}
