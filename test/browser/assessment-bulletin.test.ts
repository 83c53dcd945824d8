/**
 * Issue 12 points 4–5 in a real browser: the county admin opens a computed assessment, publishes
 * it (after the page's warning that publishing freezes it), opens its bulletin from the
 * assessment page, and downloads the Word file, whose figures are the published result's; the
 * same assessment can no longer be published again (the button is gone).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertAssessment } from '../../src/server/modules/assessment/testing/assessment-fixture.ts';
import { readZip } from '../../src/server/modules/bulletin/testing/read-zip.ts';
import { readJson } from '../../src/server/db/json-columns.ts';
import { browserSuite, clickForAnswer, DESKTOP, settle, startBrowserApp, type BrowserApp } from './support.ts';

browserSuite('assessment: publish and download the bulletin in Chromium', () => {
  let web: BrowserApp;
  let assessmentId = '';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-bulletin-'));
  beforeAll(async () => {
    web = await startBrowserApp();
    assessmentId = (await insertAssessment(web.database.db, { countyCode: '370921', stage: 'computed' })).id;
  }, 240_000);
  afterAll(async () => {
    await web?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the county admin publishes the assessment and downloads its bulletin with the same figures', async () => {
    const { page } = await web.openPage(DESKTOP);
    await web.signIn(page, 'admin');
    await page.goto(`${web.baseUrl}/assessments/${assessmentId}`);
    const content = page.locator('.ant-layout-content');
    await settle(() => content.innerText()).toContain('草稿');

    // Publishing asks first, then freezes the result.
    // Ant Design spaces out a two-character button label (发 布).
    await page.getByRole('button', { name: /^发\s?布$/ }).click();
    await settle(() => page.locator('.ant-popconfirm').innerText()).toContain('发布后考核结果即冻结');
    const published = await clickForAnswer(page.locator('.ant-popconfirm .ant-btn-primary'), 'POST', `/api/assessments/${assessmentId}/publish`);
    expect(published.status(), await published.text()).toBe(200);
    await settle(() => content.innerText()).toContain('已发布');
    expect(await page.getByRole('button', { name: /^发\s?布$/ }).count()).toBe(0);

    // The frozen result the bulletin must print.
    const row = await web.database.db
      .selectFrom('assessment as a')
      .innerJoin('assessment_result as r', 'r.id', 'a.published_result_id')
      .select('r.result')
      .where('a.id', '=', assessmentId)
      .executeTakeFirstOrThrow();
    const result = readJson('assessment_result.result', row.result);
    const first = result.townships[0]!;

    // The bulletin, from the assessment page: the preview names the first township.
    await page.getByTestId('assessment-bulletin').click();
    await page.waitForURL(`**/assessments/${assessmentId}/bulletin`);
    await settle(() => page.getByTestId('bulletin-document').innerText()).toContain(first.name);
    await web.screenshot(page, 'assessment-bulletin-preview');

    // The Word file: A4, naming every township of the frozen result.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bulletin-docx').click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const file = path.join(dir, 'bulletin.docx');
    await download.saveAs(file);
    const xml = readZip(fs.readFileSync(file)).get('word/document.xml')!;
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"');
    for (const t of result.townships) expect(xml, `${t.name} in the bulletin`).toContain(t.name);
  });

  it('the county admin imports the city’s spot checks (a wrong file refused with its rows), changes the scheme to a fixed range and reads the version history', async () => {
    const { page, errors } = await web.openPage(DESKTOP);
    await web.signIn(page, 'admin');
    await page.goto(`${web.baseUrl}/assessments`);
    await page.getByTestId('assessment-spot-checks').click();
    await page.waitForURL('**/assessments/city-spot-checks');
    const header = '开始日期,结束日期,指标,数值,样本量,区间下限,区间上限,文号,全市位次,县区数\r\n';
    const input = page.locator('[data-testid="spot-check-page"] input[type=file]');
    // A share above 1: nothing imported, the row named.
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/api/city-spot-checks/import')),
      input.setInputFiles({ name: '市级抽查.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}2026-07-01,2026-09-30,满意率,1.5,400,,,市联系服务办〔2026〕12号,3,9\r\n`) }),
    ]);
    expect(refused.status()).toBe(422);
    await settle(() => page.getByTestId('spot-check-problem').innerText()).toContain('第 2 行');
    // The problem once, then each wrong row once (the detail's own copy of the issues is not repeated).
    expect(await page.getByTestId('spot-check-problem').innerText()).toContain('未导入任何数据');
    expect((await page.getByTestId('spot-check-problem').innerText()).split('第 2 行').length).toBe(2);
    const [imported] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/api/city-spot-checks/import')),
      input.setInputFiles({ name: '市级抽查.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}2026/7/1,2026/9/30,满意率,0.925,400,0.9,0.95,市联系服务办〔2026〕12号,3,9\r\n`) }),
    ]);
    expect(imported.status(), await imported.text()).toBe(201);
    const table = page.getByTestId('spot-check-table');
    await settle(() => table.innerText()).toContain('92.5%');
    expect(await table.innerText()).toContain('市联系服务办〔2026〕12号');
    expect(await table.innerText()).toContain('3 / 9');
    await web.screenshot(page, 'assessment-city-spot-checks');

    // The scheme of a draft: the fixed range's best end lowered, saved as version 2 with a note.
    const draft = await insertAssessment(web.database.db, { countyCode: '370921', stage: 'draft' });
    await page.goto(`${web.baseUrl}/assessments/${draft.id}`);
    const best = page.getByTestId('scheme-best-rectification_on_time');
    await settle(() => best.inputValue()).toBe('1');
    expect(await page.getByTestId('scheme-kind-rectification_on_time').innerText()).toContain('固定区间折算');
    await best.fill('0.9');
    await page.getByTestId('scheme-note').fill('按期完成率 90% 即得满分');
    const saved = await clickForAnswer(page.getByTestId('scheme-save'), 'PUT', `/api/assessments/${draft.id}/scheme`);
    expect(saved.status(), await saved.text()).toBe(200);
    expect(saved.request().postDataJSON()).toMatchObject({ scheme: { components: [{ key: 'rectification_on_time', weight: 1, scaling: { kind: 'fixed', worst: 0, best: 0.9 } }] }, note: '按期完成率 90% 即得满分' });
    const versions = page.getByTestId('scheme-versions');
    await settle(() => versions.innerText()).toContain('整改按期完成率 折算：固定区间：0 得 0 分 → 1 得 100 分 → 固定区间：0 得 0 分 → 0.9 得 100 分');
    expect(await versions.innerText()).toContain('按期完成率 90% 即得满分');
    expect(await page.getByTestId('scheme-card').innerText()).toContain('第 2 版');
    // Weights that do not add up are refused on the page, before any request.
    await page.getByTestId('scheme-components').getByText('群众满意度指数', { exact: true }).click();
    await page.getByTestId('scheme-weight-survey_index').fill('0.5');
    await page.getByTestId('scheme-save').click();
    await settle(() => page.getByTestId('scheme-problem').innerText()).toContain('权重合计为 1.5，应为 1');
    await web.screenshot(page, 'assessment-scheme-versions');
    expect(errors).toEqual([]);
  });
});
