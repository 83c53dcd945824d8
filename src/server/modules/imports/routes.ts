/**
 * /api/imports: upload a registry file (the file itself as the body), follow the job, page its
 * issues, download its report. The import runs in the background of this server process; the
 * upload answers 202 once the file is in and its header is accepted (a file that fails before
 * that, e.g. an empty one or one without the required columns, gets its 422 right away).
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { importsApi } from '../../../shared/api/imports.ts';
import { IMPORT_CONFLICT_READ_ROLES, IMPORT_CONFLICT_RESOLVE_ROLES, IMPORT_ROLES } from '../../../shared/roles.ts';
import { IMPORT_CONTENT_TYPES } from '../../../shared/registry/import-schemas.ts';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { auditSourceOf, type AuditSource } from '../audit/index.ts';
import { confirmImport, findConfirmablePreview, settlePreview } from './confirm-import.ts';
import { failInterruptedImports } from './fail-interrupted-imports.ts';
import { getImportJob } from './get-import-job.ts';
import { importHouseholds } from './import-households.ts';
import { listCrossScopeConflicts } from './list-cross-scope-conflicts.ts';
import { listImportChanges } from './list-import-changes.ts';
import { listImportIssueGroups } from './list-import-issue-groups.ts';
import { listImportIssues } from './list-import-issues.ts';
import { listImportJobs } from './list-import-jobs.ts';
import { resolveCrossScopeConflict } from './resolve-cross-scope-conflict.ts';
import { removeStaleSpools, spoolUpload, type SpooledUpload } from '../../uploads/index.ts';
import { writeImportReport } from './write-import-report.ts';
import { writeImportTemplate } from './write-import-template.ts';

/** A county's registry as CSV is ~100 MB; XLSX less. */
export const MAX_UPLOAD_BYTES = 300 * 1024 * 1024;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * How long the upload of a preview (changes to confirm) is kept, encrypted, for its confirmation.
 * After that, or after a restart (the spool's key lived in the process), confirming answers 409
 * import_preview_expired and the file has to be uploaded again.
 */
export const PREVIEW_TTL_MS = 2 * 3_600_000;

/** The audit source of a preview expired by time. */
const EXPIRY_SOURCE: AuditSource = { actorId: null, actorName: 'system:import-preview-expiry', requestId: null, clientIp: null };

const attachment = (fallback: string, name: string) => `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/**
 * Registers the import routes (listed in MODULES in app.ts); on start, also fails the jobs a
 * stopped server left running and removes stale upload spools.
 *
 * @example
 * importRoutes(app, { db, driver, env, cipher });
 */
export function importRoutes(app: FastifyInstance, ctx: AppContext) {
  const running = new Map<string, { controller: AbortController; settled: Promise<unknown> }>();
  /** Uploads of previews waiting for confirmation, by job id. */
  const previews = new Map<string, { upload: SpooledUpload; timer: ReturnType<typeof setTimeout> }>();
  const keepPreview = (jobId: string, upload: SpooledUpload) => {
    const timer = setTimeout(() => {
      previews.delete(jobId);
      void upload.remove();
      void settlePreview({ db: ctx.db, source: EXPIRY_SOURCE }, { id: jobId, status: 'expired' }).catch(() => {});
    }, PREVIEW_TTL_MS);
    timer.unref();
    previews.set(jobId, { upload, timer });
  };

  /** Runs an import in the background of this process; its upload is kept when it ends awaiting confirmation. */
  const runInBackground = (req: FastifyRequest, jobId: string, controller: AbortController, upload: SpooledUpload, done: Promise<{ status: string }>) => {
    const settled = done.then(
      (result) => result.status === 'awaiting_confirmation',
      (error: unknown) => {
        // File-level problems are the user's, and on the job row; anything else is ours.
        if (!(error instanceof AppError)) req.log.error({ err: error, jobId }, 'import failed');
        return false;
      },
    );
    running.set(jobId, { controller, settled });
    void settled.then(async (keep) => {
      running.delete(jobId);
      if (keep) keepPreview(jobId, upload);
      else await upload.remove();
    });
  };
  // Outside the upload scope below, whose catch-all body parser would let any content type reach
  // these JSON routes (a text/plain body must be 415, as everywhere else).
  defineRoute(app, importsApi.listCrossScopeConflicts, {
    access: { kind: 'roles', roles: IMPORT_CONFLICT_READ_ROLES, write: false },
    summary: 'Import rows that hit a household or person outside the importer’s region (the importer sees only a neutral issue), for the county to resolve',
    tags: ['imports'],
    handler: async ({ query, actor }) => listCrossScopeConflicts({ db: ctx.db, actor }, query),
  });

  defineRoute(app, importsApi.resolveCrossScopeConflict, {
    access: { kind: 'roles', roles: IMPORT_CONFLICT_RESOLVE_ROLES, write: true },
    summary: 'Resolve a cross-scope conflict: moved (迁户: the household or person goes to the importing township) or typing_error (dismissed with a note); 409 when already resolved',
    tags: ['imports'],
    handler: async ({ params, body, actor }, req) => resolveCrossScopeConflict({ db: ctx.db, actor, source: auditSourceOf(req) }, { id: params.id, ...body }),
  });

  defineRoute(app, importsApi.confirmImport, {
    access: { kind: 'roles', roles: IMPORT_ROLES, write: true },
    summary:
      'Confirm the changes a preview (status awaiting_confirmation) listed: its file is imported again and written only if the changes are still exactly those (409 import_preview_stale otherwise, nothing written); 202 with the new job',
    tags: ['imports'],
    handler: async ({ params, actor }, req) => {
      const importer = { db: ctx.db, actor, source: auditSourceOf(req), cipher: ctx.cipher };
      const preview = await findConfirmablePreview(importer, { id: params.id });
      const kept = previews.get(preview.id);
      if (!kept) {
        await settlePreview(importer, { id: preview.id, status: 'expired' });
        throw new AppError(409, 'import_preview_expired');
      }
      previews.delete(preview.id);
      clearTimeout(kept.timer);
      const jobId = crypto.randomUUID();
      const controller = new AbortController();
      let confirmed!: () => void;
      const checked = new Promise<void>((resolve) => (confirmed = resolve));
      const done = confirmImport(importer, { preview, input: kept.upload.open(), totalBytes: kept.upload.size, jobId, onConfirmed: confirmed, signal: controller.signal });
      runInBackground(req, jobId, controller, kept.upload, done);
      // Answers once the changes are known to be the previewed ones (or with the 409 when they are not).
      await Promise.race([checked, done]);
      return getImportJob(importer, { id: jobId, locale: req.locale });
    },
  });

  // Encapsulated: the upload's content-type parser (hand the stream through, unread) must not
  // apply to any other route.
  void app.register(async (scope) => {
    await failInterruptedImports(ctx, {});
    await removeStaleSpools();

    const uploads = new WeakMap<FastifyRequest, Readable>();
    // Every type reaches the handler (JSON keeps its own parser), which answers 415 with a
    // message about uploads instead of Fastify's "send JSON".
    scope.addContentTypeParser('*', (req, payload, done) => {
      uploads.set(req, payload);
      done(null, undefined);
    });

    scope.addHook('onClose', async () => {
      for (const job of running.values()) job.controller.abort();
      await Promise.all([...running.values()].map((j) => j.settled));
      for (const { upload, timer } of previews.values()) {
        clearTimeout(timer);
        await upload.remove();
      }
      previews.clear();
    });

    const read = { kind: 'roles', roles: IMPORT_ROLES, write: false } as const;

    defineRoute(scope, importsApi.uploadHouseholds, {
      access: { kind: 'roles', roles: IMPORT_ROLES, write: true },
      summary:
        'Import a household registry file (CSV or XLSX, sent as the request body); 202 with the job, which runs in the background. A file that would change existing households or people ends awaiting_confirmation with the changes listed (GET …/changes) and nothing written, until POST …/confirm',
      tags: ['imports'],
      handler: async ({ query, actor }, req) => {
        const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        const body = uploads.get(req);
        if (!body || !(IMPORT_CONTENT_TYPES as readonly string[]).includes(type)) throw new AppError(415, 'import_media_type');
        if (Number(req.headers['content-length'] ?? 0) > MAX_UPLOAD_BYTES) throw new AppError(413, 'body_too_large');
        const upload = await spoolUpload(body, MAX_UPLOAD_BYTES);
        const jobId = crypto.randomUUID();
        const controller = new AbortController();
        let accepted!: () => void;
        const headerAccepted = new Promise<void>((resolve) => (accepted = resolve));
        const importer = { db: ctx.db, actor, source: auditSourceOf(req), cipher: ctx.cipher };
        const done = importHouseholds(importer, {
          input: upload.open(),
          totalBytes: upload.size,
          // Only the name: a path from the browser (C:\fakepath\…) says nothing about the file.
          fileName: path.win32.basename(query.fileName) || query.fileName,
          mode: query.mode,
          regionId: actor.regionId,
          jobId,
          onStarted: accepted,
          signal: controller.signal,
          changes: 'ask',
        });
        runInBackground(req, jobId, controller, upload, done);
        // A file that fails before its header is accepted gets its problem as the answer.
        await Promise.race([headerAccepted, done]);
        return getImportJob(importer, { id: jobId, locale: req.locale });
      },
    });

    defineRoute(scope, importsApi.downloadTemplate, {
      access: read,
      summary: 'The import template: XLSX with the headers, one example row, and drop-down lists of your own villages and townships and of the hardship categories',
      tags: ['imports'],
      handler: async ({ actor }, _req, reply) => {
        const bytes = await writeImportTemplate({ db: ctx.db, actor });
        reply.header('content-type', XLSX_TYPE);
        reply.header('content-disposition', attachment('import-template.xlsx', '户籍台账导入模板.xlsx'));
        return bytes;
      },
    });

    defineRoute(scope, importsApi.listImportJobs, {
      access: read,
      summary: 'Recent import jobs in your area, newest first',
      tags: ['imports'],
      handler: async ({ query, actor }, req) => listImportJobs({ db: ctx.db, actor }, { ...query, locale: req.locale }),
    });

    defineRoute(scope, importsApi.getImportJob, {
      access: read,
      summary: 'One import job: status, progress, counts, file-level problem',
      tags: ['imports'],
      handler: async ({ params, actor }, req) => getImportJob({ db: ctx.db, actor }, { id: params.id, locale: req.locale }),
    });

    defineRoute(scope, importsApi.listImportIssues, {
      access: read,
      summary: 'The problems found, row by row (values masked), in your language',
      tags: ['imports'],
      handler: async ({ params, query, actor }, req) => listImportIssues({ db: ctx.db, actor }, { id: params.id, ...query, locale: req.locale }),
    });

    defineRoute(scope, importsApi.listImportIssueGroups, {
      access: read,
      summary: 'The problems grouped by kind (issue code and column), commonest first: message, count, first rows and commonest values; a group’s rows in full through …/issues?problem=&column=',
      tags: ['imports'],
      handler: async ({ params, actor }, req) => listImportIssueGroups({ db: ctx.db, actor }, { id: params.id, locale: req.locale }),
    });

    defineRoute(scope, importsApi.listImportChanges, {
      access: read,
      summary: 'Changes to existing households and people, field by field (old → new), to confirm or written, in your language',
      tags: ['imports'],
      handler: async ({ params, query, actor }, req) => listImportChanges({ db: ctx.db, actor }, { id: params.id, ...query, locale: req.locale }),
    });

    defineRoute(scope, importsApi.downloadReport, {
      access: read,
      summary: 'The job’s report as an XLSX file (summary, and every issue with its message in Chinese and English)',
      tags: ['imports'],
      handler: async ({ params, actor }, req, reply) => {
        // Read first, so that a job outside the actor's scope is a 404 before the file's headers go out.
        const job = await getImportJob({ db: ctx.db, actor }, { id: params.id, locale: req.locale });
        const name = `${job.fileName.replace(/\.(csv|xlsx|txt)$/i, '')}-导入报告.xlsx`;
        const out = new PassThrough();
        writeImportReport({ db: ctx.db, actor }, { id: params.id, output: out }).catch((error: unknown) => {
          req.log.error({ err: error, jobId: params.id }, 'import report failed');
          out.destroy(error as Error);
        });
        reply.header('content-type', XLSX_TYPE);
        reply.header('content-disposition', attachment('import-report.xlsx', name));
        reply.header('cache-control', 'no-store');
        return out;
      },
    });
  });
}
