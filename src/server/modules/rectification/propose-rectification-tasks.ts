import { sql } from 'kysely';
import { AppError, notFound } from '../../http/errors.ts';
import { findWaveInScope } from '../../scope/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import { recordAudit } from '../audit/index.ts';
import { computeWaveResults } from '../survey-results/index.ts';
import type { TProposeRectificationResult, TRectificationEvidence } from '../../../shared/assessment/index.ts';
import type { TAreaResults } from '../../../shared/schemas/survey-results.ts';
import { localDate } from '../../../shared/time.ts';
import { figureRules, isCasePilingUp, proposeFromResults, type AreaFigures } from './proposal-rules.ts';
import { loadRectificationSettings } from './rectification-settings.ts';
import { lockTaskNumbers } from './task-numbers.ts';
import { summarizeTasks } from './task-views.ts';
import { figureOf } from './wave-figures.ts';

/** The window of "recent" cases and of the period they are compared with. */
export const CASE_WINDOW_DAYS = 30;
const DAY = 86_400_000;

const area = (a: TAreaResults): AreaFigures => ({ code: a.region.code, population: a.population, figure: (key) => figureOf(a, key) });
const fmt = (x: number, key: string) => (key === 'dissatisfaction' ? `${(x * 100).toFixed(1)}%` : x.toFixed(1));

function figureName(results: TAreaResults, key: string): string {
  if (key === 'index') return '满意度指数';
  if (key === 'dissatisfaction') return '不满意率';
  const d = results.domains.find((x) => `domain:${x.questionCode}:score` === key);
  return d ? `${d.text['zh-CN']}满意度得分` : key;
}

function problemText(waveName: string, township: string, name: string, key: string, e: TRectificationEvidence): string {
  const t = e.township!;
  const interval = t.lower !== null && t.upper !== null ? `95% 置信区间 ${fmt(t.lower, key)}–${fmt(t.upper, key)}，` : '';
  const head = `${waveName}中，${township}的${name}为 ${fmt(t.estimate, key)}（${interval}n = ${t.n}）`;
  const county = e.county ? `，全县为 ${fmt(e.county.estimate, key)}（n = ${e.county.n}）` : '';
  if (e.reason === 'below_threshold') return `${head}${county}，${key === 'dissatisfaction' ? '高于' : '低于'}县定标准 ${fmt(e.threshold!, key)}，且整个置信区间都在标准${key === 'dissatisfaction' ? '之上' : '之下'}。`;
  return `${head}${county}，经检验显著${key === 'dissatisfaction' ? '高于' : '低于'}县内其他乡镇（Holm 校正后 p = ${e.p!.toFixed(4)}）。`;
}

/**
 * Proposes rectification tasks from a closed wave (county admin): every township figure — the
 * index, the dissatisfaction rate, each domain's score — that is worse than the county's
 * threshold with its whole interval on the bad side, or significantly worse than the rest of
 * the county (z, Holm across townships), read from computeWaveResults; and every case category
 * piling up in a township (the last 30 days against the 30 before, at least the county's minimum,
 * exact conditional test). Idempotent: a wave's township and figure is proposed once (unique
 * index), a township's category once while a task on it is proposed or in progress. One
 * transaction; each proposal written with its 'propose' update and audit entry.
 *
 * 404 for a wave outside the county; 409 `rectification_wave_not_closed` for a wave still open.
 *
 * @example
 * const r = await proposeRectificationTasks({ db, actor, source }, { waveId: '3' }); // { created: 9, fromSurvey: 8, fromCases: 1, alreadyProposed: 0, items: [...] }
 */
