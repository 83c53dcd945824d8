import { sql } from 'kysely';
import { RECTIFICATION_STATUSES, type TRectificationStatus } from '../../../shared/assessment/index.ts';
import type { TDashboard } from '../../../shared/dashboard/dashboard-schemas.ts';
import { resolveTileLayout } from '../../../shared/dashboard/tile-layout.ts';
import { hasAnyRole, DASHBOARD_ROLES } from '../../../shared/roles.ts';
import { localDate } from '../../../shared/time.ts';
import { readJson } from '../../db/json-columns.ts';
import { forbidden } from '../../http/errors.ts';
import { actorCounty } from '../../scope/index.ts';
import type { ReadContext } from '../../use-case-context.ts';
import { countOverdueCases, getCountyCaseRates } from '../case-rates/index.ts';
import { computeWaveResults } from '../survey-results/index.ts';
import { listReportCampaigns, summarizeCampaignCoverage } from '../visit-reports/index.ts';
import { previousMonth, rankingFromAssessment, rankingFromWave, sumRates, tileOfCount, tileOfEstimate, tileOfRate, worseThanBefore } from './dashboard-blocks.ts';

/**
 * The county's rates in a month: its townships (villages included) and its departments, counted
 * in one statement; every case counts at one of them, so their sum is the county's.
 */
async function countyMonth(ctx: ReadContext, month: string, now: Date) {
  const { rows } = await getCountyCaseRates(ctx, { month, now });
  return {
    month,
    byUnit: new Map(rows.map((r) => [r.unitKey, r])),
    all: { response: sumRates(rows.map((r) => r.response)), resolution: sumRates(rows.map((r) => r.resolution)), satisfaction: sumRates(rows.map((r) => r.satisfaction)) },
  };
}

/** The active campaign (the latest open one, else the latest closed one) and its coverage by township, as the database keeps it. */
async function campaignCoverage(ctx: ReadContext, now: Date) {
  const { items } = await listReportCampaigns(ctx, {});
  const campaign = items.find((c) => c.status === 'open') ?? items[0];
  if (!campaign) return null;
  const report = await summarizeCampaignCoverage(ctx, { campaignId: campaign.id, now });
  return { campaign, report };
}

/**
 * The leaders' dashboard (领导驾驶舱) in one answer: the county's index across every closed wave
 * with its interval (and dissatisfaction), the township ranking (the latest published
 * assessment's, with its rank ranges, else the latest closed wave's index ranking), the three
 * case rates of the last complete and the current Shanghai month, the active campaign's visit
 * coverage, the rectification tasks by status, policy awareness of the latest closed wave, the
 * alerts (overdue tasks, townships significantly worse than in the previous wave, overdue cases,
 * new signs of gaming) and the tile map with every township's figures.
 *
 * Built from the modules' own use cases (scope, suppression and their rules come with them); a
 * closed wave's results are kept by computeWaveResults, the campaign's coverage by the database
 * (visit_coverage), and the case rates are counted once per month for townships and departments
 * together; every block is read in one concurrent round. County staff only
 * (DASHBOARD_ROLES); the county is the actor's. Every block answers empty when it has no data.
 *
 * @example
 * const d = await getDashboard({ db, actor }, { now: new Date() });
 * d.waves.at(-1)?.index; // => { suppressed: false, n: 1290, estimate: 78.4, interval: { lower: 77.2, upper: 79.6, … }, … }
 * d.tiles.items[0]; // => { township: { code: '370921104', name: '堽城镇', … }, row: 0, col: 1, metrics: { index: { value: 77.1, n: 98, suppressed: false }, … } }
 */
