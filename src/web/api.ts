/**
 * The one way the web app talks to the server: JSON over fetch with the session cookie, the
 * CSRF token on every write, the interface language on every request, and problem+json errors
 * turned into `ApiError`. A 401 on any call but the sign-in itself sends the user to the login page.
 * Files go up as raw request bodies (`upload`) and come down as blobs (`download`), the same way.
 */
import { contractPath, type ContractInput, type ContractOutput, type NeedsNoInput, type RouteContract } from '../shared/api/contract.ts';
import type { TLocale } from '../shared/locale.ts';
import { ZProblemExtensions, type TProblem, type TProblemExtensions } from '../shared/problem.ts';

export interface ApiIssue {
  path: string;
  message: string;
}

/** A failed call: the server's problem+json, or a network / non-JSON failure (status 0 / code 'network_error' / 'http_error'). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** The server's message in the user's language; empty when the server gave none. */
  readonly detail: string;
  readonly issues: ApiIssue[];
  readonly requestId: string | undefined;
  /** The problem's extension members (e.g. `nextWindow` of outside_calling_hours); empty when it has none. */
  readonly extensions: TProblemExtensions;

  constructor(status: number, code: string, detail: string, issues: ApiIssue[] = [], requestId?: string, extensions: TProblemExtensions = {}) {
    super(detail || code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.issues = issues;
    this.requestId = requestId;
    this.extensions = extensions;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

let csrfToken: string | null = null;
let requestLocale: TLocale = 'zh-CN';
let unauthorizedHandler: ((error: ApiError) => void) | null = null;

/** From GET /api/auth/me or the sign-in answer; sent back in X-CSRF-Token on every write. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** Sent as X-Lianxin-Locale so that server messages come back in the interface language. */
export function setRequestLocale(locale: TLocale) {
  requestLocale = locale;
}

/** Called when a request comes back 401 (session ended, expired or revoked). */
export function onUnauthorized(handler: ((error: ApiError) => void) | null) {
  unauthorizedHandler = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Off for the calls where 401 is an expected answer (sign-in, "who am I" at start). */
  redirectOn401?: boolean;
  signal?: AbortSignal;
}

function withQuery(path: string, query?: Query) {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function isProblem(value: unknown): value is TProblem {
  return typeof value === 'object' && value !== null && typeof (value as TProblem).code === 'string' && typeof (value as TProblem).detail === 'string';
}

function baseHeaders(method: string): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', 'X-Lianxin-Locale': requestLocale };
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  return headers;
}

async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { credentials: 'same-origin', ...init });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network_error', '');
  }
}

const parseJson = (text: string): unknown => {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** The ApiError for a failed response (its problem+json when there is one); a 401 also signs the user out. */
async function failure(response: Response, redirectOn401: boolean | undefined): Promise<ApiError> {
  const payload = parseJson(await response.text());
  const error = isProblem(payload)
    ? new ApiError(response.status, payload.code, payload.detail, payload.issues ?? [], payload.requestId, ZProblemExtensions.safeParse(payload).data ?? {})
    : new ApiError(response.status, 'http_error', '', [], response.headers.get('x-request-id') ?? undefined);
  if (response.status === 401 && redirectOn401 !== false) unauthorizedHandler?.(error);
  return error;
}

export async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, options: RequestOptions = {}): Promise<T> {
  const headers = baseHeaders(method);
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await send(withQuery(path, options.query), {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (!response.ok) throw await failure(response, options.redirectOn401);
  return parseJson(await response.text()) as T;
}

/**
 * Sends a file as the raw request body (the import API), with the file's own content type.
 *
 * @example
 * const job = await upload<TImportJob>('/api/imports/households', file, 'text/csv', { fileName: file.name, mode: 'partial' });
 */
async function upload<T>(path: string, file: Blob, contentType: string, query?: Query): Promise<T> {
  const headers = { ...baseHeaders('POST'), 'Content-Type': contentType };
  const response = await send(withQuery(path, query), { method: 'POST', headers, body: file });
  if (!response.ok) throw await failure(response, true);
  return parseJson(await response.text()) as T;
}

/** The file name a response offers (RFC 6266 `filename*`, else `filename`). */
function offeredFileName(response: Response): string | undefined {
  const disposition = response.headers.get('content-disposition') ?? '';
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended);
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="([^"]+)"/i.exec(disposition)?.[1];
}

/**
 * Downloads a file the API generates (an XLSX export, a report) with the session cookie, then
 * saves it through a temporary link; failures come back as ApiError like any other call.
 *
 * @example
 * await download('/api/residents/export.xlsx', { regionCode: '370921104' }, '居民名单.xlsx');
 */
export async function download(path: string, query: Query | undefined, fileName?: string): Promise<void> {
  const response = await send(withQuery(path, query), { method: 'GET', headers: baseHeaders('GET') });
  if (!response.ok) throw await failure(response, true);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName ?? offeredFileName(response) ?? 'download';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the browser a moment to start saving before the blob goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Options of a contract call beyond its input. */
export type CallOptions = Omit<RequestOptions, 'query' | 'body'>;

/**
 * Calls a route of the shared route table (`src/shared/api`): the URL comes from the contract and
 * its params, and the input and answer types from its schemas, so the caller asserts nothing.
 *
 * @example
 * const children = await call(regionsApi.listChildren, { params: { code }, query: { includeClosed: 'true' } }, { signal });
 */
export function call<C extends RouteContract>(
  contract: C,
  ...[input, options]: NeedsNoInput<C> extends true ? [input?: ContractInput<C>, options?: CallOptions] : [input: ContractInput<C>, options?: CallOptions]
): Promise<ContractOutput<C>> {
  const parts = (input ?? {}) as { params?: Record<string, unknown>; query?: Query; body?: unknown };
  return request<ContractOutput<C>>(contract.method, contractPath(contract, parts.params), {
    ...options,
    ...(parts.query ? { query: parts.query } : {}),
    ...(parts.body !== undefined ? { body: parts.body } : {}),
  });
}

/** The URL of a contract's route (for downloads, which `download` saves as files). */
export const urlOf = <C extends RouteContract>(contract: C, params?: ContractInput<C>['params']) => contractPath(contract, params as Record<string, unknown> | undefined);

/**
 * Uploads a file to a route of the table whose body is the file itself (its contract has no
 * `body` schema): URL and query from the contract, the answer typed by its response schema.
 *
 * @example
 * const job = await uploadCall(importsApi.uploadHouseholds, { query: { fileName: file.name, mode } }, file, contentTypeOf(file));
 */
export function uploadCall<C extends RouteContract>(contract: C, input: Omit<ContractInput<C>, 'body'>, file: Blob, contentType: string): Promise<ContractOutput<C>> {
  const parts = input as { params?: Record<string, unknown>; query?: Query };
  return upload<ContractOutput<C>>(contractPath(contract, parts.params), file, contentType, parts.query);
}

/**
 * Downloads the file a route of the table answers with (an export, a report, a template).
 *
 * @example
 * await downloadCall(registryApi.exportResidents, { query: { regionCode } }, '居民名单.xlsx');
 */
export function downloadCall<C extends RouteContract>(contract: C, input: Omit<ContractInput<C>, 'body'>, fileName?: string): Promise<void> {
  const parts = input as { params?: Record<string, unknown>; query?: Query };
  return download(contractPath(contract, parts.params), parts.query, fileName);
}

