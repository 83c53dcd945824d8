/**
 * The case-intake module's front door (issue 11): a visit's problem made a case, and a survey
 * wave's consenting open answers referred as cases. The demo may use these use cases.
 */
export { registerVisitProblemCase } from './register-visit-problem-case.ts';
export type { RegisterVisitProblemCaseOptions } from './register-visit-problem-case.ts';
export { referSurveyAnswers } from './refer-survey-answers.ts';
export type { ReferSurveyAnswersOptions } from './refer-survey-answers.ts';
export { listSurveyReferrals } from './list-survey-referrals.ts';
