/**
 * The county's case settings and the three rates with their ranking and export (issue 11,
 * point 5). Served by `src/server/modules/case-rates/`.
 */
import { ZCaseRates, ZCaseRatesQuery, ZCaseSettings, ZCaseSettingsInput } from '../cases/case-rates-schemas.ts';
import { defineContract } from './contract.ts';

export const caseRatesApi = {
  getCaseSettings: defineContract({ method: 'GET', url: '/api/case-settings', response: ZCaseSettings }),
  updateCaseSettings: defineContract({ method: 'PUT', url: '/api/case-settings', body: ZCaseSettingsInput, response: ZCaseSettings }),
  getCaseRates: defineContract({ method: 'GET', url: '/api/case-rates', querystring: ZCaseRatesQuery, response: ZCaseRates }),
  /** The month's rates as XLSX, n and source beside every figure. */
  exportCaseRates: defineContract({ method: 'GET', url: '/api/case-rates/export.xlsx', querystring: ZCaseRatesQuery }),
};
