/**
 * The route table: every module's contracts. The server implements each one exactly once
 * (`test/route-table.test.ts` checks it against the routes the app serves); the web calls them
 * with `call()` from `src/web/api.ts`.
 */
import { auditApi } from './audit.ts';
import { caseCategoriesApi, caseRemindersApi, workingCalendarApi } from './case-config.ts';
import { authApi } from './auth.ts';
import { casesApi } from './cases.ts';
import { fieldworkApi } from './fieldwork.ts';
import { healthApi } from './health.ts';
import { importsApi } from './imports.ts';
import { pairingApi } from './pairing.ts';
import { regionsApi } from './regions.ts';
import { residentPageApi } from './resident-page.ts';
import { hardshipCategoriesApi, registryApi } from './registry.ts';
import { surveyResultsApi } from './survey-results.ts';
import { surveyApi } from './survey.ts';
import { departmentsApi, usersApi } from './users.ts';
import { policiesApi, visitCampaignsApi } from './visit-campaigns.ts';
import { visitFilesApi, visitsApi } from './visits.ts';
import { workbenchApi } from './workbench.ts';
import { notificationsApi, open311ClientsApi } from './open311.ts';

export {
  auditApi,
  caseCategoriesApi,
  caseRemindersApi,
  workingCalendarApi,
  authApi,
  casesApi,
  fieldworkApi,
  healthApi,
  importsApi,
  pairingApi,
  regionsApi,
  residentPageApi,
  registryApi,
  hardshipCategoriesApi,
  surveyResultsApi,
  surveyApi,
  usersApi,
  departmentsApi,
  workbenchApi,
  visitCampaignsApi,
  policiesApi,
  visitFilesApi,
  visitsApi,
  visitReportsApi,
  caseRatesApi,
  open311ClientsApi,
  notificationsApi,
};

import { visitReportsApi } from './visit-reports.ts';
import { caseRatesApi } from './case-rates.ts';
// Issue 11, case intake (12345 batches, visit problems, survey referrals).
import { caseBatchesApi } from './case-batches.ts';
import { caseIntakeApi } from './case-intake.ts';
// Issue 12, the leaders' dashboard.
import { dashboardApi } from './dashboard.ts';

export { caseBatchesApi, caseIntakeApi };
// Issue 12, the assessment's bulletin.
import { bulletinApi } from './bulletin.ts';
export { bulletinApi };
// Issue 12, signs of gaming.
import { gamingSignalsApi } from './gaming-signals.ts';
export { gamingSignalsApi };
// Issue 12, rectification (整改).
import { rectificationApi } from './rectification.ts';
export { rectificationApi };

export type { RouteContract, ContractInput, ContractOutput } from './contract.ts';

export const ROUTE_TABLE = {
  audit: auditApi,
  auth: authApi,
  cases: casesApi,
  fieldwork: fieldworkApi,
  health: healthApi,
  imports: importsApi,
  pairing: pairingApi,
  regions: regionsApi,
  residentPage: residentPageApi,
  registry: registryApi,
  hardshipCategories: hardshipCategoriesApi,
  surveyResults: surveyResultsApi,
  survey: surveyApi,
  users: usersApi,
  departments: departmentsApi,
  visitFiles: visitFilesApi,
  visits: visitsApi,
  visitReports: visitReportsApi,
  workbench: workbenchApi,
  visitCampaigns: visitCampaignsApi,
  policies: policiesApi,
  caseCategories: caseCategoriesApi,
  workingCalendar: workingCalendarApi,
  caseReminders: caseRemindersApi,
  caseRates: caseRatesApi,
  caseBatches: caseBatchesApi,
  caseIntake: caseIntakeApi,
  open311Clients: open311ClientsApi,
  notifications: notificationsApi,
  bulletin: bulletinApi,
  gamingSignals: gamingSignalsApi,
  dashboard: dashboardApi,
  rectification: rectificationApi,
};
