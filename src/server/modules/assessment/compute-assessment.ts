import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { readJson } from '../../db/json-columns.ts';
import type { Actor } from '../../http/context.ts';
import { AppError, conflict } from '../../http/errors.ts';
import { compositeScores, DEFAULT_CONFIDENCE, MissingComponentError, twoSidedZ } from '../../stats/index.ts';
import type { WriteContext } from '../../use-case-context.ts';
import {
  COMPONENT_LABELS,
  SURVEY_COMPONENTS,
  type TAssessmentResult,
  type TAssessmentScheme,
  type TResultFigure,
} from '../../../shared/assessment/assessment-schemas.ts';
import type { TStoredResult } from '../../../shared/assessment/assessment-api-schemas.ts';
import { recordAudit } from '../audit/index.ts';
import { auditRegion, countyOf, findAssessment, lockDraft, periodTownships, touch, type AssessmentRow } from './assessment-store.ts';
import { caseFigures, countySurveyFigure, loadWaveResults, rectificationFigures, surveyFigures, visitFigures, type FigureTable } from './component-figures.ts';
import { checkNoFieldworkInPeriod, checkSchemeWaves, usesSurvey, WEIGHT_TOLERANCE } from './scheme-rules.ts';

const Z = twoSidedZ(DEFAULT_CONFIDENCE);
const CASE_KEYS = new Set(['case_response', 'case_resolution', 'case_satisfaction']);

/** The city's figure as the comparison keeps it: se from its interval (a symmetric normal interval at 95%). */
function cityFigure(row: { estimate: string; n: number | null; lower_bound: string | null; upper_bound: string | null }): TResultFigure {
  const lower = row.lower_bound === null ? null : Number(row.lower_bound);
  const upper = row.upper_bound === null ? null : Number(row.upper_bound);
  return {
    estimate: Number(row.estimate),
    standardError: lower === null || upper === null ? 0 : (upper - lower) / (2 * Z),
    n: row.n,
    interval: lower === null || upper === null ? null : { lower, upper },
  };
}

/**
 * County against city: a two-sided z-test of the difference at the 95% level; null when either
 * figure is missing or the city gave no interval (a bare number supports no verdict). For the
 * dissatisfaction rate "higher" is the figure, not the merit.
 *
 * @example
 * cityVerdict({ estimate: 82, standardError: 0.8, n: 1300, interval: null }, { estimate: 79, standardError: 1, n: 600, interval: { lower: 77, upper: 81 } }); // 'county_higher'
 */
export function cityVerdict(county: TResultFigure | null, city: TResultFigure | null): 'county_higher' | 'no_measurable_difference' | 'county_lower' | null {
  if (!county || !city || city.interval === null) return null;
  const se = Math.sqrt(county.standardError ** 2 + city.standardError ** 2);
  const difference = county.estimate - city.estimate;
  if (se === 0) return difference === 0 ? 'no_measurable_difference' : difference > 0 ? 'county_higher' : 'county_lower';
  const z = difference / se;
  if (Math.abs(z) <= Z) return 'no_measurable_difference';
  return z > 0 ? 'county_higher' : 'county_lower';
}

