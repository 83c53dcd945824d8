/**
 * Each township's figure of each component for an assessment's period, read from the modules that
 * own the data. A township without data for a component gets no figure (never a zero): the
 * composite then refuses with MissingComponentError, naming it.
 *
 * Rules, written down because they decide points:
 * - Survey components (index, dissatisfaction, awareness) come from `computeWaveResults` of the
 *   scheme's closed waves. With several waves, a township's figure is their inverse-variance
 *   weighted mean (each wave weighted by 1/se², the precision of its estimate), with standard
 *   error 1/√Σ(1/se²) and n the sum of the waves' n; a suppressed figure (base below the
 *   anonymity floor) or one without a standard error counts as missing in that wave, and the
 *   township is missing when no wave has it.
 * - Case rates are the township as a unit, its villages' assignments included (rates-sql's
 *   township level: the township answers for its territory, 三级联动), summed as counts over the
 *   Shanghai months the period touches, so the rate over the period is exact. Cases are records,
 *   not a sample: the standard error is 0 and no interval is given (the ranking's uncertainty
 *   comes from the survey only).
 * - Visit coverage: the targets of the county's opened campaigns whose dates overlap the period,
 *   counted with each campaign's own done rule (visit-reports' coverage SQL), reached / targets
 *   summed over the campaigns; standard error 0 (a census of the targets).
 * - Rectification on time: tasks located in the township (township_id) with due_on in the period
 *   and status neither proposed nor dropped; on time = accepted with the last submission on or
 *   before the due date (Asia/Shanghai). A township with no task due has no figure: giving it 100
 *   would reward the townships with no weak domain twice, giving it 0 would punish them, so the
 *   scheme must drop the component or the data must exist (422 names the townships).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { readJson } from '../../db/json-columns.ts';
import { DEFAULT_CONFIDENCE, twoSidedZ } from '../../stats/index.ts';
import type { TAssessmentComponentKey, TResultFigure } from '../../../shared/assessment/assessment-schemas.ts';
import type { TEstimate, TSurveyResults } from '../../../shared/schemas/survey-results.ts';
import { computeWaveResults } from '../survey-results/index.ts';
import { loadCaseSettings, ratesQuery } from '../case-rates/index.ts';
import { coverageRollupQuery } from '../visit-reports/index.ts';
import { pathIds } from '../../scope/index.ts';

export interface ComponentFigure {
  figure: TResultFigure;
  page: string;
}

/** figures[component][townshipId]. */
export type FigureTable = Partial<Record<TAssessmentComponentKey, Map<string, ComponentFigure>>>;

const Z = twoSidedZ(DEFAULT_CONFIDENCE);

/** A figure of a wave as the combination reads it (null: missing in that wave). */
export interface WaveFigure {
  estimate: number;
  standardError: number;
  n: number;
}

/**
 * Several waves' figures of one township combined by inverse-variance weighting; a wave with a
 * standard error of 0 (every answer alike) cannot be weighted by 1/se², so then the waves are
 * averaged simply, with se = √Σse² / k. Null when no wave has the figure.
 *
 * @example
 * combineWaves([{ estimate: 80, standardError: 2, n: 100 }, { estimate: 84, standardError: 2, n: 100 }]);
 * // => { estimate: 82, standardError: 1.414…, n: 200, interval: { lower: 79.2…, upper: 84.7… } }
 */
export function combineWaves(figures: readonly (WaveFigure | null)[]): TResultFigure | null {
  const present = figures.filter((f): f is WaveFigure => f !== null);
  if (present.length === 0) return null;
  const n = present.reduce((s, f) => s + f.n, 0);
  let estimate: number;
  let standardError: number;
  if (present.length === 1) {
    estimate = present[0]!.estimate;
    standardError = present[0]!.standardError;
  } else if (present.some((f) => f.standardError === 0)) {
    estimate = present.reduce((s, f) => s + f.estimate, 0) / present.length;
    standardError = Math.sqrt(present.reduce((s, f) => s + f.standardError ** 2, 0)) / present.length;
  } else {
    const weights = present.map((f) => 1 / f.standardError ** 2);
    const total = weights.reduce((s, w) => s + w, 0);
    estimate = present.reduce((s, f, k) => s + weights[k]! * f.estimate, 0) / total;
    standardError = 1 / Math.sqrt(total);
  }
  return { estimate, standardError, n, interval: { lower: estimate - Z * standardError, upper: estimate + Z * standardError } };
}

