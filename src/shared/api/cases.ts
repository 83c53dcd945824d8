/**
 * Cases (民情诉求 · 三级联动, issue 11; see `contract.ts`): the clerk's intake, the list, the case
 * page, each step of a case's life, evidence photos, the audited phone reveal and the link to the
 * registry's resident. Every step answers the case page as it is after the step; a step the case's
 * status does not allow is 409 `case_step_not_allowed` (with `caseStatus` and `allowedSteps`).
 */
import { ZRevealed } from '../schemas/registry.ts';
import { ZRevealRequest } from '../schemas/reveal-purpose.ts';
import {
  ZAcceptCaseRequest,
  ZCaseCallbackRequest,
  ZCaseDetail,
  ZCaseFileParams,
  ZCaseFileStored,
  ZCaseIdParams,
  ZCaseListQuery,
  ZCaseNoteRequest,
  ZCasePage,
  ZCloseCaseRequest,
  ZDispatchCaseRequest,
  ZEscalateCaseRequest,
  ZLinkResidentRequest,
  ZMergeCaseRequest,
  ZRegisterCaseRequest,
  ZRegisteredCaseView,
  ZResolveCaseRequest,
  ZReturnCaseRequest,
} from '../schemas/cases.ts';
import { defineContract } from './contract.ts';

export const casesApi = {
  /** The clerk registers a case (窗口 / 电话); 409 `case_possible_duplicate` with `duplicates` unless `confirmNew` or `mergeInto`. */
  registerCase: defineContract({ method: 'POST', url: '/api/cases', body: ZRegisterCaseRequest, response: ZRegisteredCaseView, status: 201 }),
  /** Cases in the caller's area (a department's handlers: their department's), newest first, keyset pages. */
  listCases: defineContract({ method: 'GET', url: '/api/cases', querystring: ZCaseListQuery, response: ZCasePage }),
  /** One case in full, with the steps the caller may take now. */
  getCase: defineContract({ method: 'GET', url: '/api/cases/:id', params: ZCaseIdParams, response: ZCaseDetail }),
  /** 派单 / 改派 (dispatcher): to a village or township of the case's township, or a county department. */
  dispatchCase: defineContract({ method: 'POST', url: '/api/cases/:id/dispatch', params: ZCaseIdParams, body: ZDispatchCaseRequest, response: ZCaseDetail }),
  /** 签收 (the unit). */
  acceptCase: defineContract({ method: 'POST', url: '/api/cases/:id/accept', params: ZCaseIdParams, body: ZAcceptCaseRequest, response: ZCaseDetail }),
  /** 办理意见 (the unit), with evidence photos by hash; accepted → in_progress. */
  addCaseNote: defineContract({ method: 'POST', url: '/api/cases/:id/notes', params: ZCaseIdParams, body: ZCaseNoteRequest, response: ZCaseDetail }),
  /** 办结 (the unit), with the resolution. */
  resolveCase: defineContract({ method: 'POST', url: '/api/cases/:id/resolve', params: ZCaseIdParams, body: ZResolveCaseRequest, response: ZCaseDetail }),
  /** 上报 (the unit): one level up; a department is the top (409 `case_top_level`). */
  escalateCase: defineContract({ method: 'POST', url: '/api/cases/:id/escalate', params: ZCaseIdParams, body: ZEscalateCaseRequest, response: ZCaseDetail }),
  /** 退回 (the unit): back to the dispatcher, registered. */
  returnCase: defineContract({ method: 'POST', url: '/api/cases/:id/return', params: ZCaseIdParams, body: ZReturnCaseRequest, response: ZCaseDetail }),
  /** 回访 (dispatcher): solved → called_back; not solved → 重办 to the same unit; unreachable → an attempt. */
  callbackCase: defineContract({ method: 'POST', url: '/api/cases/:id/callback', params: ZCaseIdParams, body: ZCaseCallbackRequest, response: ZCaseDetail }),
  /** 结案 (dispatcher): after the call back, or after the county's number of unanswered attempts. */
  closeCase: defineContract({ method: 'POST', url: '/api/cases/:id/close', params: ZCaseIdParams, body: ZCloseCaseRequest, response: ZCaseDetail }),
  /** 合并 (dispatcher): into another open case in the caller's area; answers the merged (this) case. */
  mergeCase: defineContract({ method: 'POST', url: '/api/cases/:id/merge', params: ZCaseIdParams, body: ZMergeCaseRequest, response: ZCaseDetail }),
  /** Upload one evidence photo (raw body, Content-Type image/jpeg, image/png or image/webp); the case names it at once. */
  uploadCaseFile: defineContract({ method: 'POST', url: '/api/cases/:id/files', params: ZCaseIdParams, response: ZCaseFileStored, status: 201 }),
  /** An evidence photo of a case in the caller's area. */
  downloadCaseFile: defineContract({ method: 'GET', url: '/api/cases/:id/files/:sha256', params: ZCaseFileParams }),
  /** The contact's full phone, with a purpose (audited `case.reveal_phone`). */
  revealCasePhone: defineContract({ method: 'POST', url: '/api/cases/:id/reveal-phone', params: ZCaseIdParams, body: ZRevealRequest, response: ZRevealed }),
  /** Link the case to a registry resident in the caller's area (audited `case.link_resident`). */
  linkCaseResident: defineContract({ method: 'POST', url: '/api/cases/:id/link-resident', params: ZCaseIdParams, body: ZLinkResidentRequest, response: ZCaseDetail }),
};
