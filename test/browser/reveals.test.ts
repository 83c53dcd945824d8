/**
 * Reveals with a purpose and the audit log in words, in a real browser (see support.ts): a
 * township admin reveals an ID number and is asked why first (其他 needs words); the next reveal
 * offers the same purpose again; a village cadre does the same on a phone; the county admin reads
 * the audit log at desktop and phone size and sees actions, operators, records, sources and
 * purposes in words (in Chinese and English), and no full number. Screenshots in test-results/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { idNumber, insertHousehold } from '../support/registry-fixture.ts';
import { testCipher } from '../support/test-app.ts';
import { browserSuite, DESKTOP, PHONE, settle, startBrowserApp, type BrowserApp } from './support.ts';

const VILLAGE = '370921104201'; // 堽城镇, the demo cadre's village
const headId = idNumber('1966-09-12', 531);
const headPhone = '13905386789';
const spousePhone = '15805381122';
const maskedId = `${headId.slice(0, 6)}********${headId.slice(-4)}`;

browserSuite('reveals and the audit log in Chromium', () => {
  let web: BrowserApp;
  let householdId: string;

  beforeAll(async () => {
    web = await startBrowserApp();
    const household = await insertHousehold(web.database.db, testCipher, {
      villageCode: VILLAGE,
      householdNo: '370921104201-7001',
      members: [
        { name: '赵德明', idNumber: headId, relationship: '户主', phones: [headPhone] },
        { name: '孙秀英', idNumber: idNumber('1969-01-20', 542), relationship: '配偶', phones: [spousePhone] },
      ],
    });
    householdId = household.householdId;
  }, 240_000);
  afterAll(async () => web?.close());

  /**
   * Opens the household's page and waits until its two members are listed. On a loaded machine
   * the page's code, the session check and the household can take most of an action's 30 s, which
   * the first click then spent waiting for the page instead of for itself.
   */
  async function openHousehold(page: Page) {
    await page.goto(`${web.baseUrl}/households/${householdId}`);
    await settle(() => page.locator('[data-testid=member-table] tr.ant-table-row').count()).toBe(2);
  }

  const dialog = (page: Page) => page.locator('.ant-modal:visible');
  const show = (page: Page) => dialog(page).getByRole('button', { name: /查\s*看/ });
  const purposes = async () =>
    (await web.database.db.selectFrom('audit_log').select(['actor_name', 'action', 'after']).where('action', 'in', ['resident.reveal_id_number', 'resident.reveal_phone']).orderBy('id').execute()).map((r) => [
      r.actor_name,
      r.action,
      (r.after as { purpose: unknown }).purpose,
    ]);

  it('asks a township admin why before showing a full number, and offers the same reason next time', async () => {
    const { page, errors } = await web.openPage(DESKTOP);
    await web.signIn(page, 'gangcheng');
    await openHousehold(page);
    const head = page.locator('[data-testid=member-table] tr.ant-table-row').filter({ hasText: '赵德明' });
    await head.getByTestId('member-id-reveal').click();

    // The dialog names the person and lists the purposes; nothing is shown or recorded before a choice.
    await settle(() => dialog(page).innerText()).toContain('查看 赵德明 的完整身份证号');
    const text = await dialog(page).innerText();
    for (const p of ['入户走访核实', '帮扶救助办理', '诉求办理联系', '数据核对更正', '其他', '审计日志']) expect(text).toContain(p);
    await show(page).click();
    await settle(() => dialog(page).innerText()).toContain('请选择查看目的');
    await dialog(page).getByText('其他').click();
    await show(page).click();
    await settle(() => dialog(page).innerText()).toContain('选择“其他”时请写明查看目的');
    expect(await purposes()).toEqual([]);
    expect(await page.locator('body').innerText()).not.toContain(headId);
    await web.screenshot(page, 'reveal-purpose');

    await page.getByTestId('reveal-purpose-note').fill('核对低保申请材料');
    await show(page).click();
    await settle(() => head.getByTestId('member-id-revealed').innerText()).toBe(headId);
    await settle(() => dialog(page).count()).toBe(0);
    expect(await head.innerText()).toContain('已记入审计日志');

    // The phone: the same purpose is offered again; confirming it is one click.
    await head.getByTestId('member-phone-reveal').click();
    await settle(() => dialog(page).innerText()).toContain('查看 赵德明 的完整电话');
    expect(await page.getByTestId('reveal-purpose-note').inputValue()).toBe('核对低保申请材料');
    await show(page).click();
    await settle(() => head.getByTestId('member-phone-revealed').innerText()).toBe(headPhone);
    expect(await purposes()).toEqual([
      ['gangcheng', 'resident.reveal_id_number', { code: 'other', note: '核对低保申请材料' }],
      ['gangcheng', 'resident.reveal_phone', { code: 'other', note: '核对低保申请材料' }],
    ]);
    expect(errors).toEqual([]);
  }, 120_000);

  it('asks a village cadre on a phone too', async () => {
    const { page, errors } = await web.openPage(PHONE);
    await web.signIn(page, 'cadre');
    await openHousehold(page);
    const spouse = page.locator('[data-testid=member-table] tr.ant-table-row').filter({ hasText: '孙秀英' });
    await spouse.getByTestId('member-phone-reveal').click();
    await settle(() => dialog(page).innerText()).toContain('查看 孙秀英 的完整电话');
    // Another person signed in: nothing is remembered from the township admin.
    expect(await page.getByTestId('reveal-purpose-note').inputValue()).toBe('');
    await dialog(page).getByText('入户走访核实').click();
    await web.screenshot(page, 'reveal-purpose-phone');
    await show(page).click();
    await settle(() => spouse.getByTestId('member-phone-revealed').innerText()).toBe(spousePhone);
    expect((await purposes()).at(-1)).toEqual(['cadre', 'resident.reveal_phone', { code: 'home_visit', note: null }]);
    expect(errors).toEqual([]);
  }, 120_000);

  async function auditPage(page: Page) {
    await web.signIn(page, 'admin');
    await page.goto(`${web.baseUrl}/audit`);
    const rows = page.locator('[data-testid=audit-table] tr.ant-table-row');
    await settle(() => rows.count()).toBeGreaterThan(5);
    return rows;
  }

  it('shows the county admin the audit log in words and names', async () => {
    const { page, errors } = await web.openPage(DESKTOP);
    const rows = await auditPage(page);
    const reveal = rows.filter({ hasText: '查看完整身份证号' });
    await settle(() => reveal.count()).toBe(1);
    const line = await reveal.innerText();
    for (const words of ['堽城镇管理员', 'gangcheng', '居民', '赵德明', maskedId, '其他：核对低保申请材料', '网页']) expect(line).toContain(words);
    const table = await page.getByTestId('audit-table').innerText();
    // The demo county was loaded from the command line: said in words, not as cli:browser-test.
    expect(table).toContain('命令行操作');
    expect(table).toContain('lianxin browser-test');
    expect(table).not.toMatch(/cli:|用户 \d|样本 \d|survey_wave\.|resident\.reveal/);

    // The details: the change field by field, with the fields' names.
    await reveal.click();
    const details = page.locator('.ant-table-expanded-row:visible');
    await settle(() => details.innerText()).toContain('身份证号（脱敏）');
    const detail = await details.innerText();
    for (const words of ['姓名 / 名称', '赵德明', maskedId, '查看目的', '其他：核对低保申请材料', 'resident.reveal_id_number']) expect(detail).toContain(words);
    const body = await page.locator('body').innerText();
    for (const full of [headId, headPhone, spousePhone]) expect(body).not.toContain(full);
    await web.screenshot(page, 'audit-log');
    expect(errors).toEqual([]);
  }, 120_000);

  it('and on a phone', async () => {
    const { page, errors } = await web.openPage(PHONE);
    const rows = await auditPage(page);
    const reveal = rows.filter({ hasText: '查看完整电话' }).filter({ hasText: '孙秀英' });
    await settle(() => reveal.count()).toBe(1);
    const line = await reveal.innerText();
    for (const words of ['堽城镇包村干部', '入户走访核实']) expect(line).toContain(words);
    await reveal.click();
    const details = page.locator('.ant-table-expanded-row:visible');
    await settle(() => details.innerText()).toContain('电话（脱敏）');
    expect(await details.innerText()).toContain('孙秀英');
    const body = await page.locator('body').innerText();
    for (const full of [headId, headPhone, spousePhone]) expect(body).not.toContain(full);
    // The table fits the phone's width: nothing to scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await web.screenshot(page, 'audit-log-phone');

    // In English, the same words in English.
    await page.getByTestId('language-switch').getByText('EN').click();
    const english = rows.filter({ hasText: 'Viewed full phone number' }).filter({ hasText: '孙秀英' });
    await settle(() => english.count()).toBe(1);
    expect(await english.innerText()).toContain('Home visit / verification');
    await settle(() => page.getByTestId('audit-table').innerText()).toContain('At the command line');
    expect(errors).toEqual([]);
  }, 120_000);
});
