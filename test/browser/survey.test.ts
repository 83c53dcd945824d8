/**
 * The satisfaction survey's desk pages in a real browser (see support.ts), as issue #4's "done
 * means" says: a supervisor takes the standard questionnaire, creates a wave on it, builds the
 * demo county's frame from the registry, draws a stratified sample of the 13 townships and opens
 * fieldwork, all through the pages; completes are then written with the results fixture, and
 * the results page ranks the 13 townships with intervals. A township administrator sees only
 * their township and the county, in Chinese and in English. Screenshots in test-results/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cliAuditSource } from '../../src/server/modules/audit/index.ts';
import { seedDemoRegistry, demoTownshipCodes } from '../../src/server/modules/demo/index.ts';
import { insertInterviewOutcomes } from '../support/survey-fixture.ts';
import { testCipher } from '../support/test-app.ts';
import { browserSuite, clickForAnswer, chooseInDialog, DESKTOP, settle, startBrowserApp, type BrowserApp } from './support.ts';

const towns = demoTownshipCodes();
const gangcheng = towns.find((t) => t.name === '堽城镇')!;
const others = towns.filter((t) => t.code !== gangcheng.code);
/** Equal allocation: 10 completes per township, 2.5 numbers each, one replicate (all released at opening). */
const PER_TOWNSHIP = 10;
const COMPLETES = 8;

