/**
 * Rectification tasks (整改, issue 12 points 1–2): proposals from a closed wave, confirmation,
 * progress with photos, verification, and whether it worked. Served by
 * `src/server/modules/rectification/`.
 */
import {
  ZConfirmRectificationRequest,
  ZCreateRectificationRequest,
  ZDropRectificationRequest,
  ZEditRectificationRequest,
  ZProposeRectificationRequest,
  ZProposeRectificationResult,
  ZRectificationFileParams,
  ZRectificationFileView,
  ZRectificationIdParams,
  ZRectificationListQuery,
  ZRectificationNoteRequest,
  ZRectificationProgressRequest,
  ZRectificationSettings,
  ZRectificationSettingsInput,
  ZRectificationTaskDetail,
  ZRectificationTaskList,
  ZReturnRectificationRequest,
} from '../assessment/rectification-schemas.ts';
import { defineContract } from './contract.ts';

const task = { params: ZRectificationIdParams, response: ZRectificationTaskDetail } as const;

export const rectificationApi = {
  listRectificationTasks: defineContract({ method: 'GET', url: '/api/rectification-tasks', querystring: ZRectificationListQuery, response: ZRectificationTaskList }),
  createRectificationTask: defineContract({ method: 'POST', url: '/api/rectification-tasks', body: ZCreateRectificationRequest, response: ZRectificationTaskDetail, status: 201 }),
  proposeRectificationTasks: defineContract({ method: 'POST', url: '/api/rectification-tasks/proposals', body: ZProposeRectificationRequest, response: ZProposeRectificationResult }),
  getRectificationSettings: defineContract({ method: 'GET', url: '/api/rectification-tasks/settings', response: ZRectificationSettings }),
  updateRectificationSettings: defineContract({ method: 'PUT', url: '/api/rectification-tasks/settings', body: ZRectificationSettingsInput, response: ZRectificationSettings }),
  getRectificationTask: defineContract({ method: 'GET', url: '/api/rectification-tasks/:id', ...task }),
  editRectificationTask: defineContract({ method: 'PATCH', url: '/api/rectification-tasks/:id', body: ZEditRectificationRequest, ...task }),
  confirmRectificationTask: defineContract({ method: 'POST', url: '/api/rectification-tasks/:id/confirm', body: ZConfirmRectificationRequest, ...task }),
  dropRectificationTask: defineContract({ method: 'POST', url: '/api/rectification-tasks/:id/drop', body: ZDropRectificationRequest, ...task }),
  reportRectificationProgress: defineContract({ method: 'POST', url: '/api/rectification-tasks/:id/progress', body: ZRectificationProgressRequest, ...task }),
  submitRectificationTask: defineContract({ method: 'POST', url: '/api/rectification-tasks/:id/submit', body: ZRectificationNoteRequest, ...task }),
  acceptRectificationTask: defineContract({ method: 'POST', url: '/api/rectification-tasks/:id/accept', body: ZRectificationNoteRequest, ...task }),
  returnRectificationTask: defineContract({ method: 'POST', url: '/api/rectification-tasks/:id/return', body: ZReturnRectificationRequest, ...task }),
  /** A photo for the next progress report: the image is the request body. */
  uploadRectificationFile: defineContract({ method: 'POST', url: '/api/rectification-tasks/:id/files', params: ZRectificationIdParams, response: ZRectificationFileView, status: 201 }),
  downloadRectificationFile: defineContract({ method: 'GET', url: '/api/rectification-tasks/:id/files/:sha256', params: ZRectificationFileParams }),
};
