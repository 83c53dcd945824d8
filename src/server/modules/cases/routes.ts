import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { casesApi } from '../../../shared/api/cases.ts';
import { CASE_DISPATCH_ROLES, CASE_READ_ROLES, CASE_REGISTER_ROLES, CASE_UNIT_ROLES, REVEAL_PHONE_ROLES } from '../../../shared/roles.ts';
import { VISIT_FILE_CONTENT_TYPES } from '../../../shared/visits/index.ts';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { auditSourceOf } from '../audit/index.ts';
import { fileTooLarge, visitFileConfig } from '../visit-files/index.ts';
import { acceptCase } from './accept-case.ts';
import { addCaseNote } from './add-case-note.ts';
import { callbackCase } from './callback-case.ts';
import { closeCase } from './close-case.ts';
import { dispatchCase } from './dispatch-case.ts';
import { escalateCase } from './escalate-case.ts';
import { getCase } from './get-case.ts';
import { intakeCase } from './intake-case.ts';
import { linkCaseResident } from './link-case-resident.ts';
import { listCases } from './list-cases.ts';
import { mergeCase } from './merge-case.ts';
import { openCaseFile } from './open-case-file.ts';
import { resolveCase } from './resolve-case.ts';
import { returnCase } from './return-case.ts';
import { revealCasePhone } from './reveal-case-phone.ts';
import { storeCaseFile } from './store-case-file.ts';
import { readBody } from '../../http/read-body.ts';

/** Who may upload evidence: the dispatchers and the units (the use case checks it is this case's). */
const CASE_FILE_ROLES = [...new Set([...CASE_DISPATCH_ROLES, ...CASE_UNIT_ROLES])];

/**
 * Registers the cases' routes (listed in MODULES in app.ts): the clerk's intake, the list, the
 * case page, each step, evidence photos, the phone reveal and the resident link.
 *
 * @example
 * caseRoutes(app, { db, driver, env, cipher });
 */
