import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { assessmentApi } from '../../../shared/api/assessment.ts';
import { IMPORT_CONTENT_TYPES } from '../../../shared/registry/import-schemas.ts';
import { ASSESSMENT_MANAGE_ROLES, ASSESSMENT_READ_ROLES, CITY_SPOT_CHECK_READ_ROLES } from '../../../shared/roles.ts';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { spoolUpload } from '../../uploads/index.ts';
import { auditSourceOf } from '../audit/index.ts';
import { addAdjustment } from './add-adjustment.ts';
import { computeAssessment } from './compute-assessment.ts';
import { correctAssessment } from './correct-assessment.ts';
import { createAssessment } from './create-assessment.ts';
import { getAssessment } from './get-assessment.ts';
import { importCitySpotChecks } from './import-city-spot-checks.ts';
import { listAssessments } from './list-assessments.ts';
import { listCitySpotChecks } from './list-city-spot-checks.ts';
import { listSchemeVersions } from './list-scheme-versions.ts';
import { publishAssessment } from './publish-assessment.ts';
import { removeAdjustment } from './remove-adjustment.ts';
import { saveCitySpotCheck } from './save-city-spot-check.ts';
import { saveScheme } from './save-scheme.ts';

/** The city's spot checks are the county's working figures: its staff read them, its admin enters them. */
const SPOT_CHECK_READ_ROLES = CITY_SPOT_CHECK_READ_ROLES;
/** A spot-check file is a few rows. */
const MAX_SPOT_CHECK_BYTES = 1024 * 1024;


/**
 * Registers the assessment's routes (listed in MODULES in app.ts): the county admin manages,
 * the county leader reads, township admins read published assessments only.
 *
 * @example
 * assessmentRoutes(app, { db, driver, env, cipher });
 */
export function assessmentRoutes(app: FastifyInstance, { db }: AppContext) {
  const tags = ['assessment'];
  const read = { kind: 'roles', roles: ASSESSMENT_READ_ROLES, write: false } as const;
  const manage = { kind: 'roles', roles: ASSESSMENT_MANAGE_ROLES, write: true } as const;

  defineRoute(app, assessmentApi.listAssessments, {
    access: read,
    summary: 'The county’s assessments (考核), latest period first; township admins see the published ones only',
    tags,
    handler: async ({ actor }) => listAssessments({ db, actor }, {}),
  });
  defineRoute(app, assessmentApi.createAssessment, {
    access: manage,
    summary: 'Creates an assessment for a period with its first scheme version (weights add up to 1, closed waves), audited',
    tags,
    handler: async ({ body, actor }, req) => createAssessment({ db, actor, source: auditSourceOf(req) }, { input: body }),
  });
  defineRoute(app, assessmentApi.getAssessment, {
    access: read,
    summary: 'One assessment: current scheme, bonus and penalty items, and its result (the published one, else the latest of the current version); drafts 404 to townships',
    tags,
    handler: async ({ params, actor }) => getAssessment({ db, actor }, { assessmentId: params.id }),
  });
  defineRoute(app, assessmentApi.saveScheme, {
    access: manage,
    summary: 'Saves the scheme as a new version, audited with before and after; 409 assessment_published once published',
    tags,
    handler: async ({ params, body, actor }, req) => saveScheme({ db, actor, source: auditSourceOf(req) }, { assessmentId: params.id, input: body }),
  });
  defineRoute(app, assessmentApi.listSchemeVersions, {
    access: { kind: 'roles', roles: SPOT_CHECK_READ_ROLES, write: false },
    summary: 'Every version of the assessment’s scheme, newest first (the county’s staff)',
    tags,
    handler: async ({ params, actor }) => listSchemeVersions({ db, actor }, { assessmentId: params.id }),
  });
  defineRoute(app, assessmentApi.addAdjustment, {
    access: manage,
    summary: 'Adds a bonus or penalty item (加减分) for a township, with its reason, audited',
    tags,
    handler: async ({ params, body, actor }, req) => addAdjustment({ db, actor, source: auditSourceOf(req) }, { assessmentId: params.id, input: body }),
  });
  defineRoute(app, assessmentApi.removeAdjustment, {
    access: manage,
    summary: 'Removes a bonus or penalty item (the row stays, marked removed), with the reason, audited',
    tags,
    handler: async ({ params, body, actor }, req) => removeAdjustment({ db, actor, source: auditSourceOf(req) }, { assessmentId: params.id, adjustmentId: params.adjustmentId, reason: body.reason }),
  });
  defineRoute(app, assessmentApi.computeAssessment, {
    access: manage,
    summary: 'Computes the current scheme for the period and stores the result (422 naming missing data or the weights’ sum, 409 naming an open wave)',
    tags,
    handler: async ({ params, actor }, req) => computeAssessment({ db, actor, source: auditSourceOf(req) }, { assessmentId: params.id }),
  });
  defineRoute(app, assessmentApi.publishAssessment, {
    access: manage,
    summary: 'Publishes the latest result of the current scheme version and freezes the assessment',
    tags,
    handler: async ({ params, actor }, req) => publishAssessment({ db, actor, source: auditSourceOf(req) }, { assessmentId: params.id }),
  });
  defineRoute(app, assessmentApi.correctAssessment, {
    access: manage,
    summary: 'Starts a correction of a published assessment: a new draft naming the one it supersedes, its scheme and items copied',
    tags,
    handler: async ({ params, body, actor }, req) => correctAssessment({ db, actor, source: auditSourceOf(req) }, { assessmentId: params.id, reason: body.reason, ...(body.name === undefined ? {} : { name: body.name }) }),
  });
  defineRoute(app, assessmentApi.listCitySpotChecks, {
    access: { kind: 'roles', roles: SPOT_CHECK_READ_ROLES, write: false },
    summary: 'The city’s spot-check figures for the county (市级抽查)',
    tags,
    handler: async ({ actor }) => listCitySpotChecks({ db, actor }, {}),
  });
  defineRoute(app, assessmentApi.saveCitySpotCheck, {
    access: manage,
    summary: 'Enters one figure of the city’s spot check by hand (replacing the same period’s figure), audited',
    tags,
    handler: async ({ body, actor }, req) => saveCitySpotCheck({ db, actor, source: auditSourceOf(req) }, { input: body }),
  });

  // Encapsulated: a spreadsheet body goes to the spool unread (as the 12345 batches).
  void app.register(async (scope) => {
    const uploads = new WeakMap<FastifyRequest, Readable>();
    scope.addContentTypeParser('*', (req, payload, done) => {
      uploads.set(req, payload);
      done(null, undefined);
    });
    defineRoute(scope, assessmentApi.importCitySpotChecks, {
      access: manage,
      summary: 'Imports the city’s spot-check figures from an XLSX or CSV (UTF-8 or GBK) sent as the body: all rows or none, every wrong row reported',
      tags,
      handler: async ({ actor }, req) => {
        const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        const body = uploads.get(req);
        if (!body || !(IMPORT_CONTENT_TYPES as readonly string[]).includes(type)) throw new AppError(415, 'import_media_type');
        if (Number(req.headers['content-length'] ?? 0) > MAX_SPOT_CHECK_BYTES) throw new AppError(413, 'body_too_large');
        const upload = await spoolUpload(body, MAX_SPOT_CHECK_BYTES);
        try {
          return await importCitySpotChecks({ db, actor, source: auditSourceOf(req) }, { file: upload.open() });
        } finally {
          await upload.remove();
        }
      },
    });
  });
}