export async function proposeRectificationTasks(ctx: WriteContext, options: { waveId: string; now?: Date }): Promise<TProposeRectificationResult> {
  const { db, actor, source } = ctx;
  const now = options.now ?? new Date();
  const { wave } = await findWaveInScope(db, actor, options.waveId);
  if (wave.county_code !== actor.countyCode) throw notFound();
  if (wave.status !== 'closed') throw new AppError(409, 'rectification_wave_not_closed');
  const countyCode = wave.county_code;
  const settings = await loadRectificationSettings(db, { countyCode });
  const results = await computeWaveResults({ db, actor }, { waveId: wave.id, now });
  const rules = figureRules(
    results.county.domains.map((d) => d.questionCode),
    settings,
  );
  const survey = proposeFromResults({ county: area(results.county), townships: results.townships.map(area), rules });
  const townships = await db.selectFrom('region').select(['id', 'code', 'name', 'path']).where('county_code', '=', countyCode).where('level', '=', 'township').execute();
  const townshipByCode = new Map(townships.map((t) => [t.code, t]));

  // Cases: per township and category, the last 30 days against the 30 before.
  const recentFrom = new Date(now.getTime() - CASE_WINDOW_DAYS * DAY);
  const previousFrom = new Date(now.getTime() - 2 * CASE_WINDOW_DAYS * DAY);
  const counts = await sql<{ township_id: string; category_id: string; recent: number; previous: number }>`
    SELECT t.id AS township_id, rc.category_id, count(*) FILTER (WHERE rc.registered_at >= ${recentFrom.toISOString()}::timestamptz)::int AS recent,
           count(*) FILTER (WHERE rc.registered_at < ${recentFrom.toISOString()}::timestamptz)::int AS previous
    FROM resident_case rc
    JOIN region r ON r.id = rc.region_id
    JOIN region t ON t.id = CASE r.level WHEN 'township' THEN r.id ELSE r.parent_id END AND t.level = 'township'
    WHERE rc.county_code = ${countyCode} AND rc.status <> 'merged'
      AND rc.registered_at >= ${previousFrom.toISOString()}::timestamptz AND rc.registered_at < ${now.toISOString()}::timestamptz
    GROUP BY t.id, rc.category_id`.execute(db);
  const piling = counts.rows.flatMap((c) => {
    const test = isCasePilingUp({ recent: c.recent, previous: c.previous, minCount: settings.caseMinCount, alpha: settings.caseAlpha });
    return test.pilingUp ? [{ ...c, p: test.p }] : [];
  });
  const categories = piling.length
    ? await db.selectFrom('case_category').select(['id', 'name', 'domain', 'department_id']).where('id', 'in', [...new Set(piling.map((c) => c.category_id))]).execute()
    : [];
  const categoryById = new Map(categories.map((c) => [c.id, c]));
  const townshipById = new Map(townships.map((t) => [t.id, t]));

  const createdIds: string[] = [];
  let alreadyProposed = 0;
  let fromSurvey = 0;
  let fromCases = 0;
  await db.transaction().execute(async (trx) => {
    const next = await lockTaskNumbers(trx, { countyCode, now });
    const existingSurvey = new Set(
      (await trx.selectFrom('rectification_task').select(['township_id', 'figure_key']).where('wave_id', '=', wave.id).where('source', '=', 'survey').execute()).map((r) => `${r.township_id}|${r.figure_key}`),
    );
    const activeCases = new Set(
      (await trx.selectFrom('rectification_task').select(['township_id', 'case_category_id']).where('county_code', '=', countyCode).where('source', '=', 'cases').where('status', 'in', ['proposed', 'open', 'submitted']).execute()).map(
        (r) => `${r.township_id}|${r.case_category_id}`,
      ),
    );
    const insert = async (values: { township: { id: string; path: string; name: string }; title: string; problem: string; evidence: TRectificationEvidence; source: 'survey' | 'cases'; figureKey?: string; domain?: string | null; categoryId?: string; waveId?: string }) => {
      const row = await trx
        .insertInto('rectification_task')
        .values({
          county_code: countyCode,
          task_no: next(),
          source: values.source,
          status: 'proposed',
          township_id: values.township.id,
          region_path: values.township.path,
          wave_id: values.waveId ?? null,
          figure_key: values.figureKey ?? null,
          domain: (values.domain ?? null) as never,
          case_category_id: values.categoryId ?? null,
          title: values.title,
          problem: values.problem,
          evidence: JSON.stringify(values.evidence),
          created_by: null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('rectification_update').values({ county_code: countyCode, task_id: row.id, kind: 'propose', note: '', details: JSON.stringify({ reason: values.evidence.reason, proposedBy: actor.id }), actor_id: actor.id, at: now }).execute();
      await recordAudit(
        { db: trx, source },
        { action: 'rectification.propose', entityType: 'rectification_task', entityId: row.id, region: { id: values.township.id, path: values.township.path, county_code: countyCode }, after: { title: values.title, source: values.source, evidence: values.evidence } },
      );
      createdIds.push(row.id);
    };
    for (const p of survey) {
      const t = townshipByCode.get(p.townshipCode);
      if (!t) continue;
      if (existingSurvey.has(`${t.id}|${p.figureKey}`)) {
        alreadyProposed++;
        continue;
      }
      const name = figureName(results.county, p.figureKey);
      const domain = results.county.domains.find((d) => `domain:${d.questionCode}:score` === p.figureKey)?.domain ?? null;
      await insert({ township: t, source: 'survey', waveId: wave.id, figureKey: p.figureKey, domain, evidence: p.evidence, title: `${t.name}${name}${p.figureKey === 'dissatisfaction' ? '偏高' : '偏低'}`, problem: problemText(wave.name, t.name, name, p.figureKey, p.evidence) });
      fromSurvey++;
    }
    for (const c of piling) {
      const t = townshipById.get(c.township_id);
      const category = categoryById.get(c.category_id);
      if (!t || !category) continue;
      if (activeCases.has(`${t.id}|${c.category_id}`)) {
        alreadyProposed++;
        continue;
      }
      const evidence: TRectificationEvidence = {
        kind: 'cases',
        reason: 'category_piling_up',
        p: c.p,
        alpha: settings.caseAlpha,
        minCount: settings.caseMinCount,
        cases: { categoryId: c.category_id, count: c.recent, previousCount: c.previous, from: localDate(recentFrom), to: localDate(now) },
      };
      await insert({
        township: t,
        source: 'cases',
        categoryId: c.category_id,
        domain: category.domain,
        evidence,
        title: `${t.name}“${category.name}”类诉求集中`,
        problem: `近 ${CASE_WINDOW_DAYS} 天（${localDate(recentFrom)} 至 ${localDate(now)}）${t.name}登记“${category.name}”类诉求 ${c.recent} 件，此前 ${CASE_WINDOW_DAYS} 天为 ${c.previous} 件；精确条件检验单侧 p = ${c.p.toFixed(4)}。`,
      });
      fromCases++;
    }
  });
  const rows = createdIds.length ? await db.selectFrom('rectification_task').selectAll().where('id', 'in', createdIds).orderBy('task_no').execute() : [];
  return { created: createdIds.length, fromSurvey, fromCases, alreadyProposed, items: await summarizeTasks(db, rows, { now, effects: false }) };
}