/** A count figure: exact, standard error 0, no interval. Null when nothing was counted. */
export function countFigure(successes: number, n: number): TResultFigure | null {
  if (n <= 0) return null;
  return { estimate: successes / n, standardError: 0, n, interval: null };
}

const waveFigure = (e: TEstimate): WaveFigure | null => (e.suppressed || e.standardError === null ? null : { estimate: e.estimate, standardError: e.standardError, n: e.n });

const SURVEY_PICK: Partial<Record<TAssessmentComponentKey, (a: TSurveyResults['county']) => TEstimate>> = {
  survey_index: (a) => a.index,
  survey_dissatisfaction: (a) => a.dissatisfaction,
  policy_awareness: (a) => a.awareness.overall,
};

/** The waves' results, computed once per assessment (the county's figures serve the city comparison). */
export async function loadWaveResults(db: Kysely<DB>, waveIds: readonly string[], now: Date): Promise<TSurveyResults[]> {
  const results: TSurveyResults[] = [];
  for (const waveId of waveIds) results.push(await computeWaveResults({ db, actor: null }, { waveId, now }));
  return results;
}

/** The survey components per township (by id; the results name townships by code). */
export function surveyFigures(waves: readonly TSurveyResults[], townships: readonly { id: string; code: string }[], keys: readonly TAssessmentComponentKey[]): FigureTable {
  const table: FigureTable = {};
  const page = `/survey-results?wave=${waves[waves.length - 1]?.wave.id ?? ''}`;
  for (const key of keys) {
    const pick = SURVEY_PICK[key];
    if (!pick) continue;
    const map = new Map<string, ComponentFigure>();
    for (const t of townships) {
      const perWave = waves.map((w) => {
        const area = w.townships.find((a) => a.region.code === t.code);
        return area ? waveFigure(pick(area)) : null;
      });
      const figure = combineWaves(perWave);
      if (figure) map.set(t.id, { figure, page: `${page}&township=${t.code}` });
    }
    table[key] = map;
  }
  return table;
}

/** The county's own figure of the survey (index, satisfaction, dissatisfaction) over the waves, for the city comparison. */
export function countySurveyFigure(waves: readonly TSurveyResults[], figure: 'index' | 'satisfaction' | 'dissatisfaction'): TResultFigure | null {
  return combineWaves(waves.map((w) => waveFigure(w.county[figure])));
}

/**
 * The Shanghai months a period touches, in order.
 *
 * @example
 * periodMonths('2026-10-01', '2026-12-31'); // ['2026-10', '2026-11', '2026-12']
 */
export function periodMonths(start: string, end: string): string[] {
  const months: string[] = [];
  let [y, m] = start.slice(0, 7).split('-').map(Number) as [number, number];
  const last = end.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    months.push(month);
    if (month >= last) return months;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
}

