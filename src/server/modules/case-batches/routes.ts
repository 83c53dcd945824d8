import path from 'node:path';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { caseBatchesApi } from '../../../shared/api/case-batches.ts';
import { CASE_BATCH_CONTENT_TYPES, MAX_CASE_BATCH_BYTES } from '../../../shared/cases/case-batch-schemas.ts';
import { CASE_CONFIG_ROLES } from '../../../shared/roles.ts';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { spoolUpload } from '../../uploads/index.ts';
import { auditSourceOf } from '../audit/index.ts';
import { getCaseBatch } from './get-case-batch.ts';
import { importCaseBatch } from './import-case-batch.ts';
import { listCaseBatches } from './list-case-batches.ts';
import { writeCaseBatchReport } from './write-case-batch-report.ts';
import { writeCaseBatchTemplate } from './write-case-batch-template.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (fallback: string, name: string) => `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
const tags = ['case-batches'];

/**
 * Registers the 12345 batch routes (listed in MODULES in app.ts). The city's hotline transfers
 * its work orders to the county's office (县联系服务办), so batches are the county admin's
 * (CASE_CONFIG_ROLES); township admins see the cases they get, not the batches.
 *
 * @example
 * caseBatchRoutes(app, { db, driver, env, cipher });
 */
export function caseBatchRoutes(app: FastifyInstance, { db, cipher }: AppContext) {
  const read = { kind: 'roles', roles: CASE_CONFIG_ROLES, write: false } as const;

  defineRoute(app, caseBatchesApi.listCaseBatches, {
    access: read,
    summary: 'The county’s 12345 batches, newest first',
    tags,
    handler: async ({ query, actor }) => listCaseBatches({ db, actor }, { limit: query.limit }),
  });

  defineRoute(app, caseBatchesApi.downloadCaseBatchTemplate, {
    access: read,
    summary: 'The 12345 batch template: XLSX with the hotline’s column headers and one example row',
    tags,
    handler: async (_input, _req, reply) => {
      const bytes = await writeCaseBatchTemplate();
      reply.header('content-type', XLSX_TYPE);
      reply.header('content-disposition', attachment('case-batch-template.xlsx', '12345工单导入模板.xlsx'));
      return bytes;
    },
  });

  defineRoute(app, caseBatchesApi.getCaseBatch, {
    access: read,
    summary: 'One 12345 batch with its per-row report',
    tags,
    handler: async ({ params, actor }) => getCaseBatch({ db, actor }, { id: params.id }),
  });

  defineRoute(app, caseBatchesApi.downloadCaseBatchReport, {
    access: read,
    summary: 'A 12345 batch’s per-row report as XLSX (outcome, case number, problems in Chinese and English)',
    tags,
    handler: async ({ params, actor }, _req, reply) => {
      const { batch, bytes } = await writeCaseBatchReport({ db, actor }, { id: params.id });
      reply.header('content-type', XLSX_TYPE);
      reply.header('content-disposition', attachment('case-batch-report.xlsx', `${batch.fileName.replace(/\.(csv|xlsx|json|txt)$/i, '')}-导入报告.xlsx`));
      return bytes;
    },
  });

  // Encapsulated: a spreadsheet body goes to the spool unread, so no other route takes bodies
  // this way. A JSON body is parsed by Fastify's own JSON parser (the app's body limit, its 400
  // for malformed JSON and prototype poisoning) but kept aside: the contract declares no body, so
  // the array reaches the use case, which checks its shape (400 validation_failed).
  void app.register(async (scope) => {
    const uploads = new WeakMap<FastifyRequest, Readable>();
    const jsonBodies = new WeakMap<FastifyRequest, { value: unknown }>();
    const parseJson = scope.getDefaultJsonParser('error', 'error');
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
      parseJson(req, String(body), (error, value) => {
        if (error) return done(error, undefined);
        jsonBodies.set(req, { value });
        done(null, undefined);
      });
    });
    scope.addContentTypeParser('*', (req, payload, done) => {
      uploads.set(req, payload);
      done(null, undefined);
    });
    defineRoute(scope, caseBatchesApi.uploadCaseBatch, {
      access: { kind: 'roles', roles: CASE_CONFIG_ROLES, write: true },
      summary:
        'Import a batch of 12345 work orders (XLSX, CSV in UTF-8 or GBK, or a JSON array, sent as the request body): good rows become cases, bad ones are reported per row, in one transaction; the same file twice is 409 case_batch_duplicate',
      tags,
      handler: async ({ query, actor }, req) => {
        const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        const source = auditSourceOf(req);
        // Only the name: a path from the browser (C:\fakepath\…) says nothing about the file.
        const fileName = path.win32.basename(query.fileName) || query.fileName;
        const json = jsonBodies.get(req);
        if (json) return importCaseBatch({ db, actor, source, cipher }, { input: { json: json.value }, fileName });
        const body = uploads.get(req);
        if (!body || !(CASE_BATCH_CONTENT_TYPES as readonly string[]).includes(type)) throw new AppError(415, 'import_media_type');
        if (Number(req.headers['content-length'] ?? 0) > MAX_CASE_BATCH_BYTES) throw new AppError(413, 'body_too_large');
        const upload = await spoolUpload(body, MAX_CASE_BATCH_BYTES);
        try {
          return await importCaseBatch({ db, actor, source, cipher }, { input: { file: upload.open() }, fileName });
        } finally {
          await upload.remove();
        }
      },
    });
  });
}
