import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { residentPageApi } from '../../../shared/api/resident-page.ts';
import { VISIT_FILE_CONTENT_TYPES } from '../../../shared/visits/index.ts';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { auditSourceOf } from '../audit/index.ts';
import { fileTooLarge, storePublicPhoto, visitFileConfig } from '../visit-files/index.ts';
import { listPublicCategories } from './list-public-categories.ts';
import { listPublicVillages } from './list-public-villages.ts';
import { issueChallenge } from './public-challenge.ts';
import { submitResidentCase } from './submit-resident-case.ts';
import { trackResidentCase } from './track-resident-case.ts';
import { readBody } from '../../http/read-body.ts';

/**
 * Registers the resident page's public routes (群众诉求 · 扫码反映; listed in MODULES in app.ts).
 * No account: each write is rate-limited per client address (PUBLIC_SUBMIT_RATE_LIMIT per hour,
 * three times that for human-check pictures), look-ups by tracking code too (PUBLIC_TRACK_RATE_LIMIT
 * per minute); a filing also needs a one-use human check.
 *
 * @example
 * residentPageRoutes(app, { db, driver, env, cipher });
 */
export function residentPageRoutes(app: FastifyInstance, { db, env, cipher }: AppContext) {
  const files = visitFileConfig(env);
  const tags = ['resident-page'];
  const access = { kind: 'public' } as const;
  const hourly = (max: number) => ({ max, timeWindow: '1 hour' });

  defineRoute(app, residentPageApi.listCategories, {
    access,
    summary: 'Public: the categories a resident may file under (active leaf categories offered publicly, marked open311)',
    tags,
    handler: async ({ query }) => listPublicCategories({ db, actor: null }, { county: query.county }),
  });

  defineRoute(app, residentPageApi.listVillages, {
    access,
    summary: "Public: the county's open villages with their townships (names and codes only)",
    tags,
    handler: async ({ query }) => listPublicVillages({ db, actor: null }, { county: query.county }),
  });

  defineRoute(app, residentPageApi.newChallenge, {
    access,
    summary: 'Public: a one-use human check (an arithmetic question drawn as SVG), needed to file a problem; expires in 15 minutes',
    tags,
    rateLimit: hourly(env.PUBLIC_SUBMIT_RATE_LIMIT * 3),
    handler: async () => issueChallenge({ db, actor: null }, {}),
  });

  void app.register(async (scope) => {
    // The photo is the raw request body, whatever its declared type: its bytes say what it is.
    const uploads = new WeakMap<FastifyRequest, Readable>();
    scope.addContentTypeParser('*', (req, payload, done) => {
      uploads.set(req, payload);
      done(null, undefined);
    });
    defineRoute(scope, residentPageApi.uploadPhoto, {
      access,
      summary: "Public: a resident's photo (JPEG, PNG or WebP as the request body), with the visit photo's limits; metadata stripped",
      tags,
      rateLimit: hourly(env.PUBLIC_SUBMIT_RATE_LIMIT),
      handler: async ({ query }, req) => {
        const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        if (!(VISIT_FILE_CONTENT_TYPES as readonly string[]).includes(type)) throw new AppError(415, 'visit_file_media_type');
        const limit = files.maxBytes.photo;
        if (Number(req.headers['content-length'] ?? 0) > limit) throw fileTooLarge('photo', files);
        const body = uploads.get(req);
        if (!body) throw new AppError(422, 'visit_file_not_image');
        const bytes = await readBody(body, limit, () => fileTooLarge('photo', files));
        const stored = await storePublicPhoto({ db, actor: null, source: auditSourceOf(req), files }, { bytes, countyCode: query.county });
        return { sha256: stored.sha256, mediaType: stored.mediaType, bytes: stored.bytes, width: stored.width, height: stored.height };
      },
    });
  });

  defineRoute(app, residentPageApi.submitCase, {
    access,
    summary: 'Public: a resident files a problem (needs a fresh human check); answers the case number and the tracking code (查询码)',
    tags,
    rateLimit: hourly(env.PUBLIC_SUBMIT_RATE_LIMIT),
    handler: async ({ body }, req) => submitResidentCase({ db, actor: null, source: auditSourceOf(req), cipher }, { submission: body }),
  });

  defineRoute(app, residentPageApi.trackCase, {
    access,
    summary: "Public: a case's progress by its tracking code (status and dated steps only); a wrong code is 404 like an unknown one",
    tags,
    rateLimit: { max: env.PUBLIC_TRACK_RATE_LIMIT, timeWindow: '1 minute' },
    handler: async ({ body }) => trackResidentCase({ db, actor: null }, { county: body.county, trackingCode: body.trackingCode }),
  });
}
