/**
 * The web app in a real browser: the current source is built with Vite, served by the real
 * server on a fresh demo database, and driven in Debian's Chromium with playwright-core.
 *
 * Without /usr/bin/chromium the suite is skipped with a warning; with CI=true it fails instead.
 * Screenshots land in test-results/.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { openDatabase, type Database } from '../../src/server/db/database.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { loadEnv } from '../../src/server/env.ts';
import { cliAuditSource } from '../../src/server/modules/audit/record-audit.ts';
import { DEMO_COUNTY_CODE, DEMO_PASSWORD, demoTownshipCodes, seedDemo } from '../../src/server/modules/demo/seed-demo.ts';
import { PROBLEM_MESSAGES } from '../../src/shared/problem.ts';
import { testCipher } from '../support/test-app.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RESULTS = path.join(ROOT, 'test-results');
const CHROMIUM = '/usr/bin/chromium';
const IN_CI = process.env.CI === 'true' || process.env.CI === '1';
const HAS_CHROMIUM = fs.existsSync(CHROMIUM);

if (!HAS_CHROMIUM && !IN_CI) {
  console.warn(`[browser test] skipped: ${CHROMIUM} is missing. Install Debian's chromium (apt-get install chromium fonts-noto-cjk) to run it.`);
}

const towns = demoTownshipCodes();
const gangcheng = towns.find((t) => t.name === '堽城镇')!;
const otherTownships = towns.filter((t) => t.code !== gangcheng.code);

const suite = HAS_CHROMIUM || IN_CI ? describe : describe.skip;

/** Waits (up to 15 s, not expect.poll's 1 s) for what the page shows to settle. */
const settle = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

