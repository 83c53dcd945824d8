/**
 * What the detectors read, as aggregates per township: the survey's figures (through
 * computeWaveResults, so the numbers are the results page's), each respondent's satisfaction index
 * and whether they straight-lined (kept in memory only: never stored, never answered), the case
 * records' counts over the wave's quarter, and the visit records' household coverage this year.
 */
import { sql, type Kysely } from 'kysely';
import type { TEstimate, TSurveyResults } from '../../../shared/schemas/survey-results.ts';
import type { DB } from '../../db/schema.ts';
import { respondentIndex } from '../../stats/index.ts';
import { inSubtree } from '../../scope/index.ts';
import { loadDefinition } from '../survey/index.ts';
import { resultsQuestionnaire } from '../survey-results/index.ts';
import type { CaseCounts } from './cases-disagree.ts';
import type { CoachingWave } from './coaching.ts';

/** A respondent straight-lines with at least this many overall and domain answers, all the same option (the survey's QC default). */
export const MIN_STRAIGHT_LINE_ANSWERS = 6;

/** A TEstimate as the detectors' WaveEstimate (null when suppressed). */
export const waveEstimate = (e: TEstimate) => (e.suppressed || e.standardError === null ? null : { estimate: e.estimate, standardError: e.standardError });

/**
 * Per township id: the coaching detector's view of one wave (its figures from `results`).
 *
 * @example
 * const byTownship = await coachingWaves(db, { waveId: '3', versionId: '1', results });
 */
