import type { FastifyInstance } from 'fastify';
import { workbenchApi } from '../../../shared/api/workbench.ts';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { getWorkbench } from './get-workbench.ts';

export function workbenchRoutes(app: FastifyInstance, { db }: AppContext) {
  defineRoute(app, workbenchApi.getWorkbench, {
    access: { kind: 'signed-in', write: false },
    summary: "The caller's workbench (工作台): cards and to-dos from each module for the caller's roles, inside their region",
    tags: ['workbench'],
    handler: async ({ actor }) => getWorkbench({ db, actor }, { now: new Date() }),
  });
}
