/**
 * The resident page (群众诉求 · 扫码反映, issue 11 point 9) in Chromium at phone size: a resident
 * opens a village's QR address, files a problem with a photo and the picture check, writes down
 * the tracking code, and follows the case; a wrong code finds nothing. A township admin downloads
 * the village's A4 poster.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { browserSuite, DESKTOP, PHONE, ROOT, settle, startBrowserApp, type BrowserApp } from './support.ts';

const PHOTO = fs.readFileSync(path.join(ROOT, 'src/web/public/icons/icon-192.png'));
const VILLAGE = '370921104201';

browserSuite('the resident page (browser)', () => {
  let web: BrowserApp;

  beforeAll(async () => {
    web = await startBrowserApp();
  }, 600_000);
  afterAll(async () => {
    await web?.close();
  });

  /** The answer to the picture the page shows, found from its stored hash (the answers are small numbers). */
  const answerOf = async (id: string) => {
    const row = await web.database.db.selectFrom('public_challenge').select('answer_hash').where('id', '=', id).executeTakeFirstOrThrow();
    for (let n = -20; n <= 200; n += 1) if (crypto.createHash('sha256').update(`${id}:${n}`).digest('hex') === row.answer_hash) return String(n);
    throw new Error('no answer found');
  };
  const watchChallenges = (page: Page) => {
    const ids: string[] = [];
    page.on('response', (r) => {
      if (r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/public/challenges' && r.status() === 201) void r.json().then((c: { id: string }) => ids.push(c.id));
    });
    return ids;
  };

  it('files a problem with a photo from a village’s QR address and follows it with the tracking code', async () => {
    const db = web.database.db;
    const { page, errors } = await web.openPage(PHONE);
    const challenges = watchChallenges(page);
    await page.goto(`${web.baseUrl}/r?v=${VILLAGE}`);
    await page.getByTestId('resident-app').waitFor();
    // The QR code's village is preset (堽城镇's first village).
    await settle(() => page.getByTestId('resident-village').innerText()).toContain('堽城镇');
    await page.getByTestId('resident-category').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '道路与路灯' }).first().click({ force: true });
    await settle(() => page.getByTestId('resident-category').innerText()).toContain('道路与路灯');
    await page.getByTestId('resident-description').fill('村口三盏路灯坏了两周，晚上路过很危险');
    await page.getByTestId('resident-photo-input').setInputFiles({ name: 'light.png', mimeType: 'image/png', buffer: PHOTO });
    await page.getByTestId('resident-photo-preview').waitFor();
    await page.getByTestId('resident-consent').click();
    await page.getByTestId('resident-phone').fill('13912345678');
    await settle(() => challenges.length).toBeGreaterThan(0);

    // A wrong answer spends the picture: the page shows a new one and says why.
    await page.getByTestId('resident-challenge-answer').fill('999');
    const before = challenges.length;
    await page.getByTestId('resident-submit').click();
    await settle(() => page.locator('.ant-form-item-explain-error').allInnerTexts()).toContainEqual(expect.stringContaining('验证码不正确'));
    await settle(() => challenges.length).toBeGreaterThan(before);

    await page.getByTestId('resident-challenge-answer').fill(await answerOf(challenges.at(-1)!));
    const [answer] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/public/cases'), page.getByTestId('resident-submit').click()]);
    expect(answer.status(), await answer.text()).toBe(201);
    await page.getByTestId('resident-submitted').waitFor();
    const caseNo = await page.getByTestId('resident-case-no').innerText();
    const trackingCode = (await page.getByTestId('resident-tracking-code').innerText()).trim();
    expect(trackingCode).toMatch(/^[0-9A-Z]{10}$/);
    const stored = await db.selectFrom('resident_case').selectAll().where('county_code', '=', '370921').where('case_no', '=', caseNo).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ channel: 'resident_page', registered_by: null, contact_phone_masked: '139****5678', consent_contact: true });
    expect(await db.selectFrom('case_file').select('sha256').where('case_id', '=', stored.id).execute()).toHaveLength(1);
    // Phone-size: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await web.screenshot(page, 'resident-page-filed');

    await page.getByRole('button', { name: '查看办理进度' }).click();
    await page.getByTestId('resident-progress').waitFor();
    expect(await page.getByTestId('resident-status').innerText()).toBe('已派单，等待承办单位签收');
    const steps = await page.getByTestId('resident-step').allInnerTexts();
    expect(steps.at(-1)).toContain('受理');
    expect(steps[0]).toMatch(/派单至/);
    const shown = await page.getByTestId('resident-progress').innerText();
    for (const secret of ['139', '5678', '村口三盏路灯']) expect(shown).not.toContain(secret);
    await web.screenshot(page, 'resident-page-track');

    // Later, on a fresh page: a code typed in lower case with dashes is found; a wrong one is not.
    const fresh = await web.openPage(PHONE);
    await fresh.page.goto(`${web.baseUrl}/r/track?v=${VILLAGE}`);
    const wrong = `${trackingCode.slice(0, 9)}${trackingCode.endsWith('0') ? '1' : '0'}`;
    await fresh.page.getByTestId('resident-track-code').fill(wrong);
    await fresh.page.getByTestId('resident-track-submit').click();
    await settle(() => fresh.page.getByTestId('resident-track-error').innerText()).toContain('没有找到');
    await fresh.page.getByTestId('resident-track-code').fill(`${trackingCode.slice(0, 5).toLowerCase()}-${trackingCode.slice(5)}`);
    await fresh.page.getByTestId('resident-track-submit').click();
    await settle(() => fresh.page.getByTestId('resident-progress').innerText()).toContain(caseNo);
    expect(errors).toEqual([]);
    expect(fresh.errors).toEqual([]);
  }, 240_000);

  it('lets a township admin download a village’s A4 poster', async () => {
    const { page, errors } = await web.openPage(DESKTOP);
    await web.signIn(page, 'gangcheng');
    await page.goto(`${web.baseUrl}/resident-posters`);
    const button = page.getByTestId(`poster-${VILLAGE}`);
    await button.waitFor();
    // Only the township's own villages.
    expect(await page.locator('[data-testid^="poster-3709211"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')).filter((id) => !id!.startsWith('poster-370921104')))).toEqual([]);
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toMatch(/^扫码反映-堽城镇-.+-370921104201\.png$/);
    const png = fs.readFileSync((await download.path())!);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // IHDR: width and height, A4 at 150 dpi.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1240, 1754]);
    expect(errors).toEqual([]);
  }, 120_000);
});