/** The result of the current scheme version, built from the data (nothing stored). */
async function buildResult(db: Kysely<DB>, row: AssessmentRow, scheme: TAssessmentScheme, now: Date): Promise<TAssessmentResult> {
  const waves = await checkSchemeWaves(db, { countyCode: row.county_code, scheme });
  if (usesSurvey(scheme)) await checkNoFieldworkInPeriod(db, { countyCode: row.county_code, periodStart: row.period_start, periodEnd: row.period_end });
  const county = await countyOf(db, row.county_code);
  const townships = await periodTownships(db, row);
  const keys = scheme.components.map((c) => c.key);
  const waveResults = waves.length ? await loadWaveResults(db, scheme.waveIds, now) : [];

  const table: FigureTable = {};
  const period = { countyCode: row.county_code, periodStart: row.period_start, periodEnd: row.period_end };
  if (keys.some((k) => SURVEY_COMPONENTS.includes(k))) Object.assign(table, surveyFigures(waveResults, townships, keys));
  if (keys.some((k) => CASE_KEYS.has(k))) Object.assign(table, await caseFigures(db, { ...period, now }));
  if (keys.includes('visit_coverage')) Object.assign(table, await visitFigures(db, { ...period, countyPath: county.path, now }));
  if (keys.includes('rectification_on_time')) Object.assign(table, await rectificationFigures(db, { ...period, townships }));

  const adjustments = await db
    .selectFrom('assessment_adjustment')
    .select(['id', 'township_id', 'points', 'reason'])
    .where('assessment_id', '=', row.id)
    .where('removed_at', 'is', null)
    .orderBy('id')
    .execute();
  const adjustmentsOf = (id: string) => adjustments.filter((a) => a.township_id === id).map((a) => ({ id: a.id, points: Number(a.points), reason: a.reason }));
  const totalOf = (id: string) => Math.round(adjustmentsOf(id).reduce((s, a) => s + a.points * 100, 0)) / 100;

  // Weights within the schema's tolerance of 1 are rescaled to exactly 1 for the pure rule.
  const sum = scheme.components.reduce((s, c) => s + c.weight, 0);
  const components = scheme.components.map((c) => ({ ...c, weight: Math.abs(sum - 1) <= WEIGHT_TOLERANCE ? c.weight / sum : c.weight }));
  let items;
  try {
    items = compositeScores({
      components,
      townships: townships.map((t) => ({
        id: t.id,
        values: Object.fromEntries(components.map((c) => [c.key, table[c.key]?.get(t.id)?.figure ?? null])),
        adjustment: totalOf(t.id),
      })),
    }).items;
  } catch (error) {
    if (error instanceof MissingComponentError) {
      const byId = new Map(townships.map((t) => [t.id, t]));
      throw new AppError(422, 'assessment_missing_component', {
        issues: error.missing.map((m) => {
          const t = byId.get(m.township)!;
          return { path: `townships.${t.code}.${m.component}`, message: `no data for ${m.component} in ${t.name} (${t.code})` };
        }),
      });
    }
    throw error;
  }

  const previous = row.previous_id === null ? null : await db.selectFrom('assessment').select(['id', 'name', 'published_result_id']).where('id', '=', row.previous_id).executeTakeFirst();
  const previousResult =
    previous?.published_result_id == null
      ? null
      : readJson('assessment_result.result', (await db.selectFrom('assessment_result').select('result').where('id', '=', previous.published_result_id).executeTakeFirstOrThrow()).result);
  const previousOf = new Map((previousResult?.townships ?? []).map((t) => [t.id, { rank: t.rank, composite: t.composite }]));

  const cityRows = await db
    .selectFrom('city_spot_check')
    .selectAll()
    .where('county_code', '=', row.county_code)
    .where('period_start', '=', row.period_start)
    .where('period_end', '=', row.period_end)
    .orderBy('figure')
    .execute();

  const byId = new Map(townships.map((t) => [t.id, t]));
  const labelOf = (key: (typeof components)[number]['key']) => COMPONENT_LABELS[key];
  return {
    assessmentId: row.id,
    schemeVersion: row.current_version,
    name: row.name,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    county: { code: county.code, name: county.name, nameEn: county.name_en },
    waves: waves.map((w) => ({ id: w.id, name: w.name, startsOn: w.starts_on, endsOn: w.ends_on })),
    components: scheme.components.map((c) => ({ ...c, label: labelOf(c.key) })),
    townships: items.map((item) => {
      const t = byId.get(item.id)!;
      return {
        id: t.id,
        code: t.code,
        name: t.name,
        nameEn: t.name_en,
        rank: item.rank,
        bestRank: item.bestRank,
        worstRank: item.worstRank,
        notSignificantlyDifferent: item.notSignificantlyDifferent,
        composite: item.estimate,
        compositeStandardError: item.standardError,
        compositeInterval: { lower: item.estimate - Z * item.standardError, upper: item.estimate + Z * item.standardError },
        components: components.map((c) => {
          const f = table[c.key]!.get(t.id)!;
          const p = item.components[c.key]!;
          return { key: c.key, figure: f.figure, points: p.points, pointsStandardError: p.standardError, weighted: c.weight * p.points, source: { page: f.page, label: labelOf(c.key) } };
        }),
        adjustments: adjustmentsOf(t.id),
        adjustmentTotal: totalOf(t.id),
        previous: previousOf.get(t.id) ?? null,
      };
    }),
    city: cityRows.map((c) => {
      const countyFigure = countySurveyFigure(waveResults, c.figure);
      const city = cityFigure(c);
      return {
        figure: c.figure,
        county: countyFigure,
        city: { ...city, source: c.source, cityRank: c.city_rank, cityCounties: c.city_counties },
        verdict: cityVerdict(countyFigure, city),
      };
    }),
    previousAssessment: previous && previousResult ? { id: previous.id, name: previous.name } : null,
    computedAt: now.toISOString(),
  };
}

