/**
 * Visit reports (issue 10, points 6–8): a campaign's coverage from county to cadre, its daily
 * progress, the households still missing visits, the roster and summary files, and the signs
 * of paper visits with the county's review. Served by `src/server/modules/visit-reports/`.
 */
import {
  ZCampaignCoverage,
  ZCampaignIdParams,
  ZCampaignProgress,
  ZCoverageQuery,
  ZMissingVisitList,
  ZMissingVisitsQuery,
  ZReportCampaignList,
  ZReviewVisitFlagRequest,
  ZRosterQuery,
  ZVisitFlagReviewed,
  ZVisitFlags,
  ZVisitFlagsQuery,
} from '../visits/visit-report-schemas.ts';
import { defineContract } from './contract.ts';

export const visitReportsApi = {
  /** Campaigns the caller may report on (the picker), newest first. */
  listReportCampaigns: defineContract({ method: 'GET', url: '/api/visit-reports/campaigns', response: ZReportCampaignList }),
  getCampaignCoverage: defineContract({ method: 'GET', url: '/api/visit-reports/campaigns/:id/coverage', params: ZCampaignIdParams, querystring: ZCoverageQuery, response: ZCampaignCoverage }),
  getCampaignProgress: defineContract({ method: 'GET', url: '/api/visit-reports/campaigns/:id/progress', params: ZCampaignIdParams, querystring: ZCoverageQuery, response: ZCampaignProgress }),
  listMissingVisits: defineContract({ method: 'GET', url: '/api/visit-reports/campaigns/:id/missing', params: ZCampaignIdParams, querystring: ZMissingVisitsQuery, response: ZMissingVisitList }),
  /** 走访慰问花名册 (XLSX) for offices to print and collect signatures. */
  exportRoster: defineContract({ method: 'GET', url: '/api/visit-reports/campaigns/:id/roster.xlsx', params: ZCampaignIdParams, querystring: ZRosterQuery }),
  /** The campaign's summary as a Word document. */
  exportSummary: defineContract({ method: 'GET', url: '/api/visit-reports/campaigns/:id/summary.docx', params: ZCampaignIdParams }),
  listVisitFlags: defineContract({ method: 'GET', url: '/api/visit-reports/campaigns/:id/flags', params: ZCampaignIdParams, querystring: ZVisitFlagsQuery, response: ZVisitFlags }),
  reviewVisitFlag: defineContract({ method: 'POST', url: '/api/visit-reports/campaigns/:id/flag-reviews', params: ZCampaignIdParams, body: ZReviewVisitFlagRequest, response: ZVisitFlagReviewed }),
};
