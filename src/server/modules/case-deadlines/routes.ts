import type { FastifyInstance } from 'fastify';
import { caseRemindersApi } from '../../../shared/api/case-config.ts';
import { CASE_READ_ROLES } from '../../../shared/roles.ts';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { caseSweeper } from './case-sweeper.ts';
import { listCaseReminders } from './list-case-reminders.ts';
import { markCaseReminderRead } from './mark-case-reminder-read.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The deadline sweep's timer (CASE_SWEEP_INTERVAL_SECONDS): started when the app is ready, stopped on close. */
    caseSweeper: import('./case-sweeper.ts').CaseSweeper;
  }
}

export function caseDeadlineRoutes(app: FastifyInstance, { db, env }: AppContext) {
  const tags = ['cases'];
  const sweeper = caseSweeper({ db, intervalSeconds: env.CASE_SWEEP_INTERVAL_SECONDS, log: app.log });
  app.decorate('caseSweeper', sweeper);
  app.addHook('onReady', async () => sweeper.start());
  app.addHook('onClose', async () => sweeper.stop());

  defineRoute(app, caseRemindersApi.listCaseReminders, {
    access: { kind: 'roles', roles: CASE_READ_ROLES, write: false },
    summary: 'Reminders (督办) of missed deadlines for the caller’s unit and the units it supervises',
    tags,
    handler: async ({ query, actor }) => listCaseReminders({ db, actor }, query),
  });
  defineRoute(app, caseRemindersApi.markCaseReminderRead, {
    access: { kind: 'roles', roles: CASE_READ_ROLES, write: true },
    summary: 'Mark a reminder read',
    tags,
    handler: async ({ params, actor }) => markCaseReminderRead({ db, actor }, { id: params.id, now: new Date() }),
  });
}
