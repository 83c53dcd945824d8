/**
 * Issue 11's "Done means" in a real browser (see support.ts), through the cases pages only: a clerk
 * of 堽城镇 registers a case at a village; the village cadre cannot solve it and escalates; the
 * township dispatches it to 民政局; the department accepts and resolves it; a call-back records
 * "not solved" and it reopens (重办) to the same unit; the second resolution is confirmed by the
 * resident and the case closed. The deadlines shown are checked against `addWorkingDays` on the
 * county's calendar: the village's skip the weekend; the dispatch to 民政局 is made with the
 * server's clock on the eve of the National Day holiday (the server runs in this process, so
 * `vi.setSystemTime` moves only the clock that computes deadlines), so its deadline visibly skips
 * both the weekend and the official holiday (国庆节, from chinese-days).
 */
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { addWorkingDays, calendarFromDays, WEEKENDS_ONLY, type TWorkingCalendar } from '../../src/shared/cases/index.ts';
import { deadlineTime } from '../../src/web/components/cases/deadline.ts';
import { DEMO_COUNTY_CODE } from '../../src/server/modules/demo/index.ts';
import { localDate } from '../../src/shared/time.ts';
import { browserSuite, chooseInDialog, clickForAnswer, DESKTOP, PHONE, settle, startBrowserApp, type BrowserApp } from './support.ts';

const VILLAGE_CODE = '370921104201'; // the demo cadre's village, in 堽城镇
const CATEGORY = { code: 'relief-temporary', name: '临时救助' }; // route: village first, then 民政局
/** 16:00 Shanghai on the last working day before 国庆节 2026 (10-01 … 10-07; 10-10 is worked in lieu). */
const EVE_OF_HOLIDAY = new Date('2026-09-30T16:00:00+08:00');

