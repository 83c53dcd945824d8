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
});
