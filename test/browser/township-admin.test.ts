/**
 * The web app in a real browser (see support.ts): regions, users menu, languages, the audit log
 * on a phone. Screenshots land in test-results/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_COUNTY_CODE, demoTownshipCodes } from '../../src/server/modules/demo/index.ts';
import { PROBLEM_MESSAGES } from '../../src/shared/problem.ts';
import { browserSuite, clickForAnswer, DESKTOP, PHONE, settle, startBrowserApp, type BrowserApp } from './support.ts';

const towns = demoTownshipCodes();
const gangcheng = towns.find((t) => t.name === '堽城镇')!;
const otherTownships = towns.filter((t) => t.code !== gangcheng.code);

browserSuite('web app in Chromium', () => {
  let web: BrowserApp;
  beforeAll(async () => {
    web = await startBrowserApp();
  }, 240_000);
  afterAll(async () => {
    await web?.close();
  });

  const childRows = (page: Page) => page.locator('[data-testid=region-children] tr.ant-table-row');

  it('a township admin sees their township and its villages only, in Chinese and in English', async () => {
    const { page, errors } = await web.openPage(DESKTOP);
    await web.signIn(page, 'gangcheng');

    // The region browser (from the menu; sign-in lands on the workbench) opens at their own township, with its villages.
    await page.getByRole('menuitem', { name: '区划' }).click();
    await page.waitForURL(`**/regions/${gangcheng.code}`);
    await settle(() => page.getByTestId('region-title').textContent()).toBe('堽城镇');
    const villages = await web.database.db
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
    await page.goto(`${web.baseUrl}/regions/${DEMO_COUNTY_CODE}`);
    await settle(() => page.getByTestId('load-error').innerText()).toContain(PROBLEM_MESSAGES.not_found['zh-CN']);
    expect(await page.locator('[data-testid=region-children]').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain('蒋集镇');
    await page.getByRole('button', { name: '返回本级区划' }).click();
    await page.waitForURL(`**/regions/${gangcheng.code}`);
    await page.getByTestId('region-title').waitFor();

    // English: the interface, the region names that have one, and the account's saved choice.
    const saved = await clickForAnswer(page.getByTestId('language-switch').getByText('EN'), 'PUT', '/api/auth/locale');
    expect(saved.status()).toBe(200);
    await settle(() => page.getByTestId('region-title').textContent()).toBe('Gangcheng Town');
    expect(await page.getByRole('menuitem', { name: 'Regions' }).count()).toBe(1);
    expect(await page.getByRole('menuitem', { name: 'Users' }).count()).toBe(1);
    const english = await page.locator('body').innerText();
    for (const label of ['Villages and communities', 'Show closed', 'Division code', 'Add sub-region', 'History', 'Demo data', 'Ningyang County']) {
      expect(english).toContain(label);
    }
    expect(english).not.toContain('显示已撤销');
    const account = await web.database.db.selectFrom('app_user').select('locale').where('username', '=', 'gangcheng').executeTakeFirstOrThrow();
    expect(account.locale).toBe('en');

    // Server messages follow: every request says which language it wants.
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.url().includes(`/api/regions/${DEMO_COUNTY_CODE}/children`)),
      page.goto(`${web.baseUrl}/regions/${DEMO_COUNTY_CODE}`),
    ]);
    expect(request.headers()['x-lianxin-locale']).toBe('en');
    await settle(() => page.getByTestId('load-error').innerText()).toContain(PROBLEM_MESSAGES.not_found.en);

    await page.goto(`${web.baseUrl}/regions/${gangcheng.code}`);
    await settle(() => page.getByTestId('region-title').textContent()).toBe('Gangcheng Town');
    await settle(() => childRows(page).count()).toBe(villages.length);
    await web.screenshot(page, 'township-admin');
    expect(errors).toEqual([]);
  }, 90_000);

  it('a county admin on a phone sees the 13 townships and finds their own sign-in in the audit log', async () => {
    const { page, errors } = await web.openPage(PHONE);
    const loginRequestId = await web.signIn(page, 'admin');

    // On a phone the menu is a drawer behind a button.
    expect(await page.locator('.ant-layout-sider').count()).toBe(0);
    await page.getByTestId('nav-toggle').click();
    await page.getByRole('menuitem', { name: '区划' }).click();
    await page.waitForURL(`**/regions/${DEMO_COUNTY_CODE}`);
    await settle(() => page.getByTestId('region-title').textContent()).toBe('宁阳县');
    await settle(() => childRows(page).count()).toBe(13);
    const text = await page.locator('body').innerText();
    for (const t of towns) expect(text).toContain(t.name);
    await web.screenshot(page, 'admin-phone');

    await page.getByTestId('nav-toggle').click();
    await page.getByRole('menuitem', { name: '审计日志' }).click();
    await page.waitForURL('**/audit');

    const ownLogin = page.locator('[data-testid=audit-table] tr.ant-table-row', { has: page.locator('[data-action="auth.login"]') }).filter({ hasText: 'admin' });
    await settle(() => ownLogin.count()).toBe(1);
    await ownLogin.click();
    const details = page.locator('[data-testid=audit-table] tr.ant-table-expanded-row');
    await settle(() => details.innerText()).toContain(loginRequestId);
    expect(await details.innerText()).toContain('auth.login');
    await web.screenshot(page, 'admin-phone-audit');
    expect(errors).toEqual([]);
  }, 90_000);

  it('a page whose code cannot be loaded (the server was updated under an open tab) says so, keeps the menu, and a reload brings it back', async () => {
    const { page } = await web.openPage(DESKTOP);
    await web.signIn(page, 'admin');
    // The audit page's chunk is gone, as after an update that renamed it.
    const chunk = '**/assets/AuditPage-*.js';
    await page.route(chunk, (route) => route.abort());
    await page.getByRole('menuitem', { name: '审计日志' }).click();
    await page.waitForURL('**/audit');
    await settle(() => page.getByTestId('page-error').innerText()).toContain('系统已更新，请重新加载页面。');
    // The shell stays: the menu still leads elsewhere.
    await page.getByRole('menuitem', { name: '用户管理' }).click();
    await page.waitForURL('**/users');
    await settle(() => page.getByTestId('page-error').count()).toBe(0);
    await page.goBack();
    await settle(() => page.getByTestId('page-error').count()).toBe(1);

    await page.unroute(chunk);
    await page.getByRole('button', { name: '重新加载' }).click();
    await settle(() => page.locator('[data-testid=audit-table] tr.ant-table-row').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('page-error').count()).toBe(0);
  }, 90_000);
});
