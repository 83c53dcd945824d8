/**
 * Turns every error into RFC 9457 problem+json. User mistakes become 4xx with a stable code and
 * a message in the caller's language; anything unexpected becomes a logged 500 without details.
 */
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { localizeIssueMessage } from '../../shared/issue-messages.ts';
import { PROBLEM_MESSAGES, type TProblem, type TProblemCode, type TProblemExtensions } from '../../shared/problem.ts';
import { isConnectionLost } from '../db/connection-errors.ts';
import { AppError, type ProblemIssue } from './errors.ts';

const STATUS_TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  423: 'Locked',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Retry-After of a 503 database_unavailable: the pool opens a new connection at the next request. */
const DATABASE_RETRY_AFTER_SECONDS = 2;

/** RFC 9457 `type`: one URI per problem code. */
const problemType = (code: TProblemCode) => `https://lianxin.invalid/problems/${code}`;

/** Fastify's own client-error codes, mapped to ours. */
const FASTIFY_CODES: Record<string, TProblemCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_json',
  FST_ERR_CTP_INVALID_CONTENT_TYPE: 'unsupported_media_type',
  FST_ERR_RATE_LIMIT_EXCEEDED: 'too_many_requests',
};

/** Zod issues as problem issues; our own English messages are translated later, in problemBody. */
export function localizeIssues(error: z.ZodError, prefix = ''): ProblemIssue[] {
  return error.issues.map((issue) => ({ path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'), message: issue.message }));
}

export function problemBody(req: FastifyRequest, status: number, code: TProblemCode, issues?: ProblemIssue[], extensions?: TProblemExtensions): TProblem {
  const locale = req.locale ?? 'zh-CN';
  // Use cases raise issues with our English messages; say them in the caller's language.
  issues = issues?.map((i) => ({ ...i, message: localizeIssueMessage(i.message, locale) }));
  let detail = PROBLEM_MESSAGES[code][locale];
  if (issues?.length) detail += ' ' + issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  return {
    // Extension members first: none of them may stand in for a member RFC 9457 defines.
    ...extensions,
    type: problemType(code),
    title: STATUS_TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    instance: req.url.split('?')[0],
    requestId: String(req.id),
    ...(issues?.length ? { issues } : {}),
  };
}

export function sendProblem(req: FastifyRequest, reply: FastifyReply, status: number, code: TProblemCode, issues?: ProblemIssue[], extensions?: TProblemExtensions) {
  return reply.code(status).type('application/problem+json; charset=utf-8').send(problemBody(req, status, code, issues, extensions));
}

export function registerProblemHandlers(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | AppError | Error, req, reply) => {
    if (error instanceof AppError) {
      for (const [k, v] of Object.entries(error.options.headers ?? {})) reply.header(k, v);
      return sendProblem(req, reply, error.status, error.code, error.options.issues, error.options.extensions);
    }
    const fastifyError = error as FastifyError;
    const status = fastifyError.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code: TProblemCode =
        FASTIFY_CODES[fastifyError.code] ?? (error instanceof SyntaxError ? 'invalid_json' : status === 404 ? 'route_not_found' : 'validation_failed');
      // The rate limit's own window (a minute for sign-in, an hour for the resident page's filings).
      if (status === 429) reply.header('retry-after', String((error as { retryAfterSeconds?: number }).retryAfterSeconds ?? 60));
      return sendProblem(req, reply, status, code);
    }
    // A unique or exclusion constraint lost a race that the use case's own check could not see.
    const pgCode = (error as { code?: unknown }).code;
    if (pgCode === '23505' || pgCode === '23P01' || pgCode === '40001') return sendProblem(req, reply, 409, 'conflict');
    // The pool replaces the lost connection by itself: the next try can succeed.
    if (isConnectionLost(error)) {
      req.log.warn({ err: error }, 'database connection lost');
      reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
      return sendProblem(req, reply, 503, 'database_unavailable');
    }
    req.log.error({ err: error }, 'unhandled error');
    return sendProblem(req, reply, 500, 'internal_error');
  });
}

/**
 * Fastify's `clientErrorHandler`: what Node's HTTP parser refuses before any route sees it (a URL
 * or headers over 16 KB, a malformed request line, a request that arrives too slowly) also gets a
 * problem+json answer instead of Node's or Fastify's bare one. The request was never read, so its
 * language is not known: the detail is in Chinese (the default) followed by English.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code]: [number, TProblemCode] =
    error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'headers_too_large'] : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'request_timeout'] : [400, 'bad_request'];
  const message = PROBLEM_MESSAGES[code];
  const body = JSON.stringify({ type: problemType(code), title: STATUS_TITLES[status], status, code, detail: `${message['zh-CN']} ${message.en}` });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_TITLES[status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
