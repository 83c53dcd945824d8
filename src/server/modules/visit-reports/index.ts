/**
 * The visit reports module's front door (issue 10, points 6–8): a campaign's coverage from
 * county to cadre, its progress curve, the households still missing visits, the roster and
 * summary files, the signs of paper visits and their review, and its workbench contributions.
 */
export { getCampaignCoverage } from './get-campaign-coverage.ts';
export { getCampaignProgress } from './get-campaign-progress.ts';
export { listMissingVisits } from './list-missing-visits.ts';
export { listReportCampaigns } from './list-report-campaigns.ts';
/** The benchmark runs the report's aggregate statement straight on the database beside the use case. */
export { REPORT_WORK_MEM, coverageRollupQuery } from './coverage-sql.ts';
export { findReportScope } from './find-report-campaign.ts';
/** The dashboard's coverage: the campaign's per-village figures kept by the database (migration 0020). */
export { summarizeCampaignCoverage } from './summarize-campaign-coverage.ts';
export { listVisitFlags } from './list-visit-flags.ts';
export { reviewVisitFlag } from './review-visit-flag.ts';
export { exportRoster, rosterScope, ROSTER_HEADERS } from './export-roster.ts';
export { exportSummary } from './export-summary.ts';
export { visitReportsWorkbench } from './workbench.ts';
