/**
 * Intake from other modules' records (see `contract.ts`): a visit's problem made a case, and a
 * closed survey wave's consenting open answers referred as cases (survey supervisors only).
 */
import {
  ZIntakeCase,
  ZIntakeCategoryList,
  ZSurveyReferralBody,
  ZSurveyReferralList,
  ZSurveyReferralResult,
  ZSurveyWaveParams,
  ZVisitProblemCaseBody,
  ZVisitProblemParams,
} from '../cases/case-channel-schemas.ts';
import { defineContract } from './contract.ts';

export const caseIntakeApi = {
  listIntakeCategories: defineContract({ method: 'GET', url: '/api/case-intake/categories', response: ZIntakeCategoryList }),
  registerVisitProblemCase: defineContract({ method: 'POST', url: '/api/visit-problems/:id/case', params: ZVisitProblemParams, body: ZVisitProblemCaseBody, response: ZIntakeCase, status: 201 }),
  listSurveyReferrals: defineContract({ method: 'GET', url: '/api/survey/waves/:id/referrals', params: ZSurveyWaveParams, response: ZSurveyReferralList }),
  referSurveyAnswers: defineContract({ method: 'POST', url: '/api/survey/waves/:id/referrals', params: ZSurveyWaveParams, body: ZSurveyReferralBody, response: ZSurveyReferralResult }),
};