/** The three case rates per township over the period's months (counts summed, then divided). */
export async function caseFigures(db: Kysely<DB>, options: { countyCode: string; periodStart: string; periodEnd: string; now: Date }): Promise<FigureTable> {
  const settings = await loadCaseSettings(db, { countyCode: options.countyCode });
  const months = periodMonths(options.periodStart, options.periodEnd);
  const sums = new Map<string, { responseN: number; responded: number; callbacks: number; solved: number; satisfactionN: number; satisfied: number }>();
  for (const month of months) {
    const { rows } = await ratesQuery({ countyCode: options.countyCode, level: 'township', month, now: options.now, basicallySatisfiedCounts: settings.basicallySatisfiedCounts }).execute(db);
    for (const r of rows) {
      const id = r.unit_key.slice(1);
      const s = sums.get(id) ?? { responseN: 0, responded: 0, callbacks: 0, solved: 0, satisfactionN: 0, satisfied: 0 };
      s.responseN += Number(r.response_n);
      s.responded += Number(r.responded);
      s.callbacks += Number(r.callbacks);
      s.solved += Number(r.solved);
      s.satisfactionN += Number(r.satisfaction_n);
      s.satisfied += Number(r.satisfied);
      sums.set(id, s);
    }
  }
  const page = `/case-rates?month=${months[months.length - 1]}&level=township`;
  const response = new Map<string, ComponentFigure>();
  const resolution = new Map<string, ComponentFigure>();
  const satisfaction = new Map<string, ComponentFigure>();
  for (const [id, s] of sums) {
    const r = countFigure(s.responded, s.responseN);
    const v = countFigure(s.solved, s.callbacks);
    const f = countFigure(s.satisfied, s.satisfactionN);
    if (r) response.set(id, { figure: r, page });
    if (v) resolution.set(id, { figure: v, page });
    if (f) satisfaction.set(id, { figure: f, page });
  }
  return { case_response: response, case_resolution: resolution, case_satisfaction: satisfaction };
}

/** Visit coverage per township over the campaigns overlapping the period. */
export async function visitFigures(db: Kysely<DB>, options: { countyCode: string; countyPath: string; periodStart: string; periodEnd: string; now: Date }): Promise<FigureTable> {
  const campaigns = await db
    .selectFrom('visit_campaign')
    .select(['id', 'definition'])
    .where('county_code', '=', options.countyCode)
    .where('status', 'in', ['open', 'closed'])
    .where('starts_on', '<=', options.periodEnd)
    .where('ends_on', '>=', options.periodStart)
    .orderBy('id')
    .execute();
  const sums = new Map<string, { targets: number; visited: number; campaigns: string[] }>();
  const depth = pathIds(options.countyPath).length;
  for (const c of campaigns) {
    const definition = readJson('visit_campaign.definition', c.definition);
    const { rows } = await coverageRollupQuery({ campaignId: c.id, countyCode: options.countyCode, regionPath: options.countyPath, definition, now: options.now, groupBy: 'region', depth }).execute(db);
    for (const r of rows) {
      const s = sums.get(r.key) ?? { targets: 0, visited: 0, campaigns: [] };
      s.targets += Number(r.targets);
      s.visited += Number(r.visited);
      s.campaigns.push(c.id);
      sums.set(r.key, s);
    }
  }
  const map = new Map<string, ComponentFigure>();
  for (const [id, s] of sums) {
    const figure = countFigure(s.visited, s.targets);
    if (figure) map.set(id, { figure, page: `/visits/coverage?campaign=${s.campaigns[s.campaigns.length - 1]}` });
  }
  return { visit_coverage: map };
}

/** Rectification completed on time per township: tasks due in the period. */
export async function rectificationFigures(db: Kysely<DB>, options: { countyCode: string; periodStart: string; periodEnd: string; townships: readonly { id: string; code: string }[] }): Promise<FigureTable> {
  const rows = await db
    .selectFrom('rectification_task')
    .select([
      'township_id',
      sql<number>`count(*)::int`.as('due'),
      sql<number>`(count(*) FILTER (WHERE status = 'accepted' AND submitted_at IS NOT NULL AND submitted_at < (due_on + 1 - interval '8 hours')::timestamp AT TIME ZONE 'UTC'))::int`.as('on_time'),
    ])
    .where('county_code', '=', options.countyCode)
    .where('township_id', 'is not', null)
    .where('status', 'not in', ['proposed', 'dropped'])
    .where('due_on', '>=', options.periodStart)
    .where('due_on', '<=', options.periodEnd)
    .groupBy('township_id')
    .execute();
  const code = new Map(options.townships.map((t) => [t.id, t.code]));
  const map = new Map<string, ComponentFigure>();
  for (const r of rows) {
    const figure = countFigure(Number(r.on_time), Number(r.due));
    if (figure && r.township_id !== null) map.set(r.township_id, { figure, page: `/rectification?township=${code.get(r.township_id) ?? ''}&dueFrom=${options.periodStart}&dueTo=${options.periodEnd}` });
  }
  return { rectification_on_time: map };
}
