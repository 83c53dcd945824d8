/**
 * Visit records and their files (issue 10; see `contract.ts`).
 * The phone syncs in this order: upload each file (content-addressed, so a resend is harmless),
 * then the record that names the files by hash.
 */
import { ZStoredVisitFile, ZVisitFileParams, ZVisitFileQuery, ZVisitReceipt, ZVisitRecord } from '../visits/index.ts';
import { defineContract } from './contract.ts';

export const visitsApi = {
  /** Store a visit record made on a phone: 201 when new or a resend of the same body; 409 (kept for review) when the id was used with another body. */
  recordVisit: defineContract({ method: 'POST', url: '/api/visits', body: ZVisitRecord, response: ZVisitReceipt, status: 201 }),
};

export const visitFilesApi = {
  /** Upload one image (raw body, Content-Type image/jpeg, image/png or image/webp). */
  uploadVisitFile: defineContract({ method: 'POST', url: '/api/visit-files', querystring: ZVisitFileQuery, response: ZStoredVisitFile, status: 201 }),
  /** The stored image, to those who may see a visit that names it (or who uploaded it). */
  downloadVisitFile: defineContract({ method: 'GET', url: '/api/visit-files/:sha256', params: ZVisitFileParams }),
};
