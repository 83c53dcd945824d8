/**
 * The API's route table, shared by server and web: each route is a contract (method, URL, zod
 * schemas of its params, query, body and answer). The server implements a contract with
 * `defineRoute(app, contract, { access, summary, tags, handler })`, which takes the URL and the
 * schemas from it; the web calls it with `call(contract, input)`, whose input and answer types
 * come from the same schemas. A renamed route or a changed schema therefore breaks the build on
 * both sides instead of a request at run time.
 *
 * Contracts live in `src/shared/api/<module>.ts`, one object per module, listed in `index.ts`.
 */
import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteContract {
  method: HttpMethod;
  /** Fastify's syntax: `/api/regions/:code`; every `:name` is a member of `params`. */
  url: `/api/${string}`;
  params?: z.ZodType;
  querystring?: z.ZodType;
  body?: z.ZodType;
  /** The answer's schema (also the OpenAPI document's); absent for answers that are files. */
  response?: z.ZodType;
  /** Status of a successful answer (default 200). */
  status?: number;
}

/**
 * Declares one route of the table; `const` keeps the literal URL and method in the type.
 *
 * @example
 * export const regionsApi = {
 *   getRegion: defineContract({ method: 'GET', url: '/api/regions/:code', params: ZRegionCodeParams, response: ZRegionDetail }),
 * };
 */
export const defineContract = <const C extends RouteContract>(contract: C): C => contract;

type InputOf<S> = S extends z.ZodType ? z.input<S> : never;
/** The type of `{}`: an input that accepts it needs nothing from the caller. */
type Empty = Record<never, never>;
/** A part the route has is required, unless an empty object is a valid value of it (a query of optional filters). */
type Part<K extends string, S> = S extends z.ZodType ? (Empty extends InputOf<S> ? { [P in K]?: InputOf<S> } : { [P in K]: InputOf<S> }) : { [P in K]?: never };

/** What a caller sends: `params` (filling the URL), `query` and `body`, each only when the route has it. */
export type ContractInput<C extends RouteContract> = Part<'params', C['params']> & Part<'query', C['querystring']> & Part<'body', C['body']>;

/** What a caller receives: the parsed JSON of the answer's schema (unknown for a route without one). */
export type ContractOutput<C extends RouteContract> = C['response'] extends z.ZodType ? z.output<C['response']> : unknown;

/** True when a call of `C` needs no input at all, so `call(contract)` may omit it. */
export type NeedsNoInput<C extends RouteContract> = Empty extends ContractInput<C> ? true : false;

/**
 * The URL path of a call: each `:name` replaced by its encoded param. Throws on a missing
 * param, which the types already rule out.
 *
 * @example
 * contractPath(regionsApi.getRegion, { code: '370921' }) // '/api/regions/370921'
 */
export function contractPath(contract: Pick<RouteContract, 'url'>, params?: Record<string, unknown>): string {
  return contract.url.replace(/:([A-Za-z_]\w*)/g, (_whole, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null || value === '') throw new Error(`${contract.url}: missing param ${name}`);
    return encodeURIComponent(String(value));
  });
}
