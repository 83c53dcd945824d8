/**
 * Issue 12's "done means", as one journey through the pages in Chromium: the county admin turns
 * the closed wave's weak domains into tasks (confirms 堽城镇's index proposal to 堽城镇 with a
 * deadline); 堽城镇's admin reports progress with a photo and submits; the county admin accepts
 * it, creates the quarter's assessment on the assessments page, computes and publishes it, opens
 * the bulletin's preview and downloads its Word and Excel files; the Word file is opened in
 * LibreOffice too; the county leader reads the dashboard at desktop (1440 × 900) and phone
 * (390 × 844) size. The figures are compared, not just shown: each township's rank, possible
 * ranks and composite on the assessment page equal the preview's, the DOCX table's, the text
 * LibreOffice reads, the XLSX cells and the dashboard's ranking; the accepted task is counted in
 * the bulletin and on the dashboard.
 *
 * Only the closed wave is written straight into the database (the survey's own journeys drive
 * fieldwork): every step the sentence names goes through the pages.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readZip } from '../../src/server/modules/bulletin/testing/read-zip.ts';
import { demoTownshipCodes } from '../../src/server/modules/demo/index.ts';
import { addDays } from '../../src/shared/visits/visit-coverage.ts';
import { localDate } from '../../src/shared/time.ts';
import { insertFieldworkWave, insertInterviewOutcomes } from '../support/survey-fixture.ts';
import { testCipher } from '../support/test-app.ts';
import {
  acceptTask,
  browserSuite,
  chooseInDialog,
  clickForAnswer,
  convertWithLibreOffice,
  dialogOf,
  dialogOk,
  libreOfficeStep,
  PHONE,
  reportProgressAndSubmit,
  settle,
  startBrowserApp,
  typeDate,
  type BrowserApp,
} from './support.ts';

const WIDE = { width: 1440, height: 900 };
const towns = demoTownshipCodes();
const GANGCHENG = towns.find((t) => t.name === '堽城镇')!;
const ASSESSMENT = '2026年第三季度乡镇考核';
/** The components the new scheme weighs, and their weights (the scheme editor's rows, by component key). */
const WEIGHTS: [string, number][] = [
  ['survey_index', 0.5],
  ['survey_dissatisfaction', 0.2],
  ['policy_awareness', 0.3],
];

/** A township's line of the ranking, as the assessment page shows it. */
interface RankLine {
  rank: string;
  range: string;
  name: string;
  /** Two decimals, as the page prints it. */
  composite: string;
}

/** The tables of a DOCX's main document: each a list of rows, each a list of cell texts. */
function docxTables(xml: string): string[][][] {
  const text = (cell: string) => [...cell.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) => [...t[1]!.matchAll(/<w:tr[\s>][\s\S]*?<\/w:tr>/g)].map((r) => [...r[0].matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => text(c[1]!))));
}

/** An ECharts SVG's texts with their vertical centres, to pair a bar's category with its value label. */
async function chartTexts(page: Page, testId: string): Promise<{ text: string; y: number; x: number }[]> {
  return page
    .getByTestId(testId)
    .locator('svg text')
    .evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { text: (e.textContent ?? '').trim(), y: r.y + r.height / 2, x: r.x };
      }),
    );
}

/** Each category label of a horizontal bar chart with the value label drawn on its row. */
async function barsOf(page: Page, testId: string, isCategory: (text: string) => boolean): Promise<Map<string, string>> {
  const texts = await chartTexts(page, testId);
  const categories = texts.filter((t) => isCategory(t.text));
  const values = texts.filter((t) => !isCategory(t.text));
  return new Map(
    categories.map((c) => {
      const onRow = values.filter((v) => Math.abs(v.y - c.y) < 6 && v.x > c.x).sort((a, b) => a.x - b.x);
      return [c.text, onRow.at(-1)?.text ?? ''];
    }),
  );
}

