/**
 * What every browser suite needs: the current source built with Vite into a private directory,
 * the real server on a fresh in-memory demo database, Debian's Chromium driven by playwright-core,
 * fresh browser profiles, and signing in through the login form.
 *
 * Without /usr/bin/chromium a suite is skipped with a warning; with CI=true it fails instead.
 * The same for LibreOffice (/usr/bin/soffice), which a journey uses to open a downloaded file.
 * Screenshots go to test-results/.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Locator, type Page, type Response } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { openDatabase, type Database } from '../../src/server/db/database.ts';
import { loadEnv } from '../../src/server/env.ts';
import { DEMO_PASSWORD } from '../../src/server/modules/demo/index.ts';
import { testCipher } from '../support/test-app.ts';
import { buildWeb, dumpSeededDemo } from './prepared.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RESULTS = path.join(ROOT, 'test-results');
/** Debian's Chromium; CHROMIUM_PATH points elsewhere (or, in .ci/run's "Node alone" pass, nowhere). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const IN_CI = process.env.CI === 'true' || process.env.CI === '1';
const HAS_CHROMIUM = fs.existsSync(CHROMIUM);

/** `describe` when Chromium is there (or in CI, where its absence must fail), `describe.skip` otherwise. */
export const browserSuite = HAS_CHROMIUM || IN_CI ? describe : describe.skip;
if (!HAS_CHROMIUM && !IN_CI) {
  console.warn(`[browser test] skipped: ${CHROMIUM} is missing. Install Debian's chromium (apt-get install chromium fonts-noto-cjk) to run it.`);
}

/** Debian's LibreOffice (libreoffice-writer-nogui); SOFFICE_PATH points elsewhere. */
const SOFFICE = process.env.SOFFICE_PATH ?? '/usr/bin/soffice';
const HAS_SOFFICE = fs.existsSync(SOFFICE);
const NO_SOFFICE = `${SOFFICE} is missing: the downloaded Word file cannot be opened in LibreOffice. Install Debian's libreoffice-writer-nogui (apt-get install libreoffice-writer-nogui; .ci/run does).`;

/** `it` when LibreOffice is there (or in CI, where its absence must fail), `it.skip` with the reason otherwise. */
export const libreOfficeStep = HAS_SOFFICE || IN_CI ? it : it.skip;
if (!HAS_SOFFICE && !IN_CI) console.warn(`[browser test] LibreOffice step skipped: ${NO_SOFFICE}`);

/**
 * Opens `file` in headless LibreOffice and saves it as `format` (`txt:Text (encoded):UTF8`,
 * `pdf`, …) beside itself; returns the new file's path. A private profile per call: two
 * instances sharing one refuse to start. Throws (CI or not) when LibreOffice is missing.
 *
 * @example
 * const txt = await convertWithLibreOffice('/tmp/x/bulletin.docx', 'txt:Text (encoded):UTF8', 'txt'); // '/tmp/x/bulletin.txt'
 */
export async function convertWithLibreOffice(file: string, format: string, extension: string): Promise<string> {
  if (!HAS_SOFFICE) throw new Error(NO_SOFFICE);
  if (!fs.existsSync(file)) throw new Error(`no ${file} to open in LibreOffice`);
  const dir = path.dirname(file);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-soffice-'));
  try {
    await new Promise<void>((resolve, reject) =>
      execFile(SOFFICE, [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', format, '--outdir', dir, file], { timeout: 180_000 }, (error, stdout, stderr) =>
        error ? reject(new Error(`soffice failed: ${error.message}\n${stdout}\n${stderr}`)) : resolve(),
      ),
    );
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  const out = path.join(dir, `${path.basename(file, path.extname(file))}.${extension}`);
  if (!fs.existsSync(out)) throw new Error(`soffice wrote no ${out}`);
  return out;
}

/** Waits (up to 45 s, not expect.poll's 1 s: CI runs this beside the database suites) for what the page shows to settle. */
export const settle = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 45_000 });

/**
 * Clicks `target` and waits for the answer to the API request the click sends (`method` and a
 * path ending in `path`), so what follows (a database read, the next step) sees the server's
 * work done, and a click that sent nothing fails here instead of as a later timeout.
 */
