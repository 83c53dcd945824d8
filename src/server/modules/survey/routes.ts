/**
 * /api/survey: questionnaires (versioned, frozen once published), waves with their strata,
 * frames (from the registry or an uploaded list), the stratified sample and its replicates.
 * Fieldwork (modules/fieldwork) and results (modules/survey-results) have their own routes.
 */
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SURVEY_CALL_ROLES, SURVEY_MANAGE_ROLES, SURVEY_PROGRESS_ROLES, type TRole } from '../../../shared/roles.ts';
import { IMPORT_CONTENT_TYPES } from '../../../shared/registry/import-schemas.ts';
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
} from '../../../shared/schemas/survey.ts';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { auditSourceOf } from '../audit/index.ts';
import { spoolUpload } from '../../uploads/index.ts';
import { buildRegistryFrame } from './build-registry-frame.ts';
import { closeWave } from './close-wave.ts';
import { createQuestionnaireVersion } from './create-questionnaire-version.ts';
import { createQuestionnaire } from './create-questionnaire.ts';
import { createWave } from './create-wave.ts';
import { discardSample } from './discard-sample.ts';
import { drawSample } from './draw-sample.ts';
import { ensureStandardQuestionnaire } from './ensure-standard-questionnaire.ts';
import { openWave } from './open-wave.ts';
import { publishQuestionnaireVersion } from './publish-questionnaire-version.ts';
import { listQuestionnaires, toQuestionnaireVersion } from './questionnaire-queries.ts';
import { releaseNextReplicate } from './release-replicate.ts';
import { saveQuestionnaireDraft } from './save-questionnaire-draft.ts';
import { findVersionInScope, findWaveInScope } from '../../scope/index.ts';
import { updateWave } from './update-wave.ts';
import { uploadFrame } from './upload-frame.ts';
import { loadWave, listWaves } from './wave-queries.ts';

/** A frame list of a county (~500k numbers) is ~15 MB as CSV. */
export const MAX_FRAME_UPLOAD_BYTES = 100 * 1024 * 1024;

const union = (...lists: (readonly TRole[])[]): TRole[] => [...new Set(lists.flat())];

/** Interviewers read the questionnaire they work with; survey staff read everything. */
const QUESTIONNAIRE_READ_ROLES = union(SURVEY_PROGRESS_ROLES, SURVEY_CALL_ROLES);
/** Township admins list their county's waves, to reach the results of their township. */
const WAVE_LIST_ROLES = union(SURVEY_PROGRESS_ROLES, ['township_admin']);

/**
 * Registers the survey design routes (listed in MODULES in app.ts).
 *
 * @example
 * surveyRoutes(app, { db, driver, env, cipher });
 */