browserSuite('a case through village, township and department in Chromium', () => {
  let web: BrowserApp;
  let calendar: TWorkingCalendar;
  beforeAll(async () => {
    web = await startBrowserApp();
    const days = await web.database.db.selectFrom('working_calendar_day').select(['day', 'kind']).where('county_code', '=', DEMO_COUNTY_CODE).execute();
    calendar = calendarFromDays(days.map((d) => ({ day: String(d.day).slice(0, 10), kind: d.kind })));
  }, 240_000);
  afterAll(async () => {
    vi.useRealTimers();
    await web?.close();
  });

  const modal = (page: Page) => page.locator('.ant-modal:visible');
  const submit = (page: Page) => modal(page).locator('.ant-modal-footer .ant-btn-primary');
  const status = (page: Page) => page.getByTestId('case-page').getByTestId('case-status').getAttribute('data-status');

  /** Opens the case page fresh (another account may have changed the case). */
  async function openCase(page: Page, id: string) {
    await page.goto(`${web.baseUrl}/cases/${id}`);
    await page.getByTestId('case-no').waitFor();
  }

  /** Takes a step through its button and dialog; `fill` fills the dialog; returns the answer's status. */
  async function takeStep(page: Page, id: string, step: string, path: string, fill?: () => Promise<void>) {
    await page.getByTestId(`step-${step}`).click();
    await modal(page).waitFor();
    if (fill) await fill();
    const answer = await clickForAnswer(submit(page), 'POST', `/api/cases/${id}/${path}`);
    expect(answer.status(), `${step}: ${await answer.text()}`).toBe(200);
    await settle(() => modal(page).count()).toBe(0);
  }

  const fillText = (page: Page, label: string, text: string) => modal(page).getByLabel(label, { exact: true }).fill(text);
  const pick = (page: Page, text: string) => modal(page).getByText(text, { exact: true }).click();

  /** The 三率排名 page's department tab for this month (Shanghai), and the 民政局 row it was answered with. */
  async function ministryRates(page: Page) {
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'GET' && new URL(r.url()).pathname === '/api/case-rates'),
      page.goto(`${web.baseUrl}/case-rates?level=department&month=${localDate().slice(0, 7)}`),
    ]);
    expect(answer.status()).toBe(200);
    const rates = (await answer.json()) as { rows: { unit: { name: string } }[] };
    await page.getByTestId('case-rates-table').waitFor();
    return rates.rows.find((r) => r.unit.name === '县民政局') ?? null;
  }

  async function openAssignment(caseId: string) {
    return web.database.db
      .selectFrom('case_assignment')
      .select(['id', 'unit_department_id', 'unit_region_id', 'dispatched_at', 'response_due_at', 'resolve_due_at', 'reopened'])
      .where('county_code', '=', DEMO_COUNTY_CODE)
      .where('case_id', '=', caseId)
      .where('ended_at', 'is', null)
      .executeTakeFirstOrThrow();
  }

  it('registers, escalates, dispatches to 民政局, resolves, reopens on "not solved", resolves again and closes, with deadlines that skip weekends and the holiday', async () => {
    const village = await web.database.db.selectFrom('region').select(['id', 'name']).where('code', '=', VILLAGE_CODE).executeTakeFirstOrThrow();
    const category = await web.database.db.selectFrom('case_category').select(['resolve_days']).where('county_code', '=', DEMO_COUNTY_CODE).where('code', '=', CATEGORY.code).executeTakeFirstOrThrow();

    // The month's three-rate ranking of departments before the case, as 民政局's handler sees it.
    const handler = await web.openPage(DESKTOP);
    await web.signIn(handler.page, 'minzheng');
    const ratesBefore = await ministryRates(handler.page);

    // 1. The township's clerk registers the case at the window (from the menu).
    const clerk = await web.openPage(DESKTOP);
    await web.signIn(clerk.page, 'gangcheng');
    await clerk.page.getByRole('menuitem', { name: '民情诉求' }).click();
    await clerk.page.waitForURL('**/cases');
    await clerk.page.getByTestId('new-case').click();
    await clerk.page.waitForURL('**/cases/new');
    const form = clerk.page.getByTestId('case-register-page');
    await form.getByLabel('诉求分类').click();
    await clerk.page.keyboard.type(CATEGORY.name);
    await clerk.page.locator('.ant-select-dropdown:visible .ant-select-tree-title').getByText(CATEGORY.name, { exact: true }).click();
    await form.getByLabel('发生地（村或乡镇）').click();
    await clerk.page.keyboard.type(village.name);
    await clerk.page.locator('.ant-select-dropdown:visible .ant-select-tree-title').getByText(village.name, { exact: true }).click();
    await form.getByLabel('诉求标题').fill('独居老人冬季取暖困难');
    await form.getByLabel('诉求内容').fill('村民反映家中老人独居，冬季取暖煤不足，申请临时救助。');
    await form.getByLabel('诉求人姓名').fill('王秀兰');
    await form.getByLabel('联系电话').fill('13905381234');
    const registered = await clickForAnswer(clerk.page.getByTestId('register-case'), 'POST', '/api/cases');
    if (registered.status() === 409) {
      // The demo's cases may hold a likely duplicate: this is a new problem, registered anyway.
      await clerk.page.getByTestId('case-duplicates').waitFor();
      expect((await clickForAnswer(clerk.page.getByTestId('register-anyway'), 'POST', '/api/cases')).status()).toBe(201);
    } else {
      expect(registered.status(), await registered.text()).toBe(201);
    }
    await clerk.page.waitForURL(/\/cases\/\d+$/);
    const caseId = new URL(clerk.page.url()).pathname.split('/').pop()!;
    await clerk.page.getByTestId('case-no').waitFor();
    expect(await status(clerk.page)).toBe('dispatched');
    await settle(() => clerk.page.getByTestId('case-unit').innerText()).toContain(village.name);
    // The phone is masked on the page.
    expect(await clerk.page.getByTestId('case-page').innerText()).not.toContain('13905381234');

    // The village's deadline is N working days after the registration on the county calendar, past a weekend.
    const first = await openAssignment(caseId);
    const firstDue = addWorkingDays(new Date(first.dispatched_at), category.resolve_days, calendar);
    expect(new Date(first.resolve_due_at)).toEqual(firstDue);
    expect(firstDue.getTime() - new Date(first.dispatched_at).getTime()).toBeGreaterThan(category.resolve_days * 24 * 3600_000); // the weekend is not counted
    await settle(() => clerk.page.getByTestId('deadline-resolve').innerText()).toContain(`办结时限 ${deadlineTime(firstDue.toISOString())}`);
    expect(await clerk.page.getByTestId('deadline-response').innerText()).toMatch(/^签收时限 \d{4}-\d\d-\d\d \d\d:\d\d/);
    await web.screenshot(clerk.page, 'case-registered');

    // 2. The village cadre (on a phone) cannot solve it and escalates it to the township.
    const cadre = await web.openPage(PHONE);
    await web.signIn(cadre.page, 'cadre');
    await openCase(cadre.page, caseId);
    await takeStep(cadre.page, caseId, 'escalate', 'escalate', () => fillText(cadre.page, '原因', '需民政部门审批临时救助，村级无法解决。'));
    await settle(() => status(cadre.page)).toBe('dispatched');
    await settle(() => cadre.page.getByTestId('case-unit').innerText()).toContain('堽城镇');
    expect(await cadre.page.getByTestId('case-steps').locator('button').count()).toBe(0); // no longer the cadre's
    await web.screenshot(cadre.page, 'case-escalated-phone');

    // 3. The township dispatches it to 民政局, on the eve of 国庆节 by the server's clock.
    await openCase(clerk.page, caseId);
    await clerk.page.getByTestId('step-dispatch').click();
    await modal(clerk.page).waitFor();
    await pick(clerk.page, '县直部门');
    await chooseInDialog(clerk.page, '承办部门', '民政局', '民政');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(EVE_OF_HOLIDAY);
    try {
      const dispatched = await clickForAnswer(submit(clerk.page), 'POST', `/api/cases/${caseId}/dispatch`);
      expect(dispatched.status(), await dispatched.text()).toBe(200);
    } finally {
      vi.useRealTimers();
    }
    await settle(() => modal(clerk.page).count()).toBe(0);
    await settle(() => clerk.page.getByTestId('case-unit').innerText()).toContain('民政局');
    const toDepartment = await openAssignment(caseId);
    expect(toDepartment.unit_department_id).not.toBeNull();
    expect(new Date(toDepartment.dispatched_at)).toEqual(EVE_OF_HOLIDAY);
    const holidayDue = addWorkingDays(EVE_OF_HOLIDAY, category.resolve_days, calendar);
    expect(new Date(toDepartment.resolve_due_at)).toEqual(holidayDue);
    // Later than weekends alone would give: the official holiday is skipped too (and 10-10, worked in lieu, counted).
    expect(holidayDue > addWorkingDays(EVE_OF_HOLIDAY, category.resolve_days, WEEKENDS_ONLY)).toBe(true);
    const holidays = await web.database.db
      .selectFrom('working_calendar_day')
      .select(['day', 'name', 'source'])
      .where('county_code', '=', DEMO_COUNTY_CODE)
      .where('kind', '=', 'holiday')
      .where('day', '>=', '2026-10-01')
      .where('day', '<=', '2026-10-07')
      .execute();
    expect(holidays.length).toBe(7);
    expect(holidays.every((h) => h.source.startsWith('chinese-days'))).toBe(true);
    const dispatchEvent = clerk.page.locator('[data-testid=case-event][data-kind=dispatch]').last();
    await settle(() => dispatchEvent.innerText()).toContain(`办结时限 ${deadlineTime(holidayDue.toISOString())}`);
    expect(await dispatchEvent.innerText()).toContain('交 县民政局');
    await settle(() => clerk.page.getByTestId('deadline-resolve').innerText()).toContain(deadlineTime(holidayDue.toISOString()));

    // 4. 民政局 accepts, records what it did with a photo, and resolves.
    await openCase(handler.page, caseId);
    await takeStep(handler.page, caseId, 'accept', 'accept');
    await settle(() => status(handler.page)).toBe('accepted');
    const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 40, g: 120, b: 200 } } }).jpeg().toBuffer();
    await takeStep(handler.page, caseId, 'note', 'notes', async () => {
      await fillText(handler.page, '办理情况', '已入户核实，符合临时救助条件。');
      const [upload] = await Promise.all([
        handler.page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/cases/${caseId}/files`),
        modal(handler.page).locator('input[type=file]').setInputFiles({ name: 'visit.jpg', mimeType: 'image/jpeg', buffer: photo }),
      ]);
      expect(upload.status(), await upload.text()).toBe(201);
      await settle(() => modal(handler.page).locator('.ant-upload-list-item-done, .ant-upload-list-item:not(.ant-upload-list-item-uploading)').count()).toBe(1);
    });
    await settle(() => handler.page.locator('[data-testid=case-event][data-kind=note] img').count()).toBe(1);
    await takeStep(handler.page, caseId, 'resolve', 'resolve', () => fillText(handler.page, '办理结果', '已发放临时救助金 1000 元。'));
    await settle(() => status(handler.page)).toBe('resolved');

    // 5. The call-back: not solved. The case goes back to 民政局, flagged 重办.
    await openCase(clerk.page, caseId);
    await takeStep(clerk.page, caseId, 'callback', 'callback', async () => {
      await pick(clerk.page, '未解决（重办）');
      await pick(clerk.page, '不满意');
      await fillText(clerk.page, '说明', '救助金未到账。');
    });
    await settle(() => status(clerk.page)).toBe('dispatched');
    await settle(() => clerk.page.getByTestId('case-page').getByTestId('case-reopened').count()).toBe(1);
    expect(await clerk.page.getByTestId('case-unit').innerText()).toContain('民政局');
    const reopened = await openAssignment(caseId);
    expect(reopened.reopened).toBe(true);
    expect(reopened.unit_department_id).toBe(toDepartment.unit_department_id);
    expect(new Date(reopened.resolve_due_at)).toEqual(addWorkingDays(new Date(reopened.dispatched_at), category.resolve_days, calendar));

    // 6. 民政局 accepts and resolves again.
    await openCase(handler.page, caseId);
    await takeStep(handler.page, caseId, 'accept', 'accept');
    await takeStep(handler.page, caseId, 'resolve', 'resolve', () => fillText(handler.page, '办理结果', '救助金已到账，经本人确认。'));
    await settle(() => status(handler.page)).toBe('resolved');

    // 7. The resident confirms it is solved; the township closes the case.
    await openCase(clerk.page, caseId);
    await takeStep(clerk.page, caseId, 'callback', 'callback', async () => {
      await pick(clerk.page, '已解决');
      await pick(clerk.page, '满意');
    });
    await settle(() => status(clerk.page)).toBe('called_back');
    await takeStep(clerk.page, caseId, 'close', 'close');
    await settle(() => status(clerk.page)).toBe('closed');
    expect(await clerk.page.getByTestId('case-steps').locator('button').count()).toBe(0);

    // The history tells the whole story, the reopening flagged.
    const kinds = await clerk.page.locator('[data-testid=case-event]').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    for (const kind of ['register', 'dispatch', 'escalate', 'accept', 'note', 'resolve', 'callback', 'close']) expect(kinds, kind).toContain(kind);
    expect(kinds.filter((k) => k === 'resolve').length).toBe(2);
    expect(await clerk.page.getByTestId('case-timeline').innerText()).toContain('重办');

    // The list shows the case closed and reopened.
    await clerk.page.goto(`${web.baseUrl}/cases`);
    const row = clerk.page.locator('[data-testid=cases-table] tr.ant-table-row', { hasText: '独居老人冬季取暖困难' });
    await settle(() => row.count()).toBe(1);
    expect(await row.locator('[data-testid=case-status]').getAttribute('data-status')).toBe('closed');
    expect(await row.getByTestId('case-reopened').count()).toBe(1);
    await web.screenshot(clerk.page, 'case-list');

    // The monthly ranking shows the effect on 民政局's figures (its call-backs, the reopening).
    const ratesAfter = await ministryRates(handler.page);
    expect(ratesAfter).not.toBeNull();
    expect(ratesAfter).not.toEqual(ratesBefore);
    await settle(() => handler.page.getByTestId('case-rates-table').innerText()).toContain('县民政局');
    await web.screenshot(handler.page, 'case-rates-after');

    expect([...clerk.errors, ...cadre.errors, ...handler.errors]).toEqual([]);
  }, 300_000);
});
