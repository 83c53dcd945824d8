/**
 * Builds the Fastify application: plugins, the auth hook, error handling, every module's
 * routes, the OpenAPI document and (when built) the web app.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyRequest, type HTTPMethods } from 'fastify';
import { pickLocale, ZLocale, type TLocale } from '../shared/locale.ts';
import type { AppContext } from './app-context.ts';
import { pgliteWaiting } from './db/database.ts';
import './http/context.ts';
import { AppError } from './http/errors.ts';
import { answerClientError, sendProblem, registerProblemHandlers } from './http/problem.ts';
import { registerSecurityHeaders, webCacheControl } from './http/security-headers.ts';
import type { RouteContract } from '../shared/api/contract.ts';
import type { Access } from './http/route.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { endedSessionStatus, loadSession, SESSION_COOKIE, touchSession } from './modules/auth/index.ts';
import { departmentRoutes } from './modules/departments/routes.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { importRoutes } from './modules/imports/routes.ts';
import { pairingRoutes } from './modules/pairing/routes.ts';
import { campaignRoutes } from './modules/campaigns/routes.ts';
import { visitRoutes } from './modules/visits/routes.ts';
import { regionRoutes } from './modules/regions/routes.ts';
import { registryRoutes } from './modules/registry/routes.ts';
import { fieldworkRoutes } from './modules/fieldwork/routes.ts';
import { surveyResultsRoutes } from './modules/survey-results/routes.ts';
import { visitFileRoutes } from './modules/visit-files/routes.ts';
import { workbenchRoutes } from './modules/workbench/routes.ts';
import { surveyRoutes } from './modules/survey/routes.ts';
import { userRoutes } from './modules/users/routes.ts';
import { visitReportRoutes } from './modules/visit-reports/routes.ts';
import { caseCategoryRoutes } from './modules/case-categories/routes.ts';
import { workingCalendarRoutes } from './modules/working-calendar/routes.ts';
import { caseDeadlineRoutes } from './modules/case-deadlines/routes.ts';
import { caseRatesRoutes } from './modules/case-rates/routes.ts';
import { bulletinRoutes } from './modules/bulletin/routes.ts';
import { residentPageRoutes } from './modules/resident-page/routes.ts';
import { caseRoutes } from './modules/cases/routes.ts';
import { caseBatchRoutes } from './modules/case-batches/routes.ts';
import { caseIntakeRoutes } from './modules/case-intake/routes.ts';
import { open311Routes } from './modules/open311/routes.ts';
import { notificationRoutes } from './modules/notifications/routes.ts';
import { gamingSignalRoutes } from './modules/gaming-signals/routes.ts';
import { dashboardRoutes } from './modules/dashboard/routes.ts';
import { rectificationRoutes } from './modules/rectification/routes.ts';

/** Every module's routes. A new module adds its function here (and its rows to the access matrix test). */
const MODULES = [
  healthRoutes,
  authRoutes,
  regionRoutes,
  userRoutes,
  departmentRoutes,
  auditRoutes,
  registryRoutes,
  pairingRoutes,
  campaignRoutes,
  importRoutes,
  surveyRoutes,
  fieldworkRoutes,
  surveyResultsRoutes,
  workbenchRoutes,
  visitFileRoutes,
  visitRoutes,
  visitReportRoutes,
  caseCategoryRoutes,
  workingCalendarRoutes,
  caseDeadlineRoutes,
  caseRatesRoutes,
  residentPageRoutes,
  caseRoutes,
  // Issue 11, case intake.
  caseBatchRoutes,
  caseIntakeRoutes,
  open311Routes,
  notificationRoutes,
  // Issue 12, the assessment's bulletin.
  bulletinRoutes,
  gamingSignalRoutes,
  // Issue 12, the leaders' dashboard.
  dashboardRoutes,
  // Issue 12, rectification.
  rectificationRoutes,
];

/** Retry-After of a 503 server_busy: a queue of PGlite callers drains within about a second. */
const BUSY_RETRY_AFTER_SECONDS = 1;

export interface RegisteredRoute {
  method: HTTPMethods;
  url: string;
  access: Access;
  /** The route table's contract, when the route is defined from one. */
  contract?: RouteContract;
}

export interface BuildAppOptions extends AppContext {
  /** Directory of the built web app; served at / when it exists. */
  webDir?: string | undefined;
  /** Log at env.LOG_LEVEL to stdout (true) or to this stream (tests that want the server's errors). */
  logger?: boolean | { write(line: string): void };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The API routes with their declared access, for the access-matrix test and the docs. */
    apiRoutes: RegisteredRoute[];
  }
}

/** A `..` path segment, plain or percent-encoded (`%2e%2e`, with `/` or `%2f` around it). */
const DOT_SEGMENT = /(^|\/|%2f|\\|%5c)(\.|%2e){2}(\/|%2f|\\|%5c|$)/i;
/** A literal `/../` segment. Under /api an encoded one is inside a parameter, which validation refuses with its own message. */
const LITERAL_DOT_SEGMENT = /(^|\/)\.\.(\/|$)/;

