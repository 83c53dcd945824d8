/**
 * The route table: every module's contracts. The server implements each one exactly once
 * (`test/route-table.test.ts` checks it against the routes the app serves); the web calls them
 * with `call()` from `src/web/api.ts`.
 */
import { auditApi } from './audit.ts';
import { authApi } from './auth.ts';
import { healthApi } from './health.ts';
import { importsApi } from './imports.ts';
import { regionsApi } from './regions.ts';
import { hardshipCategoriesApi, registryApi } from './registry.ts';
import { departmentsApi, usersApi } from './users.ts';
import { workbenchApi } from './workbench.ts';

export { auditApi, authApi, healthApi, regionsApi, registryApi, hardshipCategoriesApi, departmentsApi, usersApi, workbenchApi, importsApi };
export type { RouteContract, ContractInput, ContractOutput } from './contract.ts';

export const ROUTE_TABLE = {
  auth: authApi,
  audit: auditApi,
  health: healthApi,
  regions: regionsApi,
  registry: registryApi,
  hardshipCategories: hardshipCategoriesApi,
  users: usersApi,
  departments: departmentsApi,
  workbench: workbenchApi,
  imports: importsApi,
};