browserSuite('close the loop: rectification, assessment, bulletin (Word, LibreOffice, Excel), dashboard in Chromium', () => {
  let web: BrowserApp;
  let waveName = '';
  let taskId = '';
  let taskTitle = '';
  let assessmentPath = '';
  let ranking: RankLine[] = [];
  /** The raw composites of the XLSX, the figures every printed one rounds. */
  let raw = new Map<string, number>();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-loop-'));
  const docx = path.join(dir, 'bulletin.docx');
  const dueOn = addDays(localDate(), 30);

  beforeAll(async () => {
    web = await startBrowserApp();
    const db = web.database.db;
    // The quarter's closed wave over the 13 townships: 堽城镇 weak in everything, the others content.
    const interviewerIds = [(await db.selectFrom('app_user').select('id').where('username', '=', 'interviewer1').executeTakeFirstOrThrow()).id];
    const wave = await insertFieldworkWave(db, testCipher, { casesPerTownship: 30, status: 'closed', startsOn: '2026-07-01', endsOn: '2026-09-30', phoneBlock: 7 });
    const satisfaction = Object.fromEntries(towns.map((t, k) => [t.code, t.code === GANGCHENG.code ? 0.3 : 0.88 + ((k * 5) % 11) * 0.01]));
    await insertInterviewOutcomes(db, wave, { interviewerIds, outcomes: { complete: 30 }, seed: 12, satisfaction });
    waveName = (await db.selectFrom('survey_wave').select('name').where('id', '=', wave.waveId).executeTakeFirstOrThrow()).name;
  }, 600_000);
  afterAll(async () => {
    await web?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('1. the county admin proposes tasks from the closed wave and confirms 堽城镇’s to 堽城镇 with a deadline', async () => {
    const { page, errors } = await web.openPage(WIDE);
    await web.signIn(page, 'admin');
    await page.getByRole('menuitem', { name: '整改任务' }).click();
    await page.waitForURL('**/rectification');
    await page.getByTestId('rect-propose').click();
    await dialogOf(page).waitFor();
    await chooseInDialog(page, '已结束的调查轮次', waveName);
    const proposed = await clickForAnswer(dialogOk(page), 'POST', '/api/rectification-tasks/proposals');
    expect(proposed.status(), await proposed.text()).toBe(200);

    // The proposals: 堽城镇's weak figures (its index, its dissatisfaction rate, domains), each with the reason.
    await page.waitForURL('**/rectification?status=proposed');
    const table = page.getByTestId('rect-table');
    await settle(() => table.innerText()).toContain('堽城镇满意度指数偏低');
    const rows = table.locator('tr.ant-table-row');
    const lines = (await rows.allInnerTexts()).filter((l) => l.includes('堽城镇'));
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(line).toMatch(/低于县定标准|高于县定标准|显著/);
    await web.screenshot(page, 'loop-proposals');

    // Confirm the index proposal: the owner is the township, the deadline typed in.
    const row = rows.filter({ hasText: '堽城镇满意度指数偏低' });
    taskTitle = (await row.getByTestId('rect-title').innerText()).trim();
    await row.locator('[data-testid^=rect-confirm-]').click();
    await dialogOf(page).waitFor();
    await settle(() => dialogOf(page).getByTestId('rect-owner-township').innerText()).toContain('堽城镇');
    await typeDate(dialogOf(page).locator('.ant-picker input'), dueOn);
    await dialogOf(page).getByTestId('rect-measures').fill('逐村召开群众座谈会，建立问题台账，限时销号。');
    const confirmed = await clickForAnswer(dialogOk(page), 'POST', '/confirm');
    expect(confirmed.status(), await confirmed.text()).toBe(200);
    taskId = new URL(confirmed.url()).pathname.split('/').at(-2)!;
    // It leaves the proposals.
    await settle(() => rows.filter({ hasText: taskTitle }).count()).toBe(0);

    // The task, from the tasks tab: in progress, owned by 堽城镇, due on the date typed.
    await page.getByRole('tab', { name: '全部任务' }).click();
    await page.getByTestId('rect-table').getByRole('link', { name: taskTitle }).click();
    await page.waitForURL(`**/rectification/${taskId}`);
    await settle(() => page.getByTestId('rect-status').innerText()).toBe('整改中');
    expect(await page.getByTestId('rect-owner').innerText()).toBe('堽城镇');
    expect(await page.getByTestId('rect-due').innerText()).toBe(dueOn);
    expect(await page.getByTestId('rect-evidence').innerText()).toContain('95% 置信区间');
    expect(errors).toEqual([]);
  }, 300_000);

  it('2. 堽城镇’s admin finds the task, reports progress with a photo and submits it', async () => {
    const { page, errors } = await web.openPage(WIDE);
    await web.signIn(page, 'gangcheng');
    await page.getByRole('menuitem', { name: '整改任务' }).click();
    await page.getByTestId('rect-table').getByRole('link', { name: taskTitle }).click();
    await page.waitForURL(`**/rectification/${taskId}`);
    await page.getByTestId('rect-task-no').waitFor();
    await reportProgressAndSubmit(page, taskId, '已走访 12 个村，收集问题 37 条，已解决 20 条。');
    await web.screenshot(page, 'loop-submitted');
    expect(errors).toEqual([]);
  }, 300_000);

  it('3. the county admin verifies it: the photo is there, the task accepted', async () => {
    const { page, errors } = await web.openPage(WIDE);
    await web.signIn(page, 'admin');
    await page.getByRole('menuitem', { name: '整改任务' }).click();
    await page.getByTestId('rect-table').getByRole('link', { name: taskTitle }).click();
    await page.waitForURL(`**/rectification/${taskId}`);
    await settle(() => page.getByTestId('rect-status').innerText()).toBe('待验收');
    expect(await page.getByTestId('rect-update-progress').getByTestId('rect-photo').count()).toBe(1);
    await acceptTask(page, taskId);
    expect(errors).toEqual([]);
  }, 300_000);

  it('4. the county admin creates the quarter’s assessment on the page, computes and publishes it', async () => {
    const { page, errors } = await web.openPage(WIDE);
    await web.signIn(page, 'admin');
    await page.getByRole('menuitem', { name: '乡镇考核' }).click();
    await page.waitForURL('**/assessments');
    await page.getByLabel('名称', { exact: true }).fill(ASSESSMENT);
    const period = page.locator('.ant-picker-range input');
    await typeDate(period.nth(0), '2026-07-01');
    await typeDate(period.nth(1), '2026-09-30');
    await page.getByTestId('assessment-waves').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: waveName }).click();
    await page.keyboard.press('Escape');
    for (const [key, weight] of WEIGHTS) {
      await page.getByTestId(`scheme-include-${key}`).check();
      await page.getByTestId(`scheme-weight-${key}`).fill(String(weight));
    }
    await settle(() => page.locator('.ant-layout-content').innerText()).toMatch(/权重合计: 1(?![.\d])/);
    const created = await clickForAnswer(page.getByRole('button', { name: '新建考核' }), 'POST', '/api/assessments');
    expect(created.status(), await created.text()).toBe(201);

    // The list shows it as a draft; its page computes and publishes it.
    await page.getByRole('link', { name: ASSESSMENT }).click();
    await page.waitForURL(/\/assessments\/\d+$/);
    assessmentPath = new URL(page.url()).pathname;
    const content = page.locator('.ant-layout-content');
    await settle(() => content.innerText()).toContain('草稿');
    const computed = await clickForAnswer(page.getByRole('button', { name: /^计\s?算$/ }), 'POST', '/compute');
    expect(computed.status(), await computed.text()).toBe(200);
    const table = content.locator('.ant-table').first();
    await settle(() => table.locator('tr.ant-table-row').count()).toBe(13);
    await page.getByRole('button', { name: /^发\s?布$/ }).click();
    await settle(() => page.locator('.ant-popconfirm').innerText()).toContain('发布后考核结果即冻结');
    const published = await clickForAnswer(page.locator('.ant-popconfirm .ant-btn-primary'), 'POST', '/publish');
    expect(published.status(), await published.text()).toBe(200);
    await settle(() => content.innerText()).toContain('已发布');
    expect(await page.getByRole('button', { name: /^发\s?布$/ }).count()).toBe(0);

    // The ranking as the page prints it: rank, possible ranks, township, composite ± half-width.
    const cells = await table.locator('tr.ant-table-row').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
    ranking = cells.map((c) => ({ rank: c[0]!, range: c[1]!, name: c[2]!, composite: c[3]!.split('±')[0]!.trim() }));
    expect(ranking.map((r) => r.name).sort()).toEqual(towns.map((t) => t.name).sort());
    expect(ranking.map((r) => Number(r.rank))).toEqual([...ranking.map((r) => Number(r.rank))].sort((a, b) => a - b));
    // 堽城镇, weak in everything, comes last.
    expect(ranking.at(-1)!.name).toBe('堽城镇');
    expect(ranking[0]!.composite).toMatch(/^\d+\.\d\d$/);
    await web.screenshot(page, 'loop-assessment');
    expect(errors).toEqual([]);
  }, 300_000);

  it('5. the bulletin: the preview, the Word and Excel downloads carry the page’s figures and the accepted task', async () => {
    const { page, errors } = await web.openPage(WIDE);
    await web.signIn(page, 'admin');
    await page.getByRole('menuitem', { name: '乡镇考核' }).click();
    await page.getByRole('link', { name: ASSESSMENT }).click();
    await page.waitForURL(`**${assessmentPath}`);
    await page.getByTestId('assessment-bulletin').click();
    await page.waitForURL(`**${assessmentPath}/bulletin`);
    const preview = page.getByTestId('bulletin-document');
    await settle(() => preview.innerText()).toContain(`关于${ASSESSMENT}结果的通报`);
    await web.screenshot(page, 'loop-bulletin-preview');

    // The Excel tables: the raw composites the page rounds to two decimals, and the rank columns.
    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bulletin-xlsx').click()]);
    expect(xlsxDownload.suggestedFilename()).toBe(`${ASSESSMENT}通报.xlsx`);
    const xlsx = path.join(dir, 'bulletin.xlsx');
    await xlsxDownload.saveAs(xlsx);
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    const sheet = workbook.getWorksheet('排名')!;
    const xlsxRows = ranking.map((_, k) => sheet.getRow(3 + k));
    expect(xlsxRows.map((r) => [String(r.getCell(1).value), r.getCell(2).value, r.getCell(3).value])).toEqual(ranking.map((r) => [r.rank, r.range, r.name]));
    raw = new Map(xlsxRows.map((r) => [String(r.getCell(3).value), Number(r.getCell(4).value)]));
    for (const r of ranking) expect(raw.get(r.name)!.toFixed(2), `${r.name}'s composite in the XLSX`).toBe(r.composite);
    const rect = workbook.getWorksheet('整改进度')!;
    const rectRows = new Map<string, unknown[]>();
    rect.eachRow((row) => rectRows.set(String(row.getCell(1).value), [2, 3, 4, 5, 6, 7].map((c) => row.getCell(c).value)));
    // 任务数, 整改中, 待验收, 已验收, 按期完成, 逾期: the one accepted task, submitted before its deadline.
    expect(rectRows.get('堽城镇')).toEqual([1, 0, 0, 1, 1, 0]);
    expect(rectRows.get('合计')).toEqual([1, 0, 0, 1, 1, 0]);

    // The preview prints each composite to one decimal, as the Word file will.
    const previewRows = await preview.locator('table').first().locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 4).map((td) => (td.textContent ?? '').trim())));
    expect(previewRows).toEqual(ranking.map((r) => [r.rank, r.range, r.name, raw.get(r.name)!.toFixed(1)]));

    // The Word file: A4, 仿宋 body, red header; its ranking table the page's.
    const [docxDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bulletin-docx').click()]);
    expect(docxDownload.suggestedFilename()).toBe(`${ASSESSMENT}通报.docx`);
    await docxDownload.saveAs(docx);
    const xml = readZip(fs.readFileSync(docx)).get('word/document.xml')!;
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(xml).toMatch(/<w:rFonts [^>]*w:eastAsia="仿宋_GB2312"[^>]*\/>(?:(?!<\/w:r>)[\s\S])*<w:t[^>]*>[^<]*通报/);
    expect(xml).toContain('<w:color w:val="FF0000"/>');
    const tables = docxTables(xml);
    const rankTable = tables.find((t) => t[0]?.[0] === '名次')!;
    expect(rankTable.slice(1).map((r) => r.slice(0, 4))).toEqual(previewRows);
    const rectTable = tables.find((t) => t[0]?.[0] === '乡镇（街道）' && t[0]?.includes('已验收'))!;
    expect(rectTable.find((r) => r[0] === '堽城镇')).toEqual(['堽城镇', '1', '0', '0', '1', '1', '0']);
    expect(errors).toEqual([]);
  }, 300_000);

  libreOfficeStep('6. the Word file opens in LibreOffice with the same figures', async () => {
    const txt = await convertWithLibreOffice(docx, 'txt:Text (encoded):UTF8', 'txt');
    const text = fs.readFileSync(txt, 'utf8');
    expect(text).toContain(`关于${ASSESSMENT}结果的通报`);
    expect(text).toContain('宁阳县');
    // Table cells come out one a line: each township's rank, possible ranks, name and composite in order.
    const lines = text.split(/\r?\n/).map((l) => l.trim());
    for (const r of ranking) {
      const at = lines.findIndex((l, k) => l === r.name && lines[k - 1] === r.range && lines[k - 2] === r.rank);
      expect(at, `${r.rank} ${r.range} ${r.name} in LibreOffice's text`).toBeGreaterThan(0);
      expect(lines[at + 1]).toBe(raw.get(r.name)!.toFixed(1));
    }
  }, 300_000);

  async function dashboard(viewport: { width: number; height: number; mobile?: boolean }, shot: string) {
    const { page, errors } = await web.openPage(viewport);
    await web.signIn(page, 'leader');
    if (viewport.mobile) {
      // On a phone the menu is behind its button.
      await page.getByTestId('nav-toggle').click();
    }
    await page.getByRole('menuitem', { name: '驾驶舱' }).click();
    await page.getByTestId('dashboard-page').waitFor();

    // The ranking is the published assessment's, each township's rank and composite the page's.
    await settle(() => page.getByTestId('dashboard-ranking-source').getAttribute('data-source')).toBe('assessment');
    expect(await page.getByTestId('dashboard-ranking-source').innerText()).toContain(ASSESSMENT);
    await settle(() => page.getByTestId('dashboard-ranking-chart').getAttribute('data-bars')).toBe('13');
    await settle(() => page.locator('[data-testid=dashboard-ranking-chart] svg text').count()).toBeGreaterThan(26);
    const bars = await barsOf(page, 'dashboard-ranking-chart', (t) => /^\d+\. /.test(t));
    const label = (r: RankLine) => (r.range.includes('–') ? `${r.rank}. ${r.name} (${r.range})` : `${r.rank}. ${r.name}`);
    expect(Object.fromEntries(bars)).toEqual(Object.fromEntries(ranking.map((r) => [label(r), raw.get(r.name)!.toFixed(1)])));

    // Rectification by status: the accepted task counted, the unconfirmed proposals apart.
    const statuses = await barsOf(page, 'dashboard-rectification-chart', (t) => ['待确认', '整改中', '待验收', '已完成'].includes(t));
    expect(statuses.get('已完成')).toBe('1');
    expect(statuses.get('整改中')).toBe('0');
    expect(statuses.get('待验收')).toBe('0');
    expect(Number(statuses.get('待确认'))).toBeGreaterThan(0);

    // The tile map: the 13 townships, each tile with the wave's index; 堽城镇 the lowest.
    const tiles = page.locator('[data-testid^=dashboard-tile-3709]');
    await settle(() => tiles.count()).toBe(13);
    const values = await tiles.evaluateAll((els) => els.map((e) => [e.getAttribute('data-testid')!.replace('dashboard-tile-', ''), Number(e.getAttribute('data-value'))] as const));
    expect(values.every(([, v]) => v > 0 && v <= 100)).toBe(true);
    const lowest = values.reduce((a, b) => (b[1] < a[1] ? b : a));
    expect(lowest[0]).toBe(GANGCHENG.code);
    const tile = page.getByTestId(`dashboard-tile-${GANGCHENG.code}`);
    expect(await tile.innerText()).toContain(lowest[1].toFixed(1));
    expect(await tile.boundingBox()).not.toBeNull();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await web.screenshot(page, shot);
    expect(errors).toEqual([]);
  }

  it('7. the county leader sees it all on the dashboard at desktop size', () => dashboard(WIDE, 'loop-dashboard-desktop'), 300_000);
  it('8. and on a phone', () => dashboard(PHONE, 'loop-dashboard-phone'), 300_000);
});
