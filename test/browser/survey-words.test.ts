/**
 * The survey pages in plain words (issue 9, point 6), in Chromium at desktop and phone size: the
 * results page opens on the latest wave that has results (not a newer wave just opened with no
 * interviews), the statisticians' terms carry plain labels with their codes and an explanation
 * on hover, a wave without interviews says so, and a supervisor moves a running wave's end date.
 * Screenshots in test-results/.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { localDate } from '../../src/shared/time.ts';
import { insertFieldworkWave, insertInterviewOutcomes, type FieldworkWave } from '../support/survey-fixture.ts';
import { testCipher } from '../support/test-app.ts';
import { browserSuite, DESKTOP, PHONE, settle, startBrowserApp, type BrowserApp } from './support.ts';

const dayAfter = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

browserSuite('survey pages in plain words, in Chromium', () => {
  let web: BrowserApp;
  let done: FieldworkWave;
  let running: FieldworkWave;
  const today = localDate();

  beforeAll(async () => {
    web = await startBrowserApp();
    const { db } = web.database;
    // An earlier wave with results, and a newer one just opened: no interviews yet.
    done = await insertFieldworkWave(db, testCipher, { status: 'closed', casesPerTownship: 12, startsOn: '2026-06-01', endsOn: '2026-06-30' });
    const interviewers = await db.selectFrom('app_user').select('id').where('username', 'in', ['interviewer1', 'interviewer2']).execute();
    await insertInterviewOutcomes(db, done, { interviewerIds: interviewers.map((i) => i.id), outcomes: { complete: 8, refused: 2, no_answer: 2 }, seed: 5 });
    running = await insertFieldworkWave(db, testCipher, { casesPerTownship: 3, startsOn: today, endsOn: dayAfter(today, 10) });
  }, 300_000);
  afterAll(async () => {
    await web?.close();
  });

  it('opens the results on the latest wave with results, with plain labels whose codes stay and explain themselves on hover', async () => {
    const { page, errors } = await web.openPage(DESKTOP);
    await web.signIn(page, 'supervisor');
    await page.goto(`${web.baseUrl}/survey-results`);
    const results = page.getByTestId('survey-results-page');
    await settle(() => results.getAttribute('data-wave-id')).toBe(done.waveId);
    await settle(() => page.getByTestId('ranking-groups').getAttribute('data-ranked')).toBe('13');
    // Holm and Wilson in plain words, the names kept, explained on hover.
    expect(await page.getByTestId('term-holm').innerText()).toBe('多重比较校正（Holm）');
    expect(await page.getByTestId('term-wilson').innerText()).toBe('比例的置信区间（Wilson）');
    await page.getByTestId('term-holm').getByRole('img').hover();
    await settle(() => page.getByTestId('term-hint-holm').innerText()).toContain('偶然差异');
    await web.screenshot(page, 'words-results');

    // The newer wave, chosen from the list, says it has nothing yet instead of claiming differences.
    await page.goto(`${web.baseUrl}/survey-results?wave=${running.waveId}`);
    await settle(() => page.getByTestId('no-results-yet').innerText()).toContain('还没有完成的访问');
    expect(await page.locator('body').innerText()).not.toContain('显著');

    // Progress: the AAPOR rates by name, codes beside them, formulas on hover.
    await page.goto(`${web.baseUrl}/survey/waves/${done.waveId}/progress`);
    await page.getByTestId('survey-progress-page').waitFor();
    for (const [code, label] of [
      ['RR1', '应答率（RR1）'],
      ['RR3', '估计应答率（RR3）'],
      ['COOP1', '配合率（COOP1）'],
      ['REF1', '拒访率（REF1）'],
    ]) {
      await settle(() => page.getByTestId(`term-${code}`).first().innerText()).toBe(label);
    }
    expect(await page.getByTestId('term-CON1').first().innerText()).toBe('接通率（CON1）');
    expect(await page.getByTestId('term-e').innerText()).toBe('无法确认号码中的有效比例（e）');
    await page.getByTestId('term-RR1').first().getByRole('img').hover();
    await settle(() => page.getByTestId('term-hint-RR1').innerText()).toContain('完成访问 ÷');
    await web.screenshot(page, 'words-progress');

    // In English the same terms read in English, codes kept.
    await page.getByTestId('language-switch').getByText('EN').click();
    await settle(() => page.getByTestId('term-RR1').first().innerText()).toBe('Response rate (RR1)');
    await page.getByTestId('language-switch').getByText('中文').click();
    expect(errors).toEqual([]);
  }, 180_000);

  it('reads on a phone: the results and the progress page fit, the terms wrap', async () => {
    const { page, errors } = await web.openPage(PHONE);
    await web.signIn(page, 'supervisor');
    await page.goto(`${web.baseUrl}/survey-results`);
    await settle(() => page.getByTestId('survey-results-page').getAttribute('data-wave-id')).toBe(done.waveId);
    await settle(() => page.getByTestId('term-wilson').count()).toBe(1);
    // Nothing wider than the screen but the tables, which scroll inside themselves.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await web.screenshot(page, 'words-results-phone');
    await page.goto(`${web.baseUrl}/survey/waves/${done.waveId}/progress`);
    await settle(() => page.getByTestId('term-RR1').count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await web.screenshot(page, 'words-progress-phone');
    expect(errors).toEqual([]);
  }, 120_000);

  it('a supervisor moves a running wave’s end date; it is audited with before and after', async () => {
    const { db } = web.database;
    const { page, errors } = await web.openPage(DESKTOP);
    await web.signIn(page, 'supervisor');
    await page.goto(`${web.baseUrl}/survey/waves/${running.waveId}`);
    await page.locator(`[data-testid=survey-wave-page][data-status=fieldwork]`).waitFor();
    await page.getByTestId('adjust-wave').click();
    const form = page.getByTestId('running-wave-form');
    await form.waitFor();
    const later = dayAfter(today, 20);
    const picker = form.getByLabel('结束日期');
    await picker.click();
    await picker.fill(later);
    await web.screenshot(page, 'words-adjust-wave');
    // Enter confirms the date and sends the form, as the save button would.
    await picker.press('Enter');
    await page.getByTestId('running-wave-form').waitFor({ state: 'detached' });
    await settle(async () => (await db.selectFrom('survey_wave').select('ends_on').where('id', '=', running.waveId).executeTakeFirstOrThrow()).ends_on).toBe(later);
    await settle(() => page.getByTestId('survey-wave-page').innerText()).toContain(`${today} ~ ${later}`);
    const audit = await db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity_type', '=', 'survey_wave').where('entity_id', '=', running.waveId).execute();
    const parsed = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
    expect(audit.map((a) => [a.action, parsed(a.before), parsed(a.after)])).toEqual([['survey_wave.update', { endsOn: dayAfter(today, 10), strata: [] }, { endsOn: later, strata: [] }]]);
    expect(errors).toEqual([]);
  }, 120_000);
});
