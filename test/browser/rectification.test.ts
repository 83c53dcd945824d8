/**
 * Issue 12 points 1–2 in a real browser (desktop): the county admin proposes rectification tasks
 * from a closed wave (made here: 堽城镇 weak, two townships content), confirms the index proposal
 * to 堽城镇 with a due date and measures; 堽城镇's admin (the demo account) reports progress with
 * a photo and submits; the county admin accepts. What the pages show is checked at each step.
 * Then the county admin's proposal thresholds page (from the list) and, on the same closed wave,
 * the publicity page's awareness export.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertFieldworkWave, writeCaseOutcomes, type CaseOutcomeRecord } from '../support/survey-fixture.ts';
import { testCipher } from '../support/test-app.ts';
import { acceptTask, browserSuite, chooseInDialog, clickForAnswer, DESKTOP, dialogOf as modal, dialogOk as ok, reportProgressAndSubmit, settle, startBrowserApp, typeDate, type BrowserApp } from './support.ts';

const A = '370921104'; // 堽城镇, the demo account gangcheng's township
const B = '370921105';
const C = '370921106';
const SAT: Record<string, string> = { S: 'satisfied', B: 'basically', D: 'dissatisfied' };
const answers = (letters: string, township: string) => {
  const a: Record<string, string | { text: string }> = { S1: 'yes', S2: 'a36_50', S3: township, Q11: 'yes', Q13: 'no' };
  [...letters].forEach((l, k) => (a[`Q${k + 1}`] = SAT[l]!));
  'abcd'.split('').forEach((c) => (a[`Q10${c}`] = 'heard'));
  return a;
};
const repeat = (pattern: string[], n: number) => Array.from({ length: n }, (_, k) => pattern[k % pattern.length]!);

browserSuite('rectification: propose, confirm, progress with a photo, submit, accept in Chromium', () => {
  let web: BrowserApp;
  let waveName = '';
  beforeAll(async () => {
    web = await startBrowserApp();
    const db = web.database.db;
    const interviewer = await db.selectFrom('app_user').select('id').where('username', '=', 'interviewer1').executeTakeFirstOrThrow();
    const wave = await insertFieldworkWave(db, testCipher, { townshipCodes: [A, B, C], casesPerTownship: 24, status: 'closed', startsOn: '2026-09-01', endsOn: '2026-09-30', phoneBlock: 91 });
    const people: Record<string, string[]> = { [A]: repeat(['DDDDDDDDD', 'BDDBDDBDD', 'BBBBBBBBB', 'DBBBBBBBB'], 20), [B]: repeat(['SSSSSSSSS', 'SBSSSBSSS'], 20), [C]: repeat(['SSSSSSSSS', 'BSSSSSSSS'], 20) };
    const records: CaseOutcomeRecord[] = [];
    for (const [code, list] of Object.entries(people)) {
      list.forEach((letters, k) => records.push({ caseId: wave.cases.get(code)![k]!, interviewerId: interviewer.id, attempts: [{ disposition: '1.1', seconds: 600 }], interview: { status: 'complete', answers: answers(letters, code), durationSeconds: 600 } }));
    }
    await writeCaseOutcomes(db, records);
    waveName = (await db.selectFrom('survey_wave').select('name').where('id', '=', wave.waveId).executeTakeFirstOrThrow()).name;
  }, 240_000);
  afterAll(async () => web?.close());

  async function openTask(page: Page, id: string) {
    await page.goto(`${web.baseUrl}/rectification/${id}`);
    await page.getByTestId('rect-task-no').waitFor();
  }

  it('the county proposes and confirms, the township works and submits, the county accepts', async () => {
    // 1. The county admin proposes from the closed wave (from the menu).
    const county = await web.openPage(DESKTOP);
    await web.signIn(county.page, 'admin');
    await county.page.getByRole('menuitem', { name: '整改任务' }).click();
    await county.page.waitForURL('**/rectification');
    await county.page.getByTestId('rect-propose').click();
    await modal(county.page).waitFor();
    await chooseInDialog(county.page, '已结束的调查轮次', waveName);
    const proposed = await clickForAnswer(ok(county.page), 'POST', '/api/rectification-tasks/proposals');
    expect(proposed.status(), await proposed.text()).toBe(200);
    const r = (await proposed.json()) as { created: number; items: { id: string; taskNo: string; figureKey: string; township: { code: string } }[] };
    expect(r.created).toBeGreaterThan(0);
    const index = r.items.find((i) => i.figureKey === 'index' && i.township.code === A)!;
    expect(index).toBeTruthy();
    // The proposals view lists them, each with its confirm and drop buttons.
    await county.page.waitForURL('**/rectification?status=proposed');
    await settle(() => county.page.getByTestId('rect-table').innerText()).toContain('堽城镇满意度指数偏低');
    expect(await county.page.getByTestId('rect-table').innerText()).toContain('低于县定标准');
    await web.screenshot(county.page, 'rectification-proposals');

    // 2. It confirms the index proposal to 堽城镇 with a due date and measures.
    await county.page.getByTestId(`rect-confirm-${index.taskNo}`).click();
    await modal(county.page).waitFor();
    await settle(() => modal(county.page).innerText()).toContain('堽城镇');
    await typeDate(modal(county.page).locator('.ant-picker input'), '2026-11-30');
    await modal(county.page).getByTestId('rect-measures').fill('逐村召开群众座谈会，建立问题台账，限时销号。');
    const confirmed = await clickForAnswer(ok(county.page), 'POST', `/api/rectification-tasks/${index.id}/confirm`);
    expect(confirmed.status(), await confirmed.text()).toBe(200);
    await openTask(county.page, index.id);
    expect(await county.page.getByTestId('rect-status').innerText()).toBe('整改中');
    expect(await county.page.getByTestId('rect-owner').innerText()).toBe('堽城镇');
    expect(await county.page.getByTestId('rect-due').innerText()).toBe('2026-11-30');
    // The evidence shows n and the interval, and did-it-work says there is no later wave yet.
    const evidence = await county.page.getByTestId('rect-evidence').innerText();
    expect(evidence).toContain('95% 置信区间');
    expect(evidence).toContain('20');
    expect(evidence).toContain('县定标准');
    expect(await county.page.getByTestId('rect-effect').innerText()).toBe('尚无下一轮调查');

    // 3. 堽城镇's admin reports progress with a photo and submits.
    const township = await web.openPage(DESKTOP);
    await web.signIn(township.page, 'gangcheng');
    await openTask(township.page, index.id);
    await reportProgressAndSubmit(township.page, index.id, '已走访 12 个村，收集问题 37 条，已解决 20 条。');
    await web.screenshot(township.page, 'rectification-submitted');

    // 4. The county admin accepts it.
    await openTask(county.page, index.id);
    await acceptTask(county.page, index.id);
    await web.screenshot(county.page, 'rectification-accepted');
    expect(county.errors).toEqual([]);
    expect(township.errors).toEqual([]);
  }, 300_000);

  it('the county admin edits the proposal thresholds from the list (a value out of range refused on the page, a good one saved), and downloads the wave’s policy awareness', async () => {
    const { page, errors } = await web.openPage(DESKTOP);
    await web.signIn(page, 'admin');
    await page.goto(`${web.baseUrl}/rectification`);
    await page.getByTestId('rect-settings').click();
    await page.waitForURL('**/rectification/settings');
    const index = page.getByTestId('rect-settings-indexThreshold');
    await settle(() => index.inputValue()).toBe('80');
    expect(await page.getByTestId('rect-settings-saved').innerText()).toContain('默认标准');
    // 120 is not a score: the shared schema's rule says so, and nothing is sent.
    let puts = 0;
    page.on('request', (r) => void (r.method() === 'PUT' && r.url().includes('/api/rectification-tasks/settings') && puts++));
    await index.fill('120');
    await page.getByTestId('rect-settings-save').click();
    await settle(() => page.locator('.ant-form-item-explain-error').first().innerText()).toBe('请填写 0 到 100 之间的数');
    expect(puts).toBe(0);
    // 82 and a dissatisfaction threshold of 12%: saved as the share 0.12.
    await index.fill('82');
    await page.getByTestId('rect-settings-dissatisfactionPercent').fill('12');
    const saved = await clickForAnswer(page.getByTestId('rect-settings-save'), 'PUT', '/api/rectification-tasks/settings');
    expect(saved.status(), await saved.text()).toBe(200);
    expect(saved.request().postDataJSON()).toMatchObject({ indexThreshold: 82, dissatisfactionThreshold: 0.12 });
    await settle(() => page.getByTestId('rect-settings-saved').innerText()).toContain('最近一次保存');
    const row = await web.database.db.selectFrom('rectification_setting').select(['index_threshold', 'dissatisfaction_threshold']).where('county_code', '=', '370921').executeTakeFirstOrThrow();
    expect([Number(row.index_threshold), Number(row.dissatisfaction_threshold)]).toEqual([82, 0.12]);
    // The list itself says how many tasks there are in all.
    await page.goto(`${web.baseUrl}/rectification`);
    await settle(() => page.getByTestId('rect-total').innerText()).toMatch(/^共 \d+ 项$/);
    await web.screenshot(page, 'rectification-settings');

    // Policy publicity: the awareness of the closed wave made above downloads as XLSX with the page's townships.
    await page.goto(`${web.baseUrl}/publicity`);
    await page.getByTestId('awareness-export').waitFor();
    const onPage = await page.getByTestId('awareness-table').innerText();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('awareness-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^政策知晓率-.+\.xlsx$/);
    const file = (await download.path())!;
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['知晓率', '明细']);
    const names: string[] = [];
    workbook.getWorksheet('知晓率')!.eachRow((row, k) => k > 3 && typeof row.getCell(1).value === 'string' && !String(row.getCell(1).value).startsWith('数据来源') && names.push(String(row.getCell(1).value)));
    expect(names.length).toBeGreaterThan(1);
    for (const name of names) expect(onPage).toContain(name);
    expect(errors).toEqual([]);
  }, 300_000);
});
