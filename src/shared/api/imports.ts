/**
 * Registry imports (see `contract.ts`). The upload's body is the file itself, so its contract has
 * no `body` (the web sends it with `uploadCall`); the template and the report are files, so theirs
 * have no `response` (`downloadCall`, `urlOf`).
 */
import { page } from '../schemas/common.ts';
import {
  ZConfirmImport,
  ZCrossScopeConflict,
  ZCrossScopeConflictParams,
  ZCrossScopeConflictQuery,
  ZImportChange,
  ZImportChangesQuery,
  ZImportIssue,
  ZImportIssueGroups,
  ZImportIssuesQuery,
  ZImportJob,
  ZImportJobParams,
  ZImportListQuery,
  ZImportTemplateQuery,
  ZImportUploadQuery,
  ZResolveCrossScopeConflict,
} from '../registry/import-schemas.ts';
import { defineContract } from './contract.ts';

export const importsApi = {
  listCrossScopeConflicts: defineContract({ method: 'GET', url: '/api/imports/cross-scope-conflicts', querystring: ZCrossScopeConflictQuery, response: page(ZCrossScopeConflict) }),
  resolveCrossScopeConflict: defineContract({
    method: 'POST',
    url: '/api/imports/cross-scope-conflicts/:id/resolve',
    params: ZCrossScopeConflictParams,
    body: ZResolveCrossScopeConflict,
    response: ZCrossScopeConflict,
  }),
  confirmImport: defineContract({ method: 'POST', url: '/api/imports/:id/confirm', params: ZImportJobParams, body: ZConfirmImport, response: ZImportJob, status: 202 }),
  /** The file is the request body, with its own content type (one of IMPORT_CONTENT_TYPES). */
  uploadHouseholds: defineContract({ method: 'POST', url: '/api/imports/households', querystring: ZImportUploadQuery, response: ZImportJob, status: 202 }),
  /** An XLSX file. */
  downloadTemplate: defineContract({ method: 'GET', url: '/api/imports/template.xlsx', querystring: ZImportTemplateQuery }),
  listImportJobs: defineContract({ method: 'GET', url: '/api/imports', querystring: ZImportListQuery, response: page(ZImportJob) }),
  getImportJob: defineContract({ method: 'GET', url: '/api/imports/:id', params: ZImportJobParams, response: ZImportJob }),
  listImportIssues: defineContract({ method: 'GET', url: '/api/imports/:id/issues', params: ZImportJobParams, querystring: ZImportIssuesQuery, response: page(ZImportIssue) }),
  listImportIssueGroups: defineContract({ method: 'GET', url: '/api/imports/:id/issue-groups', params: ZImportJobParams, response: ZImportIssueGroups }),
  listImportChanges: defineContract({ method: 'GET', url: '/api/imports/:id/changes', params: ZImportJobParams, querystring: ZImportChangesQuery, response: page(ZImportChange) }),
  /** An XLSX file: the job's report. */
  downloadReport: defineContract({ method: 'GET', url: '/api/imports/:id/report.xlsx', params: ZImportJobParams }),
};
