/**
 * The shared route table (`src/shared/api`) against what the server serves and what the web
 * calls: every contract is implemented exactly once, from its contract; a route outside the
 * table or a URL typed by hand in the web is allowed only for the routes and files still listed
 * in NOT_YET below, which may only shrink (an entry that no longer applies fails too).
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

/** Modules whose routes are not in the table yet: their routes, and the web files calling them by URL. */
const NOT_YET_MODULE_PREFIXES = [
  '/api/survey',
];

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

  it('serves no route outside the table but those of modules not yet moved into it', () => {
    const outside = served.filter((r) => !r.contract).map((r) => `${r.method} ${r.url}`);
    const unexpected = outside.filter((key) => !NOT_YET_MODULE_PREFIXES.some((prefix) => key.split(' ')[1]!.startsWith(prefix)));
    expect(unexpected).toEqual([]);
    // A prefix whose routes all moved into the table leaves the list.
    const stale = NOT_YET_MODULE_PREFIXES.filter((prefix) => !outside.some((key) => key.split(' ')[1]!.startsWith(prefix)));
    expect(stale).toEqual([]);
  });

  it('is how the web reaches the API: no URL typed by hand for a route in the table', () => {
    const inTable = (url: string) => !NOT_YET_MODULE_PREFIXES.some((prefix) => url.startsWith(prefix));
    const offenders = webFiles(WEB).flatMap((file) => handWrittenUrls(file).filter(inTable).map((url) => `${path.relative(WEB, file)}: ${url}`));
    expect(offenders).toEqual([]);
  });
});
