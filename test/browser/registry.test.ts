/**
 * The registry in a real browser (see support.ts), as the issue's "done means" says: a township
 * admin imports a GBK CSV with two bad rows, reads the problems in Chinese, fixes the file and
 * imports it, finds a family by pinyin initials, labels and pairs it, and exports the list. Only
 * masked numbers may show, in the page and in the export, and nothing of another township.
 * Then the same pages in English and on a phone, and a read-only leader. Screenshots in test-results/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateHouseholds, type GeneratedRow, demoTownshipCodes, writeHouseholdFile } from '../../src/server/modules/demo/index.ts';
import { namePinyin } from '../../src/server/modules/registry/index.ts';
import { idCheckCharacter } from '../../src/shared/registry/id-number.ts';
import { IMPORT_ISSUE_MESSAGES } from '../../src/shared/registry/import-issues.ts';
import { browserSuite, clickForAnswer, chooseInDialog, DESKTOP, PHONE, settle, startBrowserApp, type BrowserApp } from './support.ts';

const towns = demoTownshipCodes();
const gangcheng = towns.find((t) => t.name === '堽城镇')!;
const OTHER_TOWNSHIP = '蒋集镇';
const FILE_NAME = '堽城镇户籍台账.csv';

/** 堽城镇's share of a generated county: about 40 households, 120 residents. */
const rows = [...generateHouseholds({ households: 600, seed: 7 })].filter((r) => r.villageCode.startsWith(gangcheng.code));
/** Every full number in the file: none may ever reach the page or the export unmasked (but the one revealed). */
const fullNumbers = rows.flatMap((r) => [r.idNumber, r.mobile, r.landline.replace('-', '')].filter(Boolean));
const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;

/** An ID number with a wrong check character (a mistyped digit, as the import would meet it). */
function withWrongCheck(id: string) {
  const right = idCheckCharacter(id.slice(0, 17));
  return id.slice(0, 17) + (right === '0' ? '1' : '0');
}

/**
 * The family to look for: a household of several people without hardship, whose head has a mobile
 * and whose pinyin initials find as few residents as possible.
 */
function pickFamily() {
  const matches = (q: string) => rows.filter((r) => namePinyin(r.name).initials.startsWith(q) || namePinyin(r.name).full.startsWith(q)).length;
  const candidates = rows
    .filter((r) => r.relationship === '户主' && r.mobile)
    .filter((head) => {
      const members = rows.filter((r) => r.householdNo === head.householdNo);
      return members.length >= 2 && members.every((m) => !m.hardship);
    })
    .map((head) => ({ head, initials: namePinyin(head.name).initials, found: matches(namePinyin(head.name).initials) }))
    .sort((a, b) => a.found - b.found);
  return candidates[0]!;
}

const BAD = [3, 40];

