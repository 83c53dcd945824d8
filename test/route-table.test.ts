/**
 * The shared route table (`src/shared/api`) against what the server serves and what the web
 * calls: every contract is implemented exactly once, from its contract; the server serves no
 * API route outside the table, and no web file types an `/api/…` URL by hand.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_TABLE } from '../src/shared/api/index.ts';
import type { RouteContract } from '../src/shared/api/contract.ts';
import { buildApp } from '../src/server/app.ts';
import type { Database } from '../src/server/db/database.ts';
import { loadEnv } from '../src/server/env.ts';
import { DIALECTS } from './support/dialects.ts';
import { testCipher } from './support/test-app.ts';

const WEB = path.resolve(import.meta.dirname, '../src/web');

function webFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return webFiles(full);
    return /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** `/api/…` URLs written in a web file's code (comments removed). */
function handWrittenUrls(file: string): string[] {
  const code = fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return [...code.matchAll(/['"`](\/api\/[^'"`]*)/g)].map((m) => m[1]!);
}

describe('the route table', () => {
  let database: Database;
  let served: { method: string; url: string; contract?: RouteContract }[];
  beforeAll(async () => {
    database = await DIALECTS[0]!.open();
    const app = await buildApp({ db: database.db, driver: database.driver, cipher: testCipher, env: loadEnv({ LOG_LEVEL: 'silent' }) });
    await app.ready();
    served = app.apiRoutes;
    await app.close();
  });
  afterAll(async () => database?.close());

  const contracts = Object.entries(ROUTE_TABLE).flatMap(([module, routes]) => Object.entries(routes).map(([name, contract]) => ({ name: `${module}.${name}`, contract: contract as RouteContract })));

  it('has each contract implemented exactly once, from that contract', () => {
    for (const { name, contract } of contracts) {
      const matches = served.filter((r) => r.method === contract.method && r.url === contract.url);
      expect(matches, name).toHaveLength(1);
      expect(matches[0]!.contract, `${name} is served by a route defined without its contract`).toBe(contract);
    }
    const keys = contracts.map((c) => `${c.contract.method} ${c.contract.url}`);
    expect(new Set(keys).size, 'two contracts with one method and URL').toBe(keys.length);
  });

  it('serves no API route outside the table', () => {
    expect(served.filter((r) => !r.contract).map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });

  it('is how the web reaches the API: no URL typed by hand', () => {
    const offenders = webFiles(WEB).flatMap((file) => handWrittenUrls(file).map((url) => `${path.relative(WEB, file)}: ${url}`));
    expect(offenders).toEqual([]);
  });
});
