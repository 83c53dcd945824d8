/** The resident page's public routes (群众诉求 · 扫码反映): no account, rate-limited per address. */
import {
  ZPublicCaseProgress,
  ZPublicCategories,
  ZPublicChallenge,
  ZPublicCountyQuery,
  ZPublicTrackRequest,
  ZPublicVillages,
  ZResidentPhoto,
  ZResidentSubmission,
  ZResidentSubmitted,
} from '../schemas/resident-page.ts';
import { defineContract } from './contract.ts';

export const residentPageApi = {
  listCategories: defineContract({ method: 'GET', url: '/api/public/categories', querystring: ZPublicCountyQuery, response: ZPublicCategories }),
  listVillages: defineContract({ method: 'GET', url: '/api/public/villages', querystring: ZPublicCountyQuery, response: ZPublicVillages }),
  newChallenge: defineContract({ method: 'POST', url: '/api/public/challenges', response: ZPublicChallenge, status: 201 }),
  /** The photo is the raw request body (JPEG, PNG or WebP), with the visit photo's limits. */
  uploadPhoto: defineContract({ method: 'POST', url: '/api/public/photos', querystring: ZPublicCountyQuery, response: ZResidentPhoto, status: 201 }),
  submitCase: defineContract({ method: 'POST', url: '/api/public/cases', body: ZResidentSubmission, response: ZResidentSubmitted, status: 201 }),
  /** POST so that the tracking code stays out of addresses, logs and history. */
  trackCase: defineContract({ method: 'POST', url: '/api/public/track', body: ZPublicTrackRequest, response: ZPublicCaseProgress }),
};
