/**
 * The second half of issue 10's "done means", in Chromium (see support.ts): two phones hand the
 * same aid to one family, the second offline with a work package from before the first's sync;
 * after both sync the township admin sees exactly one aid conflict on the 慰问冲突 page and voids
 * one delivery there with a reason; then the county admin reads coverage from the county down to
 * the village and exports the 走访慰问花名册 roster (checked with exceljs). The first half (three
 * visits offline, reload, exactly three on the server) is visits-offline.test.ts.
 *
 * Everything is driven through the pages (the phone app, 慰问冲突, 走访进度 with its drill-down and
 * roster button); the coverage figures are also read from the API in the page's own session to
 * check each level against the one above, and the database is checked directly.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cliAuditSource } from '../../src/server/modules/audit/index.ts';
import { loadActor } from '../../src/server/modules/auth/index.ts';
import { createCampaign, openCampaign, reassignTargets } from '../../src/server/modules/campaigns/index.ts';
import { DEMO_PASSWORD, demoTownshipCodes, seedDemoRegistry } from '../../src/server/modules/demo/index.ts';
import { addHardshipLabel } from '../../src/server/modules/registry/index.ts';
import { createUser } from '../../src/server/modules/users/index.ts';
import { localDate } from '../../src/shared/time.ts';
import { randomJpeg } from '../../bench/support/random-jpeg.ts';
import { testCipher } from '../support/test-app.ts';
import { browserSuite, DESKTOP, PHONE, settle, startBrowserApp, type BrowserApp } from './support.ts';

const gangcheng = demoTownshipCodes().find((t) => t.name === '堽城镇')!;
const VILLAGE = `${gangcheng.code}201`;
const ITEM = 'dibao_cash';

browserSuite('two phones, one aid conflict, coverage and the roster in Chromium', () => {
  let web: BrowserApp;
  let campaignId: string;
  let family: { householdId: string; headName: string };

  beforeAll(async () => {
    web = await startBrowserApp();
    const db = web.database.db;
    const source = cliAuditSource('browser-test');
    await seedDemoRegistry({ db, actor: null, source, cipher: testCipher }, { households: 600, seed: 4 });
    // A second cadre of the demo cadre's village: the second phone.
    await createUser({ db, actor: null, source }, { username: 'cadre2', displayName: '堽城镇包村干部二', password: DEMO_PASSWORD, roles: ['village_cadre'], regionCode: VILLAGE });
    // The family: a household of the village, a 低保 family (labelled here if the generated registry gave it none).
    const household = await db
      .selectFrom('household as h')
      .innerJoin('region as v', 'v.id', 'h.village_id')
      .innerJoin('resident as r', (j) => j.onRef('r.household_id', '=', 'h.id').on('r.relationship', '=', '户主'))
      .select(['h.id', 'r.name'])
      .where('v.code', '=', VILLAGE)
      .orderBy('h.id')
      .executeTakeFirstOrThrow();
    family = { householdId: household.id, headName: household.name };
    const admin = (await loadActor({ db, actor: null }, { username: 'admin' }))!;
    const labelled = await db.selectFrom('household_hardship').select('id').where('household_id', '=', household.id).where('category_code', '=', 'dibao').where('valid_to', 'is', null).executeTakeFirst();
    if (!labelled) await addHardshipLabel({ db, actor: admin, source }, { householdId: household.id, categoryCode: 'dibao', validFrom: '2026-01-01', source: '民政局低保名册', note: '' });
    // A 走访慰问 campaign of the township, 300 yuan once per 低保 family, opened now.
    const day = (offset: number) => localDate(new Date(Date.now() + offset * 86_400_000));
    const draft = await createCampaign({ db, actor: admin, source }, {
      definition: {
        kind: 'hardship',
        name: '冬季走访慰问（浏览器测试）',
        period: { startsOn: day(-10), endsOn: day(30) },
        done: { deadline: day(30) },
        aidStandards: [{ categoryCode: 'dibao', items: [{ code: ITEM, name: '低保户慰问金', amountFen: 30_000 }] }],
        budgets: [{ townshipCode: gangcheng.code, budgetFen: 10_000_000 }],
      },
      regionCodes: [gangcheng.code],
    });
    campaignId = (await openCampaign({ db, actor: admin, source }, { id: draft.id })).id;
    // Both phones see the family: its target goes to the village's cadres, not to a paired cadre by name.
    await reassignTargets({ db, actor: admin, source }, { campaignId, villageCode: VILLAGE, householdIds: [family.householdId], cadreId: null });
  }, 600_000);
  afterAll(async () => {
    await web?.close();
  });

  /** A phone-size page signed in as `username`, on the phone app's list of households. */
  async function openPhone(username: string) {
    const opened = await web.openPage(PHONE);
    await web.signIn(opened.page, username);
    await opened.page.goto(`${web.baseUrl}/m`);
    await settle(() => familyCard(opened.page).count()).toBe(1);
    return opened;
  }
  const familyCard = (page: Page) => page.getByTestId('phone-household').filter({ hasText: family.headName });

  /** Records a visit handing over the campaign's aid (acknowledged by a witness) with a photo, and saves it to the outbox. */
  async function recordAid(page: Page, witness: string) {
    await familyCard(page).getByTestId('phone-record-visit').click();
    await page.getByTestId('phone-visit-form').waitFor();
    await page.getByTestId(`aid-${ITEM}`).click();
    await page.getByText('无法签字').click();
    await page.getByLabel('见证人姓名').fill(witness);
    await page.getByTestId('phone-photo-input').setInputFiles({ name: 'visit.jpg', mimeType: 'image/jpeg', buffer: randomJpeg(30 * 1024) });
    await settle(() => page.getByTestId('phone-photo').count()).toBe(1);
    await page.getByTestId('phone-save-visit').click();
    await page.getByTestId('phone-my-visits').waitFor();
  }

  const deliveries = () =>
    web.database.db
      .selectFrom('aid_delivery')
      .select(['id', 'voided_at', 'void_reason'])
      .where('campaign_id', '=', campaignId)
      .where('household_id', '=', family.householdId)
      .where('item_code', '=', ITEM)
      .orderBy('id')
      .execute();

  it('a second phone offline hands over the same aid; after both sync the township admin sees one conflict and voids one with a reason', async () => {
    const first = await openPhone('cadre');
    // The second phone downloads its list now, before the first phone's visit is on the server, then loses the network.
    const second = await openPhone('cadre2');
    await second.page.context().setOffline(true);

    await recordAid(first.page, '村委会主任王某');
    await settle(async () => (await deliveries()).length).toBe(1);

    await recordAid(second.page, '村民小组长李某');
    // Offline: kept on the phone, nothing sent.
    expect((await deliveries()).length).toBe(1);
    await second.page.context().setOffline(false);
    await settle(async () => (await deliveries()).length).toBe(2);
    // Both deliveries kept, neither voided: a conflict, never summed and never lost.
    expect((await deliveries()).every((d) => d.voided_at === null)).toBe(true);
    expect(first.errors).toEqual([]);
    expect(second.errors).toEqual([]);

    // The township admin, on a desktop: exactly one conflict, resolved by voiding the second delivery with a reason.
    const { page, errors } = await web.openPage(DESKTOP);
    await web.signIn(page, 'gangcheng');
    const api = await sessionApi(page);
    const conflicts = (await api.get(`/api/aid-ledger/conflicts?campaignId=${campaignId}`)) as { items: { householdId: string; itemCode: string; deliveries: { id: string; recordedBy: { username: string } }[] }[] };
    expect(conflicts.items).toHaveLength(1);
    const [conflict] = conflicts.items;
    expect({ householdId: conflict!.householdId, itemCode: conflict!.itemCode }).toEqual({ householdId: family.householdId, itemCode: ITEM });
    expect(conflict!.deliveries.map((d) => d.recordedBy.username)).toEqual(['cadre', 'cadre2']);
    // On the 慰问冲突 page: one row, the family's, with both deliveries; void the second phone's.
    await page.goto(`${web.baseUrl}/aid-conflicts`);
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await rows.filter({ hasText: family.headName }).waitFor();
    expect(await rows.count()).toBe(1);
    await rows.first().getByRole('button', { name: '作废这一笔' }).nth(1).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('textarea').fill('重复发放，第二台手机离线补录');
    await dialog.getByRole('button', { name: '作废这一笔' }).click();
    await page.getByText('没有待处理的慰问冲突').waitFor();
    const after = await deliveries();
    expect(after.filter((d) => d.voided_at !== null).map((d) => [d.id, d.void_reason])).toEqual([[conflict!.deliveries[1]!.id, '重复发放，第二台手机离线补录']]);
    expect(((await api.get(`/api/aid-ledger/conflicts?campaignId=${campaignId}`)) as { items: unknown[] }).items).toEqual([]);
    expect(errors).toEqual([]);
  });

  /** JSON requests in the signed-in page's session, as the web app sends them (cookie and CSRF token). */
  async function sessionApi(page: Page) {
    const me = (await (await page.request.get(`${web.baseUrl}/api/auth/me`)).json()) as { csrfToken: string };
    const check = async (res: Awaited<ReturnType<Page['request']['get']>>) => {
      expect(res.status(), `${res.url()}: ${await res.text()}`).toBeLessThan(300);
      return res.headers()['content-type']?.includes('json') ? ((await res.json()) as unknown) : await res.body();
    };
    return {
      get: async (path: string) => check(await page.request.get(`${web.baseUrl}${path}`)),
      post: async (path: string, body: unknown) => check(await page.request.post(`${web.baseUrl}${path}`, { data: body, headers: { 'x-csrf-token': me.csrfToken } })),
    };
  }

  it('the county admin reads coverage from the county to the village and exports the roster with its header row', async () => {
    const { page, errors } = await web.openPage(DESKTOP);
    await web.signIn(page, 'admin');
    const api = await sessionApi(page);
    // County → township → village: each level's rows hold the next, with the family's village visited.
    type Coverage = { rows: { region: { code: string } | null; targets: number; visited: number; drillable: boolean }[]; total: { targets: number; visited: number } };
    const county = (await api.get(`/api/visit-reports/campaigns/${campaignId}/coverage`)) as Coverage;
    const townshipRow = county.rows.find((r) => r.region?.code === gangcheng.code)!;
    expect(townshipRow.drillable).toBe(true);
    const township = (await api.get(`/api/visit-reports/campaigns/${campaignId}/coverage?regionCode=${gangcheng.code}`)) as Coverage;
    expect(township.total.targets).toBe(townshipRow.targets);
    const villageRow = township.rows.find((r) => r.region?.code === VILLAGE)!;
    expect(villageRow.visited).toBeGreaterThanOrEqual(1);
    const village = (await api.get(`/api/visit-reports/campaigns/${campaignId}/coverage?regionCode=${VILLAGE}`)) as Coverage;
    expect(village.total.visited).toBe(villageRow.visited);
    // The same on the 走访进度 page: county → 堽城镇 → the village by clicking, then the roster downloaded there.
    const villageName = (await web.database.db.selectFrom('region').select('name').where('code', '=', VILLAGE).executeTakeFirstOrThrow()).name;
    await page.goto(`${web.baseUrl}/visits/coverage?campaign=${campaignId}`);
    await page.getByTestId('coverage-drill').filter({ hasText: gangcheng.name }).click();
    await page.getByTestId('coverage-drill').filter({ hasText: villageName }).click();
    await page.getByTestId('coverage-breadcrumb').getByText(villageName).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-roster').click()]);
    const roster = fs.readFileSync((await download.path())!);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(roster as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(findHeaderRow(sheet)).values as unknown[]).slice(1).map(String);
    expect(header.slice(0, 7)).toEqual(['序号', '户主', '村', '困难类别', '慰问金额', '物品', '签收']);
    expect(errors).toEqual([]);
  });

  /** The row whose first cell is 序号 (a title row may come first). */
  function findHeaderRow(sheet: ExcelJS.Worksheet): number {
    for (let r = 1; r <= Math.min(sheet.rowCount, 10); r++) if (String(sheet.getRow(r).getCell(1).value) === '序号') return r;
    throw new Error('no header row starting with 序号');
  }
});
