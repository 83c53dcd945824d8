/**
 * The campaigns pages in a real browser (see support.ts): the demo's winter campaign in the list,
 * its detail with counts by township and village, a village's households given back to the
 * village's cadres, the leader's read-only view, and closing with a confirmation.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cliAuditSource } from '../../src/server/modules/audit/index.ts';
import { demoTownshipCodes, seedDemoCampaign, seedDemoRegistry } from '../../src/server/modules/demo/index.ts';
import { testCipher, testVisitFiles } from '../support/test-app.ts';
import { browserSuite, chooseInDialog, clickForAnswer, DESKTOP, settle, startBrowserApp, type BrowserApp } from './support.ts';

const gangcheng = demoTownshipCodes().find((t) => t.name === '堽城镇')!;

browserSuite('campaigns in Chromium', () => {
  let web: BrowserApp;
  let campaignId: string;
  beforeAll(async () => {
    web = await startBrowserApp();
    const source = cliAuditSource('browser-test');
    await seedDemoRegistry({ db: web.database.db, actor: null, source, cipher: testCipher }, { households: 1500, seed: 4 });
    campaignId = (await seedDemoCampaign({ db: web.database.db, actor: null, source }, { now: new Date('2026-12-06T04:00:00Z'), files: testVisitFiles() })).campaignId!;
  }, 600_000);
  afterAll(async () => {
    await web?.close();
  });

  it('a county admin finds the winter campaign, reads its counts and gives a village’s households back to its cadres, then closes it', async () => {
    const { page, errors } = await web.openPage(DESKTOP);
    await web.signIn(page, 'admin');
    await page.getByRole('menuitem', { name: '走访活动' }).click();
    await page.waitForURL('**/campaigns');
    await page.getByRole('link', { name: '2026年冬季集中走访慰问' }).click();
    await page.waitForURL(`**/campaigns/${campaignId}`);
    await settle(() => page.getByTestId('campaign-page').innerText()).toContain('进行中');
    const body = await page.getByTestId('campaign-page').innerText();
    expect(body).toContain('特困供养人员慰问 + 500 元 + 大米1袋 + 食用油1桶');
    expect(body).toContain(gangcheng.name);

    // The first village with targets (the villages table's first page): its households, then all of them to the village's cadres.
    const village = await web.database.db
      .selectFrom('visit_target as vt')
      .innerJoin('region as v', 'v.id', 'vt.village_id')
      .select(['v.id', 'v.name', 'v.code'])
      .where('vt.campaign_id', '=', campaignId)
      .orderBy('v.code')
      .executeTakeFirstOrThrow();
    await page.locator(`tr[data-row-key="${village.code}"]`).click();
    await settle(() => page.getByText(`${village.name} 的走访对象`).count()).toBe(1);
    await page.getByTestId('reassign-village').click();
    await chooseInDialog(page, '交给', '本村干部（不指定）');
    const answer = await clickForAnswer(page.locator('.ant-modal:visible').getByRole('button', { name: /提\s*交/ }), 'POST', `/api/visit-campaigns/${campaignId}/reassign`);
    expect(answer.status()).toBe(200);
    const assigned = await web.database.db.selectFrom('visit_target').select('cadre_id').where('campaign_id', '=', campaignId).where('village_id', '=', village.id).execute();
    expect(assigned.length).toBeGreaterThan(0);
    expect(assigned.every((a) => a.cadre_id === null)).toBe(true);

    // Closing asks first; afterwards the campaign says it is read-only.
    await page.getByTestId('close-campaign').click();
    const closed = await clickForAnswer(page.locator('.ant-modal-confirm').getByRole('button', { name: /确\s*定|OK/ }), 'POST', `/api/visit-campaigns/${campaignId}/close`);
    expect(closed.status()).toBe(200);
    await settle(() => page.getByTestId('campaign-page').innerText()).toContain('该活动已结束，只能查看。');
    expect(await page.getByTestId('close-campaign').count()).toBe(0);
    await web.screenshot(page, 'campaign-detail');
    expect(errors).toEqual([]);
  });

  it('a county leader reads campaigns without any button to change them', async () => {
    const { page, errors } = await web.openPage(DESKTOP);
    await web.signIn(page, 'leader');
    await page.goto(`${web.baseUrl}/campaigns/${campaignId}`);
    await settle(() => page.getByTestId('campaign-page').innerText()).toContain('2026年冬季集中走访慰问');
    expect(await page.getByTestId('new-campaign').count()).toBe(0);
    expect(await page.getByTestId('open-campaign').count()).toBe(0);
    expect(await page.getByTestId('close-campaign').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
