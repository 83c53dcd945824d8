import type { FastifyInstance } from 'fastify';
import { ZWorkbench } from '../../../shared/schemas/workbench.ts';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { getWorkbench } from './get-workbench.ts';

export function workbenchRoutes(app: FastifyInstance, { db }: AppContext) {
  defineRoute(app, {
    method: 'GET',
    url: '/api/workbench',
    access: { kind: 'signed-in', write: false },
    summary: "The caller's workbench (工作台): cards and to-dos from each module for the caller's roles, inside their region",
    tags: ['workbench'],
    response: ZWorkbench,
    handler: async (_input, req) => getWorkbench(db, { actor: req.actor!, now: new Date() }),
  });
}
