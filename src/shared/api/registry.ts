/** Residents, households and their hardship labels, and the hardship categories (see `contract.ts`). */
import { z } from 'zod';
import {
  ZAddHardshipRequest,
  ZEndHardshipRequest,
  ZHardshipCategory,
  ZHardshipCategoryParams,
  ZHardshipIdParams,
  ZHouseholdDetail,
  ZHouseholdIdParams,
  ZResidentFilter,
  ZResidentIdParams,
  ZResidentListQuery,
  ZResidentPage,
  ZResidentPhoneIdParams,
  ZRevealed,
  ZSaveHardshipCategoryRequest,
} from '../schemas/registry.ts';
import { ZRevealRequest } from '../schemas/reveal-purpose.ts';
import { defineContract } from './contract.ts';

export const registryApi = {
  listResidents: defineContract({ method: 'GET', url: '/api/residents', querystring: ZResidentListQuery, response: ZResidentPage }),
  /** A file (XLSX): no response schema; the web saves it with `downloadCall`. */
  exportResidents: defineContract({ method: 'GET', url: '/api/residents/export.xlsx', querystring: ZResidentFilter }),
  getHousehold: defineContract({ method: 'GET', url: '/api/households/:id', params: ZHouseholdIdParams, response: ZHouseholdDetail }),
  revealIdNumber: defineContract({ method: 'POST', url: '/api/residents/:id/reveal-id-number', params: ZResidentIdParams, body: ZRevealRequest, response: ZRevealed }),
  revealPhone: defineContract({ method: 'POST', url: '/api/resident-phones/:id/reveal', params: ZResidentPhoneIdParams, body: ZRevealRequest, response: ZRevealed }),
  addHardshipLabel: defineContract({ method: 'POST', url: '/api/households/:id/hardship', params: ZHouseholdIdParams, body: ZAddHardshipRequest, response: ZHouseholdDetail, status: 201 }),
  endHardshipLabel: defineContract({ method: 'POST', url: '/api/households/:id/hardship/:labelId/end', params: ZHardshipIdParams, body: ZEndHardshipRequest, response: ZHouseholdDetail }),
};

export const hardshipCategoriesApi = {
  listHardshipCategories: defineContract({ method: 'GET', url: '/api/hardship-categories', response: z.object({ items: z.array(ZHardshipCategory) }) }),
  saveHardshipCategory: defineContract({ method: 'PUT', url: '/api/hardship-categories/:code', params: ZHardshipCategoryParams, body: ZSaveHardshipCategoryRequest, response: ZHardshipCategory }),
};