export async function getDashboard(ctx: ReadContext, options: { now?: Date } = {}): Promise<TDashboard> {
  const { db, actor } = ctx;
  if (!hasAnyRole(actor.roles, DASHBOARD_ROLES)) throw forbidden();
  const now = options.now ?? new Date();
  const today = localDate(now);
  const county = await actorCounty(db, actor);
  const countyCode = county.code;
  const currentMonth = today.slice(0, 7);
  const lastMonth = previousMonth(currentMonth);

  const [countyRow, townships, results, published, tasks, flags, tileRows, months, coverage, overdueCases] = await Promise.all([
    db.selectFrom('region').select(['code', 'name', 'name_en']).where('id', '=', county.id).executeTakeFirstOrThrow(),
    db
      .selectFrom('region')
      .select(['id', 'code', 'name', 'name_en'])
      .where('parent_id', '=', county.id)
      .where('level', '=', 'township')
      .where('closed_on', 'is', null)
      .orderBy('code')
      .execute(),
    db
      .selectFrom('survey_wave')
      .select(['id', 'name', 'starts_on', 'ends_on', 'closed_at'])
      .where('county_code', '=', countyCode)
      .where('county_id', '=', county.id)
      .where('status', '=', 'closed')
      .orderBy('ends_on')
      .orderBy('id')
      .execute()
      // Every closed wave's results (kept once computed); the last two feed the ranking, awareness and alerts.
      .then((waves) => Promise.all(waves.map((w) => computeWaveResults(ctx, { waveId: w.id, now })))),
    db
      .selectFrom('assessment as a')
      .innerJoin('assessment_result as r', 'r.id', 'a.published_result_id')
      .select(['a.id', 'a.name', 'a.period_start', 'a.period_end', 'r.result'])
      .where('a.county_code', '=', countyCode)
      .where('a.status', '=', 'published')
      .orderBy('a.period_end', 'desc')
      .orderBy('a.published_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
    // Tasks by township and status; "overdue": still open past its deadline (a Shanghai date).
    sql<{ township_id: string | null; status: TRectificationStatus; n: number; overdue: number }>`
      SELECT township_id, status, count(*)::int AS n,
             (count(*) FILTER (WHERE status = 'open' AND due_on < ${today}::date))::int AS overdue
      FROM rectification_task
      WHERE county_code = ${countyCode}
      GROUP BY township_id, status`.execute(db),
    sql<{ township_id: string; n: number }>`
      SELECT township_id, count(*)::int AS n FROM gaming_flag
      WHERE county_code = ${countyCode} AND status = 'new'
      GROUP BY township_id`.execute(db),
    db.selectFrom('township_tile').select(['township_id', 'tile_row', 'tile_col']).where('county_code', '=', countyCode).execute(),
    Promise.all([countyMonth(ctx, lastMonth, now), countyMonth(ctx, currentMonth, now)]),
    campaignCoverage(ctx, now),
    countOverdueCases(ctx, { now }),
  ]);

  const latest = results.at(-1) ?? null;
  const previous = results.length >= 2 ? results[results.length - 2]! : null;
  const waveRef = (r: (typeof results)[number]) => ({ id: r.wave.id, name: r.wave.name, startsOn: r.wave.startsOn, endsOn: r.wave.endsOn });

  // The ranking: the published assessment's, else the latest closed wave's.
  const assessment = published ? readJson('assessment_result.result', published.result) : null;
  const ranked = assessment ? rankingFromAssessment(assessment) : latest ? rankingFromWave(latest) : { items: [], groups: [] };
  const ranking: TDashboard['ranking'] = {
    source: assessment ? 'assessment' : latest ? 'survey' : null,
    assessment: published ? { id: published.id, name: published.name, periodStart: published.period_start, periodEnd: published.period_end } : null,
    wave: !assessment && latest ? waveRef(latest) : null,
    ...ranked,
  };

  // Rectification, county-wide and per township.
  const byStatus = Object.fromEntries(RECTIFICATION_STATUSES.map((s) => [s, 0])) as Record<TRectificationStatus, number>;
  const openTasks = new Map<string, number>();
  const overdueTasks = new Map<string, number>();
  let overdueTotal = 0;
  for (const r of tasks.rows) {
    byStatus[r.status] += r.n;
    overdueTotal += r.overdue;
    if (r.township_id === null) continue;
    if (r.status === 'open' || r.status === 'submitted') openTasks.set(r.township_id, (openTasks.get(r.township_id) ?? 0) + r.n);
    overdueTasks.set(r.township_id, (overdueTasks.get(r.township_id) ?? 0) + r.overdue);
  }

  const regionRef = (t: { code: string; name: string; name_en: string | null }) => ({ code: t.code, name: t.name, nameEn: t.name_en });
  const townshipById = new Map(townships.map((t) => [t.id, t]));

  // Alerts, most pressing first.
  const alerts: TDashboard['alerts'] = [];
  if (overdueTotal > 0) alerts.push({ kind: 'rectification_overdue', count: overdueTotal, township: null, change: null, href: '/rectification?overdue=true' });
  if (latest && previous) {
    for (const w of worseThanBefore(previous, latest)) {
      alerts.push({
        kind: 'township_worse',
        count: 1,
        township: w.township,
        change: { figure: w.figure, difference: w.difference, lower: w.lower, upper: w.upper, before: previous.wave.name, after: latest.wave.name },
        href: `/survey-results?wave=${latest.wave.id}&township=${w.township.code}`,
      });
    }
  }
  if (overdueCases.total > 0) alerts.push({ kind: 'cases_overdue', count: overdueCases.total, township: null, change: null, href: '/cases?overdue=true' });
  for (const f of flags.rows) {
    const t = townshipById.get(f.township_id);
    if (t) alerts.push({ kind: 'gaming_flags', count: f.n, township: regionRef(t), change: null, href: `/gaming-flags?township=${t.code}` });
  }

  // The tile map.
  const layout = resolveTileLayout(
    townships.map((t) => t.code),
    tileRows.flatMap((r) => {
      const t = townshipById.get(r.township_id);
      return t ? [{ code: t.code, row: r.tile_row, col: r.tile_col }] : [];
    }),
  );
  const position = new Map(layout.tiles.map((p) => [p.code, p]));
  const surveyOf = new Map((latest?.townships ?? []).map((t) => [t.region.code, t]));
  const ratesOf = months[0].byUnit;
  const coverageOf = new Map((coverage?.report.rows ?? []).flatMap((r) => (r.region ? [[r.region.code, r] as const] : [])));
  const items: TDashboard['tiles']['items'] = townships.map((t) => {
    const s = surveyOf.get(t.code);
    const rate = ratesOf.get(`r${t.id}`);
    const c = coverageOf.get(t.code);
    return {
      township: regionRef(t),
      row: position.get(t.code)!.row,
      col: position.get(t.code)!.col,
      metrics: {
        index: tileOfEstimate(s?.index),
        dissatisfaction: tileOfEstimate(s?.dissatisfaction),
        response: tileOfRate(rate?.response),
        resolution: tileOfRate(rate?.resolution),
        satisfaction: tileOfRate(rate?.satisfaction),
        coverage: c ? { value: c.coverage, n: c.targets, suppressed: false } : { value: null, n: null, suppressed: false },
        openTasks: tileOfCount(openTasks.get(t.id) ?? 0),
        overdueTasks: tileOfCount(overdueTasks.get(t.id) ?? 0),
        awareness: tileOfEstimate(s?.awareness.overall),
      },
    };
  });

  return {
    county: regionRef(countyRow),
    today,
    generatedAt: now.toISOString(),
    waves: results.map((r) => ({ wave: waveRef(r), index: r.county.index, satisfaction: r.county.satisfaction, dissatisfaction: r.county.dissatisfaction })),
    ranking,
    caseRates: months.map((m, k) => ({ month: m.month, complete: k === 0, ...m.all })),
    coverage: coverage
      ? {
          campaign: { id: coverage.campaign.id, name: coverage.campaign.name, status: coverage.campaign.status, startsOn: coverage.campaign.startsOn, endsOn: coverage.campaign.endsOn, deadline: coverage.campaign.deadline },
          targets: coverage.report.total.targets,
          visited: coverage.report.total.visited,
          coverage: coverage.report.total.coverage,
          due: coverage.report.total.due,
          overdue: coverage.report.total.overdue,
        }
      : { campaign: null, targets: 0, visited: 0, coverage: null, due: 0, overdue: 0 },
    rectification: { byStatus, overdue: overdueTotal },
    awareness: latest ? { wave: waveRef(latest), county: latest.county.awareness.overall, policies: latest.county.awareness.policies } : { wave: null, county: null, policies: [] },
    alerts,
    tiles: { rows: layout.rows, cols: layout.cols, custom: layout.custom, sources: { waveId: latest?.wave.id ?? null, month: lastMonth, campaignId: coverage?.campaign.id ?? null }, items },
  };
}
