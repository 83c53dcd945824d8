import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { rectificationApi } from '../../../shared/api/rectification.ts';
import { RECTIFICATION_MANAGE_ROLES, RECTIFICATION_OWNER_ROLES, RECTIFICATION_READ_ROLES } from '../../../shared/roles.ts';
import { VISIT_FILE_CONTENT_TYPES } from '../../../shared/visits/index.ts';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../http/errors.ts';
import { readBody } from '../../http/read-body.ts';
import { defineRoute } from '../../http/route.ts';
import { auditSourceOf } from '../audit/index.ts';
import { fileTooLarge, visitFileConfig } from '../visit-files/index.ts';
import { acceptRectificationTask } from './accept-rectification-task.ts';
import { confirmRectificationTask } from './confirm-rectification-task.ts';
import { createRectificationTask } from './create-rectification-task.ts';
import { dropRectificationTask } from './drop-rectification-task.ts';
import { editRectificationTask } from './edit-rectification-task.ts';
import { getRectificationSettings } from './get-rectification-settings.ts';
import { getRectificationTask } from './get-rectification-task.ts';
import { listRectificationTasks } from './list-rectification-tasks.ts';
import { openRectificationFile } from './open-rectification-file.ts';
import { proposeRectificationTasks } from './propose-rectification-tasks.ts';
import { reportRectificationProgress } from './report-rectification-progress.ts';
import { returnRectificationTask } from './return-rectification-task.ts';
import { storeRectificationFile } from './store-rectification-file.ts';
import { submitRectificationTask } from './submit-rectification-task.ts';
import { updateRectificationSettings } from './update-rectification-settings.ts';

/**
 * Registers the rectification routes (listed in MODULES in app.ts): the list and the task page,
 * proposals from a wave, the county's steps, the owner's progress with photos and submission.
 *
 * @example
 * rectificationRoutes(app, { db, driver, env, cipher });
 */