export function caseRoutes(app: FastifyInstance, { db, env, cipher }: AppContext) {
  const tags = ['cases'];
  const files = visitFileConfig(env);
  const write = (req: FastifyRequest, actor: NonNullable<FastifyRequest['actor']>) => ({ db, actor, cipher, source: auditSourceOf(req) });
  const unitRoute = { kind: 'roles', roles: CASE_UNIT_ROLES, write: true } as const;
  const dispatcherRoute = { kind: 'roles', roles: CASE_DISPATCH_ROLES, write: true } as const;

  defineRoute(app, casesApi.registerCase, {
    access: { kind: 'roles', roles: CASE_REGISTER_ROLES, write: true },
    summary: 'Register a case at the window or by phone; 409 case_possible_duplicate with the likely duplicates unless confirmNew or mergeInto',
    tags,
    handler: async ({ body, actor }, req) => {
      const { channel, confirmNew, mergeInto, ...intake } = body;
      return intakeCase(write(req, actor), { intake, channel, confirmNew, mergeInto });
    },
  });
  defineRoute(app, casesApi.listCases, {
    access: { kind: 'roles', roles: CASE_READ_ROLES, write: false },
    summary: 'Cases in the caller’s area (a department’s handlers: their department’s), newest first, with filters; keyset pages',
    tags,
    handler: async ({ query, actor }) => listCases({ db, actor }, query),
  });
  defineRoute(app, casesApi.getCase, {
    access: { kind: 'roles', roles: CASE_READ_ROLES, write: false },
    summary: 'One case in full, with the steps the caller may take now',
    tags,
    handler: async ({ params, actor }) => getCase({ db, actor }, { id: params.id }),
  });
  defineRoute(app, casesApi.dispatchCase, {
    access: dispatcherRoute,
    summary: 'Dispatch (or re-route) a case to a village or township of its township, or a county department',
    tags,
    handler: async ({ params, body, actor }, req) => dispatchCase(write(req, actor), { id: params.id, unit: body.unit, note: body.note }),
  });
  defineRoute(app, casesApi.acceptCase, {
    access: unitRoute,
    summary: 'Accept a case dispatched to the caller’s unit',
    tags,
    handler: async ({ params, body, actor }, req) => acceptCase(write(req, actor), { id: params.id, note: body.note }),
  });
  defineRoute(app, casesApi.addCaseNote, {
    access: unitRoute,
    summary: 'Note what the unit did, with evidence photos uploaded to the case',
    tags,
    handler: async ({ params, body, actor }, req) => addCaseNote(write(req, actor), { id: params.id, note: body.note, files: body.files }),
  });
  defineRoute(app, casesApi.resolveCase, {
    access: unitRoute,
    summary: 'Resolve a case with its resolution',
    tags,
    handler: async ({ params, body, actor }, req) => resolveCase(write(req, actor), { id: params.id, resolution: body.resolution, files: body.files }),
  });
  defineRoute(app, casesApi.escalateCase, {
    access: unitRoute,
    summary: 'Escalate a case one level up (village → township → department)',
    tags,
    handler: async ({ params, body, actor }, req) => escalateCase(write(req, actor), { id: params.id, reason: body.reason }),
  });
  defineRoute(app, casesApi.returnCase, {
    access: unitRoute,
    summary: 'Return a case to the dispatcher with a reason',
    tags,
    handler: async ({ params, body, actor }, req) => returnCase(write(req, actor), { id: params.id, reason: body.reason }),
  });
  defineRoute(app, casesApi.callbackCase, {
    access: dispatcherRoute,
    summary: 'Record a call back: solved, not solved (sent back to the same unit) or unreachable',
    tags,
    handler: async ({ params, body, actor }, req) => callbackCase(write(req, actor), { id: params.id, ...body }),
  });
  defineRoute(app, casesApi.closeCase, {
    access: dispatcherRoute,
    summary: 'Close a case after its call back (or after the set number of unanswered attempts)',
    tags,
    handler: async ({ params, body, actor }, req) => closeCase(write(req, actor), { id: params.id, note: body.note }),
  });
  defineRoute(app, casesApi.mergeCase, {
    access: dispatcherRoute,
    summary: 'Merge a case into another open case in the caller’s area',
    tags,
    handler: async ({ params, body, actor }, req) => mergeCase(write(req, actor), { id: params.id, intoId: body.intoId, note: body.note }),
  });
  defineRoute(app, casesApi.revealCasePhone, {
    access: { kind: 'roles', roles: REVEAL_PHONE_ROLES.filter((r) => CASE_READ_ROLES.includes(r)), write: false },
    summary: 'The contact’s full phone of a case, with a purpose (audited)',
    tags,
    handler: async ({ params, body, actor }, req) => revealCasePhone(write(req, actor), { id: params.id, purpose: body.purpose }),
  });
  defineRoute(app, casesApi.linkCaseResident, {
    access: { kind: 'roles', roles: CASE_FILE_ROLES, write: true },
    summary: 'Link a case to a registry resident in the caller’s area (audited)',
    tags,
    handler: async ({ params, body, actor }, req) => linkCaseResident(write(req, actor), { id: params.id, residentId: body.residentId }),
  });

  void app.register(async (scope) => {
    // The image is the raw request body, whatever its declared type: its bytes say what it is.
    const uploads = new WeakMap<FastifyRequest, Readable>();
    scope.addContentTypeParser('*', (req, payload, done) => {
      uploads.set(req, payload);
      done(null, undefined);
    });
    defineRoute(scope, casesApi.uploadCaseFile, {
      access: { kind: 'roles', roles: CASE_FILE_ROLES, write: true },
      summary: 'Store an evidence photo of a case (the image as the request body: JPEG, PNG or WebP), stripped of metadata, content-addressed',
      tags,
      handler: async ({ params, actor }, req) => {
        const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        if (!(VISIT_FILE_CONTENT_TYPES as readonly string[]).includes(type)) throw new AppError(415, 'visit_file_media_type');
        const limit = files.maxBytes.photo;
        if (Number(req.headers['content-length'] ?? 0) > limit) throw fileTooLarge('photo', files);
        const body = uploads.get(req);
        if (!body) throw new AppError(422, 'visit_file_not_image');
        const bytes = await readBody(body, limit, () => fileTooLarge('photo', files));
        return storeCaseFile({ ...write(req, actor), files }, { id: params.id, bytes });
      },
    });
  });

  defineRoute(app, casesApi.downloadCaseFile, {
    access: { kind: 'roles', roles: CASE_READ_ROLES, write: false },
    summary: 'An evidence photo of a case in the caller’s area',
    tags,
    handler: async ({ params, actor }, _req, reply) => {
      const file = await openCaseFile({ db, actor, files }, { id: params.id, sha256: params.sha256 });
      return reply
        .header('content-type', file.mediaType)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=86400, immutable')
        .header('content-disposition', `inline; filename="${file.sha256.slice(0, 16)}.${file.mediaType.slice(6)}"`)
        .send(file.bytes);
    },
  });
}
