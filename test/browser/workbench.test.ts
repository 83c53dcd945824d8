/**
 * Every demo account lands on its workbench (工作台) after sign-in, with what its role needs
 * first: the demo county with its registry and survey (a closed wave with results, an open one),
 * as `npm start` loads it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cliAuditSource } from '../../src/server/modules/audit/index.ts';
import { seedDemoRegistry } from '../../src/server/modules/demo/index.ts';
import { seedDemoSurvey } from '../../src/server/modules/demo/index.ts';
import { demoTownshipCodes } from '../../src/server/modules/demo/index.ts';
import { testCipher } from '../support/test-app.ts';
import { browserSuite, DESKTOP, PHONE, settle, startBrowserApp, type BrowserApp } from './support.ts';

const towns = demoTownshipCodes();
const gangcheng = towns.find((t) => t.name === '堽城镇')!;

browserSuite('workbench in Chromium', () => {
  let web: BrowserApp;
  let closedWave: string;
  let openWave: string;
  beforeAll(async () => {
    web = await startBrowserApp();
    const source = cliAuditSource('browser-test');
    await seedDemoRegistry({ db: web.database.db, actor: null, source, cipher: testCipher }, { households: 1500, seed: 4 });
    await seedDemoSurvey({ db: web.database.db, actor: null, source, cipher: testCipher });
    const waves = await web.database.db.selectFrom('survey_wave').select(['name', 'status']).execute();
    closedWave = waves.find((w) => w.status === 'closed')!.name;
    openWave = waves.find((w) => w.status === 'fieldwork')!.name;
  }, 600_000);
  afterAll(async () => {
    await web?.close();
  });

  const card = (page: Page, kind: string) => page.getByTestId(`workbench-card-${kind}`);
  const cardKinds = (page: Page) => page.locator('[data-testid^=workbench-card-]').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-testid')!.replace('workbench-card-', '')));

  it('the sign-in page names the county; a county leader lands on the county index with its interval and trend, and pairing coverage', async () => {
    const { page, errors } = await web.openPage(DESKTOP);
    await page.goto(`${web.baseUrl}/login`);
    await settle(() => page.getByTestId('login-county').textContent()).toBe('宁阳县');
    await web.signIn(page, 'leader');
    expect(new URL(page.url()).pathname).toBe('/');
    await settle(() => cardKinds(page)).toEqual(['satisfaction', 'pairing-coverage']);
    const index = card(page, 'satisfaction');
    await settle(() => index.innerText()).toContain(closedWave);
    const text = await index.innerText();
    expect(text).toContain('宁阳县');
    expect(text).toMatch(/95% 置信区间 \d+\.\d–\d+\.\d/);
    // The trend is drawn (ECharts' SVG), with a point for the closed wave.
    await settle(() => index.locator('[data-testid=satisfaction-trend] svg path').count()).toBeGreaterThan(0);
    // The same totals as the pairing report the leader may open.
    const report = (await (await page.request.get(`${web.baseUrl}/api/pairings/report`)).json()) as { totals: { hardshipHouseholds: number; withResponsible: number } };
    expect(report.totals.hardshipHouseholds).toBeGreaterThan(0);
    await settle(() => card(page, 'pairing-coverage').getByTestId('pairing-hardship').innerText()).toContain(report.totals.hardshipHouseholds.toLocaleString('en-US'));
    expect(await card(page, 'pairing-coverage').getByTestId('pairing-with').innerText()).toContain(report.totals.withResponsible.toLocaleString('en-US'));
    // No to-dos for a leader, who assigns nobody; the region browser is one click away.
    expect(await page.getByTestId('workbench-todos').count()).toBe(0);
    await web.screenshot(page, 'workbench-leader');
    await page.getByRole('menuitem', { name: '区划' }).click();
    await page.getByTestId('region-page').waitFor();
    // The Chinese interface gives the Chinese name and the level, not the English name.
    await settle(() => page.getByTestId('region-title').textContent()).toBe('宁阳县');
    expect(await page.getByTestId('region-page').innerText()).not.toContain('Ningyang County');
    expect(errors).toEqual([]);
  }, 120_000);

  it('a county admin also gets the unpaired households to deal with and the wave in fieldwork', async () => {
    const { page, errors } = await web.openPage(DESKTOP);
    await web.signIn(page, 'admin');
    await settle(() => cardKinds(page)).toEqual(['satisfaction', 'fieldwork', 'pairing-coverage']);
    await settle(() => page.getByTestId('workbench-todo-pairing.unpaired').innerText()).toMatch(/\d+ 户困难户尚未落实责任干部/);
    expect(await card(page, 'fieldwork').innerText()).toContain(openWave);
    await page.getByTestId('workbench-todo-pairing.unpaired').getByRole('link').click();
    await page.waitForURL('**/pairing');
    expect(errors).toEqual([]);
  }, 120_000);

  it('a township admin sees their own township beside the county, and nothing of the others', async () => {
    const { page, errors } = await web.openPage(DESKTOP);
    await web.signIn(page, 'gangcheng');
    await settle(() => cardKinds(page)).toEqual(['satisfaction', 'pairing-coverage']);
    const index = card(page, 'satisfaction');
    await settle(() => index.innerText()).toContain('堽城镇');
    expect(await index.innerText()).toContain('同期全县');
    expect(await card(page, 'pairing-coverage').innerText()).toContain('堽城镇');
    const text = await page.locator('body').innerText();
    for (const t of towns.filter((x) => x.code !== gangcheng.code)) expect(text, `${t.name} must not appear`).not.toContain(t.name);
    await web.screenshot(page, 'workbench-township');
    expect(errors).toEqual([]);
  }, 120_000);

  it('a village cadre sees their paired households, each a link to its page', async () => {
    const { page, errors } = await web.openPage(PHONE);
    await web.signIn(page, 'cadre');
    await settle(() => cardKinds(page)).toEqual(['my-pairings']);
    const paired = await web.database.db
      .selectFrom('pairing as p')
      .innerJoin('app_user as u', 'u.id', 'p.cadre_id')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('u.username', '=', 'cadre')
      .where('p.ended_on', 'is', null)
      .executeTakeFirstOrThrow();
    expect(Number(paired.n)).toBeGreaterThan(0);
    const rows = card(page, 'my-pairings').locator('tr.ant-table-row');
    await settle(() => rows.count()).toBe(Math.min(20, Number(paired.n)));
    expect(await card(page, 'my-pairings').innerText()).toContain(`共 ${Number(paired.n)} 户`);
    await web.screenshot(page, 'workbench-cadre-phone');
    await rows.first().getByRole('link').click();
    await page.waitForURL(/\/households\/\d+$/);
    expect(errors).toEqual([]);
  }, 120_000);

  it('an interviewer starts from the workstation card (no shortcut help on a phone); a supervisor sees the wave in fieldwork with its progress', async () => {
    const phone = await web.openPage(PHONE);
    await web.signIn(phone.page, 'interviewer1');
    await settle(() => cardKinds(phone.page)).toEqual(['workstation']);
    expect(await card(phone.page, 'workstation').innerText()).toContain(openWave);
    await phone.page.getByTestId('open-workstation').click();
    await phone.page.waitForURL('**/survey/workstation');
    await phone.page.getByTestId('wave-hours').waitFor();
    expect(await phone.page.getByTestId('shortcut-help').count()).toBe(0);
    expect(phone.errors).toEqual([]);

    const { page, errors } = await web.openPage(DESKTOP);
    await web.signIn(page, 'supervisor');
    await settle(() => cardKinds(page)).toEqual(['fieldwork']);
    const wave = card(page, 'fieldwork').getByTestId('fieldwork-wave');
    await settle(() => wave.innerText()).toContain(openWave);
    expect(await wave.innerText()).toMatch(/\d+ \/ \d+/);
    await wave.getByRole('link', { name: '查看进度' }).click();
    await page.getByTestId('survey-progress-page').waitFor();
    expect(errors).toEqual([]);
  }, 120_000);

  it('a department handler lands on an empty workbench that points to the menu', async () => {
    const { page, errors } = await web.openPage(DESKTOP);
    await web.signIn(page, 'minzheng');
    await settle(() => page.getByTestId('workbench-page').innerText()).toContain('您的工作台暂时没有内容');
    expect(await cardKinds(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);
});
