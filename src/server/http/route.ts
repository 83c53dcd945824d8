/**
 * `defineRoute`: every API route goes through here, so none can exist without a declared
 * access rule. Access is checked before input is parsed; input is parsed with the shared zod
 * schemas (unknown fields rejected) and errors come back in the caller's language.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import { z } from 'zod';
import type { RouteContract } from '../../shared/api/contract.ts';
import { hasAnyRole, READ_ONLY_ROLES, type TRole } from '../../shared/roles.ts';
import type { Actor } from './context.ts';
import { AppError, forbidden } from './errors.ts';
import { localizeIssues } from './problem.ts';
import { zodErrorMap } from './zod-locale.ts';

export type Access =
  /** Anyone, signed in or not (login, health). */
  | { kind: 'public' }
  /** Any signed-in user; `write` routes (changing shared data) refuse read-only roles. */
  | { kind: 'signed-in'; write: boolean }
  /** Signed-in users holding one of `roles`. Scope inside the subtree is checked by the use case. */
  | { kind: 'roles'; roles: readonly TRole[]; write: boolean };

type Schema = z.ZodType | undefined;
type Out<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

/** The signed-in user for every access rule but `public`, where there may be none: checkAccess ran first. */
export type ActorOf<A extends Access> = A extends { kind: 'public' } ? Actor | null : Actor;

/** What a handler receives: the parsed input and the actor, typed by the route's access rule. */
export interface HandlerInput<P extends Schema, Q extends Schema, B extends Schema, A extends Access> {
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
  actor: ActorOf<A>;
}

export interface RouteDefinition<P extends Schema, Q extends Schema, B extends Schema, A extends Access = Access> {
  method: HTTPMethods;
  url: string;
  access: A;
  summary: string;
  tags: string[];
  params?: P;
  querystring?: Q;
  body?: B;
  response?: z.ZodType;
  /** Status of a successful answer (default 200). */
  status?: number;
  rateLimit?: { max: number; timeWindow: string };
  handler: (input: HandlerInput<P, Q, B, A>, req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
}

/** The server's half of a route whose contract (URL, schemas) is in the shared route table. */
export interface RouteImplementation<C extends RouteContract, A extends Access> {
  access: A;
  summary: string;
  tags: string[];
  rateLimit?: { max: number; timeWindow: string };
  /** Answers what the contract's response schema describes (a file route sends through `reply`). */
  handler: (
    input: HandlerInput<C['params'], C['querystring'], C['body'], A>,
    req: FastifyRequest,
    reply: FastifyReply,
  ) => Promise<C['response'] extends z.ZodType ? z.input<C['response']> : unknown>;
}


/** What a route that declares no params, query or body accepts: nothing (an absent body, or `{}`). */
const ZNothing = z.strictObject({});

const UNSTORABLE_TEXT = 'must not contain NUL or unpaired surrogate characters';

/**
 * The path to the first string PostgreSQL cannot take: U+0000 is refused in text, and an
 * unpaired surrogate in jsonb (the audit log). Walks parsed input, whose depth the schema bounds.
 */
function unstorablePath(value: unknown, path: PropertyKey[] = []): PropertyKey[] | null {
  if (typeof value === 'string') return value.includes('\0') || /[\uD800-\uDFFF]/u.test(value) ? path : null;
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    const found = unstorablePath(item, [...path, key]);
    if (found) return found;
  }
  return null;
}

function parsePart<S extends Schema>(schema: S, data: unknown, req: FastifyRequest, part: string): Out<S> {
  // Only an absent part defaults to {}: a JSON `null` body is a wrong type, not "no changes".
  const result = (schema ?? ZNothing).safeParse(data === undefined ? {} : data, { error: zodErrorMap(req.locale) });
  const prefix = part === 'body' ? '' : part;
  if (!result.success) throw new AppError(400, 'validation_failed', { issues: localizeIssues(result.error, prefix) });
  const bad = unstorablePath(result.data);
  if (bad) {
    const error = new z.ZodError([{ code: 'custom', path: bad, message: UNSTORABLE_TEXT, input: undefined }]);
    throw new AppError(400, 'validation_failed', { issues: localizeIssues(error, prefix) });
  }
  return (schema ? result.data : undefined) as Out<S>;
}

