import type { FastifyInstance } from 'fastify';
import { workingCalendarApi } from '../../../shared/api/case-config.ts';
import { CASE_CONFIG_ROLES, CASE_READ_ROLES } from '../../../shared/roles.ts';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { auditSourceOf } from '../audit/index.ts';
import { getCalendarYear } from './get-calendar-year.ts';
import { loadOfficialYear } from './load-official-year.ts';
import { updateCalendarYear } from './update-calendar-year.ts';

export function workingCalendarRoutes(app: FastifyInstance, { db }: AppContext) {
  const tags = ['cases'];
  defineRoute(app, workingCalendarApi.getCalendarYear, {
    access: { kind: 'roles', roles: CASE_READ_ROLES, write: false },
    summary: 'A year of the county’s working calendar (工作日历): holidays and make-up working days, their source, whether official data exists',
    tags,
    handler: async ({ params, actor }) => getCalendarYear({ db, actor }, { year: params.year }),
  });
  defineRoute(app, workingCalendarApi.updateCalendarYear, {
    access: { kind: 'roles', roles: CASE_CONFIG_ROLES, write: true },
    summary: 'Set days as holidays or make-up working days, remove manual days; a contradictory calendar is refused with 422 naming the days',
    tags,
    handler: async ({ params, body, actor }, req) => updateCalendarYear({ db, actor, source: auditSourceOf(req) }, { year: params.year, ...body }),
  });
  defineRoute(app, workingCalendarApi.loadOfficialYear, {
    access: { kind: 'roles', roles: CASE_CONFIG_ROLES, write: true },
    summary: 'Load or reload a year’s official holidays (State Council notice, chinese-days), keeping manual days',
    tags,
    handler: async ({ params, actor }, req) => loadOfficialYear({ db, actor, source: auditSourceOf(req) }, { year: params.year }),
  });
}