export async function clickForAnswer(target: Locator, method: string, path: string, options: { timeout?: number } = {}): Promise<Response> {
  const [response] = await Promise.all([
    target.page().waitForResponse((r) => r.request().method() === method && new URL(r.url()).pathname.endsWith(path), options),
    target.click(),
  ]);
  return response;
}

/**
 * Picks an option in the open dialog's select `field` (typing `typed` first for a searching
 * select) and insists until the dialog shows it: under load a click can land while the dropdown
 * is still animating in, or before a search's answer replaced the options.
 */
export async function chooseInDialog(page: Page, field: string, option: string, typed?: string) {
  const modal = page.locator('.ant-modal:visible');
  for (let attempt = 0; attempt < 3 && !(await modal.innerText()).includes(option); attempt++) {
    await modal.getByLabel(field, { exact: true }).click();
    if (typed !== undefined) {
      // A retry replaces what an earlier try typed.
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(typed);
    }
    const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first();
    await item.waitFor({ state: 'visible' });
    // A dispatched click: the dropdown's opening animation can outlast Playwright's stability wait
    // on a busy machine, and a dropdown placed below a scrolled dialog was "outside of the
    // viewport" even for a forced click. The option reacts to the click event alone.
    await item.dispatchEvent('click');
    await page.waitForTimeout(300);
  }
  // The choice shows in the field (the dropdown itself is outside the dialog).
  await settle(() => modal.innerText()).toContain(option);
}

/** A phone (iPhone 12–15 size) and a desktop. */
export const PHONE = { width: 390, height: 844, mobile: true } as const;
export const DESKTOP = { width: 1280, height: 800 } as const;

