/**
 * Contracts of the cases' configuration and supervision (issue 11): the category tree
 * (`case-categories` module), the working calendar (`working-calendar` module) and the deadline
 * sweep's reminders (`case-deadlines` module).
 */
import {
  ZCalendarYear,
  ZCalendarYearParams,
  ZCaseCategory,
  ZCaseCategoryParams,
  ZCaseCategoryTree,
  ZCaseReminderList,
  ZCaseReminderParams,
  ZCaseReminderQuery,
  ZCreateCaseCategoryRequest,
  ZLoadCalendarResult,
  ZUpdateCalendarRequest,
  ZUpdateCaseCategoryRequest,
} from '../cases/case-config-schemas.ts';
import { ZOk } from '../schemas/common.ts';
import { defineContract } from './contract.ts';

export const caseCategoriesApi = {
  listCaseCategories: defineContract({ method: 'GET', url: '/api/case-categories', response: ZCaseCategoryTree }),
  createCaseCategory: defineContract({ method: 'POST', url: '/api/case-categories', body: ZCreateCaseCategoryRequest, response: ZCaseCategory, status: 201 }),
  updateCaseCategory: defineContract({ method: 'PATCH', url: '/api/case-categories/:id', params: ZCaseCategoryParams, body: ZUpdateCaseCategoryRequest, response: ZCaseCategory }),
};

export const workingCalendarApi = {
  getCalendarYear: defineContract({ method: 'GET', url: '/api/working-calendar/:year', params: ZCalendarYearParams, response: ZCalendarYear }),
  updateCalendarYear: defineContract({ method: 'PUT', url: '/api/working-calendar/:year', params: ZCalendarYearParams, body: ZUpdateCalendarRequest, response: ZCalendarYear }),
  loadOfficialYear: defineContract({ method: 'POST', url: '/api/working-calendar/:year/load', params: ZCalendarYearParams, response: ZLoadCalendarResult }),
};

export const caseRemindersApi = {
  listCaseReminders: defineContract({ method: 'GET', url: '/api/case-reminders', querystring: ZCaseReminderQuery, response: ZCaseReminderList }),
  markCaseReminderRead: defineContract({ method: 'POST', url: '/api/case-reminders/:id/read', params: ZCaseReminderParams, response: ZOk }),
};
