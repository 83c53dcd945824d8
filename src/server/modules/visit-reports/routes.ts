import type { FastifyInstance } from 'fastify';
import { visitReportsApi } from '../../../shared/api/visit-reports.ts';
import { VISIT_FLAG_READ_ROLES, VISIT_FLAG_REVIEW_ROLES, VISIT_REPORT_ROLES } from '../../../shared/roles.ts';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { auditSourceOf } from '../audit/index.ts';
import { exportRoster, rosterScope } from './export-roster.ts';
import { exportSummary } from './export-summary.ts';
import { getCampaignCoverage } from './get-campaign-coverage.ts';
import { getCampaignProgress } from './get-campaign-progress.ts';
import { listMissingVisits } from './list-missing-visits.ts';
import { listReportCampaigns } from './list-report-campaigns.ts';
import { listVisitFlags } from './list-visit-flags.ts';
import { reviewVisitFlag } from './review-visit-flag.ts';

const attachment = (ascii: string, name: string) => `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export function visitReportRoutes(app: FastifyInstance, { db }: AppContext) {
  const read = { kind: 'roles', roles: VISIT_REPORT_ROLES, write: false } as const;
  const tags = ['visit-reports'];

  defineRoute(app, visitReportsApi.listReportCampaigns, {
    access: read,
    summary: 'Campaigns the caller may report on (open and closed), newest first',
    tags,
    handler: async ({ actor }) => listReportCampaigns({ db, actor }, {}),
  });

  defineRoute(app, visitReportsApi.getCampaignCoverage, {
    access: read,
    summary: 'A campaign’s coverage in a region, one level down (county → township → village → cadre), with aid against plan and budgets',
    tags,
    handler: async ({ params, query, actor }) => getCampaignCoverage({ db, actor }, { campaignId: params.id, regionCode: query.regionCode }),
  });

  defineRoute(app, visitReportsApi.getCampaignProgress, {
    access: read,
    summary: 'The daily progress curve: households whose rule was met by each day’s end',
    tags,
    handler: async ({ params, query, actor }) => getCampaignProgress({ db, actor }, { campaignId: params.id, regionCode: query.regionCode }),
  });

  defineRoute(app, visitReportsApi.listMissingVisits, {
    access: read,
    summary: 'Target households still missing visits (overdue or due), paged; names and masked numbers only',
    tags,
    handler: async ({ params, query, actor }) => listMissingVisits({ db, actor }, { campaignId: params.id, ...query, offset: query.offset ?? 0 }),
  });

  defineRoute(app, visitReportsApi.exportRoster, {
    access: read,
    summary: '走访慰问花名册 as XLSX (序号, 户主, 村, 困难类别, 慰问金额, 物品, 签收), A4, safe against formula injection',
    tags,
    handler: async ({ params, query, actor }, req, reply) => {
      // Scope and kind are checked before the first byte is sent, so refusals stay problem+json.
      const scope = await rosterScope({ db, actor }, { campaignId: params.id, regionCode: query.regionCode });
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': attachment('visit-roster.xlsx', `${scope.campaign.summary.name}-${scope.region.name}-走访慰问花名册.xlsx`),
        'x-request-id': String(req.id),
      });
      await exportRoster({ db, actor, source: auditSourceOf(req) }, { scope, out: reply.raw });
      reply.raw.end();
    },
  });

  defineRoute(app, visitReportsApi.exportSummary, {
    access: read,
    summary: 'The campaign’s summary as a Word document',
    tags,
    handler: async ({ params, actor }, req, reply) => {
      // The document is built (and every refusal thrown) before anything is sent.
      const bytes = await exportSummary({ db, actor, source: auditSourceOf(req) }, { campaignId: params.id });
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'content-disposition': attachment('campaign-summary.docx', '走访活动总结.docx'),
        'content-length': String(bytes.length),
        'x-request-id': String(req.id),
      });
      reply.raw.end(bytes);
    },
  });

  defineRoute(app, visitReportsApi.listVisitFlags, {
    access: { kind: 'roles', roles: VISIT_FLAG_READ_ROLES, write: false },
    summary: 'Signs of paper visits with their evidence and reviews (for county review, never automatic penalties)',
    tags,
    handler: async ({ params, query, actor }) => listVisitFlags({ db, actor }, { campaignId: params.id, ...query }),
  });

  defineRoute(app, visitReportsApi.reviewVisitFlag, {
    access: { kind: 'roles', roles: VISIT_FLAG_REVIEW_ROLES, write: true },
    summary: 'Review one flag: explained or confirmed, with a note (audited)',
    tags,
    handler: async ({ params, body, actor }, req) => reviewVisitFlag({ db, actor, source: auditSourceOf(req) }, { campaignId: params.id, ...body }),
  });
}