export function surveyRoutes(app: FastifyInstance, ctx: AppContext) {
  const { db } = ctx;
  const manage = { kind: 'roles', roles: SURVEY_MANAGE_ROLES, write: true } as const;
  const tags = ['survey'];

  defineRoute(app, {
    method: 'GET',
    url: '/api/survey/questionnaires',
    access: { kind: 'roles', roles: QUESTIONNAIRE_READ_ROLES, write: false },
    summary: 'The county’s questionnaires with their versions, newest first',
    tags,
    response: ZQuestionnaireList,
    handler: async ({ actor }) => listQuestionnaires(db, actor),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/survey/questionnaires',
    access: manage,
    summary: 'A new questionnaire with a draft version 1, copied from the standard questionnaire or from a version',
    tags,
    body: ZCreateQuestionnaireRequest,
    response: ZQuestionnaireVersion,
    status: 201,
    handler: async ({ body, actor }, req) => createQuestionnaire(db, actor, body, auditSourceOf(req)),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/survey/questionnaires/standard',
    access: manage,
    summary: 'The county’s standard questionnaire (version 1 published), created on first call',
    tags,
    response: ZQuestionnaire,
    handler: async ({ actor }, req) => (await ensureStandardQuestionnaire(db, actor, auditSourceOf(req))).questionnaire,
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/survey/questionnaire-versions/:id',
    access: { kind: 'roles', roles: QUESTIONNAIRE_READ_ROLES, write: false },
    summary: 'One questionnaire version with its definition and status',
    tags,
    params: ZSurveyIdParams,
    response: ZQuestionnaireVersion,
    handler: async ({ params, actor }) => {
      const { version, questionnaire } = await findVersionInScope(db, actor, params.id);
      return toQuestionnaireVersion(version, questionnaire);
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/survey/questionnaire-versions/:id',
    access: manage,
    summary: 'Save a draft version’s definition (422 with the rules it breaks; 409 once published)',
    tags,
    params: ZSurveyIdParams,
    body: ZSaveQuestionnaireDraftRequest,
    response: ZQuestionnaireVersion,
    handler: async ({ params, body, actor }, req) => saveQuestionnaireDraft(db, actor, params.id, body, auditSourceOf(req)),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/survey/questionnaire-versions/:id/publish',
    access: manage,
    summary: 'Publish a draft version: frozen from now on, usable by waves',
    tags,
    params: ZSurveyIdParams,
    response: ZQuestionnaireVersion,
    handler: async ({ params, actor }, req) => publishQuestionnaireVersion(db, actor, params.id, auditSourceOf(req), req.locale),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/survey/questionnaire-versions/:id/new-version',
    access: manage,
    summary: 'The next version of a questionnaire: a draft copy of this version',
    tags,
    params: ZSurveyIdParams,
    response: ZQuestionnaireVersion,
    status: 201,
    handler: async ({ params, actor }, req) => createQuestionnaireVersion(db, actor, params.id, auditSourceOf(req)),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/survey/waves',
    access: { kind: 'roles', roles: WAVE_LIST_ROLES, write: false },
    summary: 'The county’s survey waves, newest first, with frame and sample counts',
    tags,
    querystring: ZWaveListQuery,
    response: ZWaveList,
    handler: async ({ query, actor }) => listWaves(db, actor, query),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/survey/waves',
    access: manage,
    summary: 'A draft wave on a published questionnaire version, with a stratum per open township',
    tags,
    body: ZCreateWaveRequest,
    response: ZWave,
    status: 201,
    handler: async ({ body, actor }, req) => createWave(db, actor, body, auditSourceOf(req)),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/survey/waves/:id',
    access: { kind: 'roles', roles: SURVEY_PROGRESS_ROLES, write: false },
    summary: 'One wave: settings, strata with frame and sample counts, replicates',
    tags,
    params: ZSurveyIdParams,
    response: ZWave,
    handler: async ({ params, actor }) => loadWave(db, (await findWaveInScope(db, actor, params.id)).wave),
  });

  defineRoute(app, {
    method: 'PATCH',
    url: '/api/survey/waves/:id',
    access: manage,
    summary: 'Change a draft wave’s settings and strata (sampling settings only without a sample), or a running wave’s end date, calling hours and maximum attempts',
    tags,
    params: ZSurveyIdParams,
    body: ZUpdateWaveRequest,
    response: ZWave,
    handler: async ({ params, body, actor }, req) => updateWave(db, actor, params.id, body, auditSourceOf(req)),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/survey/waves/:id/frame/registry',
    access: manage,
    summary: 'Build the wave’s frame from the registry’s phones (distinct numbers of active residents)',
    tags,
    params: ZSurveyIdParams,
    response: ZWave,
    handler: async ({ params, actor }, req) => buildRegistryFrame(db, actor, params.id, auditSourceOf(req)),
  });

  // Encapsulated: the upload's content-type parser (hand the stream through) applies here only.
  void app.register(async (scope) => {
    const uploads = new WeakMap<FastifyRequest, Readable>();
    scope.addContentTypeParser('*', (req, payload, done) => {
      uploads.set(req, payload);
      done(null, undefined);
    });
    defineRoute(scope, {
      method: 'POST',
      url: '/api/survey/waves/:id/frame/upload',
      access: manage,
      summary: 'Build the wave’s frame from a list of numbers (CSV or XLSX as the request body; columns 电话 and 乡镇); all or nothing',
      tags,
      params: ZSurveyIdParams,
      querystring: ZFrameUploadQuery,
      response: ZWave,
      handler: async ({ params, query, actor }, req) => {
        const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        const body = uploads.get(req);
        if (!body || !(IMPORT_CONTENT_TYPES as readonly string[]).includes(type)) throw new AppError(415, 'import_media_type');
        if (Number(req.headers['content-length'] ?? 0) > MAX_FRAME_UPLOAD_BYTES) throw new AppError(413, 'body_too_large');
        const upload = await spoolUpload(body, MAX_FRAME_UPLOAD_BYTES);
        try {
          return await uploadFrame(ctx.db, ctx.cipher, actor, params.id, { input: upload.open(), fileName: query.fileName, locale: req.locale }, auditSourceOf(req));
        } finally {
          await upload.remove();
        }
      },
    });
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/survey/waves/:id/sample',
    access: manage,
    summary: 'Draw the stratified sample (seeded; pass a seed to reproduce a draw); replaces a draft’s earlier draw',
    tags,
    params: ZSurveyIdParams,
    body: ZDrawSampleRequest,
    response: ZWave,
    handler: async ({ params, body, actor }, req) => drawSample(db, actor, params.id, { seed: body.seed, locale: req.locale }, auditSourceOf(req)),
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/survey/waves/:id/sample',
    access: manage,
    summary: 'Discard a draft wave’s sample (to change its frame or sampling settings)',
    tags,
    params: ZSurveyIdParams,
    response: ZWave,
    handler: async ({ params, actor }, req) => discardSample(db, actor, params.id, auditSourceOf(req)),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/survey/waves/:id/open',
    access: manage,
    summary: 'Start fieldwork: replicate 1 is released; settings, frame and sample are fixed from now on',
    tags,
    params: ZSurveyIdParams,
    response: ZWave,
    handler: async ({ params, actor }, req) => openWave(db, actor, params.id, auditSourceOf(req)),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/survey/waves/:id/release-next',
    access: manage,
    summary: 'Release the next replicate of the sample (fieldwork only)',
    tags,
    params: ZSurveyIdParams,
    response: ZWave,
    handler: async ({ params, actor }, req) => releaseNextReplicate(db, actor, params.id, auditSourceOf(req)),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/survey/waves/:id/close',
    access: manage,
    summary: 'Close the wave: no more writes of any kind (409 wave_closed)',
    tags,
    params: ZSurveyIdParams,
    response: ZWave,
    handler: async ({ params, actor }, req) => closeWave(db, actor, params.id, auditSourceOf(req)),
  });
}