/**
 * Computes a draft assessment's current scheme for its period and stores the result as a new
 * `assessment_result` row (ZAssessmentResult), audited. Each township's figure per component
 * (`component-figures.ts` says where each comes from and how), the composite and its standard
 * error with `compositeScores`, the ranks the survey's uncertainty allows, the bonus and penalty
 * items, the previous assessment's published ranks and the city's spot check of the same period.
 *
 * Refusals, nothing stored: 404 outside the county; 409 `assessment_published`; 422
 * `assessment_weights_sum`; 409 `assessment_wave_not_closed` / `assessment_wave_in_fieldwork`
 * naming the wave; 422 `assessment_missing_component` naming every township and component
 * without data. `actor: null` (the demo, the benchmark) computes any county's assessment.
 *
 * @example
 * const stored = await computeAssessment({ db, actor, source }, { assessmentId: '3' });
 * stored.result.townships[0]; // { name: '堽城镇', rank: 1, bestRank: 1, worstRank: 3, composite: 84.2, … }
 */
export async function computeAssessment(ctx: WriteContext<Actor | null>, options: { assessmentId: string; now?: Date }): Promise<TStoredResult> {
  const { db, actor, source } = ctx;
  const now = options.now ?? new Date();
  const row = await findAssessment(db, actor, options.assessmentId);
  if (row.status === 'published') throw conflict('assessment_published');
  const version = await db.selectFrom('assessment_scheme_version').select('scheme').where('assessment_id', '=', row.id).where('version', '=', row.current_version).executeTakeFirstOrThrow();
  const scheme = readJson('assessment_scheme_version.scheme', version.scheme);
  const result = await buildResult(db, row, scheme, now);
  return db.transaction().execute(async (trx) => {
    const locked = await lockDraft(trx, actor, row.id);
    // A scheme saved while the figures were read: the result would describe the old version.
    if (locked.current_version !== row.current_version || new Date(locked.updated_at).getTime() !== new Date(row.updated_at).getTime()) throw conflict('conflict');
    const stored = await trx
      .insertInto('assessment_result')
      .values({ assessment_id: row.id, scheme_version: row.current_version, result: JSON.stringify(result), computed_by: actor?.id ?? null, computed_at: now })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    // Computing is not a change of the draft: the result is fresh (computed at or after updated_at).
    if (new Date(locked.updated_at).getTime() > now.getTime()) await touch(trx, row.id, now);
    await recordAudit(
      { db: trx, source },
      {
        action: 'assessment.computed',
        entityType: 'assessment',
        entityId: row.id,
        region: await auditRegion(trx, row),
        after: { resultId: stored.id, schemeVersion: row.current_version, townships: result.townships.map((t) => ({ code: t.code, rank: t.rank, composite: Math.round(t.composite * 100) / 100 })) },
      },
    );
    return { id: stored.id, schemeVersion: row.current_version, computedAt: now.toISOString(), stale: false, result };
  });
}
