import type { FastifyInstance } from 'fastify';
import { notificationsApi } from '../../../shared/api/open311.ts';
import { CASE_CONFIG_ROLES } from '../../../shared/roles.ts';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { listNotifications } from './list-notifications.ts';

export function notificationRoutes(app: FastifyInstance, { db, env }: AppContext) {
  defineRoute(app, notificationsApi.listNotifications, {
    access: { kind: 'roles', roles: CASE_CONFIG_ROLES, write: false },
    summary: 'The county’s messages to residents (短信通知 outbox), phones masked',
    tags: ['notifications'],
    handler: async ({ actor, query }) => ({
      ...(await listNotifications({ db, actor }, { limit: query.limit, ...(query.status ? { status: query.status } : {}), ...(query.cursor ? { cursor: query.cursor } : {}) })),
      sender: env.SMS_SENDER,
    }),
  });
}