browserSuite('registry in Chromium', () => {
  let web: BrowserApp;
  let dir: string;
  let householdId: string;
  const family = pickFamily();

  beforeAll(async () => {
    web = await startBrowserApp();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-registry-'));
  }, 240_000);
  afterAll(async () => {
    await web?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The registry file as Excel on Chinese Windows saves it (GBK), with `bad` rows' ID numbers mistyped. */
  async function registryFile(bad: number[]) {
    const out = rows.map((r, i): GeneratedRow => (bad.includes(i) ? { ...r, idNumber: withWrongCheck(r.idNumber) } : r));
    const folder = path.join(dir, bad.length ? 'bad' : 'fixed');
    fs.mkdirSync(folder, { recursive: true });
    const file = path.join(folder, FILE_NAME);
    await writeHouseholdFile(out, { path: file, format: 'csv', encoding: 'gbk' });
    return file;
  }

  async function importFile(page: Page, file: string, status: 'rejected' | 'succeeded') {
    await page.locator('[data-testid=import-upload] input[type=file]').setInputFiles(file);
    await settle(() => page.getByTestId('chosen-file').innerText()).toContain(path.basename(file));
    // The upload itself must go out: a click that missed the button would otherwise only show as a 60 s wait below.
    const upload = await clickForAnswer(page.getByTestId('start-import'), 'POST', '/api/imports/households', { timeout: 30_000 });
    if (upload.status() !== 202) throw new Error(`the upload was answered ${upload.status()}: ${await upload.text().catch(() => '')}`);
    try {
      await page.locator(`[data-testid=import-job][data-status=${status}]`).waitFor({ timeout: 60_000 });
    } catch (error) {
      // Say where the import stood, so a failure in CI can be read without a rerun.
      const query = web.database.db.selectFrom('import_job').select(['file_name', 'status', 'problem', 'processed_rows', 'created_at', 'finished_at']).orderBy('created_at').execute();
      // A database held by a stuck transaction would not answer: that is worth knowing too.
      const jobs = await Promise.race([query, new Promise((resolve) => setTimeout(() => resolve('(database busy for 5 s)'), 5000))]);
      const shown = await page.locator('body').innerText().catch(() => '(page unreadable)');
      throw new Error(`import did not end ${status}.\njobs: ${JSON.stringify(jobs)}\nserver log: ${web.serverLog.join('').slice(-4000)}\npage: ${shown.slice(0, 1500)}`, { cause: error });
    }
  }

  /** What the page shows must hold no full number and nothing of another township. */
  async function expectMaskedAndScoped(page: Page, except: string[] = []) {
    const text = await page.locator('body').innerText();
    for (const n of fullNumbers) if (!except.includes(n)) expect(text, 'a full number on the page').not.toContain(n);
    expect(text).not.toContain(OTHER_TOWNSHIP);
  }

  it('a township admin imports a GBK file, fixes its two bad rows, finds a family by initials, pairs it and exports the list', async () => {
    const { page, errors } = await web.openPage(DESKTOP);
    await web.signIn(page, 'gangcheng');

    // 导入: the columns it accepts and the GBK tip are explained next to the upload.
    await page.getByRole('menuitem', { name: '数据导入' }).click();
    await page.waitForURL('**/imports');
    const help = await page.getByTestId('import-columns').innerText();
    for (const text of ['户编号', '身份证号', '公民身份号码', 'GBK']) expect(help).toContain(text);

    // A file with two mistyped ID numbers: nothing is imported, and the page says which rows, in Chinese.
    await importFile(page, await registryFile(BAD), 'rejected');
    await settle(() => page.getByTestId('import-verdict').innerText()).toContain('没有导入任何数据');
    // One kind of problem, shown once with its two rows and values.
    const groups = page.locator('[data-testid=issue-group]');
    await settle(() => groups.count()).toBe(1);
    await settle(() => page.getByTestId('issue-group-count').innerText()).toContain('2 行');
    const issueText = await page.getByTestId('import-issue-groups').innerText();
    for (const i of BAD) {
      expect(issueText).toContain(String(i + 2)); // the header is row 1
      expect(issueText).toContain(masked(withWrongCheck(rows[i]!.idNumber)));
    }
    expect(issueText).toContain(IMPORT_ISSUE_MESSAGES.id_check_character['zh-CN']);
    expect(await web.database.db.selectFrom('resident').select('id').execute()).toHaveLength(0);
    await expectMaskedAndScoped(page, []);
    await page.getByTestId('download-report').waitFor();
    await web.screenshot(page, 'import-problems');

    // Fixed, the same file goes in whole.
    await page.getByTestId('new-import').click();
    await importFile(page, await registryFile([]), 'succeeded');
    await settle(() => page.getByTestId('import-verdict').innerText()).toContain('导入完成');
    expect(await page.getByTestId('import-job').innerText()).toContain(String(rows.length));
    expect(await web.database.db.selectFrom('resident').select('id').execute()).toHaveLength(rows.length);
    await settle(() => page.locator('[data-testid=import-jobs] tr.ant-table-row').count()).toBe(2);
    await web.screenshot(page, 'import-done');

    // 居民台账: the family by its head's pinyin initials.
    await page.getByRole('menuitem', { name: '居民台账' }).click();
    await page.waitForURL('**/registry');
    await page.getByTestId('resident-search').fill('12');
    await page.getByTestId('resident-search').press('Enter');
    await settle(() => page.getByTestId('list-error').innerText()).toContain('至少输入最后 4 位');
    await page.getByTestId('resident-search').fill(family.initials);
    await page.getByTestId('resident-search').press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === family.initials);
    const results = page.locator('[data-testid=resident-table] tr.ant-table-row');
    await settle(() => results.count()).toBe(family.found);
    const row = results.filter({ hasText: family.head.name });
    await settle(() => row.innerText()).toContain(masked(family.head.idNumber));
    expect(await row.innerText()).toContain(`${family.head.mobile.slice(0, 3)}****${family.head.mobile.slice(-4)}`);
    await expectMaskedAndScoped(page);
    await web.screenshot(page, 'registry');

    // The household: members masked, no hardship yet, so no pairing until a label is added.
    await row.first().click();
    await page.waitForURL('**/households/*');
    householdId = page.url().split('/').pop()!;
    // Titled by its head, then its number (the head is the one found).
    await settle(() => page.getByTestId('household-title').innerText()).toBe(`${family.head.name}户 · ${family.head.householdNo}`);
    expect(await page.title()).toContain(`${family.head.name}户`);
    const members = rows.filter((r) => r.householdNo === family.head.householdNo);
    await settle(() => page.locator('[data-testid=member-table] tr.ant-table-row').count()).toBe(members.length);
    expect(await page.getByTestId('assign-cadre').isDisabled()).toBe(true);
    await expectMaskedAndScoped(page);

    await page.getByTestId('add-hardship').click();
    await chooseInDialog(page, '困难类别', '低保户');
    await page.locator('.ant-modal').getByLabel('来源 / 依据').fill('民政局低保名册 2026-11');
    await page.locator('.ant-modal').getByRole('button', { name: /保\s*存/ }).click();
    // The dialog closes only when the server accepted the label; an error would stay inside it.
    await settle(() => page.locator('.ant-modal-wrap:visible').count()).toBe(0);
    await settle(() => page.getByTestId('hardship-card').innerText()).toContain('民政局低保名册 2026-11');
    expect(await page.getByTestId('household-header').innerText()).toContain('低保户');

    // 结对帮扶: the village cadre becomes the family's responsible cadre.
    await page.getByTestId('assign-cadre').click();
    await chooseInDialog(page, '干部', '堽城镇包村干部（cadre）', 'cadre');
    await page.locator('.ant-modal').getByRole('button', { name: '安排结对' }).click();
    const pairing = page.locator('[data-testid=pairing-current]');
    await settle(() => pairing.innerText()).toContain('堽城镇包村干部（cadre）');
    expect(await pairing.innerText()).toContain('负责干部');
    const history = page.getByTestId('history-card');
    await settle(() => history.innerText()).toContain('开始结对帮扶');
    expect(await history.innerText()).toContain('添加困难类别');
    const saved = await web.database.db
      .selectFrom('pairing as p')
      .innerJoin('app_user as u', 'u.id', 'p.cadre_id')
      .select(['u.username', 'p.role', 'p.ended_on'])
      .where('p.household_id', '=', householdId)
      .execute();
    expect(saved).toEqual([{ username: 'cadre', role: 'responsible', ended_on: null }]);
    await expectMaskedAndScoped(page);
    await web.screenshot(page, 'household');

    // One full ID number, for this one person, on purpose: shown in place, said to be recorded, audited.
    const head = page.locator('[data-testid=member-table] tr.ant-table-row').filter({ hasText: family.head.name });
    await head.getByTestId('member-id-reveal').click();
    // The purpose first (reveals.test.ts covers the dialog), then the number.
    await page.locator('.ant-modal').getByText('入户走访核实').click();
    await page.locator('.ant-modal').getByRole('button', { name: /查\s*看/ }).click();
    await settle(() => head.getByTestId('member-id-revealed').innerText()).toBe(family.head.idNumber);
    expect(await head.innerText()).toContain('已记入审计日志');
    const reveals = await web.database.db.selectFrom('audit_log').select(['actor_name', 'after']).where('action', '=', 'resident.reveal_id_number').execute();
    expect(reveals).toHaveLength(1);
    await expectMaskedAndScoped(page, [family.head.idNumber]);

    // The family's row names its paired cadre now.
    await page.goto(`${web.baseUrl}/registry?q=${family.initials}`);
    const paired = page.locator('[data-testid=resident-table] tr.ant-table-row').filter({ hasText: family.head.name });
    await settle(() => paired.innerText()).toContain('堽城镇包村干部');
    await settle(() => page.getByTestId('resident-total').innerText()).toBe(`共 ${family.found} 人`);

    // The whole township: its total, and real pages of 50 (the last one holds the rest).
    await page.getByRole('menuitem', { name: '居民台账' }).click();
    const listed = page.locator('[data-testid=resident-table] tr.ant-table-row');
    await settle(() => listed.count()).toBe(Math.min(50, rows.length));
    await settle(() => page.getByTestId('resident-total').innerText()).toBe(`共 ${rows.length} 人`);
    const lastPage = Math.ceil(rows.length / 50);
    expect(lastPage).toBeGreaterThan(1);
    const firstPageNames = await listed.allInnerTexts();
    await page.locator('.ant-pagination-item-2').click();
    await page.waitForURL((url) => url.searchParams.get('page') === '2');
    await settle(() => page.locator('.ant-pagination-item-active').innerText()).toBe('2');
    await settle(() => listed.count()).toBe(Math.min(50, rows.length - 50));
    expect(await listed.allInnerTexts()).not.toEqual(firstPageNames);
    await page.locator(`.ant-pagination-item-${lastPage}`).click();
    await settle(() => listed.count()).toBe(rows.length - 50 * (lastPage - 1));
    expect(await page.locator('.ant-pagination-total-text').innerText()).toBe(`第 ${50 * (lastPage - 1) + 1}–${rows.length} 条`);
    await web.screenshot(page, 'registry-pages');
    // Back to the first page by number: the same rows as before.
    await page.locator('.ant-pagination-item-1').click();
    await settle(() => listed.allInnerTexts()).toEqual(firstPageNames);

    // The export: the list as on screen (here the whole township, every page), masked, nothing of another township.
    await expectMaskedAndScoped(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
    expect(download.suggestedFilename()).toBe('居民名单.xlsx');
    const file = path.join(dir, '居民名单.xlsx');
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const cells: string[] = [];
    workbook.worksheets[0]!.eachRow((r) => r.eachCell((c) => cells.push(String(c.value ?? ''))));
    const exported = cells.join('\n');
    expect(workbook.worksheets[0]!.rowCount).toBe(rows.length + 2); // title and header rows
    expect(exported).toContain('身份证号（脱敏）');
    expect(exported).toContain('结对干部');
    expect(exported).toContain('堽城镇包村干部');
    expect(exported).toContain(masked(family.head.idNumber));
    for (const n of fullNumbers) expect(exported, 'a full number in the export').not.toContain(n);
    expect(exported).not.toContain(OTHER_TOWNSHIP);
    expect(errors).toEqual([]);
  }, 240_000);

  it('the pairing report drills down to the village and its unpaired families', async () => {
    const { page, errors } = await web.openPage(DESKTOP);
    await web.signIn(page, 'gangcheng');
    await page.getByRole('menuitem', { name: '结对帮扶' }).click();
    await page.waitForURL('**/pairing');
    const hardship = new Set(rows.filter((r) => r.hardship).map((r) => r.householdNo)).size;
    const totals = page.getByTestId('pairing-totals');
    await settle(() => totals.innerText()).toContain(String(hardship + 1));
    const village = page.locator('[data-testid=coverage-table] tr.ant-table-row').filter({ hasText: family.head.village });
    await settle(() => village.count()).toBe(1);
    const cadres = await page.getByTestId('cadre-load-table').innerText();
    expect(cadres).toContain('堽城镇包村干部');
    await expectMaskedAndScoped(page);
    await web.screenshot(page, 'pairing');

    // A village with households still to pair opens the registry on them.
    const unpaired = page.locator('[data-testid=coverage-table] tr.ant-table-row').filter({ has: page.getByTestId('bulk-assign') }).first();
    const code = await unpaired.getAttribute('data-row-key');
    const name = rows.find((r) => r.villageCode === code)!.village;
    await unpaired.locator('td').first().click();
    await page.waitForURL(`**/registry?regionCode=${code}&paired=false`);
    await settle(() => page.locator('[data-testid=resident-table] tr.ant-table-row').count()).toBeGreaterThan(0);
    await settle(() => page.getByTestId('region-picker').innerText()).toContain(name);
    await web.screenshot(page, 'registry-unpaired');

    // Back in the report, one cadre takes them all (批量安排).
    await page.goBack();
    const row = page.locator(`[data-testid=coverage-table] tr[data-row-key="${code}"]`);
    await row.getByTestId('bulk-assign').click();
    await chooseInDialog(page, '干部', '堽城镇包村干部（cadre）', 'cadre');
    await page.locator('.ant-modal').getByRole('button', { name: '批量安排' }).click();
    await settle(() => row.innerText()).toContain('100%');
    expect(await row.getByTestId('bulk-assign').count()).toBe(0);

    // One of them is handed to the township admin with a reason, then the pairing ends.
    await page.goto(`${web.baseUrl}/registry?regionCode=${code}&paired=true`);
    await page.locator('[data-testid=resident-table] tr.ant-table-row').first().click();
    await page.waitForURL('**/households/*');
    const current = page.locator('[data-testid=pairing-current]');
    await settle(() => current.innerText()).toContain('堽城镇包村干部（cadre）');
    await current.getByRole('button', { name: /转\s*交/ }).click();
    await chooseInDialog(page, '转交给', '堽城镇管理员（gangcheng）', 'gangcheng');
    await page.locator('.ant-modal').getByLabel('原因 / 说明').fill('原包村干部调岗');
    await page.locator('.ant-modal').getByRole('button', { name: /转\s*交/ }).click();
    await settle(() => current.innerText()).toContain('堽城镇管理员（gangcheng）');
    await settle(() => page.getByTestId('history-card').innerText()).toContain('cadre → gangcheng');
    await current.getByRole('button', { name: /结\s*束/ }).click();
    // The visible dialog: under load the transfer's dialog can still be fading out.
    const endDialog = page.locator('.ant-modal:visible');
    await endDialog.getByLabel('原因 / 说明').fill('家庭已脱困');
    const ended = await clickForAnswer(endDialog.getByRole('button', { name: /结\s*束/ }), 'POST', '/end');
    expect(ended.status(), await ended.text()).toBe(200);
    await settle(() => current.count()).toBe(0);
    expect(await page.getByTestId('pairing-card').innerText()).toContain('尚无负责干部');
    expect(await page.getByTestId('pairing-card').innerText()).toContain('结对历史（2）');

    // A label cannot end before the day it began: the server's reason shows in the dialog.
    await page.getByTestId('hardship-card').getByRole('button', { name: /终\s*止/ }).first().click();
    const endDate = page.locator('.ant-modal .ant-picker input');
    await endDate.click();
    await endDate.fill('2020-01-01');
    await endDate.press('Enter');
    await page.locator('.ant-modal').getByRole('button', { name: /终\s*止/ }).click();
    await settle(() => page.locator('.ant-modal .ant-alert-error').innerText()).toContain('日期不合理');
    await web.screenshot(page, 'household-end-label-error');
    await page.locator('.ant-modal').getByRole('button', { name: /取\s*消/ }).click();
    expect(errors).toEqual([]);
  }, 120_000);

  it('the same pages in English and on a phone', async () => {
    const { page, errors } = await web.openPage(PHONE);
    await web.signIn(page, 'gangcheng');
    await page.goto(`${web.baseUrl}/registry?q=${family.initials}`);
    await settle(() => page.locator('[data-testid=resident-table] tr.ant-table-row').count()).toBe(family.found);
    await settle(() => page.getByTestId('resident-total').innerText()).toBe(`共 ${family.found} 人`);
    await expectMaskedAndScoped(page);
    await web.screenshot(page, 'registry-phone');
    // On a phone the pages are the compact "‹ 1 / 3 ›" pager, with the total above the list.
    await page.goto(`${web.baseUrl}/registry`);
    await settle(() => page.getByTestId('resident-total').innerText()).toBe(`共 ${rows.length} 人`);
    await page.locator('.ant-pagination-simple .ant-pagination-next').click();
    await page.waitForURL((url) => url.searchParams.get('page') === '2');
    await settle(() => page.locator('[data-testid=resident-table] tr.ant-table-row').count()).toBe(Math.min(50, rows.length - 50));
    await web.screenshot(page, 'registry-pages-phone');
    await page.goto(`${web.baseUrl}/households/${householdId}`);
    await settle(() => page.getByTestId('pairing-card').innerText()).toContain('堽城镇包村干部');
    await expectMaskedAndScoped(page);
    await web.screenshot(page, 'household-phone');
    await page.goto(`${web.baseUrl}/imports`);
    await page.getByTestId('import-upload').waitFor();
    await web.screenshot(page, 'imports-phone');

    // English: the interface and the hardship categories' names follow.
    await page.getByTestId('language-switch').getByText('EN').click();
    await page.goto(`${web.baseUrl}/households/${householdId}`);
    await settle(() => page.getByTestId('household-title').innerText()).toBe(`${family.head.name}'s household · ${family.head.householdNo}`);
    const english = await page.locator('body').innerText();
    for (const label of ['Members', 'Hardship labels', 'Minimum living allowance (dibao)', 'Cadre pairing', 'Responsible cadre', 'Change history', 'Cadre paired']) {
      expect(english).toContain(label);
    }
    await web.screenshot(page, 'household-phone-en');
    await page.goto(`${web.baseUrl}/pairing`);
    await settle(() => page.getByTestId('pairing-totals').innerText()).toContain('Hardship households');
    await web.screenshot(page, 'pairing-phone-en');
    expect(errors).toEqual([]);

    const desktop = await web.openPage(DESKTOP);
    await web.signIn(desktop.page, 'gangcheng');
    // A page opened by its address (a reload, a link) comes by number: the last page holds the rest.
    const lastPage = Math.ceil(rows.length / 50);
    await desktop.page.goto(`${web.baseUrl}/registry?page=${lastPage}`);
    await settle(() => desktop.page.locator('.ant-pagination-item-active').innerText()).toBe(String(lastPage));
    await settle(() => desktop.page.locator('[data-testid=resident-table] tr.ant-table-row').count()).toBe(rows.length - 50 * (lastPage - 1));
    // (In whichever language the account has now: the phone above switched it to English.)
    await settle(() => desktop.page.getByTestId('resident-total').getAttribute('data-total')).toBe(String(rows.length));
    await desktop.page.getByTestId('language-switch').getByText('EN').click();
    await settle(() => desktop.page.getByTestId('page-title').innerText()).toBe('Registry of residents');
    await settle(() => desktop.page.getByTestId('resident-total').innerText()).toBe(`${rows.length} residents`);
    expect(await desktop.page.locator('thead').innerText()).toContain('Paired cadre');
    await web.screenshot(desktop.page, 'registry-en');
    await desktop.page.goto(`${web.baseUrl}/imports`);
    await settle(() => desktop.page.locator('[data-testid=import-jobs] tr.ant-table-row').count()).toBe(2);
    await web.screenshot(desktop.page, 'imports-en');
    expect(desktop.errors).toEqual([]);
  }, 120_000);

  it('a county leader reads the household but cannot reveal numbers or change it', async () => {
    const { page, errors } = await web.openPage(DESKTOP);
    await web.signIn(page, 'leader');
    await page.goto(`${web.baseUrl}/households/${householdId}`);
    await settle(() => page.getByTestId('pairing-card').innerText()).toContain('堽城镇包村干部');
    expect(await page.getByTestId('member-id-reveal').count()).toBe(0);
    expect(await page.getByTestId('member-phone-reveal').count()).toBe(0);
    expect(await page.getByTestId('add-hardship').count()).toBe(0);
    expect(await page.getByTestId('assign-cadre').count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: '数据导入' }).count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: '结对帮扶' }).count()).toBe(1);
    expect(errors).toEqual([]);
  }, 60_000);

  it('a county admin configures hardship categories, and picks a village in the users filter', async () => {
    const { page, errors } = await web.openPage(DESKTOP);
    await web.signIn(page, 'admin');
    await page.getByRole('menuitem', { name: '困难类别设置' }).click();
    await page.waitForURL('**/settings/hardship-categories');
    const categories = page.locator('[data-testid=category-table] tr.ant-table-row');
    await settle(() => categories.count()).toBe(9);

    await page.getByRole('button', { name: '新增类别' }).click();
    const modal = page.locator('.ant-modal');
    await modal.getByLabel('代码').fill('dibao');
    await modal.getByLabel('名称', { exact: true }).fill('外出务工家庭');
    await modal.getByLabel('英文名称').fill('Migrant worker family');
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await settle(() => modal.innerText()).toContain('已有这个代码的类别'); // a PUT would overwrite 低保户
    await modal.getByLabel('代码').fill('migrant_family');
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await settle(() => categories.count()).toBe(10);
    const added = categories.filter({ hasText: '外出务工家庭' });
    expect(await added.innerText()).toContain('在用');

    await added.getByRole('button', { name: /停\s*用/ }).click();
    await page.locator('.ant-popover').getByRole('button', { name: /停\s*用/ }).click();
    await settle(() => added.innerText()).toContain('已停用');
    const saved = await web.database.db.selectFrom('hardship_category').select(['name', 'active']).where('code', '=', 'migrant_family').executeTakeFirstOrThrow();
    expect(saved).toEqual({ name: '外出务工家庭', active: false });
    await web.screenshot(page, 'settings-categories');

    // The users filter takes a region from the tree instead of a typed code.
    const village = await web.database.db.selectFrom('region').select('name').where('code', '=', `${gangcheng.code}201`).executeTakeFirstOrThrow();
    await page.getByRole('menuitem', { name: '用户管理' }).click();
    await page.waitForURL('**/users');
    await page.getByTestId('region-picker').click();
    const tree = page.locator('.ant-select-dropdown:visible');
    await tree.locator('.ant-select-tree-treenode', { hasText: '堽城镇' }).locator('.ant-select-tree-switcher').click();
    await tree.locator('.ant-select-tree-node-content-wrapper', { hasText: village.name }).click();
    await page.getByRole('button', { name: /查\s*询/ }).click();
    const users = page.locator('[data-testid=user-table] tr.ant-table-row');
    await settle(() => users.count()).toBe(1);
    expect(await users.innerText()).toContain('cadre');
    await web.screenshot(page, 'users-region-filter');
    expect(errors).toEqual([]);
  }, 60_000);
});
