import type { FastifyInstance } from 'fastify';
import { SURVEY_MANAGE_ROLES, SURVEY_PROGRESS_ROLES, SURVEY_RESULTS_ROLES } from '../../../shared/roles.ts';
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
} from '../../../shared/schemas/survey-results.ts';
import { ZDialResponse } from '../../../shared/schemas/survey-fieldwork.ts';
import type { AppContext } from '../../app-context.ts';
import { notFound } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { auditSourceOf } from '../audit/index.ts';
import { telLinkTelephony } from '../../telephony/index.ts';
import { computeWaveResults } from './compute-wave-results.ts';
import { dialRecheck } from './dial-recheck.ts';
import { drawRecheckSample } from './draw-recheck-sample.ts';
import { loadWave, viewerOf } from './find-report-wave.ts';
import { flagInterviews } from './flag-interviews.ts';
import { getWaveProgress } from './get-wave-progress.ts';
import { listRechecks } from './list-rechecks.ts';
import { listResultsWaves } from './list-results-waves.ts';
import { recordRecheck } from './record-recheck.ts';
import { setEligibilityOverride } from './set-eligibility-override.ts';

export function surveyResultsRoutes(app: FastifyInstance, { db, cipher }: AppContext) {
  const manage = { kind: 'roles', roles: SURVEY_MANAGE_ROLES, write: true } as const;
  const tags = ['survey results'];

  defineRoute(app, {
    method: 'GET',
    url: '/api/survey/results/waves',
    access: { kind: 'roles', roles: SURVEY_RESULTS_ROLES, write: false },
    summary: 'Waves whose results the caller may read (township administrators: closed waves only)',
    tags,
    response: ZResultsWaveList,
    handler: async ({ actor }) => listResultsWaves(db, actor),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/survey/waves/:id/results',
    access: { kind: 'roles', roles: SURVEY_RESULTS_ROLES, write: false },
    summary: 'Results per township and for the county (index, rates, domains, awareness, visits) with 95% intervals and the ranking',
    tags,
    params: ZSurveyWaveParams,
    response: ZSurveyResults,
    handler: async ({ params, actor }) => {
      const wave = await loadWave(db, params.id);
      const viewer = wave ? viewerOf(actor, wave) : null;
      if (!wave || !viewer) throw notFound();
      return computeWaveResults(db, { waveId: wave.id, wave, viewer });
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/survey/waves/:id/progress',
    access: { kind: 'roles', roles: SURVEY_PROGRESS_ROLES, write: false },
    summary: 'Fieldwork progress: completes against target, cases, attempts, AAPOR dispositions and rates, interviewer output, phone quota',
    tags,
    params: ZSurveyWaveParams,
    querystring: ZSurveyProgressQuery,
    response: ZSurveyProgress,
    handler: async ({ params, query, actor }) => getWaveProgress(db, actor, { waveId: params.id, e: query.e }),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/survey/waves/:id/eligibility',
    access: manage,
    summary: "Store the wave's AAPOR eligibility estimate e for RR3 (null: estimate it from the data)",
    tags,
    params: ZSurveyWaveParams,
    body: ZSetEligibilityRequest,
    response: ZSurveyProgress,
    handler: async ({ params, body, actor }, req) => setEligibilityOverride(db, actor, { waveId: params.id, eligibility: body.eligibility }, auditSourceOf(req)),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/survey/waves/:id/quality/flags',
    access: manage,
    summary: 'Flag too-short and straight-lined complete interviews',
    tags,
    params: ZSurveyWaveParams,
    body: ZFlagInterviewsRequest,
    response: ZFlagInterviewsResult,
    handler: async ({ params, body, actor }, req) => flagInterviews(db, actor, { waveId: params.id, ...body }, auditSourceOf(req)),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/survey/waves/:id/quality/recheck-sample',
    access: manage,
    summary: 'Draw the re-check sample: a seeded share of complete interviews plus every flagged one',
    tags,
    params: ZSurveyWaveParams,
    body: ZDrawRecheckRequest,
    response: ZDrawRecheckResult,
    handler: async ({ params, body, actor }, req) => drawRecheckSample(db, actor, { waveId: params.id, ...body }, auditSourceOf(req)),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/survey/waves/:id/quality/rechecks',
    access: { kind: 'roles', roles: SURVEY_MANAGE_ROLES, write: false },
    summary: 'The re-check sample (interviewer, township, duration, flags, result; no phone)',
    tags,
    params: ZSurveyWaveParams,
    querystring: ZRecheckListQuery,
    response: ZRecheckList,
    handler: async ({ params, query, actor }) => listRechecks(db, actor, { waveId: params.id, ...query }),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/survey/interviews/:id/recheck',
    access: manage,
    summary: 'Record the result of a re-check call (confirmed, not confirmed, unreachable) with a note',
    tags,
    params: ZSurveyInterviewParams,
    body: ZRecordRecheckRequest,
    response: ZRecheckItem,
    handler: async ({ params, body, actor }, req) => recordRecheck(db, actor, { interviewId: params.id, ...body }, auditSourceOf(req)),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/survey/interviews/:id/recheck/dial',
    access: manage,
    summary: 'Dial the respondent of an interview in the re-check sample (the telephony adapter; the full number only in this answer); audited with the masked number',
    tags,
    params: ZSurveyInterviewParams,
    response: ZDialResponse,
    handler: async ({ params, actor }, req) =>
      dialRecheck({ db, cipher, telephony: telLinkTelephony, actor: actor, interviewId: params.id, now: new Date(), source: auditSourceOf(req) }),
  });
}
