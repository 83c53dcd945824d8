/**
 * A township clerk's import in Chromium, at desktop and phone size: download the template, fill
 * it, upload it with problems and see them grouped by kind, upload the corrected file, then a
 * re-import that renames a registered person: the change shown field by field, written only
 * once confirmed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { idCheckCharacter } from '../../src/shared/registry/id-number.ts';
import { IMPORT_ISSUE_MESSAGES } from '../../src/shared/registry/import-issues.ts';
import { browserSuite, clickForAnswer, DESKTOP, PHONE, settle, startBrowserApp, type BrowserApp } from './support.ts';

const id = (birth: string, sequence: number) => {
  const first17 = `370921${birth.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
};

browserSuite('a township clerk imports alone, in Chromium', () => {
  let web: BrowserApp;
  let dir: string;

  beforeAll(async () => {
    web = await startBrowserApp();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-import-ux-'));
  }, 900_000);
  afterAll(async () => {
    await web?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function upload(page: Page, file: string, status: string) {
    await page.locator('[data-testid=import-upload] input[type=file]').setInputFiles(file);
    await settle(() => page.getByTestId('chosen-file').innerText()).toContain(path.basename(file));
    const res = await clickForAnswer(page.getByTestId('start-import'), 'POST', '/api/imports/households', { timeout: 60_000 });
    if (res.status() !== 202) throw new Error(`the upload was answered ${res.status()}: ${await res.text().catch(() => '')}`);
    await page.locator(`[data-testid=import-job][data-status=${status}]`).waitFor({ timeout: 90_000 });
  }

  /** The downloaded template with its example row replaced by `rows` (cells by header). */
  async function filled(template: string, name: string, rows: Record<string, string>[]) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(template);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    sheet.spliceRows(2, 1);
    for (const row of rows) sheet.addRow(header.map((h) => row[h] ?? ''));
    const file = path.join(dir, name);
    await book.xlsx.writeFile(file);
    return file;
  }

  for (const [size, viewport, username, birthYear] of [
    ['desktop', DESKTOP, 'gangcheng', 1950],
    ['phone', PHONE, 'jiangji', 1951],
  ] as const) {
    it(`${size}: template → grouped problems → corrected file → field-by-field changes → confirmed`, async () => {
      const { page, errors } = await web.openPage(viewport);
      await web.signIn(page, username);
      await page.goto(`${web.baseUrl}/imports`);

      // The template, with the township's own villages in its drop-down list.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-template').click()]);
      const template = path.join(dir, `${username}-template.xlsx`);
      await download.saveAs(template);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(template);
      const villages = (book.getWorksheet('选项')!.getColumn(1).values as string[]).slice(2);
      expect(villages.length).toBeGreaterThan(3);
      const [v1, v2] = villages;

      const person = (no: string, village: string, name: string, relationship: string, n: number) => ({
        户编号: `${username}-${no}`,
        '村（社区）': village,
        姓名: name,
        与户主关系: relationship,
        身份证号: id(`${birthYear}-0${1 + (n % 9)}-1${n % 10}`, 101 + 2 * n),
        困难类别: n === 0 ? '低保户' : '',
      });
      const good = [person('1', v1!, '张三', '户主', 0), person('1', v1!, '李梅', '配偶', 1), person('2', v2!, '王五', '户主', 2)];
      const wrongVillage = [3, 4, 5].map((n) => person(`9${n}`, '外乡村', '赵六', '户主', n));

      // Problems, grouped: three rows of one unknown village are one thing to fix.
      await upload(page, await filled(template, `${username}-problems.xlsx`, [...good, ...wrongVillage]), 'rejected');
      const group = page.locator('[data-testid=issue-group][data-problem=village_not_found]');
      await settle(() => group.innerText()).toContain('3 行');
      expect(await group.innerText()).toContain(IMPORT_ISSUE_MESSAGES.village_not_found['zh-CN']);
      expect(await group.innerText()).toContain('外乡村');
      await group.getByTestId('issue-group-all').click();
      await settle(() => group.locator('[data-testid=import-issues] tr.ant-table-row').count()).toBe(3);
      await web.screenshot(page, `import-groups-${size}`);

      // Corrected: everything is new, so it is written at once.
      await page.getByTestId('new-import').click();
      await upload(page, await filled(template, `${username}-fixed.xlsx`, good), 'succeeded');
      await settle(() => page.getByTestId('import-verdict').innerText()).toContain('导入完成');

      // A re-import that renames 张三: shown field by field, nothing written until confirmed.
      await page.getByTestId('new-import').click();
      await upload(page, await filled(template, `${username}-renamed.xlsx`, [{ ...good[0]!, 姓名: '张叁' }, ...good.slice(1)]), 'awaiting_confirmation');
      const changes = page.getByTestId('import-change-rows');
      await settle(() => changes.innerText()).toContain('张叁');
      const text = await changes.innerText();
      expect(text).toContain('姓名');
      expect(text).toContain('张三');
      const name = () => web.database.db.selectFrom('resident').select('name').where('name', 'in', ['张三', '张叁']).where('id_number_tail', '=', good[0]!.身份证号.slice(-4)).executeTakeFirstOrThrow();
      expect((await name()).name).toBe('张三');
      await web.screenshot(page, `import-changes-${size}`);

      await page.getByTestId('confirm-changes').click();
      await clickForAnswer(page.getByTestId('confirm-changes-ok'), 'POST', '/confirm', { timeout: 60_000 });
      await page.locator('[data-testid=import-job][data-status=succeeded]').waitFor({ timeout: 90_000 });
      await settle(() => page.getByTestId('open-preview').count()).toBe(1);
      expect((await name()).name).toBe('张叁');
      expect(errors).toEqual([]);
    }, 600_000);
  }
});