browserSuite('survey pages in Chromium', () => {
  let web: BrowserApp;
  let waveId = '';

  beforeAll(async () => {
    web = await startBrowserApp();
    // The registry the frame is built from: a synthetic county of 1,500 households.
    await seedDemoRegistry({ db: web.database.db, actor: null, source: cliAuditSource('browser-test'), cipher: testCipher }, { households: 1500, seed: 4 });
  }, 300_000);
  afterAll(async () => {
    await web?.close();
  });

  const modal = (page: Page) => page.locator('.ant-modal:visible');
  const confirmOk = (page: Page) => page.locator('.ant-modal-confirm .ant-modal-confirm-btns .ant-btn-primary');
  /** Confirms the open confirmation dialog and waits for the request it sends, which must succeed. */
  const confirmAndAwait = async (page: Page, path: string) => {
    await confirmOk(page).waitFor({ state: 'visible' });
    const answer = await clickForAnswer(confirmOk(page), 'POST', path);
    expect(answer.status(), await answer.text()).toBe(200);
  };
  const rows = (page: Page, testid: string) => page.locator(`[data-testid=${testid}] tbody tr.ant-table-row`);

  it('a supervisor creates a wave on the standard questionnaire, builds the registry frame, draws a stratified sample of 13 townships and opens fieldwork', async () => {
    const { page, errors } = await web.openPage(DESKTOP);
    await web.signIn(page, 'supervisor');
    await page.getByRole('menuitem', { name: '满意度调查' }).click();
    await page.waitForURL('**/survey');
    await page.getByTestId('survey-waves-page').waitFor();

    // A new wave: no published questionnaire yet, so the standard one in one click from the form.
    await page.getByTestId('new-wave').click();
    const form = modal(page);
    await form.getByTestId('wave-use-standard').click();
    await settle(() => form.getByTestId('version-select').innerText()).toContain('第 1 版');
    await form.getByLabel('轮次名称').fill('2026年第四季度群众满意度调查');
    await form.getByText('各乡镇等量分配').click();
    await form.getByLabel('全县目标完成数').fill(String(PER_TOWNSHIP * 13));
    await form.getByLabel('每乡镇最少完成数').fill('5');
    await form.getByLabel('样本批次数').fill('1');
    // A calling-hours range the server refuses lands on its field.
    await form.getByLabel('第 2 段开始时间').fill('11:00');
    await form.getByRole('button', { name: /创\s*建/ }).click();
    await settle(() => form.locator('.ant-form-item-explain-error').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/重叠|overlap/)]));
    await form.getByLabel('第 2 段开始时间').fill('14:00');
    await form.getByRole('button', { name: /创\s*建/ }).click();
    await page.waitForURL(/\/survey\/waves\/\d+$/);
    waveId = /waves\/(\d+)/.exec(page.url())![1]!;
    const wavePage = page.locator(`[data-testid=survey-wave-page][data-wave-id="${waveId}"]`);
    await wavePage.waitFor();
    expect(await wavePage.getAttribute('data-status')).toBe('draft');
    await settle(() => rows(page, 'strata-table').count()).toBe(13);

    // The frame from the registry: every distinct number of the county's residents.
    // Read the database only once the build has answered (CI once read it while the request was still on its way).
    const built = await clickForAnswer(page.getByTestId('frame-registry'), 'POST', `/api/survey/waves/${waveId}/frame/registry`, { timeout: 60_000 });
    expect(built.status()).toBe(200);
    const frame = await web.database.db.selectFrom('frame_entry').select((eb) => eb.fn.countAll<string>().as('n')).where('wave_id', '=', waveId).executeTakeFirstOrThrow();
    expect(Number(frame.n)).toBeGreaterThan(PER_TOWNSHIP * 13 * 2.5);
    await settle(() => page.getByTestId('frame-size').innerText()).toBe(Number(frame.n).toLocaleString('en-US'));

    // The stratified sample: the allocation per township, as the database holds it.
    await page.getByTestId('draw-sample').click();
    await settle(() => page.getByTestId('sample-seed').count()).toBe(1);
    const strata = await web.database.db
      .selectFrom('wave_stratum as s')
      .innerJoin('region as r', 'r.id', 's.township_id')
      .select(['r.code', 'r.name', 's.population', 's.target_completes', 's.frame_size', 's.sample_size'])
      .where('s.wave_id', '=', waveId)
      .orderBy('r.code')
      .execute();
    expect(strata.map((s) => s.code)).toEqual(towns.map((t) => t.code).sort());
    for (const s of strata) {
      expect(s.target_completes).toBe(PER_TOWNSHIP);
      expect(s.sample_size).toBeGreaterThanOrEqual(PER_TOWNSHIP * 2);
    }
    const shown = await rows(page, 'strata-table').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-row-key'), tr.querySelector('[data-testid=stratum-sample]')?.textContent]));
    expect(shown).toEqual(strata.map((s) => [s.code, String(s.sample_size)]));
    const table = await page.getByTestId('strata-table').innerText();
    for (const t of towns) expect(table).toContain(t.name);
    expect(await page.getByTestId('sample-total').innerText()).toBe(String(strata.reduce((n, s) => n + s.sample_size, 0)));
    // The sample by phone kind, as drawn into the cases.
    const drawn = await web.database.db
      .selectFrom('sample_case as c')
      .innerJoin('region as r', 'r.id', 'c.township_id')
      .select(['r.code', 'c.phone_kind', (eb) => eb.fn.countAll<string>().as('n')])
      .where('c.wave_id', '=', waveId)
      .groupBy(['r.code', 'c.phone_kind'])
      .execute();
    const drawnOf = (code: string, kind: string) => String(drawn.find((d) => d.code === code && d.phone_kind === kind)?.n ?? 0);
    const byKind = await rows(page, 'strata-table').evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute('data-row-key'), tr.querySelector('[data-testid=stratum-sample-mobile]')?.textContent, tr.querySelector('[data-testid=stratum-sample-landline]')?.textContent]),
    );
    expect(byKind).toEqual(strata.map((s) => [s.code, drawnOf(s.code, 'mobile'), drawnOf(s.code, 'landline')]));
    expect(byKind.some(([, , landline]) => landline !== '0')).toBe(true);
    const mobiles = drawn.filter((d) => d.phone_kind === 'mobile').reduce((n, d) => n + Number(d.n), 0);
    expect(await page.getByTestId('sample-total-mobile').innerText()).toBe(mobiles.toLocaleString('en-US'));
    await web.screenshot(page, 'survey-wave-sampled');

    // Fieldwork: replicate 1 (the whole sample) released.
    await page.getByTestId('open-wave').click();
    await confirmAndAwait(page, '/open');
    await settle(() => wavePage.getAttribute('data-status')).toBe('fieldwork');
    const released = await web.database.db.selectFrom('sample_case').select((eb) => eb.fn.countAll<string>().as('n')).where('wave_id', '=', waveId).where('released', '=', true).executeTakeFirstOrThrow();
    expect(Number(released.n)).toBe(strata.reduce((n, s) => n + s.sample_size, 0));
    expect(errors).toEqual([]);
  }, 120_000);

  it('a questionnaire draft shows the server’s rule problems at the field, and the script reads in both languages', async () => {
    const { page, errors } = await web.openPage(DESKTOP);
    await web.signIn(page, 'supervisor');
    await page.goto(`${web.baseUrl}/survey/questionnaires`);
    await settle(() => rows(page, 'questionnaire-table').count()).toBe(1);
    await page.getByTestId('new-version').click();
    await page.waitForURL(/\/survey\/questionnaires\/\d+$/);
    const editor = page.getByTestId('questionnaire-editor');
    await editor.waitFor();

    // Q2 renamed Q1: a duplicate code, refused by the server and shown on Q2's code field.
    await page.getByTestId('question-item-4').click();
    await settle(() => page.getByTestId('question-panel').getAttribute('data-index')).toBe('4');
    await page.getByTestId('question-panel').getByLabel('题号').fill('Q1');
    await page.getByTestId('save-draft').click();
    await settle(() => page.getByTestId('editor-error').innerText()).toContain('问卷内容不符合规则');
    await settle(() => page.getByTestId('question-panel').locator('.ant-form-item-explain-error').allInnerTexts()).toEqual([expect.stringContaining('Q1')]);
    await web.screenshot(page, 'survey-questionnaire-issue');
    await page.getByTestId('question-panel').getByLabel('题号').fill('Q2');
    await page.getByTestId('save-draft').click();
    await settle(() => page.getByTestId('editor-error').count()).toBe(0);

    // An awareness item names its policy in the catalogue: Q10c is 低保; the supervisor links it to 临时救助 instead, and the draft keeps it.
    await page.locator('[data-testid^=question-item-]', { hasText: 'Q10c' }).click();
    const policyCode = page.getByTestId('question-panel').getByTestId('question-policy-code');
    await settle(() => policyCode.innerText()).toContain('最低生活保障（低保）（dibao）');
    await policyCode.click();
    await page.keyboard.type('临时救助');
    await page.keyboard.press('Enter');
    await settle(() => policyCode.innerText()).toContain('temporary_relief');
    const versionId = new URL(page.url()).pathname.split('/').pop()!;
    const saved = await clickForAnswer(page.getByTestId('save-draft'), 'PUT', `/api/survey/questionnaire-versions/${versionId}`);
    expect(saved.status(), await saved.text()).toBe(200);
    const sent = saved.request().postDataJSON() as { definition: { questions: { code: string; policyCode?: string }[] } };
    expect(sent.definition.questions.find((q) => q.code === 'Q10c')?.policyCode).toBe('temporary_relief');

    // The interviewer's script of the published version, Chinese beside English.
    await page.goto(`${web.baseUrl}/survey/questionnaires`);
    await page.locator('[data-testid=questionnaire-table] a', { hasText: '第 1 版' }).click();
    const q1 = page.getByTestId('script-question-Q1');
    await settle(() => q1.innerText()).toContain('总体来说，您对本乡镇党委政府的工作是否满意？');
    expect(await q1.innerText()).toContain('Overall, are you satisfied');
    expect(await page.getByTestId('script-question-S1').innerText()).toContain('结束访问（不合格）');
    expect(await page.getByTestId('publish').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 90_000);

  it('the supervisor follows progress, closes the wave, and the results rank the 13 townships with intervals', async () => {
    const { db } = web.database;
    // Completes straight into the database, as fieldwork would leave them.
    const townships = await db
      .selectFrom('wave_stratum as s')
      .innerJoin('region as r', 'r.id', 's.township_id')
      .select(['r.id', 'r.code', 'r.name'])
      .where('s.wave_id', '=', waveId)
      .orderBy('r.code')
      .execute();
    const cases = await db.selectFrom('sample_case as c').innerJoin('region as r', 'r.id', 'c.township_id').select(['c.id', 'r.code']).where('c.wave_id', '=', waveId).orderBy('c.draw_order').execute();
    const byTownship = new Map<string, string[]>();
    for (const c of cases) byTownship.set(c.code, [...(byTownship.get(c.code) ?? []), c.id]);
    const version = await db.selectFrom('survey_wave as w').innerJoin('questionnaire_version as v', 'v.id', 'w.questionnaire_version_id').select(['v.id', 'v.questionnaire_id']).where('w.id', '=', waveId).executeTakeFirstOrThrow();
    const interviewers = await db.selectFrom('app_user').select('id').where('username', 'in', ['interviewer1', 'interviewer2']).execute();
    await insertInterviewOutcomes(
      db,
      { waveId, versionId: version.id, questionnaireId: version.questionnaire_id, townships, cases: byTownship, phones: new Map() },
      { interviewerIds: interviewers.map((i) => i.id), outcomes: { complete: COMPLETES, refused: 2, no_answer: 2, non_working: 1 }, seed: 11 },
    );

    // One untouched case of 堽城镇 has an appointment tomorrow, kept by whoever asks first.
    const appointed = byTownship.get(gangcheng.code)!.at(-1)!;
    const tomorrow = new Date(Date.now() + 86_400_000);
    await db.updateTable('sample_case').set({ attempts: 1, last_disposition: 'T2.21', appointment_at: tomorrow, next_call_at: tomorrow }).where('id', '=', appointed).execute();

    const { page, errors } = await web.openPage(DESKTOP);
    await web.signIn(page, 'supervisor');
    await page.goto(`${web.baseUrl}/survey/waves/${waveId}/progress`);
    await page.getByTestId('survey-progress-page').waitFor();
    await settle(() => rows(page, 'progress-table').count()).toBe(14);
    const county = rows(page, 'progress-table').first();
    expect(await county.getByTestId('completes').innerText()).toBe(`${COMPLETES * 13} / ${PER_TOWNSHIP * 13}`);
    expect(await page.getByTestId('updated-at').innerText()).toMatch(/更新于 \d\d:\d\d:\d\d/);
    // RR1 = I / (I + P + R + NC + O + UH + UO): every released case counts but the non-working numbers (not eligible).
    expect(await county.locator('[data-rate=RR1]').innerText()).toBe(`${((100 * COMPLETES * 13) / (cases.length - 13)).toFixed(1)}%`);
    // The what-if e changes RR3 without storing anything.
    const rr3 = await county.locator('[data-rate=RR3]').innerText();
    await page.getByRole('spinbutton', { name: '假设的 e' }).fill('0.2');
    await settle(() => county.locator('[data-rate=RR3]').innerText()).not.toBe(rr3);
    expect((await db.selectFrom('survey_wave').select('eligibility_override').where('id', '=', waveId).executeTakeFirstOrThrow()).eligibility_override).toBeNull();
    await page.getByTestId('e-save').click();
    await settle(async () => Number((await db.selectFrom('survey_wave').select('eligibility_override').where('id', '=', waveId).executeTakeFirstOrThrow()).eligibility_override)).toBe(0.2);
    // The appointment goes to interviewer1.
    await settle(() => rows(page, 'appointments').count()).toBe(1);
    expect(await rows(page, 'appointments').innerText()).toContain('堽城镇');
    await page.getByTestId('reassign').click();
    await chooseInDialog(page, '由谁拨打', 'interviewer1');
    await modal(page).getByRole('button', { name: /提\s*交/ }).click();
    const interviewer1 = await db.selectFrom('app_user').select('id').where('username', '=', 'interviewer1').executeTakeFirstOrThrow();
    await settle(async () => (await db.selectFrom('sample_case').select('appointment_with').where('id', '=', appointed).executeTakeFirstOrThrow()).appointment_with).toBe(interviewer1.id);
    await settle(() => rows(page, 'appointments').innerText()).toContain('访问员一');
    // Quality control: flags, then the re-check sample.
    await page.getByTestId('run-flags').click();
    await settle(() => page.getByTestId('flag-result').innerText()).toContain(String(COMPLETES * 13));
    await page.getByTestId('draw-recheck').click();
    await settle(() => rows(page, 'recheck-table').count()).toBeGreaterThan(0);
    await web.screenshot(page, 'survey-progress');

    // In English, the townships' names come with the answers: no request for the region tree.
    const regionFetches: string[] = [];
    page.on('request', (r) => {
      if (/\/api\/regions\/[^/?]+\/children/.test(r.url())) regionFetches.push(r.url());
    });
    await page.getByTestId('language-switch').getByText('EN').click();
    await settle(() => page.getByTestId('progress-table').innerText()).toContain(gangcheng.nameEn);
    expect(await rows(page, 'progress-table').first().innerText()).toContain('Ningyang County');
    const progressText = await page.getByTestId('progress-table').innerText();
    for (const t of towns) expect(progressText).toContain(t.nameEn);
    // The appointments carry their township's English name too.
    await settle(() => rows(page, 'appointments').innerText()).toContain(gangcheng.nameEn);
    await page.goto(`${web.baseUrl}/survey/waves/${waveId}`);
    await settle(() => page.getByTestId('strata-table').innerText()).toContain(gangcheng.nameEn);
    expect(await page.getByTestId('strata-table').innerText()).not.toContain(gangcheng.name);
    await web.screenshot(page, 'survey-wave-en');
    expect(regionFetches).toEqual([]);
    await page.getByTestId('language-switch').getByText('中文').click();
    await settle(() => page.getByTestId('strata-table').innerText()).toContain(gangcheng.name);

    // Close the wave: the results become final (and visible to townships).
    await page.goto(`${web.baseUrl}/survey/waves/${waveId}`);
    await page.getByTestId('close-wave').click();
    await confirmAndAwait(page, '/close');
    await settle(() => page.getByTestId('survey-wave-page').getAttribute('data-status')).toBe('closed');

    await page.getByRole('menuitem', { name: '调查结果' }).click();
    await page.waitForURL('**/survey-results');
    const results = page.getByTestId('survey-results-page');
    await settle(() => results.getAttribute('data-scope')).toBe('county');
    // 13 townships ranked, each with its interval and n; the county first.
    await settle(() => rows(page, 'results-table').count()).toBe(14);
    const ranked = await rows(page, 'results-table').evaluateAll((trs) =>
      trs.slice(1).map((tr) => ({
        rank: tr.querySelector('[data-testid=rank]')?.textContent ?? '',
        index: tr.querySelectorAll('[data-testid=estimate]')[0]?.textContent ?? '',
        letters: tr.querySelector('[data-testid=letters]')?.textContent ?? '',
      })),
    );
    expect(ranked).toHaveLength(13);
    const places = ranked.map((r) => Number(r.rank.split(' ')[0]));
    expect(places[0]).toBe(1);
    expect(places.every((p, i) => p >= 1 && p <= 13 && (i === 0 || p >= places[i - 1]!))).toBe(true);
    for (const r of ranked) {
      expect(r.index).toMatch(/^\d{1,3}\.\d(± \d+\.\d|\d+\.\d–\d+\.\d+)/);
      expect(r.index).toContain(`n=${COMPLETES}`);
      expect(r.letters).toMatch(/^[a-z]+$/);
    }
    const tableText = await page.getByTestId('results-table').innerText();
    for (const t of towns) expect(tableText).toContain(t.name);
    // The chart: 13 bars with their names, the county line.
    const chart = page.getByTestId('results-chart');
    await settle(() => chart.getAttribute('data-bars')).toBe('13');
    await settle(() => chart.locator('svg text').allTextContents()).toEqual(expect.arrayContaining([...towns.map((t) => t.name), expect.stringMatching(/^全县 \d+\.\d$/)]));
    expect(await page.getByTestId('ranking-groups').innerText()).toContain('在统计上不显著');
    await web.screenshot(page, 'survey-results');
    expect(errors).toEqual([]);
  }, 120_000);

  it('a township administrator sees only their township and the county, in Chinese and in English', async () => {
    const { page, errors } = await web.openPage(DESKTOP);
    await web.signIn(page, 'gangcheng');
    expect(await page.getByRole('menuitem', { name: '满意度调查' }).count()).toBe(0);
    await page.getByRole('menuitem', { name: '调查结果' }).click();
    await page.waitForURL('**/survey-results');
    const results = page.getByTestId('survey-results-page');
    await settle(() => results.getAttribute('data-scope')).toBe('township');
    await settle(() => rows(page, 'results-table').count()).toBe(2);
    const text = await page.locator('body').innerText();
    expect(text).toContain('堽城镇');
    expect(text).toContain('宁阳县');
    for (const t of others) expect(text, `${t.name} must not appear`).not.toContain(t.name);
    await settle(() => page.getByTestId('results-chart').getAttribute('data-bars')).toBe('1');
    expect(await page.getByTestId('own-rank').innerText()).toMatch(/堽城镇在 13 个乡镇中排第 \d+ 名/);
    await web.screenshot(page, 'survey-results-township');

    const regionFetches: string[] = [];
    page.on('request', (r) => {
      if (/\/api\/regions\/[^/?]+\/children/.test(r.url())) regionFetches.push(r.url());
    });
    await page.getByTestId('language-switch').getByText('EN').click();
    await settle(() => page.getByTestId('page-title').innerText()).toBe('Survey results');
    await settle(() => page.getByTestId('results-table').innerText()).toContain('Gangcheng Town');
    const english = await page.locator('body').innerText();
    for (const label of ['Satisfaction index', 'Satisfied', 'Dissatisfied', 'Visited by a cadre', 'Ningyang County']) expect(english).toContain(label);
    for (const t of others) {
      expect(english).not.toContain(t.name);
      expect(english).not.toContain(t.nameEn);
    }
    await web.screenshot(page, 'survey-results-township-en');
    expect(regionFetches).toEqual([]);
    expect(errors).toEqual([]);
  }, 90_000);
});
