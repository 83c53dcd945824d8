/**
 * The one way the web app talks to the server: JSON over fetch with the session cookie, the
 * CSRF token on every write, the interface language on every request, and problem+json errors
 * turned into `ApiError`. A 401 on any call but the sign-in itself sends the user to the login page.
 */
import type { TLocale } from '../shared/locale.ts';
import type { TProblem } from '../shared/problem.ts';

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

  constructor(status: number, code: string, detail: string, issues: ApiIssue[] = [], requestId?: string) {
    super(detail || code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.issues = issues;
    this.requestId = requestId;
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

export async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', 'X-Lianxin-Locale': requestLocale };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network_error', '');
  }

  const text = await response.text();
  let payload: unknown = undefined;
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = undefined;
    }
  }

  if (response.ok) return payload as T;

  const error = isProblem(payload)
    ? new ApiError(response.status, payload.code, payload.detail, payload.issues ?? [], payload.requestId)
    : new ApiError(response.status, 'http_error', '', [], response.headers.get('x-request-id') ?? undefined);
  if (response.status === 401 && options.redirectOn401 !== false) unauthorizedHandler?.(error);
  throw error;
}

export const api = {
  get: <T>(path: string, query?: Query, options: Omit<RequestOptions, 'query' | 'body'> = {}) => request<T>('GET', path, { ...options, ...(query ? { query } : {}) }),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) => request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
};
