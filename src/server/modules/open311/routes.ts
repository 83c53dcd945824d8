/**
 * Open311 GeoReport v2 at `/open311/v2` (outside /api: its own formats, errors and keys), and the
 * county admin's client systems at `/api/open311-clients`.
 *
 * The /open311 routes are a Fastify plugin of their own: a form-encoded body parser (what
 * GeoReport clients send), and error and not-found handlers that answer in the specification's
 * error format (`[{"code":…,"description":…}]` or `<errors>`), never problem+json. Reads are
 * public (only public Open311 cases, without personal data); POST requests needs an api_key,
 * is rate-limited per key and audited.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { open311ClientsApi } from '../../../shared/api/open311.ts';
import { CASE_CONFIG_ROLES } from '../../../shared/roles.ts';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../http/errors.ts';
import { defineRoute } from '../../http/route.ts';
import { auditSourceOf } from '../audit/index.ts';
import { authenticateClient, type Open311ClientRef } from './authenticate-client.ts';
import { createOpen311Client } from './create-open311-client.ts';
import { describeService } from './describe-service.ts';
import { findJurisdiction } from './find-jurisdiction.ts';
import { findToken } from './find-token.ts';
import { getRequest, listRequests } from './list-requests.ts';
import { listOpen311Clients } from './list-open311-clients.ts';
import { listServices } from './list-services.ts';
import { Open311Error } from './open311-errors.ts';
import { CONTENT_TYPES, objectToXml, parseW3cDateTime, toXml, w3cDateTime, type Open311Format, type Open311Item } from './open311-format.ts';
import { Open311RateLimit } from './open311-rate-limit.ts';
import { recordOpen311Use } from './record-open311-use.ts';
import { fieldsOfJson, parseFormBody } from './request-fields.ts';
import { revokeOpen311Client } from './revoke-open311-client.ts';
import { submitRequest } from './submit-request.ts';

const FORMATS: Open311Format[] = ['json', 'xml'];

/** The format a URL asks for (`….xml` → xml); JSON for anything else, errors included. */
const formatOfUrl = (url: string): Open311Format => (/\.xml$/i.test(url.split('?')[0]!) ? 'xml' : 'json');

/** `<id>.<format>` of a path parameter, or a 404 in the specification's format. */
function splitFile(file: string): { id: string; format: Open311Format } {
  const m = /^(.+)\.(json|xml)$/.exec(file);
  if (!m) throw new Open311Error(404, 'not_found');
  return { id: decodeURIComponent(m[1]!), format: m[2] as Open311Format };
}