export interface BrowserApp {
  baseUrl: string;
  database: Database;
  /** What the server logged at warn level and above (an import that failed, a 500), to explain a failing step. */
  serverLog: string[];
  /** A fresh browser profile (no cookies, no stored language) with a Chinese browser in Asia/Shanghai; page errors are collected. */
  openPage(options: { width: number; height: number; mobile?: boolean }): Promise<{ page: Page; errors: string[] }>;
  /** Signs in through the login form and waits for the workbench (the landing page); returns the sign-in's request id. */
  signIn(page: Page, username: string): Promise<string>;
  /** Once nothing is loading, saves a screenshot as test-results/<name>.png: the full page, or the viewport while a dialog or drawer is open. */
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Builds the web app, starts the server on a seeded in-memory PGlite and launches Chromium.
 * Call from `beforeAll` (allow a few minutes); `close()` in `afterAll`.
 */
export async function startBrowserApp(): Promise<BrowserApp> {
  if (!HAS_CHROMIUM) {
    throw new Error(`CI=true but ${CHROMIUM} is missing: the browser test cannot run. Install Debian's chromium (apt-get install chromium fonts-noto-cjk).`);
  }
  // Made once per run by global-setup.ts; made here when a suite runs outside it.
  const sharedWebDir = inject('browserWebDir');
  const webDir = sharedWebDir ?? (await buildWeb());
  const demoDump = inject('browserDemoDump') ?? (await dumpSeededDemo());
  const database = await openDatabase({ driver: 'pglite', template: new Blob([fs.readFileSync(demoDump)]) });
  const serverLog: string[] = [];
  const app: FastifyInstance = await buildApp({
    db: database.db,
    driver: database.driver,
    cipher: testCipher,
    env: loadEnv({ LOG_LEVEL: 'warn', LOGIN_RATE_LIMIT: '10000', CASE_SWEEP_INTERVAL_SECONDS: '0' }),
    logger: { write: (line) => void serverLog.push(line) },
    webDir,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  fs.mkdirSync(RESULTS, { recursive: true });
  const contexts: BrowserContext[] = [];

  return {
    baseUrl,
    database,
    serverLog,
    async openPage(options) {
      const context = await browser.newContext({
        viewport: { width: options.width, height: options.height },
        isMobile: options.mobile ?? false,
        hasTouch: options.mobile ?? false,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        acceptDownloads: true,
      });
      contexts.push(context);
      const page = await context.newPage();
      // Generous: on a loaded 2-core machine (a newcomer's npm test beside other work) one action can
      // wait many seconds for the CPU; what is tested is the behaviour, not the speed.
      page.setDefaultTimeout(30_000);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      return { page, errors };
    },
    async signIn(page, username) {
      await page.goto(`${baseUrl}/`);
      await page.waitForURL('**/login');
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码').fill(DEMO_PASSWORD);
      const response = await clickForAnswer(page.getByRole('button', { name: /登\s*录/ }), 'POST', '/api/auth/login');
      expect(response.status()).toBe(200);
      await page.getByTestId('workbench-page').waitFor();
      return response.headers()['x-request-id']!;
    },
    async screenshot(page, name) {
      await settle(() => page.locator('.ant-spin-spinning, .ant-skeleton').count()).toBe(0);
      // Chromium takes a full page by resizing the window to 1 × 1 and back: on a loaded machine
      // the app can render that phone-width moment, swap a desktop table for its phone layout and
      // so unmount an open dialog's owner (the reveal dialog vanished so). A dialog is fixed to
      // the viewport, so with one open the viewport is the picture.
      const dialogOpen = (await page.locator('.ant-modal:visible, .ant-drawer-open').count()) > 0;
      await page.screenshot({ path: path.join(RESULTS, `${name}.png`), fullPage: !dialogOpen, animations: 'disabled' });
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await app.close();
      await database.close();
      if (!sharedWebDir) fs.rmSync(webDir, { recursive: true, force: true });
    },
  };
}

/** The dialog open on the page (Ant Design keeps closed ones in the DOM, hidden). */
export const dialogOf = (page: Page) => page.locator('.ant-modal:visible');
/** The open dialog's primary (OK) button. */
export const dialogOk = (page: Page) => dialogOf(page).locator('.ant-modal-footer .ant-btn-primary');

/** Types an ISO date into an Ant Design date picker's input and confirms it with Enter. */
export async function typeDate(input: Locator, date: string) {
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

/** A small JPEG, a photo to upload as evidence. */
export const evidencePhoto = async () => (await import('sharp')).default({ create: { width: 320, height: 240, channels: 3, background: '#4477aa' } }).jpeg().toBuffer();

/**
 * On a rectification task's page, as its owner: uploads a photo (shown in the form), reports
 * progress with `note` and the photo (shown in the timeline), then submits the task for
 * verification (待验收), with nothing left for the owner to verify itself.
 */
export async function reportProgressAndSubmit(page: Page, taskId: string, note: string) {
  const [uploaded] = await Promise.all([
    page.waitForResponse((res) => res.request().method() === 'POST' && new URL(res.url()).pathname.endsWith(`/api/rectification-tasks/${taskId}/files`)),
    page.getByTestId('rect-photo-input').setInputFiles({ name: '整改现场.jpg', mimeType: 'image/jpeg', buffer: await evidencePhoto() }),
  ]);
  expect(uploaded.status(), await uploaded.text()).toBe(201);
  await settle(() => page.getByTestId('rect-progress-form').getByTestId('rect-photo').count()).toBe(1);
  await page.getByTestId('rect-progress-note').fill(note);
  const progress = await clickForAnswer(page.getByTestId('rect-progress-send'), 'POST', `/api/rectification-tasks/${taskId}/progress`);
  expect(progress.status(), await progress.text()).toBe(200);
  const update = page.getByTestId('rect-update-progress');
  await settle(() => update.innerText()).toContain(note);
  expect(await update.getByTestId('rect-photo').count()).toBe(1);
  await page.getByTestId('rect-step-submit').click();
  await dialogOf(page).waitFor();
  const submitted = await clickForAnswer(dialogOk(page), 'POST', `/api/rectification-tasks/${taskId}/submit`);
  expect(submitted.status(), await submitted.text()).toBe(200);
  await settle(() => page.getByTestId('rect-status').innerText()).toBe('待验收');
  expect(await page.getByTestId('rect-step-accept').count()).toBe(0);
  expect(await page.getByTestId('rect-step-return').count()).toBe(0);
}

/** On a submitted rectification task's page, as the county: accepts it (已验收). */
export async function acceptTask(page: Page, taskId: string) {
  await page.getByTestId('rect-step-accept').click();
  await dialogOf(page).waitFor();
  const accepted = await clickForAnswer(dialogOk(page), 'POST', `/api/rectification-tasks/${taskId}/accept`);
  expect(accepted.status(), await accepted.text()).toBe(200);
  await settle(() => page.getByTestId('rect-status').innerText()).toBe('已验收');
  await page.getByTestId('rect-update-accept').waitFor();
  expect(await page.getByTestId('rect-timeline').innerText()).toContain('提交验收');
}
