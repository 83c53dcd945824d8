/**
 * The interviewer workstation in a real browser (see support.ts), as issue #4 says "done" looks:
 * two interviewers in two browsers ask for cases side by side, again and again, and never get
 * the same number (checked on the pages and, at the end, in the attempts table: no case ever had
 * two holders at once). One of them runs a whole interview from the keyboard alone (N, D, number
 * keys, Enter), reloads in the middle and resumes at the same question, and records 完成访问;
 * the other records 无人接听 and an appointment. An emptied optional answer is taken back on the
 * server; a case taken by mistake is handed back (T, Enter) and comes back as it was. No page ever
 * shows a full number. Server problems (a lost case, outside calling hours, outside the wave's
 * period) show with their explanation; nothing due says when the next callback is; the page works
 * in English (townships by their English names) and on a narrow screen.
 * Screenshots in test-results/workstation-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { STANDARD_QUESTIONNAIRE } from '../../src/server/modules/survey/index.ts';
import { PROBLEM_MESSAGES } from '../../src/shared/problem.ts';
import { maskPhone } from '../../src/shared/registry/phone.ts';
import { localDate } from '../../src/shared/time.ts';
import { insertFieldworkWave, type FieldworkWave } from '../support/survey-fixture.ts';
import { testCipher } from '../support/test-app.ts';
import { browserSuite, clickForAnswer, DESKTOP, PHONE, settle, startBrowserApp, type BrowserApp } from './support.ts';

const QUESTIONS = STANDARD_QUESTIONNAIRE.questions.map((q) => q.code);

browserSuite('interviewer workstation in Chromium', () => {
  let web: BrowserApp;
  let wave: FieldworkWave;
  let one: Page;
  let two: Page;
  /** Each page's errors (support.ts collects them). */
  const pages: string[][] = [];
  /** Every case handed out, in order, with who got it. */
  const handedOut: { caseId: string; masked: string; who: string }[] = [];

  beforeAll(async () => {
    web = await startBrowserApp();
    wave = await insertFieldworkWave(web.database.db, testCipher, { casesPerTownship: 2 });
  }, 240_000);
  afterAll(async () => {
    await web?.close();
  });

  /** No full number of the wave in what the page shows, nor anywhere in its HTML. */
  async function expectNoFullNumber(page: Page) {
    const text = await page.locator('body').innerText();
    const html = await page.content();
    for (const phone of wave.phones.values()) {
      expect(text, 'a full number on the page').not.toContain(phone);
      expect(html, 'a full number in the page').not.toContain(phone);
    }
  }

  async function openWorkstation(username: string) {
    const { page, errors } = await web.openPage(DESKTOP);
    pages.push(errors);
    // The desk's softphone opens tel: links; a headless browser has none, and Chromium's attempt to find one
    // swallows keys. Record the link the page opens instead.
    await page.addInitScript(() => {
      const click = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        if (this.href.startsWith('tel:')) {
          (window as unknown as { telLinks: string[] }).telLinks = [...((window as unknown as { telLinks?: string[] }).telLinks ?? []), this.href];
          return;
        }
        click.call(this);
      };
    });
    await web.signIn(page, username);
    await page.getByRole('menuitem', { name: '电话访问' }).click();
    await page.waitForURL('**/survey/workstation');
    await page.getByTestId('wave-hours').waitFor();
    return page;
  }

  /** The case on the page once it has come: its id and masked number. */
  async function caseOn(page: Page, who: string) {
    const card = page.getByTestId('case-card');
    await card.waitFor();
    const entry = { caseId: (await card.getAttribute('data-case-id'))!, masked: (await page.getByTestId('phone-masked').innerText()).trim(), who };
    expect(entry.masked).toMatch(/^139\*{4}\d{4}$/);
    handedOut.push(entry);
    return entry;
  }

  /** Both press N at the same moment; they must get two different cases, never seen before. */
  async function bothAskForNext() {
    await Promise.all([one.keyboard.press('n'), two.keyboard.press('n')]);
    const a = await caseOn(one, 'interviewer1');
    const b = await caseOn(two, 'interviewer2');
    expect(a.caseId).not.toBe(b.caseId);
    // Masked numbers may coincide (same last four digits): the numbers behind them may not.
    expect(wave.phones.get(a.caseId)).not.toBe(wave.phones.get(b.caseId));
    expect(a.masked).toBe(maskPhone(wave.phones.get(a.caseId)!));
    expect(b.masked).toBe(maskPhone(wave.phones.get(b.caseId)!));
    expect(handedOut.filter((h) => h.caseId === a.caseId || h.caseId === b.caseId)).toHaveLength(2);
    return [a, b] as const;
  }

  const question = (page: Page) => page.getByTestId('question');
  async function expectAt(page: Page, code: string) {
    await settle(() => question(page).getAttribute('data-code')).toBe(code);
  }
  async function answer(page: Page, keys: string, code: string) {
    await expectAt(page, code);
    await page.keyboard.type(keys);
    await page.keyboard.press('Enter');
  }

  /** R, search the outcome list, Enter, then the record button. */
  async function chooseOutcome(page: Page, search: string, code: string) {
    await page.keyboard.press('r');
    await page.keyboard.type(search);
    await page.locator(`.ant-select-dropdown:visible [data-testid="outcome-${code}"]`).waitFor();
    await page.keyboard.press('Enter');
    await settle(() => page.getByTestId('outcome').innerText()).toContain(code);
  }
  /** D, and the dial on record. */
  async function dial(page: Page) {
    await page.keyboard.press('d');
    await settle(() => page.getByTestId('dial-state').getAttribute('data-dialed')).toBe('yes');
  }
  async function recorded(page: Page, code: string) {
    await settle(() => page.getByTestId('recorded').getAttribute('data-code')).toBe(code);
    await settle(() => page.getByTestId('case-card').count()).toBe(0);
    return page.getByTestId('recorded').innerText();
  }

  it('two interviewers work side by side: a whole interview from the keyboard with a reload, and a no-answer', async () => {
    one = await openWorkstation('interviewer1');
    two = await openWorkstation('interviewer2');
    const help = await one.getByTestId('shortcut-help').innerText();
    for (const key of ['N', 'D', 'Enter', 'Backspace', '下一个样本', '拨号', '上一题']) expect(help).toContain(key);
    expect(await one.getByTestId('no-case').innerText()).toContain('按 N');

    const [a, b] = await bothAskForNext();
    await expectNoFullNumber(one);
    await web.screenshot(two, 'workstation-case');

    // Interviewer 1, keyboard only: dial, then the script from the introduction.
    expect(await one.getByTestId('return-case').count()).toBe(1);
    await one.keyboard.press('d');
    await settle(() => one.getByTestId('dial-state').getAttribute('data-dialed')).toBe('yes');
    // Dialled: only an outcome can end this attempt now.
    expect(await one.getByTestId('return-case').count()).toBe(0);
    expect(one.url()).toContain(`/survey/workstation?case=${a.caseId}`);
    expect(await one.evaluate(() => (window as unknown as { telLinks?: string[] }).telLinks)).toEqual([`tel:${wave.phones.get(a.caseId)}`]);
    await expectNoFullNumber(one);
    await settle(() => one.getByTestId('script').getAttribute('data-position')).toBe('intro');
    expect(await one.getByTestId('introduction').innerText()).toContain('您好');
    await one.keyboard.press('Enter');
    await answer(one, '1', 'S1'); // lives here
    await answer(one, '2', 'S2'); // 18–35
    // The township question lists the wave's 13 townships: two digits in a row pick the tenth and after.
    await expectAt(one, 'S3');
    const township = (await one.getByTestId('case-township').innerText()).trim();
    const position = wave.townships.findIndex((t) => t.name === township) + 1;
    expect(position).toBeGreaterThan(0);
    expect(await one.locator('[data-testid=question] .ant-radio-wrapper').count()).toBe(wave.townships.length);
    expect(await one.getByTestId('question-note').innerText()).toContain('以回答为准');
    await one.keyboard.type(String(position));
    await settle(() => one.getByTestId(`option-${position}`).isChecked()).toBe(true);
    await one.keyboard.press('Enter');
    // A required question does not let the interviewer past without an answer.
    await expectAt(one, 'Q1');
    await one.keyboard.press('Enter');
    await one.getByTestId('needs-answer').waitFor();
    await expectAt(one, 'Q1');
    await answer(one, '1', 'Q1');
    await answer(one, '2', 'Q2');
    await answer(one, '3', 'Q3');
    await expectAt(one, 'Q4');
    await web.screenshot(one, 'workstation-question');

    // Interviewer 2 meanwhile: dial, no answer (searched in Chinese), a note.
    await two.keyboard.press('d');
    await settle(() => two.getByTestId('dial-state').getAttribute('data-dialed')).toBe('yes');
    await chooseOutcome(two, '无人接听', 'T3.13');
    expect(await two.getByTestId('outcome-retry').innerText()).toBe('约 1–2 小时后再拨。 达到最多拨打次数时记为“始终无人接听”。');
    await two.getByTestId('outcome-note').fill('响铃十声无人接');
    await two.getByTestId('record-outcome').click();
    expect(await recorded(two, 'T3.13')).toContain('之后再拨');

    // A reload in the middle of the interview comes back to the same case and question, answers kept.
    await settle(() => one.getByTestId('save-state').getAttribute('data-state')).toBe('saved');
    await one.reload();
    await expectAt(one, 'Q4');
    expect(await one.getByTestId('case-card').getAttribute('data-case-id')).toBe(a.caseId);
    await settle(() => one.getByTestId('dial-state').getAttribute('data-dialed')).toBe('yes');
    // Still says why it came, not merely that it is held.
    expect(await one.getByTestId('case-reason').getAttribute('data-reason')).toBe('fresh');
    await one.keyboard.press('Backspace');
    await expectAt(one, 'Q3');
    expect(await one.getByTestId('option-3').isChecked()).toBe(true);
    await one.keyboard.press('Enter');
    for (const code of ['Q4', 'Q5', 'Q6', 'Q7', 'Q8', 'Q9', 'Q10a', 'Q10b', 'Q10c', 'Q10d', 'Q11']) await answer(one, '1', code);
    // The open question takes the text box; Ctrl+Enter goes on from it.
    await expectAt(one, 'Q12');
    await settle(() => one.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    // An optional answer given, then emptied: the server forgets it too.
    const q12 = async () => {
      await settle(() => one.getByTestId('save-state').getAttribute('data-state')).toBe('saved');
      const row = await web.database.db
        .selectFrom('interview_answer as x')
        .innerJoin('interview as i', 'i.id', 'x.interview_id')
        .select('x.text')
        .where('i.case_id', '=', a.caseId)
        .where('x.question_code', '=', 'Q12')
        .executeTakeFirst();
      return row?.text ?? null;
    };
    await one.keyboard.type('先记下的话');
    await one.keyboard.press('Control+Enter');
    await expectAt(one, 'Q13');
    expect(await q12()).toBe('先记下的话');
    await one.keyboard.press('Backspace');
    await expectAt(one, 'Q12');
    await settle(() => one.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await one.getByTestId('open-answer').fill('');
    await one.keyboard.press('Control+Enter');
    await expectAt(one, 'Q13');
    await settle(q12).toBe(null);
    await one.keyboard.press('Backspace');
    await expectAt(one, 'Q12');
    await settle(() => one.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    expect(await one.getByTestId('open-answer').inputValue()).toBe('');
    // Letters, digits and Backspace that are shortcuts elsewhere are only text here (no dial, no going back).
    await one.keyboard.type('村里道路需要维修 need drains, dial 12');
    await one.keyboard.press('Backspace');
    expect(await one.getByTestId('script').getAttribute('data-position')).toBe('Q12');
    await one.keyboard.press('Control+Enter');
    await answer(one, '1', 'Q13');
    // The end: complete is picked and Enter records it.
    await settle(() => one.getByTestId('script').getAttribute('data-position')).toBe('end');
    await one.getByTestId('script-done').waitFor();
    await settle(() => one.getByTestId('outcome').innerText()).toContain('完成访问');
    await web.screenshot(one, 'workstation-end');
    await one.keyboard.press('Enter');
    expect(await recorded(one, '1.1')).toContain('该号码已结束');
    await expectNoFullNumber(one);

    const done = await web.database.db
      .selectFrom('sample_case as c')
      .innerJoin('interview as i', 'i.case_id', 'c.id')
      .select(['c.final_disposition', 'i.status', 'i.id'])
      .where('c.id', '=', a.caseId)
      .executeTakeFirstOrThrow();
    expect(done).toMatchObject({ final_disposition: '1.1', status: 'complete' });
    const answers = await web.database.db.selectFrom('interview_answer').select(['question_code', 'option_id', 'text']).where('interview_id', '=', done.id).execute();
    expect(answers.map((x) => x.question_code).sort()).toEqual([...QUESTIONS].sort());
    expect(answers.find((x) => x.question_code === 'S3')?.option_id).toBe(wave.townships[position - 1]!.code);
    expect(answers.find((x) => x.question_code === 'Q3')?.option_id).toBe('dissatisfied');
    expect(answers.find((x) => x.question_code === 'Q12')?.text).toBe('村里道路需要维修 need drains, dial 1');
    const noAnswer = await web.database.db.selectFrom('sample_case').select(['last_disposition', 'final_disposition', 'next_call_at']).where('id', '=', b.caseId).executeTakeFirstOrThrow();
    expect(noAnswer).toMatchObject({ last_disposition: 'T3.13', final_disposition: null });
    expect(new Date(noAnswer.next_call_at!).getTime()).toBeGreaterThan(Date.now() + 55 * 60_000);
    const dials = await web.database.db.selectFrom('audit_log').select(['after']).where('action', '=', 'survey.dial').execute();
    expect(dials).toHaveLength(2);
    for (const phone of wave.phones.values()) expect(JSON.stringify(dials)).not.toContain(phone);
  });

  it('an appointment, a screen-out, a lost case and more cases side by side, never the same one', async () => {
    // Interviewer 2 agrees an appointment for tomorrow 10:00 (Beijing time).
    const [c] = await bothAskForNext();
    // Not yet dialled: the outcomes of a call cannot be picked, and the card says to dial first.
    expect(await two.getByTestId('outcome-dial-first').innerText()).toContain('请先拨号');
    await two.keyboard.press('r');
    await two.keyboard.type('T2.21');
    const undialled = two.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ has: two.getByTestId('outcome-T2.21') });
    await settle(() => undialled.getAttribute('aria-disabled')).toBe('true');
    await two.keyboard.press('Escape');
    // Out of the picker's search box, where D would be typed rather than dial.
    await two.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await dial(two);
    expect(await two.getByTestId('outcome-dial-first').count()).toBe(0);
    await dial(one);
    await chooseOutcome(two, 'T2.21', 'T2.21');
    const tomorrow = localDate(new Date(Date.now() + 86_400_000));
    await two.getByTestId('record-outcome').click();
    await settle(() => two.getByTestId('outcome-invalid').innerText()).toContain('预约时间');
    const picker = two.locator('#outcome-time');
    await picker.click();
    await picker.fill(`${tomorrow} 10:00`);
    await picker.press('Enter');
    await settle(() => picker.inputValue()).toBe(`${tomorrow} 10:00`);
    await two.getByTestId('outcome-note').fill('受访者明早有空');
    await two.getByTestId('record-outcome').click();
    expect(await recorded(two, 'T2.21')).toContain(`${tomorrow} 10:00`);
    const appointment = await web.database.db
      .selectFrom('sample_case as c')
      .innerJoin('app_user as u', 'u.id', 'c.appointment_with')
      .select(['c.appointment_at', 'u.username'])
      .where('c.id', '=', handedOut[handedOut.length - 1]!.caseId)
      .executeTakeFirstOrThrow();
    expect(new Date(appointment.appointment_at!).toISOString()).toBe(new Date(`${tomorrow}T10:00:00+08:00`).toISOString());
    expect(appointment.username).toBe('interviewer2');

    // The same case open in a second tab, which saves first: the first tab's save is stale, so it loads the
    // interview again from the server and says so; what the other tab saved is there.
    const tab = await one.context().newPage();
    await tab.goto(`${web.baseUrl}/survey/workstation?case=${c.caseId}`);
    await settle(() => tab.getByTestId('script').getAttribute('data-position')).toBe('intro');
    await tab.keyboard.press('Enter');
    await answer(tab, '1', 'S1');
    await expectAt(tab, 'S2');
    await settle(() => tab.getByTestId('save-state').getAttribute('data-state')).toBe('saved');
    await tab.close();
    await one.keyboard.press('Enter');
    await settle(() => one.getByTestId('problem').getAttribute('data-code')).toBe('interview_stale');
    await one.getByText('已从服务器重新载入该样本的访问记录').waitFor();
    await expectAt(one, 'S2');
    await one.keyboard.press('Backspace');
    await expectAt(one, 'S1');
    expect(await one.getByTestId('option-1').isChecked()).toBe(true);
    await one.keyboard.press('Enter');

    // Interviewer 1's respondent is under 18: the interview ends, and "not eligible" is what Enter records.
    await answer(one, '1', 'S2');
    await one.getByTestId('screened-out').waitFor();
    await settle(() => one.getByTestId('outcome').innerText()).toContain('4.70');
    await one.keyboard.press('Enter');
    await recorded(one, '4.70');
    const screened = await web.database.db.selectFrom('interview').select('status').where('case_id', '=', c.caseId).executeTakeFirstOrThrow();
    expect(screened.status).toBe('screened_out');

    // A case whose hold ran out: the server's explanation, and the case is let go.
    const [lost, kept] = await bothAskForNext();
    await web.database.db.updateTable('sample_case').set({ lease_expires_at: new Date(Date.now() - 1000) }).where('id', '=', lost.caseId).execute();
    await one.keyboard.press('Enter');
    await one.keyboard.press('1');
    await one.keyboard.press('Enter');
    await settle(() => one.getByTestId('problem').getAttribute('data-code')).toBe('case_not_yours');
    expect(await one.getByTestId('problem').innerText()).toContain(PROBLEM_MESSAGES.case_not_yours['zh-CN']);
    await settle(() => one.getByTestId('case-card').count()).toBe(0);
    // Free again, it would (rightly) go to the next caller; the rest of the test counts handed-out cases, so close it.
    await web.database.db.updateTable('sample_case').set({ final_disposition: '4.31', finalized_at: new Date(), assigned_to: null, lease_expires_at: null }).where('id', '=', lost.caseId).execute();
    await web.database.db.updateTable('call_attempt').set({ ended_at: new Date() }).where('case_id', '=', lost.caseId).where('ended_at', 'is', null).execute();
    void kept;
    await dial(two);
    await chooseOutcome(two, '4.31', '4.31');
    await two.getByTestId('record-outcome').click();
    await recorded(two, '4.31');

    // Taken by mistake: handed back before dialling (T, then Enter), it waits where it was and comes again.
    await one.keyboard.press('n');
    const mistaken = await caseOn(one, 'interviewer1');
    await one.keyboard.press('t');
    await one.getByTestId('confirm-return').waitFor();
    await settle(() => one.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('confirm-return');
    await one.keyboard.press('Enter');
    await settle(() => one.getByTestId('returned').getAttribute('data-queue')).toBe('fresh');
    expect(await one.getByTestId('returned').innerText()).toContain(mistaken.masked);
    await settle(() => one.getByTestId('case-card').count()).toBe(0);
    const back = await web.database.db.selectFrom('sample_case').select(['assigned_to', 'attempts']).where('id', '=', mistaken.caseId).executeTakeFirstOrThrow();
    expect(back).toEqual({ assigned_to: null, attempts: 0 });
    expect(await web.database.db.selectFrom('call_attempt').select('id').where('case_id', '=', mistaken.caseId).execute()).toEqual([]);
    await one.keyboard.press('n');
    await settle(() => one.getByTestId('case-card').getAttribute('data-case-id')).toBe(mistaken.caseId);
    expect(await one.getByTestId('case-attempt').innerText()).toContain('第 1 次');
    await dial(one);
    await chooseOutcome(one, '4.32', '4.32');
    await one.getByTestId('record-outcome').click();
    await recorded(one, '4.32');

    // A few more rounds, as fast as the pages go.
    for (let round = 0; round < 3; round++) {
      await bothAskForNext();
      for (const [page, code] of [
        [one, 'T3.12'],
        [two, '4.32'],
      ] as const) {
        await dial(page);
        await chooseOutcome(page, code, code);
        await page.getByTestId('record-outcome').click();
        await recorded(page, code);
      }
    }
    await expectNoFullNumber(one);
    await expectNoFullNumber(two);

    // Never two holders of one case at once: the attempts of each case do not overlap in time between interviewers.
    const attempts = await web.database.db
      .selectFrom('call_attempt as a')
      .select(['a.case_id', 'a.interviewer_id', 'a.assigned_at', 'a.ended_at'])
      .where('a.wave_id', '=', wave.waveId)
      .orderBy('a.case_id')
      .orderBy('a.assigned_at')
      .execute();
    expect(attempts.length).toBeGreaterThanOrEqual(handedOut.length);
    for (let i = 0; i < attempts.length; i++) {
      for (let j = i + 1; j < attempts.length; j++) {
        const [x, y] = [attempts[i]!, attempts[j]!];
        if (x.case_id !== y.case_id) continue;
        const xEnd = x.ended_at === null ? Infinity : new Date(x.ended_at).getTime();
        expect(new Date(y.assigned_at).getTime(), `case ${x.case_id} held twice at once`).toBeGreaterThanOrEqual(xEnd);
      }
    }
    expect(new Set(handedOut.map((h) => h.caseId)).size).toBe(handedOut.length);
  });

  it('says why nothing is handed out: nothing due (with the next callback) and outside calling hours (with the next window)', async () => {
    // Every number not yet called is finished; what is left are callbacks and the appointment.
    await web.database.db.updateTable('sample_case').set({ final_disposition: '4.31', finalized_at: new Date() }).where('wave_id', '=', wave.waveId).where('next_call_at', 'is', null).where('final_disposition', 'is', null).execute();
    await one.keyboard.press('n');
    await settle(() => one.getByTestId('empty-state').getAttribute('data-reason')).toBe('nothing_due');
    expect(await one.getByTestId('empty-state').innerText()).toMatch(/最早可拨打时间：\d{4}-\d\d-\d\d \d\d:\d\d/);

    const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
    const window = hour < 12 ? { from: '20:00', to: '21:00' } : { from: '06:00', to: '07:00' };
    await web.database.db.updateTable('survey_wave').set({ calling_hours: JSON.stringify([window]) }).where('id', '=', wave.waveId).execute();
    await one.keyboard.press('n');
    await settle(() => one.getByTestId('problem').getAttribute('data-code')).toBe('outside_calling_hours');
    const text = await one.getByTestId('problem').innerText();
    expect(text).toContain(PROBLEM_MESSAGES.outside_calling_hours['zh-CN']);
    expect(text).toMatch(new RegExp(`下一个拨打时段：\\d{4}-\\d\\d-\\d\\d ${window.from}–${window.to}`));
    expect(text).not.toContain('nextWindow');
    await web.screenshot(one, 'workstation-outside-hours');
    await web.database.db.updateTable('survey_wave').set({ calling_hours: JSON.stringify([{ from: '00:00', to: '24:00' }]) }).where('id', '=', wave.waveId).execute();

    // Before the wave's period: nothing is handed out, and the page says when it runs.
    const tomorrow = localDate(new Date(Date.now() + 86_400_000));
    const period = await web.database.db.selectFrom('survey_wave').select(['starts_on', 'ends_on']).where('id', '=', wave.waveId).executeTakeFirstOrThrow();
    await web.database.db.updateTable('survey_wave').set({ starts_on: tomorrow }).where('id', '=', wave.waveId).execute();
    await one.keyboard.press('n');
    await settle(() => one.getByTestId('problem').getAttribute('data-code')).toBe('wave_not_started');
    const notYet = await one.getByTestId('problem').innerText();
    expect(notYet).toContain(PROBLEM_MESSAGES.wave_not_started['zh-CN']);
    expect(notYet).toContain(`本轮实施期：${tomorrow} 至 ${period.ends_on}`);
    expect(notYet).not.toContain('period');
    await web.database.db.updateTable('survey_wave').set({ starts_on: period.starts_on }).where('id', '=', wave.waveId).execute();
  });

  it('in English, and on a narrow screen', async () => {
    // The appointment was made with interviewer 2; it is due only tomorrow, so give the wave fresh numbers.
    const more = await insertFieldworkWave(web.database.db, testCipher, { casesPerTownship: 1, phoneBlock: 77 });
    for (const [id, phone] of more.phones) wave.phones.set(id, phone);
    await clickForAnswer(two.getByTestId('language-switch').getByText('EN'), 'PUT', '/api/auth/locale');
    await settle(() => two.getByTestId('page-title').innerText()).toBe('Telephone interviewing');
    expect(await two.getByRole('menuitem', { name: 'Interviewing' }).count()).toBe(1);
    await two.keyboard.press('n');
    await two.getByTestId('case-card').waitFor();
    // The township by its English name, where the region has one.
    const shown = (await two.getByTestId('case-township').innerText()).trim();
    const names = await web.database.db.selectFrom('region').select(['name', 'name_en']).where('code', 'in', more.townships.map((t) => t.code)).execute();
    // The demo county names its townships in English.
    expect(names.every((n) => n.name_en)).toBe(true);
    expect(names.map((n) => n.name_en)).toContain(shown);
    await two.keyboard.press('Enter');
    await expectAt(two, 'S1');
    const english = await two.locator('body').innerText();
    for (const label of ['Keys:', 'Next case', 'Dial', 'Have you lived in this county for at least a year?', 'Yes', 'Outcome', 'Attempt']) expect(english).toContain(label);
    expect(english).not.toContain('下一个样本');
    await web.screenshot(two, 'workstation-en');

    await two.setViewportSize({ width: PHONE.width, height: PHONE.height });
    await settle(() => two.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    // A phone has no keys to press: no shortcut help.
    await settle(() => two.getByTestId('shortcut-help').count()).toBe(0);
    await web.screenshot(two, 'workstation-narrow');
    await expectNoFullNumber(two);
    expect(pages.flat()).toEqual([]);
  });
});