/** One query parameter as text; a repeated one is refused. */
function queryField(req: FastifyRequest, name: string): string | undefined {
  const value = (req.query as Record<string, unknown>)[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new Open311Error(400, 'field_repeated', { field: name });
  return value.trim() === '' ? undefined : value.trim();
}

function list(text: string | undefined, max: number): string[] | undefined {
  if (text === undefined) return undefined;
  const items = [...new Set(text.split(',').map((s) => s.trim()).filter(Boolean))];
  return items.slice(0, max);
}

function dateField(req: FastifyRequest, name: string): Date | undefined {
  const text = queryField(req, name);
  if (text === undefined) return undefined;
  const at = parseW3cDateTime(text);
  if (!at) throw new Open311Error(400, 'date_invalid', { field: name });
  return at;
}

function sendList(reply: FastifyReply, format: Open311Format, root: string, element: string, items: Open311Item[], status = 200) {
  reply.code(status).type(CONTENT_TYPES[format]);
  return reply.send(format === 'json' ? JSON.stringify(items) : toXml(items, { root, element }));
}

function sendError(req: FastifyRequest, reply: FastifyReply, error: Open311Error) {
  if (error.status === 429) reply.header('retry-after', '60');
  const items = [error.item(req.locale ?? 'zh-CN')];
  return sendList(reply, formatOfUrl(req.url), 'errors', 'error', items, error.status);
}

/** Fastify's own refusals (body too large, unreadable JSON, wrong content type) as Open311 errors. */
function asOpen311Error(error: FastifyError | Error): Open311Error | null {
  if (error instanceof Open311Error) return error;
  if (error instanceof AppError && error.status === 503) return new Open311Error(503, 'server_busy');
  const status = (error as FastifyError).statusCode ?? 500;
  if (status === 415) return new Open311Error(415, 'unsupported_media_type');
  if (status === 413) return new Open311Error(413, 'body_too_large');
  if (status >= 400 && status < 500) return new Open311Error(400, 'bad_request');
  return null;
}

export function open311Routes(app: FastifyInstance, { db, cipher, env }: AppContext) {
  defineRoute(app, open311ClientsApi.listOpen311Clients, {
    access: { kind: 'roles', roles: CASE_CONFIG_ROLES, write: false },
    summary: 'The county’s Open311 client systems (第三方系统) and their keys’ prefixes',
    tags: ['open311'],
    handler: async ({ actor }) => ({ items: await listOpen311Clients({ db, actor }) }),
  });
  defineRoute(app, open311ClientsApi.createOpen311Client, {
    access: { kind: 'roles', roles: CASE_CONFIG_ROLES, write: true },
    summary: 'Registers a client system and makes its API key (shown once)',
    tags: ['open311'],
    handler: async ({ actor, body }, req) => createOpen311Client({ db, actor, source: auditSourceOf(req) }, { name: body.name }),
  });
  defineRoute(app, open311ClientsApi.revokeOpen311Client, {
    access: { kind: 'roles', roles: CASE_CONFIG_ROLES, write: true },
    summary: 'Revokes a client system’s API key',
    tags: ['open311'],
    handler: async ({ actor, params }, req) => {
      await revokeOpen311Client({ db, actor, source: auditSourceOf(req) }, { id: params.id });
      return { ok: true as const };
    },
  });

  const limiter = new Open311RateLimit(env.OPEN311_RATE_LIMIT);
  const ctx = { db, actor: null };

  app.register(
    async (scope) => {
      scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
        try {
          done(null, parseFormBody(body as string));
        } catch (error) {
          done(error as Error, undefined);
        }
      });
      scope.setErrorHandler((error: FastifyError | Error, req, reply) => {
        const known = asOpen311Error(error);
        if (known) return sendError(req, reply, known);
        req.log.error({ err: error }, 'unhandled error (open311)');
        return sendError(req, reply, new Open311Error(500, 'internal_error'));
      });
      scope.setNotFoundHandler((req, reply) => sendError(req, reply, new Open311Error(404, 'not_found')));

      const jurisdiction = (req: FastifyRequest) => findJurisdiction(ctx, { jurisdictionId: queryField(req, 'jurisdiction_id') });

      for (const format of FORMATS) {
        scope.get(`/v2/discovery.${format}`, async (req, reply) => {
          const base = `${req.protocol}://${req.host}/open311/v2`;
          const changeset = w3cDateTime(new Date('2026-12-06T00:00:00Z'));
          const discovery: Open311Item = {
            changeset,
            contact: '县民情诉求办理平台（连心）管理员 / the county’s Lianxin administrator',
            key_service: '向县管理员申请接入密钥（Open311 接入页面） / ask the county administrator for an API key',
            endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: base, changeset, type: 'production', formats: ['application/json', 'text/xml'] }],
          };
          reply.type(CONTENT_TYPES[format]);
          return format === 'json' ? JSON.stringify(discovery) : objectToXml('discovery', discovery, { endpoints: 'endpoint', formats: 'format' });
        });

        scope.get(`/v2/services.${format}`, async (req, reply) => {
          const countyCode = await jurisdiction(req);
          return sendList(reply, format, 'services', 'service', await listServices(ctx, { countyCode, locale: req.locale }));
        });

        scope.get(`/v2/requests.${format}`, async (req, reply) => {
          const countyCode = await jurisdiction(req);
          const statuses = list(queryField(req, 'status'), 2);
          if (statuses?.some((s) => s !== 'open' && s !== 'closed')) throw new Open311Error(400, 'status_invalid');
          const ids = list(queryField(req, 'service_request_id'), 1000);
          const serviceCodes = list(queryField(req, 'service_code'), 100);
          const startDate = dateField(req, 'start_date');
          const endDate = dateField(req, 'end_date');
          const items = await listRequests(ctx, {
            countyCode,
            locale: req.locale,
            ...(ids ? { ids } : {}),
            ...(serviceCodes ? { serviceCodes } : {}),
            ...(statuses ? { statuses: statuses as ('open' | 'closed')[] } : {}),
            ...(startDate ? { startDate } : {}),
            ...(endDate ? { endDate } : {}),
          });
          return sendList(reply, format, 'service_requests', 'request', items);
        });

        scope.post(`/v2/requests.${format}`, async (req, reply) => {
          const fields = req.body instanceof Map ? (req.body as Map<string, string>) : fieldsOfJson(req.body ?? {});
          const apiKey = fields.get('api_key') ?? queryField(req, 'api_key');
          const client: Open311ClientRef = await authenticateClient(ctx, { apiKey });
          const source = { ...auditSourceOf(req), actorName: `open311:${client.keyPrefix}` };
          if (!limiter.take(client.id)) throw new Open311Error(429, 'too_many_requests');
          try {
            const items = await submitRequest({ db, actor: null, source, cipher }, { client, fields, locale: req.locale });
            await recordOpen311Use({ db, actor: null, source }, { client, outcome: { caseNo: String(items[0]!.service_request_id) } });
            return sendList(reply, format, 'service_requests', 'request', items, 201);
          } catch (error) {
            const refused = asOpen311Error(error as Error);
            await recordOpen311Use({ db, actor: null, source }, { client, outcome: { refused: refused?.status ?? 500, reason: refused?.key ?? 'internal_error' } });
            throw error;
          }
        });
      }

      scope.get<{ Params: { file: string } }>('/v2/services/:file', async (req, reply) => {
        const { id, format } = splitFile(req.params.file);
        const countyCode = await jurisdiction(req);
        const definition = await describeService(ctx, { countyCode, serviceCode: id });
        reply.type(CONTENT_TYPES[format]);
        return format === 'json' ? JSON.stringify(definition) : objectToXml('service_definition', definition, { attributes: 'attribute' });
      });

      scope.get<{ Params: { file: string } }>('/v2/requests/:file', async (req, reply) => {
        const { id, format } = splitFile(req.params.file);
        const countyCode = await jurisdiction(req);
        return sendList(reply, format, 'service_requests', 'request', await getRequest(ctx, { countyCode, locale: req.locale, id }));
      });

      scope.get<{ Params: { file: string } }>('/v2/tokens/:file', async (req, reply) => {
        const { id, format } = splitFile(req.params.file);
        const countyCode = await jurisdiction(req);
        return sendList(reply, format, 'service_requests', 'request', await findToken(ctx, { countyCode, token: id }));
      });
    },
    { prefix: '/open311' },
  );
}
