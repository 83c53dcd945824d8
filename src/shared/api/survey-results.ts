/** A survey wave's progress, quality control and results (see `contract.ts`). */
import { ZDialResponse } from '../schemas/survey-fieldwork.ts';
import {
  ZDrawRecheckRequest,
  ZDrawRecheckResult,
  ZFlagInterviewsRequest,
  ZFlagInterviewsResult,
  ZRecheckItem,
  ZRecheckList,
  ZRecheckListQuery,
  ZRecordRecheckRequest,
  ZResultsWaveList,
  ZSetEligibilityRequest,
  ZSurveyInterviewParams,
  ZSurveyProgress,
  ZSurveyProgressQuery,
  ZSurveyResults,
  ZSurveyWaveParams,
} from '../schemas/survey-results.ts';
import { defineContract } from './contract.ts';

export const surveyResultsApi = {
  listResultsWaves: defineContract({ method: 'GET', url: '/api/survey/results/waves', response: ZResultsWaveList }),
  getWaveResults: defineContract({ method: 'GET', url: '/api/survey/waves/:id/results', params: ZSurveyWaveParams, response: ZSurveyResults }),
  getWaveProgress: defineContract({ method: 'GET', url: '/api/survey/waves/:id/progress', params: ZSurveyWaveParams, querystring: ZSurveyProgressQuery, response: ZSurveyProgress }),
  setEligibility: defineContract({ method: 'PUT', url: '/api/survey/waves/:id/eligibility', params: ZSurveyWaveParams, body: ZSetEligibilityRequest, response: ZSurveyProgress }),
  flagInterviews: defineContract({ method: 'POST', url: '/api/survey/waves/:id/quality/flags', params: ZSurveyWaveParams, body: ZFlagInterviewsRequest, response: ZFlagInterviewsResult }),
  drawRecheckSample: defineContract({ method: 'POST', url: '/api/survey/waves/:id/quality/recheck-sample', params: ZSurveyWaveParams, body: ZDrawRecheckRequest, response: ZDrawRecheckResult }),
  listRechecks: defineContract({ method: 'GET', url: '/api/survey/waves/:id/quality/rechecks', params: ZSurveyWaveParams, querystring: ZRecheckListQuery, response: ZRecheckList }),
  recordRecheck: defineContract({ method: 'PUT', url: '/api/survey/interviews/:id/recheck', params: ZSurveyInterviewParams, body: ZRecordRecheckRequest, response: ZRecheckItem }),
  dialRecheck: defineContract({ method: 'POST', url: '/api/survey/interviews/:id/recheck/dial', params: ZSurveyInterviewParams, response: ZDialResponse }),
};