/** The header the web app sends, else the user's saved choice, else the browser's languages. */
function localeOf(req: FastifyRequest, saved: TLocale | null): TLocale {
  const explicit = ZLocale.safeParse(req.headers['x-lianxin-locale']);
  return explicit.success ? explicit.data : (saved ?? pickLocale(req.headers['accept-language']));
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === true ? { level: options.env.LOG_LEVEL } : options.logger ? { level: options.env.LOG_LEVEL, stream: options.logger } : false,
    genReqId: () => crypto.randomUUID(),
    clientErrorHandler: answerClientError,
    bodyLimit: 1024 * 1024,
    // Stray query keys like ?a=1&a=2 arrive as arrays and fail validation with a clear message.
    routerOptions: { maxParamLength: 200 },
    // The router refuses undecodable paths (/api/regions/%) and over-long parameters before any
    // hook runs; without this they would answer with Fastify's own JSON, not problem+json.
    frameworkErrors: (error, req, reply) => {
      req.locale = localeOf(req, null);
      if ((error.statusCode ?? 500) >= 500) return sendProblem(req, reply, 500, 'internal_error');
      return sendProblem(req, reply, 400, 'validation_failed');
    },
  });
  const routes: RegisteredRoute[] = [];
  app.decorate('apiRoutes', routes);
  app.decorateRequest('locale', 'zh-CN');
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.decorateRequest('sessionEnd', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs') || route.url === '/api/openapi.json') return;
    const access = route.config?.access;
    if (!access) throw new Error(`API route ${route.method} ${route.url} declares no access rule: define it with defineRoute()`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url, access, ...(route.config?.contract ? { contract: route.config.contract } : {}) });
  });

  // Validation is done with zod inside defineRoute; the JSON schemas on routes feed OpenAPI only.
  app.setValidatorCompiler(() => (data) => ({ value: data }));
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  registerProblemHandlers(app);
  registerSecurityHeaders(app, { https: options.env.COOKIE_SECURE });
  // JSON only: a text/plain body would otherwise reach the schemas as a string (a misleading 400).
  app.removeContentTypeParser('text/plain');

  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) => Object.assign(new Error('rate limited'), { statusCode: context.statusCode, code: 'FST_ERR_RATE_LIMIT_EXCEEDED', retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)) }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Lianxin (连心) API', version: '0.1.0', description: 'Contact and serve the masses: county platform API. Errors are RFC 9457 problem+json.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    // A path that climbs out of its folder names nothing we serve: a plain 404, before the static
    // server would call it forbidden (and the error handler a validation failure).
    const path = req.url.split('?')[0]!;
    if ((path.startsWith('/api/') ? LITERAL_DOT_SEGMENT : DOT_SEGMENT).test(path)) {
      req.locale = localeOf(req, null);
      return sendProblem(req, reply, 404, 'not_found');
    }
    // Embedded database: while too many callers already wait for its single connection, refuse
    // at once (before the session lookup queues too) rather than let requests wait until clients
    // give up. A refusal costs no database work.
    const waiting = pgliteWaiting(options.db);
    if (waiting !== null && waiting >= options.env.PGLITE_QUEUE_LIMIT && req.url.startsWith('/api/')) {
      req.locale = localeOf(req, null);
      throw new AppError(503, 'server_busy', { headers: { 'retry-after': String(BUSY_RETRY_AFTER_SECONDS) } });
    }
    const cookieToken = req.cookies[SESSION_COOKIE];
    const loaded = cookieToken ? await loadSession(options.db, cookieToken) : null;
    req.actor = loaded?.actor ?? null;
    req.session = loaded?.session ?? null;
    if (loaded) await touchSession(options.db, { session: loaded.session, clientIp: req.ip });
    // A phone whose session an admin ended is told so, not just asked to sign in (it keeps its unsent visits).
    else if (cookieToken) req.sessionEnd = await endedSessionStatus(options.db, cookieToken);
    req.locale = localeOf(req, req.actor?.locale ?? null);
  });

  for (const register of MODULES) register(app, options);

  const webDir = options.webDir;
  const serveWeb = Boolean(webDir && fs.existsSync(path.join(webDir, 'index.html')));
  // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
  // preCompressed: the build writes .br and .gz beside each file (vite.config.ts), so the first
  // sign-in downloads ≈0.5 MB instead of ≈1.5 MB without compressing on every request.
  if (serveWeb) {
    await app.register(fastifyStatic, {
      root: webDir!,
      wildcard: true,
      index: 'index.html',
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, filePath) => reply.header('cache-control', webCacheControl(filePath)),
    });
  }
  app.setNotFoundHandler((req, reply) => {
    // Client-side routes (/regions/370921, /users …) get the app shell; a missing file (an old
    // hashed asset) or an unknown /api path gets a 404 problem, never the shell by mistake.
    const path = req.url.split('?')[0]!;
    const clientRoute = req.method === 'GET' && !path.startsWith('/api/') && !/\.[A-Za-z0-9]+$/.test(path);
    if (serveWeb && clientRoute) return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
    return sendProblem(req, reply, 404, path.startsWith('/api/') ? 'route_not_found' : 'not_found');
  });
  return app;
}
