/**
 * The route table: every module's contracts. The server implements each one exactly once
 * (`test/route-table.test.ts` checks it against the routes the app serves); the web calls them
 * with `call()` from `src/web/api.ts`.
 */
import { healthApi } from './health.ts';
import { regionsApi } from './regions.ts';
import { surveyResultsApi } from './survey-results.ts';
import { departmentsApi, usersApi } from './users.ts';
import { workbenchApi } from './workbench.ts';

export { healthApi, regionsApi, departmentsApi, usersApi, workbenchApi, surveyResultsApi };
export type { RouteContract, ContractInput, ContractOutput } from './contract.ts';

export const ROUTE_TABLE = { health: healthApi, regions: regionsApi, users: usersApi, departments: departmentsApi, workbench: workbenchApi, surveyResults: surveyResultsApi };