suite('web app in Chromium', () => {
  let webDir: string;
  let database: Database;
  let app: FastifyInstance;
  let browser: Browser;
  let baseUrl: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    if (!HAS_CHROMIUM) {
      throw new Error(`CI=true but ${CHROMIUM} is missing: the browser test cannot run. Install Debian's chromium (apt-get install chromium fonts-noto-cjk).`);
    }
    // Build the current source, as `npm run build` would, into a private directory.
    webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-web-'));
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production'; // vitest sets 'test', which would give React's development build
    try {
      await build({ configFile: path.join(ROOT, 'vite.config.ts'), mode: 'production', logLevel: 'warn', build: { outDir: webDir, emptyOutDir: true } });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }

    database = await openDatabase({ driver: 'pglite' });
    await migrate(database.db);
    await seedDemo(database.db, cliAuditSource('browser-test'));
    app = await buildApp({
      db: database.db,
      driver: database.driver,
      cipher: testCipher,
      env: loadEnv({ LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT: '10000' }),
      webDir,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    fs.mkdirSync(RESULTS, { recursive: true });
  }, 240_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
    await database?.close();
    if (webDir) fs.rmSync(webDir, { recursive: true, force: true });
  });

  /** A fresh browser profile (no cookies, no stored language) with a Chinese browser. */
  async function openPage(options: { width: number; height: number; mobile?: boolean }) {
    const context = await browser.newContext({
      viewport: { width: options.width, height: options.height },
      isMobile: options.mobile ?? false,
      hasTouch: options.mobile ?? false,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    return { page, errors };
  }

  /** Signs in through the login form; returns the request id of the sign-in. */
  async function signIn(page: Page, username: string) {
    await page.goto(`${baseUrl}/`);
    await page.waitForURL('**/login');
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/auth/login')),
      page.getByRole('button', { name: /登\s*录/ }).click(),
    ]);
    expect(response.status()).toBe(200);
    await page.getByTestId('region-page').waitFor();
    return response.headers()['x-request-id']!;
  }

  const childRows = (page: Page) => page.locator('[data-testid=region-children] tr.ant-table-row');

  it('a township admin sees their township and its villages only, in Chinese and in English', async () => {
    const { page, errors } = await openPage({ width: 1280, height: 800 });
    await signIn(page, 'gangcheng');

    // Home is their own township, with its villages.
    await page.waitForURL(`**/regions/${gangcheng.code}`);
    await settle(() => page.getByTestId('region-title').textContent()).toBe('堽城镇');
    const villages = await database.db
      .selectFrom('region as r')
      .innerJoin('region as p', 'p.id', 'r.parent_id')
      .select('r.code')
      .where('p.code', '=', gangcheng.code)
      .where('r.closed_on', 'is', null)
      .orderBy('r.code')
      .execute();
    expect(villages.length).toBeGreaterThanOrEqual(10);
    await settle(() => childRows(page).count()).toBe(villages.length);
    const shown = await childRows(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-key')));
    expect(shown).toEqual(villages.map((v) => v.code));
    await settle(() => page.getByTestId('tag-synthetic').count()).toBe(villages.length);

    // Nothing of the other townships; the county is named in the breadcrumb but is not a link.
    const text = await page.locator('body').innerText();
    for (const t of otherTownships) expect(text, `${t.name} must not appear`).not.toContain(t.name);
    const breadcrumb = page.getByTestId('region-breadcrumb');
    await settle(() => breadcrumb.innerText()).toContain('宁阳县');
    expect(await breadcrumb.getByRole('link').count()).toBe(0);
    // Township admins manage users; only county admins read the audit log.
    expect(await page.getByRole('menuitem', { name: '用户管理' }).count()).toBe(1);
    expect(await page.getByRole('menuitem', { name: '审计日志' }).count()).toBe(0);

    // The county above them: the server's message, not the county's townships.
    await page.goto(`${baseUrl}/regions/${DEMO_COUNTY_CODE}`);
    await settle(() => page.getByTestId('load-error').innerText()).toContain(PROBLEM_MESSAGES.not_found['zh-CN']);
    expect(await page.locator('[data-testid=region-children]').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain('蒋集镇');
    await page.getByRole('button', { name: '返回本级区划' }).click();
    await page.waitForURL(`**/regions/${gangcheng.code}`);
    await page.getByTestId('region-title').waitFor();

    // English: the interface, the region names that have one, and the account's saved choice.
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/auth/locale') && r.request().method() === 'PUT'),
      page.getByTestId('language-switch').getByText('EN').click(),
    ]);
    expect(saved.status()).toBe(200);
    await settle(() => page.getByTestId('region-title').textContent()).toBe('Gangcheng Town');
    expect(await page.getByRole('menuitem', { name: 'Regions' }).count()).toBe(1);
    expect(await page.getByRole('menuitem', { name: 'Users' }).count()).toBe(1);
    const english = await page.locator('body').innerText();
    for (const label of ['Villages and communities', 'Show closed', 'Division code', 'Add sub-region', 'History', 'Demo data', 'Ningyang County']) {
      expect(english).toContain(label);
    }
    expect(english).not.toContain('显示已撤销');
    const account = await database.db.selectFrom('app_user').select('locale').where('username', '=', 'gangcheng').executeTakeFirstOrThrow();
    expect(account.locale).toBe('en');

    // Server messages follow: every request says which language it wants.
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.url().includes(`/api/regions/${DEMO_COUNTY_CODE}/children`)),
      page.goto(`${baseUrl}/regions/${DEMO_COUNTY_CODE}`),
    ]);
    expect(request.headers()['x-lianxin-locale']).toBe('en');
    await settle(() => page.getByTestId('load-error').innerText()).toContain(PROBLEM_MESSAGES.not_found.en);

    await page.goto(`${baseUrl}/`);
    await settle(() => page.getByTestId('region-title').textContent()).toBe('Gangcheng Town');
    await settle(() => childRows(page).count()).toBe(villages.length);
    await page.screenshot({ path: path.join(RESULTS, 'township-admin.png'), fullPage: true });
    expect(errors).toEqual([]);
  }, 90_000);

  it('a county admin on a phone sees the 13 townships and finds their own sign-in in the audit log', async () => {
    const { page, errors } = await openPage({ width: 390, height: 844, mobile: true });
    const loginRequestId = await signIn(page, 'admin');

    await page.waitForURL(`**/regions/${DEMO_COUNTY_CODE}`);
    await settle(() => page.getByTestId('region-title').textContent()).toBe('宁阳县');
    await settle(() => childRows(page).count()).toBe(13);
    const text = await page.locator('body').innerText();
    for (const t of towns) expect(text).toContain(t.name);
    await page.screenshot({ path: path.join(RESULTS, 'admin-phone.png'), fullPage: true });

    // On a phone the menu is a drawer behind a button.
    expect(await page.locator('.ant-layout-sider').count()).toBe(0);
    await page.getByTestId('nav-toggle').click();
    await page.getByRole('menuitem', { name: '审计日志' }).click();
    await page.waitForURL('**/audit');

    const ownLogin = page.locator('[data-testid=audit-table] tr.ant-table-row', { has: page.locator('[data-action="auth.login"]') }).filter({ hasText: 'admin' });
    await settle(() => ownLogin.count()).toBe(1);
    await ownLogin.click();
    const details = page.locator('[data-testid=audit-table] tr.ant-table-expanded-row');
    await settle(() => details.innerText()).toContain(loginRequestId);
    expect(await details.innerText()).toContain('auth.login');
    await page.screenshot({ path: path.join(RESULTS, 'admin-phone-audit.png'), fullPage: true });
    expect(errors).toEqual([]);
  }, 90_000);
});