export function checkAccess(access: Access, req: FastifyRequest) {
  if (access.kind === 'public') return;
  const actor = req.actor;
  if (!actor || !req.session) throw new AppError(401, req.sessionEnd === 'ended' ? 'session_ended' : req.sessionEnd === 'expired' ? 'session_expired' : 'unauthenticated');
  if (access.write) {
    const writer = actor.roles.some((r) => !READ_ONLY_ROLES.includes(r));
    if (!writer) throw forbidden('read_only_role');
  }
  if (access.kind === 'roles' && !hasAnyRole(actor.roles, access.roles)) throw forbidden();
  // Cookie-authenticated requests that change anything (every method but GET/HEAD) must echo
  // the session's CSRF token in a header, which a cross-site form or image cannot do.
  if (req.method !== 'GET' && req.method !== 'HEAD' && req.headers['x-csrf-token'] !== req.session.csrfToken) {
    throw forbidden('csrf_failed');
  }
}

/**
 * Registers a route: a contract of the shared route table (`src/shared/api`) with its server half,
 * or (for routes not yet in the table) one object holding both.
 *
 * @example
 * defineRoute(app, regionsApi.getRegion, {
 *   access: { kind: 'signed-in', write: false }, summary: 'One region', tags: ['regions'],
 *   handler: async ({ params, actor }) => getRegion(db, actor, params.code),
 * });
 */
export function defineRoute<C extends RouteContract, A extends Access>(app: FastifyInstance, contract: C, implementation: RouteImplementation<C, A>): void;
export function defineRoute<P extends Schema = undefined, Q extends Schema = undefined, B extends Schema = undefined, A extends Access = Access>(
  app: FastifyInstance,
  def: RouteDefinition<P, Q, B, A>,
): void;
export function defineRoute(app: FastifyInstance, first: RouteContract | RouteDefinition<Schema, Schema, Schema>, implementation?: RouteImplementation<RouteContract, Access>) {
  const def = (implementation ? { ...first, ...implementation } : first) as RouteDefinition<Schema, Schema, Schema>;
  const contract = implementation ? (first as RouteContract) : undefined;
  const jsonSchema = (s: z.ZodType | undefined) => (s ? z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) : undefined);
  app.route({
    method: def.method,
    url: def.url,
    config: { access: def.access, ...(contract ? { contract } : {}), ...(def.rateLimit ? { rateLimit: def.rateLimit } : {}) },
    // Used for the OpenAPI document only: validation is done with zod in the handler below.
    schema: {
      summary: def.summary,
      tags: def.tags,
      ...(def.params ? { params: jsonSchema(def.params) } : {}),
      ...(def.querystring ? { querystring: jsonSchema(def.querystring) } : {}),
      ...(def.body ? { body: jsonSchema(def.body) } : {}),
      ...(def.response ? { response: { [def.status ?? 200]: z.toJSONSchema(def.response, { io: 'output', unrepresentable: 'any' }) } } : {}),
    },
    preValidation: async (req) => checkAccess(def.access, req),
    handler: async (req, reply) => {
      const input = {
        params: parsePart(def.params, req.params, req, 'params'),
        query: parsePart(def.querystring, req.query, req, 'query'),
        body: parsePart(def.body, req.body, req, 'body'),
        actor: req.actor,
      } as HandlerInput<Schema, Schema, Schema, Access>;
      const result = await def.handler(input, req, reply);
      if (reply.sent) return reply;
      return reply.code(def.status ?? 200).send(result);
    },
  });
}
