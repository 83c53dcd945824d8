/**
 * A running app on a fresh demo database, plus helpers to sign in as the demo accounts and
 * send requests the way the web app does (session cookie + CSRF header).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import type { Database } from '../../src/server/db/database.ts';
import { loadEnv } from '../../src/server/env.ts';
import { cliAuditSource } from '../../src/server/modules/audit/index.ts';
import { DEMO_PASSWORD, seedDemo } from '../../src/server/modules/demo/index.ts';
import { visitFileConfig, type VisitFileConfig } from '../../src/server/modules/visit-files/index.ts';
import { createFieldCipher } from '../../src/server/security/field-cipher.ts';

/** A fixed key for tests: never used outside them. */
export const testCipher = createFieldCipher(Buffer.alloc(32, 7));
import type { Dialect } from './dialects.ts';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  /** Signs in and returns a client whose requests carry the session cookie and CSRF token. */
  as(username: string, password?: string): Promise<Client>;
  anonymous: Client;
  /** Where this app keeps visit files (FILES_DIR): a temporary folder removed by close(). */
  filesDir: string;
  close(): Promise<void>;
}

export interface Client {
  cookie: string | null;
  csrfToken: string | null;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

function client(app: FastifyInstance, cookie: string | null, csrfToken: string | null): Client {
  const request = (options: InjectOptions) =>
    app.inject({
      ...options,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
        ...(options.headers ?? {}),
      },
    });
  return {
    cookie,
    csrfToken,
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, body) => request({ method: 'POST', url, ...(body === undefined ? {} : { payload: body as object }) }),
    patch: (url, body) => request({ method: 'PATCH', url, payload: body as object }),
    put: (url, body) => request({ method: 'PUT', url, payload: body as object }),
  };
}

export async function startTestApp(dialect: Dialect, envOverrides: Record<string, string> = {}): Promise<TestApp> {
  const database = await dialect.open();
  // Visit files go to a private temporary folder, never to the working copy's ./data/files.
  const filesDir = envOverrides.FILES_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-files-'));
  await seedDemo({ db: database.db, actor: null, source: cliAuditSource('test') });
  const app = await buildApp({ db: database.db, driver: database.driver, cipher: testCipher, env: loadEnv({ LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT: '10000', PUBLIC_SUBMIT_RATE_LIMIT: '10000', PUBLIC_TRACK_RATE_LIMIT: '10000', FILES_DIR: filesDir, CASE_SWEEP_INTERVAL_SECONDS: '0', ...envOverrides }) });
  await app.ready();
  const anonymous = client(app, null, null);
  return {
    app,
    database,
    anonymous,
    filesDir,
    async as(username, password = DEMO_PASSWORD) {
      const res = await anonymous.post('/api/auth/login', { username, password });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      const setCookie = [res.headers['set-cookie']].flat()[0] as string;
      return client(app, setCookie.split(';')[0]!, res.json().csrfToken);
    },
    async close() {
      await app.close();
      await database.close();
      if (!envOverrides.FILES_DIR) fs.rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

/**
 * The deployment's visit-file limits with a fresh temporary folder for the files, for tests that
 * store images outside a test app (the demo's simulated visits). The folder is left to the OS's
 * temporary-file cleaning, like the other scratch folders of a run.
 *
 * @example
 * await seedDemoCampaign(ctx, { files: testVisitFiles(), now });
 */
export function testVisitFiles(): VisitFileConfig {
  return visitFileConfig(loadEnv({ FILES_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-files-')) }));
}
