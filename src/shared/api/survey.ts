/**
 * The survey design's routes (see `contract.ts`): questionnaires and their versions, waves with
 * their strata, frames, sample and replicates. Fieldwork and results have tables of their own.
 */
import {
  ZCreateQuestionnaireRequest,
  ZCreateWaveRequest,
  ZDrawSampleRequest,
  ZFrameUploadQuery,
  ZQuestionnaire,
  ZQuestionnaireList,
  ZQuestionnaireVersion,
  ZSaveQuestionnaireDraftRequest,
  ZSurveyIdParams,
  ZUpdateWaveRequest,
  ZWave,
  ZWaveList,
  ZWaveListQuery,
} from '../schemas/survey.ts';
import { defineContract } from './contract.ts';

export const surveyApi = {
  listQuestionnaires: defineContract({ method: 'GET', url: '/api/survey/questionnaires', response: ZQuestionnaireList }),
  createQuestionnaire: defineContract({ method: 'POST', url: '/api/survey/questionnaires', body: ZCreateQuestionnaireRequest, response: ZQuestionnaireVersion, status: 201 }),
  ensureStandardQuestionnaire: defineContract({ method: 'POST', url: '/api/survey/questionnaires/standard', response: ZQuestionnaire }),
  getQuestionnaireVersion: defineContract({ method: 'GET', url: '/api/survey/questionnaire-versions/:id', params: ZSurveyIdParams, response: ZQuestionnaireVersion }),
  saveQuestionnaireDraft: defineContract({ method: 'PUT', url: '/api/survey/questionnaire-versions/:id', params: ZSurveyIdParams, body: ZSaveQuestionnaireDraftRequest, response: ZQuestionnaireVersion }),
  publishQuestionnaireVersion: defineContract({ method: 'POST', url: '/api/survey/questionnaire-versions/:id/publish', params: ZSurveyIdParams, response: ZQuestionnaireVersion }),
  createQuestionnaireVersion: defineContract({ method: 'POST', url: '/api/survey/questionnaire-versions/:id/new-version', params: ZSurveyIdParams, response: ZQuestionnaireVersion, status: 201 }),
  listWaves: defineContract({ method: 'GET', url: '/api/survey/waves', querystring: ZWaveListQuery, response: ZWaveList }),
  createWave: defineContract({ method: 'POST', url: '/api/survey/waves', body: ZCreateWaveRequest, response: ZWave, status: 201 }),
  getWave: defineContract({ method: 'GET', url: '/api/survey/waves/:id', params: ZSurveyIdParams, response: ZWave }),
  updateWave: defineContract({ method: 'PATCH', url: '/api/survey/waves/:id', params: ZSurveyIdParams, body: ZUpdateWaveRequest, response: ZWave }),
  buildRegistryFrame: defineContract({ method: 'POST', url: '/api/survey/waves/:id/frame/registry', params: ZSurveyIdParams, response: ZWave }),
  /** An upload: the file (CSV or XLSX) is the request body, so the contract has no `body` schema. */
  uploadFrame: defineContract({ method: 'POST', url: '/api/survey/waves/:id/frame/upload', params: ZSurveyIdParams, querystring: ZFrameUploadQuery, response: ZWave }),
  drawSample: defineContract({ method: 'POST', url: '/api/survey/waves/:id/sample', params: ZSurveyIdParams, body: ZDrawSampleRequest, response: ZWave }),
  discardSample: defineContract({ method: 'DELETE', url: '/api/survey/waves/:id/sample', params: ZSurveyIdParams, response: ZWave }),
  openWave: defineContract({ method: 'POST', url: '/api/survey/waves/:id/open', params: ZSurveyIdParams, response: ZWave }),
  releaseNextReplicate: defineContract({ method: 'POST', url: '/api/survey/waves/:id/release-next', params: ZSurveyIdParams, response: ZWave }),
  closeWave: defineContract({ method: 'POST', url: '/api/survey/waves/:id/close', params: ZSurveyIdParams, response: ZWave }),
};
