/**
 * 12345 batches (see `contract.ts`). The upload's body is the file itself (XLSX, CSV or JSON), so
 * its contract has no `body` (the web sends it with `uploadCall`); the template and the report
 * are files, so theirs have no `response`.
 */
import { ZCaseBatch, ZCaseBatchDetail, ZCaseBatchListQuery, ZCaseBatchParams, ZCaseBatchUploadQuery } from '../cases/case-batch-schemas.ts';
import { z } from 'zod';
import { defineContract } from './contract.ts';

export const caseBatchesApi = {
  /** The file is the request body, with its own content type (one of CASE_BATCH_CONTENT_TYPES). */
  uploadCaseBatch: defineContract({ method: 'POST', url: '/api/case-batches', querystring: ZCaseBatchUploadQuery, response: ZCaseBatchDetail, status: 201 }),
  listCaseBatches: defineContract({ method: 'GET', url: '/api/case-batches', querystring: ZCaseBatchListQuery, response: z.object({ items: z.array(ZCaseBatch) }) }),
  /** An XLSX file: the columns as the hotline exports them, one example row. */
  downloadCaseBatchTemplate: defineContract({ method: 'GET', url: '/api/case-batches/template.xlsx' }),
  getCaseBatch: defineContract({ method: 'GET', url: '/api/case-batches/:id', params: ZCaseBatchParams, response: ZCaseBatchDetail }),
  /** An XLSX file: the batch's per-row report. */
  downloadCaseBatchReport: defineContract({ method: 'GET', url: '/api/case-batches/:id/report.xlsx', params: ZCaseBatchParams }),
};
