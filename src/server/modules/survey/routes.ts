/**
 * /api/survey: questionnaires (versioned, frozen once published), waves with their strata,
 * frames (from the registry or an uploaded list), the stratified sample and its replicates.
 * Fieldwork (modules/fieldwork) and results (modules/survey-results) have their own routes.
 * URLs and schemas come from the route table (`shared/api/survey.ts`).
 */
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { surveyApi } from '../../../shared/api/survey.ts';
import { SURVEY_CALL_ROLES, SURVEY_MANAGE_ROLES, SURVEY_PROGRESS_ROLES, type TRole } from '../../../shared/roles.ts';
import { IMPORT_CONTENT_TYPES } from '../../../shared/registry/import-schemas.ts';
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
import { getQuestionnaireVersion } from './get-questionnaire-version.ts';
import { getWave } from './get-wave.ts';
import { listQuestionnaires } from './list-questionnaires.ts';
import { listWaves } from './list-waves.ts';
import { openWave } from './open-wave.ts';
import { publishQuestionnaireVersion } from './publish-questionnaire-version.ts';
import { releaseNextReplicate } from './release-replicate.ts';
import { saveQuestionnaireDraft } from './save-questionnaire-draft.ts';
import { updateWave } from './update-wave.ts';
import { uploadFrame } from './upload-frame.ts';

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
export function surveyRoutes(app: FastifyInstance, { db, cipher }: AppContext) {
  const manage = { kind: 'roles', roles: SURVEY_MANAGE_ROLES, write: true } as const;
  const tags = ['survey'];

  defineRoute(app, surveyApi.listQuestionnaires, {
    access: { kind: 'roles', roles: QUESTIONNAIRE_READ_ROLES, write: false },
    summary: 'The county’s questionnaires with their versions, newest first',
    tags,
    handler: async ({ actor }) => listQuestionnaires({ db, actor }),
  });

  defineRoute(app, surveyApi.createQuestionnaire, {
    access: manage,
    summary: 'A new questionnaire with a draft version 1, copied from the standard questionnaire or from a version',
    tags,
    handler: async ({ body, actor }, req) => createQuestionnaire({ db, actor, source: auditSourceOf(req) }, body),
  });

  defineRoute(app, surveyApi.ensureStandardQuestionnaire, {
    access: manage,
    summary: 'The county’s standard questionnaire (version 1 published), created on first call',
    tags,
    handler: async ({ actor }, req) => (await ensureStandardQuestionnaire({ db, actor, source: auditSourceOf(req) })).questionnaire,
  });

  defineRoute(app, surveyApi.getQuestionnaireVersion, {
    access: { kind: 'roles', roles: QUESTIONNAIRE_READ_ROLES, write: false },
    summary: 'One questionnaire version with its definition and status',
    tags,
    handler: async ({ params, actor }) => getQuestionnaireVersion({ db, actor }, { versionId: params.id }),
  });

  defineRoute(app, surveyApi.saveQuestionnaireDraft, {
    access: manage,
    summary: 'Save a draft version’s definition (422 with the rules it breaks; 409 once published)',
    tags,
    handler: async ({ params, body, actor }, req) => saveQuestionnaireDraft({ db, actor, source: auditSourceOf(req) }, { versionId: params.id, changes: body }),
  });

  defineRoute(app, surveyApi.publishQuestionnaireVersion, {
    access: manage,
    summary: 'Publish a draft version: frozen from now on, usable by waves',
    tags,
    handler: async ({ params, actor }, req) => publishQuestionnaireVersion({ db, actor, source: auditSourceOf(req) }, { versionId: params.id, locale: req.locale }),
  });

  defineRoute(app, surveyApi.createQuestionnaireVersion, {
    access: manage,
    summary: 'The next version of a questionnaire: a draft copy of this version',
    tags,
    handler: async ({ params, actor }, req) => createQuestionnaireVersion({ db, actor, source: auditSourceOf(req) }, { fromVersionId: params.id }),
  });

  defineRoute(app, surveyApi.listWaves, {
    access: { kind: 'roles', roles: WAVE_LIST_ROLES, write: false },
    summary: 'The county’s survey waves, newest first, with frame and sample counts',
    tags,
    handler: async ({ query, actor }) => listWaves({ db, actor }, query),
  });

  defineRoute(app, surveyApi.createWave, {
    access: manage,
    summary: 'A draft wave on a published questionnaire version, with a stratum per open township',
    tags,
    handler: async ({ body, actor }, req) => createWave({ db, actor, source: auditSourceOf(req) }, body),
  });

  defineRoute(app, surveyApi.getWave, {
    access: { kind: 'roles', roles: SURVEY_PROGRESS_ROLES, write: false },
    summary: 'One wave: settings, strata with frame and sample counts, replicates',
    tags,
    handler: async ({ params, actor }) => getWave({ db, actor }, { waveId: params.id }),
  });

  defineRoute(app, surveyApi.updateWave, {
    access: manage,
    summary: 'Change a draft wave’s settings and strata (sampling settings only without a sample), or a running wave’s end date, calling hours and maximum attempts',
    tags,
    handler: async ({ params, body, actor }, req) => updateWave({ db, actor, source: auditSourceOf(req) }, { waveId: params.id, changes: body }),
  });

  defineRoute(app, surveyApi.buildRegistryFrame, {
    access: manage,
    summary: 'Build the wave’s frame from the registry’s phones (distinct numbers of active residents)',
    tags,
    handler: async ({ params, actor }, req) => buildRegistryFrame({ db, actor, source: auditSourceOf(req) }, { waveId: params.id }),
  });

  // Encapsulated: the upload's content-type parser (hand the stream through) applies here only.
  void app.register(async (scope) => {
    const uploads = new WeakMap<FastifyRequest, Readable>();
    scope.addContentTypeParser('*', (req, payload, done) => {
      uploads.set(req, payload);
      done(null, undefined);
    });
    defineRoute(scope, surveyApi.uploadFrame, {
      access: manage,
      summary: 'Build the wave’s frame from a list of numbers (CSV or XLSX as the request body; columns 电话 and 乡镇); all or nothing',
      tags,
      handler: async ({ params, query, actor }, req) => {
        const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        const body = uploads.get(req);
        if (!body || !(IMPORT_CONTENT_TYPES as readonly string[]).includes(type)) throw new AppError(415, 'import_media_type');
        if (Number(req.headers['content-length'] ?? 0) > MAX_FRAME_UPLOAD_BYTES) throw new AppError(413, 'body_too_large');
        const upload = await spoolUpload(body, MAX_FRAME_UPLOAD_BYTES);
        try {
          return await uploadFrame({ db, cipher, actor, source: auditSourceOf(req) }, { waveId: params.id, input: upload.open(), fileName: query.fileName, locale: req.locale });
        } finally {
          await upload.remove();
        }
      },
    });
  });

  defineRoute(app, surveyApi.drawSample, {
    access: manage,
    summary: 'Draw the stratified sample (seeded; pass a seed to reproduce a draw); replaces a draft’s earlier draw',
    tags,
    handler: async ({ params, body, actor }, req) => drawSample({ db, actor, source: auditSourceOf(req) }, { waveId: params.id, seed: body.seed, locale: req.locale }),
  });

  defineRoute(app, surveyApi.discardSample, {
    access: manage,
    summary: 'Discard a draft wave’s sample (to change its frame or sampling settings)',
    tags,
    handler: async ({ params, actor }, req) => discardSample({ db, actor, source: auditSourceOf(req) }, { waveId: params.id }),
  });

  defineRoute(app, surveyApi.openWave, {
    access: manage,
    summary: 'Start fieldwork: replicate 1 is released; settings, frame and sample are fixed from now on',
    tags,
    handler: async ({ params, actor }, req) => openWave({ db, actor, source: auditSourceOf(req) }, { waveId: params.id }),
  });

  defineRoute(app, surveyApi.releaseNextReplicate, {
    access: manage,
    summary: 'Release the next replicate of the sample (fieldwork only)',
    tags,
    handler: async ({ params, actor }, req) => releaseNextReplicate({ db, actor, source: auditSourceOf(req) }, { waveId: params.id }),
  });

  defineRoute(app, surveyApi.closeWave, {
    access: manage,
    summary: 'Close the wave: no more writes of any kind (409 wave_closed)',
    tags,
    handler: async ({ params, actor }, req) => closeWave({ db, actor, source: auditSourceOf(req) }, { waveId: params.id }),
  });
}
