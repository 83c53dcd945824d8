import type { FastifyInstance } from 'fastify';
import { surveyResultsApi } from '../../../shared/api/survey-results.ts';
import { SURVEY_MANAGE_ROLES, SURVEY_PROGRESS_ROLES, SURVEY_RESULTS_ROLES } from '../../../shared/roles.ts';
import type { AppContext } from '../../app-context.ts';
import { defineRoute } from '../../http/route.ts';
import { telLinkTelephony } from '../../telephony/index.ts';
import { auditSourceOf } from '../audit/index.ts';
import { computeWaveResults } from './compute-wave-results.ts';
import { dialRecheck } from './dial-recheck.ts';
import { drawRecheckSample } from './draw-recheck-sample.ts';
import { flagInterviews } from './flag-interviews.ts';
import { getWaveProgress } from './get-wave-progress.ts';
import { listRechecks } from './list-rechecks.ts';
import { listResultsWaves } from './list-results-waves.ts';
import { recordRecheck } from './record-recheck.ts';
import { setEligibilityOverride } from './set-eligibility-override.ts';
import { warmClosedWaves } from './warm-closed-waves.ts';

export function surveyResultsRoutes(app: FastifyInstance, { db, cipher }: AppContext) {
  // The latest closed waves' results, computed in the background once the server is ready (see
  // warm-closed-waves.ts); closing waits for it, so no statement outlives the database.
  let warming: Promise<unknown> = Promise.resolve();
  app.addHook('onReady', async () => {
    warming = warmClosedWaves({ db }).then(
      (n) => n > 0 && app.log.info({ closedWaves: n }, 'closed waves\' results computed'),
      (error: unknown) => app.log.error({ err: error }, 'computing the closed waves\' results failed'),
    );
  });
  app.addHook('onClose', async () => {
    await warming;
  });
  const manage = { kind: 'roles', roles: SURVEY_MANAGE_ROLES, write: true } as const;
  const tags = ['survey results'];

  defineRoute(app, surveyResultsApi.listResultsWaves, {
    access: { kind: 'roles', roles: SURVEY_RESULTS_ROLES, write: false },
    summary: 'Waves whose results the caller may read (township administrators: closed waves only)',
    tags,
    handler: async ({ actor }) => listResultsWaves({ db, actor }),
  });

  defineRoute(app, surveyResultsApi.getWaveResults, {
    access: { kind: 'roles', roles: SURVEY_RESULTS_ROLES, write: false },
    summary: 'Results per township and for the county (index, rates, domains, awareness, visits) with 95% intervals and the ranking',
    tags,
    handler: async ({ params, actor }) => computeWaveResults({ db, actor }, { waveId: params.id }),
  });

  defineRoute(app, surveyResultsApi.getWaveProgress, {
    access: { kind: 'roles', roles: SURVEY_PROGRESS_ROLES, write: false },
    summary: 'Fieldwork progress: completes against target, cases, attempts, AAPOR dispositions and rates, interviewer output, phone quota',
    tags,
    handler: async ({ params, query, actor }) => getWaveProgress({ db, actor }, { waveId: params.id, e: query.e }),
  });

  defineRoute(app, surveyResultsApi.setEligibility, {
    access: manage,
    summary: "Store the wave's AAPOR eligibility estimate e for RR3 (null: estimate it from the data)",
    tags,
    handler: async ({ params, body, actor }, req) => setEligibilityOverride({ db, actor, source: auditSourceOf(req) }, { waveId: params.id, eligibility: body.eligibility }),
  });

  defineRoute(app, surveyResultsApi.flagInterviews, {
    access: manage,
    summary: 'Flag too-short and straight-lined complete interviews',
    tags,
    handler: async ({ params, body, actor }, req) => flagInterviews({ db, actor, source: auditSourceOf(req) }, { waveId: params.id, ...body }),
  });

  defineRoute(app, surveyResultsApi.drawRecheckSample, {
    access: manage,
    summary: 'Draw the re-check sample: a seeded share of complete interviews plus every flagged one',
    tags,
    handler: async ({ params, body, actor }, req) => drawRecheckSample({ db, actor, source: auditSourceOf(req) }, { waveId: params.id, ...body }),
  });

  defineRoute(app, surveyResultsApi.listRechecks, {
    access: { kind: 'roles', roles: SURVEY_MANAGE_ROLES, write: false },
    summary: 'The re-check sample (interviewer, township, duration, flags, result; no phone)',
    tags,
    handler: async ({ params, query, actor }) => listRechecks({ db, actor }, { waveId: params.id, ...query }),
  });

  defineRoute(app, surveyResultsApi.recordRecheck, {
    access: manage,
    summary: 'Record the result of a re-check call (confirmed, not confirmed, unreachable) with a note',
    tags,
    handler: async ({ params, body, actor }, req) => recordRecheck({ db, actor, source: auditSourceOf(req) }, { interviewId: params.id, ...body }),
  });

  defineRoute(app, surveyResultsApi.dialRecheck, {
    access: manage,
    summary: 'Dial the respondent of an interview in the re-check sample (the telephony adapter; the full number only in this answer); audited with the masked number',
    tags,
    handler: async ({ params, actor }, req) =>
      dialRecheck({ db, actor, source: auditSourceOf(req), cipher }, { interviewId: params.id, telephony: telLinkTelephony, now: new Date() }),
  });
}
