import type { FastifyInstance } from 'fastify';
import { caseRatesApi } from '../../../shared/api/case-rates.ts';
import { CASE_CONFIG_ROLES, CASE_RATES_ROLES } from '../../../shared/roles.ts';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { auditSourceOf } from '../audit/index.ts';
import { exportCaseRates } from './export-case-rates.ts';
import { getCaseRates } from './get-case-rates.ts';
import { getCaseSettings } from './get-case-settings.ts';
import { updateCaseSettings } from './update-case-settings.ts';

const attachment = (ascii: string, name: string) => `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export function caseRatesRoutes(app: FastifyInstance, { db }: AppContext) {
  const tags = ['case-rates'];
  const read = { kind: 'roles', roles: CASE_RATES_ROLES, write: false } as const;

  defineRoute(app, caseRatesApi.getCaseSettings, {
    access: read,
    summary: 'The county’s case settings: composite weights, 基本满意, due-soon hours, call-back attempts, automatic escalation',
    tags,
    handler: async ({ actor }) => getCaseSettings({ db, actor }, {}),
  });

  defineRoute(app, caseRatesApi.updateCaseSettings, {
    access: { kind: 'roles', roles: CASE_CONFIG_ROLES, write: true },
    summary: 'Saves the county’s case settings (weights add up to 1), audited',
    tags,
    handler: async ({ body, actor }, req) => updateCaseSettings({ db, actor, source: auditSourceOf(req) }, { settings: body }),
  });

  defineRoute(app, caseRatesApi.getCaseRates, {
    access: read,
    summary: 'The three rates (response, resolution, satisfaction) and on-time rate per unit for a Shanghai month, with n, Wilson intervals, the composite and its ranking',
    tags,
    handler: async ({ query, actor }) => getCaseRates({ db, actor }, { month: query.month, level: query.level }),
  });

  defineRoute(app, caseRatesApi.exportCaseRates, {
    access: read,
    summary: 'The month’s three rates as XLSX, n and source beside every figure, safe against formula injection',
    tags,
    handler: async ({ query, actor }, req, reply) => {
      // Built (and every refusal thrown) before anything is sent.
      const { bytes } = await exportCaseRates({ db, actor }, { month: query.month, level: query.level });
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': attachment(`case-rates-${query.month}-${query.level}.xlsx`, `三率排名-${query.month}.xlsx`),
        'content-length': String(bytes.length),
        'x-request-id': String(req.id),
      });
      reply.raw.end(bytes);
    },
  });
}
