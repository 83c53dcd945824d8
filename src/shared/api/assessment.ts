/**
 * The township assessment (考核, issue 12 point 4) and the city's spot checks (市级抽查). Served by
 * `src/server/modules/assessment/`.
 */
import {
  ZAdjustmentInput,
  ZAdjustmentParams,
  ZAdjustmentRemove,
  ZAssessmentCreate,
  ZAssessmentDetail,
  ZAssessmentIdParams,
  ZAssessmentList,
  ZCitySpotCheck,
  ZCitySpotCheckImport,
  ZCitySpotCheckInput,
  ZCitySpotCheckList,
  ZCorrectionInput,
  ZSchemeSave,
  ZSchemeVersions,
  ZStoredResult,
} from '../assessment/assessment-api-schemas.ts';
import { defineContract } from './contract.ts';

export const assessmentApi = {
  listAssessments: defineContract({ method: 'GET', url: '/api/assessments', response: ZAssessmentList }),
  createAssessment: defineContract({ method: 'POST', url: '/api/assessments', body: ZAssessmentCreate, response: ZAssessmentDetail, status: 201 }),
  getAssessment: defineContract({ method: 'GET', url: '/api/assessments/:id', params: ZAssessmentIdParams, response: ZAssessmentDetail }),
  saveScheme: defineContract({ method: 'PUT', url: '/api/assessments/:id/scheme', params: ZAssessmentIdParams, body: ZSchemeSave, response: ZAssessmentDetail }),
  listSchemeVersions: defineContract({ method: 'GET', url: '/api/assessments/:id/versions', params: ZAssessmentIdParams, response: ZSchemeVersions }),
  addAdjustment: defineContract({ method: 'POST', url: '/api/assessments/:id/adjustments', params: ZAssessmentIdParams, body: ZAdjustmentInput, response: ZAssessmentDetail, status: 201 }),
  removeAdjustment: defineContract({ method: 'POST', url: '/api/assessments/:id/adjustments/:adjustmentId/remove', params: ZAdjustmentParams, body: ZAdjustmentRemove, response: ZAssessmentDetail }),
  computeAssessment: defineContract({ method: 'POST', url: '/api/assessments/:id/compute', params: ZAssessmentIdParams, response: ZStoredResult }),
  publishAssessment: defineContract({ method: 'POST', url: '/api/assessments/:id/publish', params: ZAssessmentIdParams, response: ZAssessmentDetail }),
  correctAssessment: defineContract({ method: 'POST', url: '/api/assessments/:id/correction', params: ZAssessmentIdParams, body: ZCorrectionInput, response: ZAssessmentDetail, status: 201 }),
  listCitySpotChecks: defineContract({ method: 'GET', url: '/api/city-spot-checks', response: ZCitySpotCheckList }),
  saveCitySpotCheck: defineContract({ method: 'POST', url: '/api/city-spot-checks', body: ZCitySpotCheckInput, response: ZCitySpotCheck, status: 201 }),
  /** An XLSX or CSV (UTF-8 or GBK) of spot-check rows: all or none. */
  importCitySpotChecks: defineContract({ method: 'POST', url: '/api/city-spot-checks/import', response: ZCitySpotCheckImport, status: 201 }),
};