export async function coachingWaves(db: Kysely<DB>, o: { waveId: string; versionId: string; results: TSurveyResults }): Promise<Map<string, CoachingWave>> {
  const q = resultsQuestionnaire(await loadDefinition({ db }, { versionId: o.versionId }));
  const items = [q.overall, ...q.domains].filter((x) => x !== null);
  const codes = items.map((i) => i.code);
  const rows = await sql<{ township_code: string | null; answers: string | null }>`
    SELECT r.code AS township_code, string_agg(a.question_code || '=' || a.option_id, ',') AS answers
    FROM interview i
    LEFT JOIN region r ON r.id = i.township_id
    LEFT JOIN interview_answer a
      ON a.interview_id = i.id AND a.option_id IS NOT NULL AND a.question_code = ANY(${sql.val(codes)}::text[])
    WHERE i.wave_id = ${o.waveId} AND i.status = 'complete'
    GROUP BY i.id, r.code`.execute(db);
  const byCode = new Map<string, { n: number; straightLiners: number; straightLineBase: number; indexValues: number[] }>();
  for (const row of rows.rows) {
    if (!row.township_code) continue;
    const t = byCode.get(row.township_code) ?? { n: 0, straightLiners: 0, straightLineBase: 0, indexValues: [] };
    byCode.set(row.township_code, t);
    t.n++;
    const answers = new Map((row.answers ? row.answers.split(',') : []).map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
    const given = codes.map((c) => answers.get(c)).filter((x) => x !== undefined);
    if (given.length >= MIN_STRAIGHT_LINE_ANSWERS) {
      t.straightLineBase++;
      if (new Set(given).size === 1) t.straightLiners++;
    }
    const value = respondentIndex({ items: items.map((item) => ({ scale: item.scale, answer: answers.get(item.code) ?? null })) });
    if (value !== null) t.indexValues.push(value);
  }
  const out = new Map<string, CoachingWave>();
  for (const t of o.results.townships) {
    const own = byCode.get(t.region.code) ?? { n: 0, straightLiners: 0, straightLineBase: 0, indexValues: [] };
    out.set(t.region.code, { ...own, n: t.completes, index: waveEstimate(t.index), satisfaction: waveEstimate(t.satisfaction) });
  }
  return out;
}

/** The wave's case period: the three calendar months ending with the wave's last day (Asia/Shanghai). */
export function casePeriod(endsOn: string): { from: Date; to: Date } {
  const y = Number(endsOn.slice(0, 4));
  const m = Number(endsOn.slice(5, 7));
  const startMonth = new Date(Date.UTC(y, m - 3, 1)).toISOString().slice(0, 10);
  return { from: new Date(`${startMonth}T00:00:00+08:00`), to: new Date(new Date(`${endsOn}T00:00:00+08:00`).getTime() + 86_400_000) };
}

/**
 * Case counts per township code: call-backs reached in the period (satisfied = 满意 + 基本满意,
 * solved), and cases registered in the period that were finished, of which reopened.
 *
 * @example
 * const counts = await caseCounts(db, { countyCode: '370921', countyPath: '/1/', from, to });
 */
export async function caseCounts(db: Kysely<DB>, o: { countyCode: string; countyPath: string; from: Date; to: Date }): Promise<Map<string, CaseCounts>> {
  const from = o.from.toISOString();
  const to = o.to.toISOString();
  const callbacks = await sql<{ code: string; callbacks: string; satisfied: string; solved: string }>`
    SELECT t.code, count(*) AS callbacks,
      count(*) FILTER (WHERE cb.satisfaction IN ('satisfied', 'basically_satisfied')) AS satisfied,
      count(*) FILTER (WHERE cb.solved) AS solved
    FROM case_callback cb
    JOIN resident_case c ON c.id = cb.case_id
    JOIN region t ON t.level = 'township' AND ${inSubtree(sql.ref<string>('c.region_path'), sql.ref<string>('t.path'))} AND ${inSubtree(sql.ref<string>('t.path'), o.countyPath)}
    WHERE cb.county_code = ${o.countyCode} AND cb.outcome = 'reached' AND cb.called_at >= ${from}::timestamptz AND cb.called_at < ${to}::timestamptz
    GROUP BY t.code`.execute(db);
  const finished = await sql<{ code: string; finished: string; reopened: string }>`
    SELECT t.code, count(*) AS finished, count(*) FILTER (WHERE c.reopen_count > 0) AS reopened
    FROM resident_case c
    JOIN region t ON t.level = 'township' AND ${inSubtree(sql.ref<string>('c.region_path'), sql.ref<string>('t.path'))} AND ${inSubtree(sql.ref<string>('t.path'), o.countyPath)}
    WHERE c.county_code = ${o.countyCode} AND c.status IN ('resolved', 'called_back', 'closed')
      AND c.registered_at >= ${from}::timestamptz AND c.registered_at < ${to}::timestamptz
    GROUP BY t.code`.execute(db);
  const out = new Map<string, CaseCounts>();
  const get = (code: string) => out.get(code) ?? (out.set(code, { callbacks: 0, satisfied: 0, solved: 0, finished: 0, reopened: 0 }), out.get(code)!);
  for (const r of callbacks.rows) Object.assign(get(r.code), { callbacks: Number(r.callbacks), satisfied: Number(r.satisfied), solved: Number(r.solved) });
  for (const r of finished.rows) Object.assign(get(r.code), { finished: Number(r.finished), reopened: Number(r.reopened) });
  return out;
}

/**
 * Households per township code, and those with a visit recorded (not voided) from the 1st of
 * January of the wave's year to its last day — what Q11 ("has a cadre visited your home this
 * year?") asks the residents.
 *
 * @example
 * const coverage = await visitCoverage(db, { countyCode: '370921', endsOn: '2026-09-25' });
 */
export async function visitCoverage(db: Kysely<DB>, o: { countyCode: string; endsOn: string }): Promise<Map<string, { households: number; visited: number }>> {
  const from = new Date(`${o.endsOn.slice(0, 4)}-01-01T00:00:00+08:00`).toISOString();
  const to = new Date(new Date(`${o.endsOn}T00:00:00+08:00`).getTime() + 86_400_000).toISOString();
  const rows = await sql<{ code: string; households: string; visited: string }>`
    SELECT t.code, count(*) AS households,
      count(*) FILTER (WHERE EXISTS (
        SELECT 1 FROM visit v WHERE v.household_id = h.id AND v.voided_at IS NULL AND v.visited_at >= ${from}::timestamptz AND v.visited_at < ${to}::timestamptz)) AS visited
    FROM household h
    JOIN region v ON v.id = h.village_id
    JOIN region t ON t.id = v.parent_id AND t.level = 'township'
    WHERE h.county_code = ${o.countyCode}
    GROUP BY t.code`.execute(db);
  return new Map(rows.rows.map((r) => [r.code, { households: Number(r.households), visited: Number(r.visited) }]));
}
