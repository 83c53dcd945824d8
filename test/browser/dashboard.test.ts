/**
 * The leaders' dashboard (领导驾驶舱) in Chromium: the county leader opens it from the menu at
 * desktop size (1440 × 900) and on a phone (390 × 844). The blocks show the API's figures, the
 * map's metric recolours the tiles, a tile opens the township's detail and its links lead on; on
 * the phone the blocks stack and nothing scrolls sideways. The county has two closed waves over
 * its 13 townships (the survey fixture, faster than simulating fieldwork), rectification tasks
 * and a new sign of gaming.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TDashboard } from '../../src/shared/dashboard/dashboard-schemas.ts';
import { demoTownshipCodes } from '../../src/server/modules/demo/index.ts';
import { insertFieldworkWave, insertInterviewOutcomes } from '../support/survey-fixture.ts';
import { testCipher } from '../support/test-app.ts';
import { browserSuite, settle, startBrowserApp, type BrowserApp } from './support.ts';

const WIDE = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844, mobile: true };
const towns = demoTownshipCodes();
const gangcheng = towns.find((t) => t.name === '堽城镇')!;

browserSuite('the leaders’ dashboard in Chromium', () => {
  let web: BrowserApp;
  beforeAll(async () => {
    web = await startBrowserApp();
    const db = web.database.db;
    const interviewerIds = [(await db.selectFrom('app_user').select('id').where('username', '=', 'interviewer1').executeTakeFirstOrThrow()).id];
    const satisfaction = (shift: number) => Object.fromEntries(towns.map((t, k) => [t.code, Math.min(0.95, 0.55 + ((k * 7) % 13) * 0.03 + shift)]));
    const first = await insertFieldworkWave(db, testCipher, { casesPerTownship: 30, status: 'closed', startsOn: '2026-04-01', endsOn: '2026-04-30', phoneBlock: 1 });
    await insertInterviewOutcomes(db, first, { interviewerIds, outcomes: { complete: 30 }, seed: 5, satisfaction: satisfaction(0) });
    const second = await insertFieldworkWave(db, testCipher, { casesPerTownship: 30, status: 'closed', startsOn: '2026-10-01', endsOn: '2026-10-31', phoneBlock: 2 });
    await insertInterviewOutcomes(db, second, { interviewerIds, outcomes: { complete: 30 }, seed: 6, satisfaction: { ...satisfaction(0.03), [gangcheng.code]: 0.3 } });
    const g = await db.selectFrom('region').select(['id', 'path']).where('code', '=', gangcheng.code).executeTakeFirstOrThrow();
    const task = (no: string, status: 'open' | 'accepted', dueOn: string) => ({
      county_code: '370921',
      task_no: no,
      source: 'manual' as const,
      status,
      township_id: g.id,
      region_path: g.path,
      owner_region_id: g.id,
      title: '整改',
      problem: '问题',
      due_on: dueOn,
      accepted_at: status === 'accepted' ? new Date() : null,
    });
    await db.insertInto('rectification_task').values([task('ZG-1', 'open', '2026-01-10'), task('ZG-2', 'open', '2099-01-01'), task('ZG-3', 'accepted', '2026-03-01')]).execute();
    await db
      .insertInto('gaming_flag')
      .values({ county_code: '370921', wave_id: second.waveId, township_id: g.id, signal: 'uniform_answers', severity: 'review', evidence: JSON.stringify({ summary: { 'zh-CN': '答案过于一致', en: 'Uniform answers' }, measures: [] }) })
      .execute();
  }, 600_000);
  afterAll(async () => {
    await web?.close();
  });

  const api = async (page: Page) => (await (await page.request.get(`${web.baseUrl}/api/dashboard`)).json()) as TDashboard;
  const colors = (page: Page) => page.locator('[data-testid^=dashboard-tile-3709]').evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-color')));

  it('at desktop size: the blocks show the API’s figures, the metric recolours the map, a tile opens the township’s detail', async () => {
    const { page, errors } = await web.openPage(WIDE);
    await web.signIn(page, 'leader');
    await page.getByRole('menuitem', { name: '驾驶舱' }).click();
    await page.getByTestId('dashboard-page').waitFor();
    await page.getByTestId('dashboard-tile-map').waitFor();
    const d = await api(page);
    const latest = d.waves.at(-1)!;
    expect(d.waves).toHaveLength(2);
    if (latest.index.suppressed) throw new Error('the fixture’s county index is suppressed');
    await settle(() => page.getByTestId('dashboard-kpi-index').innerText()).toContain(latest.index.estimate.toFixed(1));
    expect(await page.getByTestId('dashboard-kpi-index').innerText()).toContain(`n=${latest.index.n}`);
    expect(await page.getByTestId('dashboard-kpi-overdue-tasks').innerText()).toContain(String(d.rectification.overdue));
    expect(d.rectification.overdue).toBe(1);
    if (!latest.dissatisfaction.suppressed) expect(await page.getByTestId('dashboard-kpi-dissatisfaction').innerText()).toContain(`${(latest.dissatisfaction.estimate * 100).toFixed(1)}%`);
    // The charts are drawn (ECharts' SVG): two waves, 13 ranked townships.
    await settle(() => page.locator('[data-testid=dashboard-index-chart] svg path').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('dashboard-index-chart').getAttribute('data-points')).toBe('2');
    expect(await page.getByTestId('dashboard-ranking-chart').getAttribute('data-bars')).toBe(String(d.ranking.items.length));
    expect(await page.getByTestId('dashboard-ranking-source').getAttribute('data-source')).toBe('survey');
    await settle(() => page.locator('[data-testid=dashboard-rates-chart] svg').count()).toBe(1);
    await settle(() => page.locator('[data-testid=dashboard-awareness-chart] svg').count()).toBe(1);
    expect(await page.getByTestId('dashboard-awareness-county').innerText()).toContain(`${((d.awareness.county as { estimate: number }).estimate * 100).toFixed(1)}%`);
    // Alerts: the overdue task, 堽城镇 worse than the first wave, its new gaming flag.
    const alerts = page.getByTestId('dashboard-alerts');
    await settle(() => alerts.locator('[data-testid^=dashboard-alert-]').count()).toBe(d.alerts.length);
    expect(await alerts.getByTestId('dashboard-alert-rectification_overdue').innerText()).toContain('1 项整改任务已逾期');
    expect(await alerts.getByTestId('dashboard-alert-gaming_flags').innerText()).toContain('堽城镇');
    expect(d.alerts.some((a) => a.kind === 'township_worse' && a.township?.code === gangcheng.code)).toBe(true);

    // The tiles: 13, at the demo's positions, each carrying the API's figure.
    const tile = page.getByTestId(`dashboard-tile-${gangcheng.code}`);
    expect(await page.locator('[data-testid^=dashboard-tile-3709]').count()).toBe(13);
    const apiTile = d.tiles.items.find((x) => x.township.code === gangcheng.code)!;
    expect(Number(await tile.getAttribute('data-value'))).toBe(apiTile.metrics.index.value);
    expect(await tile.innerText()).toContain(apiTile.metrics.index.value!.toFixed(1));
    const byIndex = await colors(page);
    // Switching to the open tasks recolours: only 堽城镇 has any.
    await page.getByTestId('dashboard-metric').click();
    await page.locator('.ant-select-item-option', { hasText: '在办整改任务' }).click();
    await settle(() => page.getByTestId('dashboard-tile-map').getAttribute('data-metric')).toBe('openTasks');
    const byTasks = await colors(page);
    expect(byTasks).not.toEqual(byIndex);
    expect(await tile.getAttribute('data-value')).toBe('2');
    expect(new Set(byTasks.filter((_, k) => k !== towns.map((t) => t.code).sort().indexOf(gangcheng.code))).size).toBe(1);
    await web.screenshot(page, 'dashboard-desktop');

    // A tile opens the township's detail, whose links lead to the pages filtered to it.
    await tile.click();
    await settle(() => new URL(page.url()).searchParams.get('township')).toBe(gangcheng.code);
    const detail = page.getByTestId(`dashboard-detail-${gangcheng.code}`);
    await detail.waitFor();
    expect(await page.getByTestId('dashboard-detail-openTasks').innerText()).toBe('2');
    expect(await page.getByTestId('dashboard-detail-index').innerText()).toBe(apiTile.metrics.index.value!.toFixed(1));
    await page.getByTestId('dashboard-detail-link-survey').getByRole('link').click();
    await settle(() => new URL(page.url()).pathname).toBe('/survey-results');
    expect(new URL(page.url()).searchParams.get('township')).toBe(gangcheng.code);

    // Big-screen mode: dark and full-window.
    await page.goto(`${web.baseUrl}/dashboard`);
    await page.getByTestId('dashboard-big-screen').click();
    await settle(() => page.getByTestId('dashboard-page').getAttribute('data-big-screen')).toBe('true');
    await web.screenshot(page, 'dashboard-big-screen');
    expect(errors).toEqual([]);
  }, 180_000);

  it('on a phone: the blocks stack, the figures are the same, nothing scrolls sideways', async () => {
    const { page, errors } = await web.openPage(PHONE);
    await web.signIn(page, 'leader');
    await page.goto(`${web.baseUrl}/dashboard`);
    await page.getByTestId('dashboard-tile-map').waitFor();
    const d = await api(page);
    const latest = d.waves.at(-1)!;
    if (latest.index.suppressed) throw new Error('suppressed');
    await settle(() => page.getByTestId('dashboard-kpi-index').innerText()).toContain(latest.index.estimate.toFixed(1));
    await settle(() => page.locator('[data-testid=dashboard-ranking-chart] svg').count()).toBe(1);
    const box = async (id: string) => (await page.getByTestId(id).boundingBox())!;
    const map = await box('dashboard-map');
    const alerts = await box('dashboard-alerts');
    const ranking = await box('dashboard-ranking');
    // Stacked: one above the other, each (nearly) the screen's width.
    expect(alerts.y).toBeGreaterThanOrEqual(map.y + map.height - 1);
    expect(Math.abs(alerts.x - map.x)).toBeLessThan(2);
    expect(map.width).toBeGreaterThan(300);
    expect(ranking.width).toBeGreaterThan(300);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // The map still opens a township.
    await page.getByTestId(`dashboard-tile-${gangcheng.code}`).click();
    await page.getByTestId(`dashboard-detail-${gangcheng.code}`).waitFor();
    await web.screenshot(page, 'dashboard-phone');
    expect(errors).toEqual([]);
  }, 180_000);
});
