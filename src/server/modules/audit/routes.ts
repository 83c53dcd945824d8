import type { FastifyInstance } from 'fastify';
import { auditApi } from '../../../shared/api/audit.ts';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { listAudit } from './list-audit.ts';

export function auditRoutes(app: FastifyInstance, { db }: AppContext) {
  // Read-only by construction: there is no route that writes the audit log, and the table refuses
  // updates and deletes.
  defineRoute(app, auditApi.listAudit, {
    access: { kind: 'roles', roles: ['county_admin'], write: false },
    summary: 'Browse the audit log of your subtree, with filters',
    tags: ['audit'],
    handler: async ({ query, actor }) => listAudit({ db, actor }, query),
  });
}
