import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { visitFilesApi } from '../../../shared/api/visits.ts';
import { VISIT_FILE_CONTENT_TYPES } from '../../../shared/visits/index.ts';
import { VISIT_FLAG_READ_ROLES, VISIT_RECORD_ROLES, VISIT_REPORT_ROLES, VISIT_RESOLVE_ROLES, type TRole } from '../../../shared/roles.ts';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { auditSourceOf } from '../audit/index.ts';
import { openVisitFile } from './open-visit-file.ts';
import { fileTooLarge, storeVisitFile } from './store-visit-file.ts';
import { visitFileConfig } from './visit-file-limits.ts';
import { readBody } from '../../http/read-body.ts';

/** Whoever sees visits (records them, reads reports, settles conflicts, reviews flags) may see their images. */
const VISIT_FILE_READ_ROLES: TRole[] = [...new Set([...VISIT_RECORD_ROLES, ...VISIT_REPORT_ROLES, ...VISIT_RESOLVE_ROLES, ...VISIT_FLAG_READ_ROLES])];

/**
 * Registers the visit-file routes (listed in MODULES in app.ts).
 *
 * @example
 * visitFileRoutes(app, { db, driver, env, cipher });
 */
export function visitFileRoutes(app: FastifyInstance, { db, env }: AppContext) {
  const files = visitFileConfig(env);
  const tags = ['visits'];

  void app.register(async (scope) => {
    // The image is the raw request body, whatever its declared type: its bytes say what it is.
    const uploads = new WeakMap<FastifyRequest, Readable>();
    scope.addContentTypeParser('*', (req, payload, done) => {
      uploads.set(req, payload);
      done(null, undefined);
    });
    defineRoute(scope, visitFilesApi.uploadVisitFile, {
      access: { kind: 'roles', roles: VISIT_RECORD_ROLES, write: true },
      summary: 'Store a visit photo or signature (the image as the request body: JPEG, PNG or WebP); metadata stripped but the capture time; content-addressed, so a resend is one file',
      tags,
      handler: async ({ query, actor }, req) => {
        // The declared type only has to say "an image" (or raw bytes); the bytes themselves decide which.
        const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        if (!(VISIT_FILE_CONTENT_TYPES as readonly string[]).includes(type)) throw new AppError(415, 'visit_file_media_type');
        const limit = files.maxBytes[query.kind];
        if (Number(req.headers['content-length'] ?? 0) > limit) throw fileTooLarge(query.kind, files);
        const body = uploads.get(req);
        if (!body) throw new AppError(422, 'visit_file_not_image');
        const bytes = await readBody(body, limit, () => fileTooLarge(query.kind, files));
        return storeVisitFile({ db, actor, source: auditSourceOf(req), files }, { bytes, kind: query.kind });
      },
    });
  });

  defineRoute(app, visitFilesApi.downloadVisitFile, {
    access: { kind: 'roles', roles: VISIT_FILE_READ_ROLES, write: false },
    summary: 'A stored visit image, to those who may see a visit naming it (or who uploaded it); 404 otherwise',
    tags,
    handler: async ({ params, actor }, _req, reply) => {
      const { file, bytes } = await openVisitFile({ db, actor, files }, { sha256: params.sha256 });
      // The content never changes under its name: the browser may keep it, but only for this user.
      return reply
        .header('content-type', file.mediaType)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=86400, immutable')
        .header('content-disposition', `inline; filename="${file.sha256.slice(0, 16)}.${file.mediaType.slice(6)}"`)
        .send(bytes);
    },
  });
}
