import type { FastifyInstance } from 'fastify';
import { caseIntakeApi } from '../../../shared/api/case-intake.ts';
import { CASE_REGISTER_ROLES, SURVEY_MANAGE_ROLES } from '../../../shared/roles.ts';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { auditSourceOf } from '../audit/index.ts';
import { listIntakeCategories } from './list-intake-categories.ts';
import { listSurveyReferrals } from './list-survey-referrals.ts';
import { referSurveyAnswers } from './refer-survey-answers.ts';
import { registerVisitProblemCase } from './register-visit-problem-case.ts';

const tags = ['case-intake'];

/**
 * Registers the intake routes of other modules' records (listed in MODULES in app.ts): a visit's
 * problem made a case, and a closed wave's consenting answers referred as cases.
 *
 * @example
 * caseIntakeRoutes(app, { db, driver, env, cipher });
 */
export function caseIntakeRoutes(app: FastifyInstance, { db, cipher }: AppContext) {
  defineRoute(app, caseIntakeApi.listIntakeCategories, {
    access: { kind: 'roles', roles: [...new Set([...CASE_REGISTER_ROLES, ...SURVEY_MANAGE_ROLES])], write: false },
    summary: 'The county’s active case categories, for the intake pickers',
    tags,
    handler: async ({ actor }) => listIntakeCategories({ db, actor }, {}),
  });

  defineRoute(app, caseIntakeApi.registerVisitProblemCase, {
    access: { kind: 'roles', roles: CASE_REGISTER_ROLES, write: true },
    summary: 'Make an open visit problem in your area a case (channel visit; category chosen, or the first of the problem’s survey domain); 409 visit_problem_not_open when it was made one before',
    tags,
    handler: async ({ params, body, actor }, req) => registerVisitProblemCase({ db, actor, source: auditSourceOf(req), cipher }, { id: params.id, ...body }),
  });

  defineRoute(app, caseIntakeApi.listSurveyReferrals, {
    access: { kind: 'roles', roles: SURVEY_MANAGE_ROLES, write: false },
    summary: 'A closed wave’s consenting open answers (Q12 with Q13 yes) not yet referred, for the survey supervisor',
    tags,
    handler: async ({ params, actor }) => listSurveyReferrals({ db, actor }, { waveId: params.id }),
  });

  defineRoute(app, caseIntakeApi.referSurveyAnswers, {
    access: { kind: 'roles', roles: SURVEY_MANAGE_ROLES, write: true },
    summary:
      'Refer chosen consenting answers of a closed wave as cases (channel survey; the problem, the number and the township only, nothing of the interview) or set them aside; all in one transaction',
    tags,
    handler: async ({ params, body, actor }, req) => referSurveyAnswers({ db, actor, source: auditSourceOf(req), cipher }, { waveId: params.id, ...body }),
  });
}