export function rectificationRoutes(app: FastifyInstance, { db, env }: AppContext) {
  const tags = ['rectification'];
  const files = visitFileConfig(env);
  const write = (req: FastifyRequest, actor: NonNullable<FastifyRequest['actor']>) => ({ db, actor, source: auditSourceOf(req) });
  const read = { kind: 'roles', roles: RECTIFICATION_READ_ROLES, write: false } as const;
  const manage = { kind: 'roles', roles: RECTIFICATION_MANAGE_ROLES, write: true } as const;
  const owner = { kind: 'roles', roles: RECTIFICATION_OWNER_ROLES, write: true } as const;

  defineRoute(app, rectificationApi.listRectificationTasks, {
    access: read,
    summary: 'Rectification tasks in the caller’s sight (county: all; township: its own; department: its department’s), with filters and each task’s effect',
    tags,
    handler: async ({ query, actor }) => listRectificationTasks({ db, actor }, query),
  });
  defineRoute(app, rectificationApi.createRectificationTask, {
    access: manage,
    summary: 'Create a task by hand (open at once, with owner and due date), audited',
    tags,
    handler: async ({ body, actor }, req) => createRectificationTask(write(req, actor), body),
  });
  defineRoute(app, rectificationApi.proposeRectificationTasks, {
    access: manage,
    summary: 'Propose tasks from a closed wave’s weak figures (threshold with its interval, or below the county by a Holm-adjusted z-test) and from case categories piling up; idempotent',
    tags,
    handler: async ({ body, actor }, req) => proposeRectificationTasks(write(req, actor), { waveId: body.waveId }),
  });
  defineRoute(app, rectificationApi.getRectificationSettings, {
    access: read,
    summary: 'The county’s thresholds for proposals and its rule for a case category piling up',
    tags,
    handler: async ({ actor }) => getRectificationSettings({ db, actor }, {}),
  });
  defineRoute(app, rectificationApi.updateRectificationSettings, {
    access: manage,
    summary: 'Save the county’s thresholds, audited before/after',
    tags,
    handler: async ({ body, actor }, req) => updateRectificationSettings(write(req, actor), { settings: body }),
  });
  defineRoute(app, rectificationApi.getRectificationTask, {
    access: read,
    summary: 'One task: problem and evidence with n and intervals, measures, timeline with photos, the caller’s steps, did it work',
    tags,
    handler: async ({ params, actor }) => getRectificationTask({ db, actor }, { id: params.id }),
  });
  defineRoute(app, rectificationApi.editRectificationTask, {
    access: manage,
    summary: 'Edit a proposal or an open task (title, problem, measures, due date, owner), audited before/after',
    tags,
    handler: async ({ params, body, actor }, req) => editRectificationTask(write(req, actor), { id: params.id, ...body }),
  });
  defineRoute(app, rectificationApi.confirmRectificationTask, {
    access: manage,
    summary: 'Confirm a proposal: owner (township or department), due date, measures',
    tags,
    handler: async ({ params, body, actor }, req) => confirmRectificationTask(write(req, actor), { id: params.id, ...body }),
  });
  defineRoute(app, rectificationApi.dropRectificationTask, {
    access: manage,
    summary: 'Drop a proposal or an open task with a reason',
    tags,
    handler: async ({ params, body, actor }, req) => dropRectificationTask(write(req, actor), { id: params.id, reason: body.reason }),
  });
  defineRoute(app, rectificationApi.reportRectificationProgress, {
    access: owner,
    summary: 'The owner reports progress with photos already uploaded to the task',
    tags,
    handler: async ({ params, body, actor }, req) => reportRectificationProgress(write(req, actor), { id: params.id, note: body.note, files: body.files }),
  });
  defineRoute(app, rectificationApi.submitRectificationTask, {
    access: owner,
    summary: 'The owner submits the task for the county’s verification',
    tags,
    handler: async ({ params, body, actor }, req) => submitRectificationTask(write(req, actor), { id: params.id, note: body.note }),
  });
  defineRoute(app, rectificationApi.acceptRectificationTask, {
    access: manage,
    summary: 'The county accepts a submitted task; 409 rectification_self_verification for a verifier of the owner unit or who submitted it',
    tags,
    handler: async ({ params, body, actor }, req) => acceptRectificationTask(write(req, actor), { id: params.id, note: body.note }),
  });
  defineRoute(app, rectificationApi.returnRectificationTask, {
    access: manage,
    summary: 'The county sends a submitted task back to its owner with a reason',
    tags,
    handler: async ({ params, body, actor }, req) => returnRectificationTask(write(req, actor), { id: params.id, reason: body.reason }),
  });

  void app.register(async (scope) => {
    // The image is the raw request body, whatever its declared type: its bytes say what it is.
    const uploads = new WeakMap<FastifyRequest, Readable>();
    scope.addContentTypeParser('*', (req, payload, done) => {
      uploads.set(req, payload);
      done(null, undefined);
    });
    defineRoute(scope, rectificationApi.uploadRectificationFile, {
      access: owner,
      summary: 'Store a photo for the task’s next progress report (JPEG, PNG or WebP as the body), stripped of metadata, content-addressed',
      tags,
      handler: async ({ params, actor }, req) => {
        const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        if (!(VISIT_FILE_CONTENT_TYPES as readonly string[]).includes(type)) throw new AppError(415, 'visit_file_media_type');
        const limit = files.maxBytes.photo;
        if (Number(req.headers['content-length'] ?? 0) > limit) throw fileTooLarge('photo', files);
        const body = uploads.get(req);
        if (!body) throw new AppError(422, 'visit_file_not_image');
        const bytes = await readBody(body, limit, () => fileTooLarge('photo', files));
        return storeRectificationFile({ ...write(req, actor), files }, { id: params.id, bytes });
      },
    });
  });

  defineRoute(app, rectificationApi.downloadRectificationFile, {
    access: read,
    summary: 'A photo of a task in the caller’s sight',
    tags,
    handler: async ({ params, actor }, _req, reply) => {
      const file = await openRectificationFile({ db, actor, files }, { id: params.id, sha256: params.sha256 });
      return reply
        .header('content-type', file.mediaType)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=86400, immutable')
        .header('content-disposition', `inline; filename="${file.sha256.slice(0, 16)}.${file.mediaType.slice(6)}"`)
        .send(file.bytes);
    },
  });
}
