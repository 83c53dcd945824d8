import { sql } from 'kysely';
import type { Actor } from '../../http/context.ts';
import { conflict, notFound } from '../../http/errors.ts';
import type { ReadContext } from '../../use-case-context.ts';
import type { TAreaResults, TEstimate, TSurveyResults } from '../../../shared/schemas/survey-results.ts';
import {
  DEFAULT_CONFIDENCE,
  MIN_REPORTABLE_N,
  rankEstimates,
  respondentIndex,
  stratifiedMean,
  stratifiedProportion,
  summarizeAnswers,
  tInterval,
  wilsonInterval,
  type Answer,
  type Ranking,
} from '../../stats/index.ts';
import { loadWave, reportWave, viewerOf, type ReportWave, type ResultsViewer } from './find-report-wave.ts';
import { keptForClosedWave } from './wave-results-memo.ts';
import { loadDefinition } from '../survey/index.ts';
import { resultsQuestionnaire, type ResultsQuestionnaire, type ScoredQuestion } from './read-questionnaire.ts';

/** Family-wise significance level of the ranking's pairwise comparisons. */
const RANK_ALPHA = 0.05;

/** One respondent's option ids, by the position of the question in ResultsQuestionnaire.codes (open text is never loaded). */
type Respondent = (string | undefined)[];

/** What a figure rests on in one area: the respondents' values (for means) or a count (for rates). */
type Figure = { kind: 'mean'; values: number[]; bounds: { min: number; max: number } } | { kind: 'rate'; n: number; successes: number };

interface Stratum {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  population: number;
  respondents: Respondent[];
}

const answersAt = (respondents: readonly Respondent[], q: ScoredQuestion, position: number): Answer[] => {
  const known = new Set(q.scale.options.map((o) => o.id));
  // An option id the version does not have (not written by the workstation, which validates) counts as missing.
  return respondents.map((r) => {
    const answer = r[position];
    return answer !== undefined && known.has(answer) ? answer : null;
  });
};

const RATE_BOUNDS = { min: 0, max: 1 };

/**
 * Every figure of one area, by key: index, satisfaction, dissatisfaction, domain:<code>:score,
 * domain:<code>:rate, awareness, policy:<code>, visited.
 */
function figuresOf(respondents: readonly Respondent[], q: ResultsQuestionnaire): Map<string, Figure> {
  const figures = new Map<string, Figure>();
  const answersTo = (question: ScoredQuestion) => answersAt(respondents, question, q.codes.indexOf(question.code));
  const indexItems = [q.overall, ...q.domains].filter((x): x is ScoredQuestion => x !== null);
  const indexAnswers = indexItems.map((item) => answersTo(item));
  const index: number[] = [];
  respondents.forEach((_, r) => {
    const value = respondentIndex({ items: indexItems.map((item, k) => ({ scale: item.scale, answer: indexAnswers[k]![r] })) });
    if (value !== null) index.push(value);
  });
  figures.set('index', { kind: 'mean', values: index, bounds: q.scoreRange });
  if (q.overall) {
    const overall = summarizeAnswers({ scale: q.overall.scale, answers: indexAnswers[0]! });
    figures.set('satisfaction', { kind: 'rate', n: overall.n, successes: overall.satisfied });
    figures.set('dissatisfaction', { kind: 'rate', n: overall.n, successes: overall.dissatisfied });
  } else {
    figures.set('satisfaction', { kind: 'rate', n: 0, successes: 0 });
    figures.set('dissatisfaction', { kind: 'rate', n: 0, successes: 0 });
  }
  q.domains.forEach((domain, k) => {
    const summary = summarizeAnswers({ scale: domain.scale, answers: indexAnswers[k + (q.overall ? 1 : 0)]! });
    figures.set(`domain:${domain.code}:score`, { kind: 'mean', values: summary.scores.filter((s): s is number => s !== null), bounds: q.scoreRange });
    figures.set(`domain:${domain.code}:rate`, { kind: 'rate', n: summary.n, successes: summary.satisfied });
  });
  const awarenessAnswers = q.awareness.map((policy) => answersTo(policy));
  q.awareness.forEach((policy, k) => {
    const summary = summarizeAnswers({ scale: policy.scale, answers: awarenessAnswers[k]! });
    figures.set(`policy:${policy.code}`, { kind: 'rate', n: summary.n, successes: summary.satisfied });
  });
  // Overall awareness: each respondent's share of the named policies heard of (the respondent is
  // the sampling unit, so their answers are not counted as independent trials), then averaged.
  const shares: number[] = [];
  respondents.forEach((_, r) => {
    let valid = 0;
    let heard = 0;
    q.awareness.forEach((policy, k) => {
      const answer = awarenessAnswers[k]![r];
      const option = answer ? policy.scale.options.find((o) => o.id === answer) : undefined;
      if (!option || option.excludedFromBase) return;
      valid++;
      if (option.satisfied) heard++;
    });
    if (valid > 0) shares.push(heard / valid);
  });
  figures.set('awareness', { kind: 'mean', values: shares, bounds: RATE_BOUNDS });
  if (q.visited) {
    const visited = summarizeAnswers({ scale: q.visited.scale, answers: answersTo(q.visited) });
    figures.set('visited', { kind: 'rate', n: visited.n, successes: visited.satisfied });
  } else {
    figures.set('visited', { kind: 'rate', n: 0, successes: 0 });
  }
  return figures;
}

const clip = (value: number, bounds: { min: number; max: number }) => Math.min(bounds.max, Math.max(bounds.min, value));

const mean = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / values.length;
const variance = (values: readonly number[]) => {
  const m = mean(values);
  return values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1);
};

const figureN = (figure: Figure) => (figure.kind === 'mean' ? figure.values.length : figure.n);

/** A township's figure: t interval (with the finite population correction) or Wilson; suppressed below minN. */
function townshipEstimate(figure: Figure, population: number, minN: number): TEstimate {
  const n = figureN(figure);
  if (n < minN) return { suppressed: true, n };
  if (figure.kind === 'rate') {
    const w = wilsonInterval({ successes: figure.successes, n: figure.n, confidence: DEFAULT_CONFIDENCE })!;
    return { suppressed: false, n, estimate: w.estimate, standardError: Math.sqrt((w.estimate * (1 - w.estimate)) / n), interval: w.interval, df: null, method: 'wilson' };
  }
  const t = tInterval({ values: figure.values, confidence: DEFAULT_CONFIDENCE, ...(population >= n ? { populationSize: population } : {}) });
  return {
    suppressed: false,
    n,
    estimate: t.mean!,
    standardError: t.standardError,
    interval: t.interval && { lower: clip(t.interval.lower, figure.bounds), upper: clip(t.interval.upper, figure.bounds), confidence: t.interval.confidence },
    df: t.df,
    method: 't',
  };
}

/**
 * The county figure: the stratified estimate over the townships whose own figure is reportable,
 * weighted by population; the others are left out (and named) so a suppressed township cannot be
 * recovered by differencing the county against the rest.
 */
function countyEstimate(key: string, strata: readonly Stratum[], figures: ReadonlyMap<string, Map<string, Figure>>, minN: number, excluded: Set<string>): TEstimate {
  const included: { stratum: Stratum; figure: Figure }[] = [];
  for (const stratum of strata) {
    const figure = figures.get(stratum.id)!.get(key)!;
    if (figureN(figure) >= minN && stratum.population > 0) included.push({ stratum, figure });
    else excluded.add(stratum.code);
  }
  const n = included.reduce((sum, x) => sum + figureN(x.figure), 0);
  if (!included.length || n < minN) return { suppressed: true, n };
  // The correction 1 − n_h/N_h needs n_h ≤ N_h; a population below the interviews is a data error, then no correction anywhere.
  const fpc = included.every((x) => figureN(x.figure) <= x.stratum.population);
  const first = included[0]!.figure;
  const estimate =
    first.kind === 'mean'
      ? stratifiedMean({
          fpc,
          confidence: DEFAULT_CONFIDENCE,
          strata: included.map(({ stratum, figure }) => {
            const values = (figure as Extract<Figure, { kind: 'mean' }>).values;
            return { id: stratum.code, populationSize: stratum.population, n: values.length, mean: mean(values), variance: variance(values) };
          }),
        })
      : stratifiedProportion({
          fpc,
          confidence: DEFAULT_CONFIDENCE,
          strata: included.map(({ stratum, figure }) => {
            const rate = figure as Extract<Figure, { kind: 'rate' }>;
            return { id: stratum.code, populationSize: stratum.population, n: rate.n, successes: rate.successes };
          }),
        });
  const bounds = first.kind === 'mean' ? first.bounds : RATE_BOUNDS;
  return {
    suppressed: false,
    n,
    estimate: estimate.estimate,
    standardError: estimate.standardError,
    interval: { lower: clip(estimate.interval.lower, bounds), upper: clip(estimate.interval.upper, bounds), confidence: estimate.interval.confidence },
    df: estimate.df,
    method: 'stratified',
  };
}

function areaResults(
  region: TAreaResults['region'],
  population: number,
  completes: number,
  q: ResultsQuestionnaire,
  estimate: (key: string) => TEstimate,
): TAreaResults {
  return {
    region,
    population,
    completes,
    index: estimate('index'),
    satisfaction: estimate('satisfaction'),
    dissatisfaction: estimate('dissatisfaction'),
    domains: q.domains.map((d) => ({ domain: d.domain ?? null, questionCode: d.code, text: d.text, score: estimate(`domain:${d.code}:score`), satisfaction: estimate(`domain:${d.code}:rate`) })),
    awareness: {
      overall: estimate('awareness'),
      policies: q.awareness.map((p) => ({ questionCode: p.code, policy: p.policy ?? p.text, awareness: estimate(`policy:${p.code}`) })),
    },
    visited: estimate('visited'),
  };
}

/**
 * Homogeneous subsets of a ranking: maximal runs of consecutive townships (in rank order) whose
 * every pair is not significantly different. Runs of one are left out.
 *
 * @example
 * rankingGroups(rankEstimates({ items })); // => [['370921104', '370921105'], ['370921105', '370921106', '370921107']]
 */
export function rankingGroups(ranking: Ranking): string[][] {
  const order = ranking.items.map((item) => item.id);
  const similar = new Set(ranking.comparisons.filter((c) => !c.significant).flatMap((c) => [`${c.a}|${c.b}`, `${c.b}|${c.a}`]));
  const groups: string[][] = [];
  let lastEnd = -1;
  for (let i = 0; i < order.length; i++) {
    let j = i;
    while (j + 1 < order.length && order.slice(i, j + 1).every((id) => similar.has(`${id}|${order[j + 1]}`))) j++;
    if (j > i && j > lastEnd) {
      groups.push(order.slice(i, j + 1));
      lastEnd = j;
    }
  }
  return groups;
}

/**
 * The results of a wave on the valid answers of its complete interviews: per township (the
 * respondent's answer to S3) and for the county, with n and 95% intervals, small bases
 * suppressed, townships ranked by index. Scales and scores come from the wave's frozen
 * questionnaire version. A township viewer gets their own township and the county only, and only
 * once the wave is closed (interim figures shown to the townships being rated invite coaching).
 *
 * Townships are the respondents' answers to S3, which almost always match the sampling stratum;
 * where they do not, the township works as a post-stratum and the stratified variance is the
 * usual approximation. The finite population correction uses the stratum's population; with
 * populations in the tens of thousands it changes nothing visible, but keeps the township and
 * county intervals consistent.
 *
 * 404 for a wave outside the actor's county and townships, whether or not it exists. The command
 * line (`actor: null`, acting for the deployment) reads every wave as its county.
 *
 * A closed wave's county figures are computed once per process and kept (wave-results-memo.ts,
 * keyed by database, wave and close instant); the access check runs on every call and each
 * viewer gets a fresh copy cut to what it may see.
 *
 * @example
 * const results = await computeWaveResults({ db, actor }, { waveId: '3' });
 * results.county.index; // => { suppressed: false, n: 1290, estimate: 78.4, standardError: 0.61, interval: { lower: 77.2, upper: 79.6, confidence: 0.95 }, method: 'stratified', … }
 */
export async function computeWaveResults({ db, actor }: ReadContext<Actor | null>, options: { waveId: string; now?: Date }): Promise<TSurveyResults> {
  const wave = await loadWave(db, options.waveId);
  const viewer: ResultsViewer | null = !wave ? null : actor === null ? { kind: 'county' } : viewerOf(actor, wave);
  if (!wave || !viewer) throw notFound();
  if (viewer.kind === 'township' && wave.status !== 'closed') throw conflict('survey_results_not_final');
  const closedAt = wave.closed_at === null ? 'closed' : new Date(wave.closed_at).toISOString();
  const [full, townshipNames] = await Promise.all([
    wave.status === 'closed' ? keptForClosedWave(db, `${wave.id}@${closedAt}`, () => countyResults(db, wave)) : countyResults(db, wave),
    // Names are not figures: a region renamed since shows its name of today, kept figures or not.
    db.selectFrom('wave_stratum as s').innerJoin('region as r', 'r.id', 's.township_id').select(['r.code', 'r.name', 'r.name_en']).where('s.wave_id', '=', wave.id).execute(),
  ]);
  const names = new Map(townshipNames.map((r) => [r.code, { code: r.code, name: r.name, nameEn: r.name_en }]));
  const results = viewOf(full, viewer, (options.now ?? new Date()).toISOString());
  results.wave = reportWave(wave);
  results.county.region = { code: wave.county_region_code, name: wave.county_name, nameEn: wave.county_name_en };
  for (const t of results.townships) t.region = names.get(t.region.code) ?? t.region;
  return results;
}

/** The county view of a wave's results, with its townships' ids (the township viewers' key). */
interface CountyResults {
  results: TSurveyResults;
  codeOf: ReadonlyMap<string, string>;
}

/**
 * A viewer's copy of the county view: the county whole; a township its own township, its own
 * place in the ranking without the pairwise comparisons and groups (other townships' standing),
 * and its own code among the county's exclusions. Suppression is the same for both (one minN,
 * and the county figure leaves out the same townships), so it is cut from the same figures.
 * A copy, so a caller that changes its answer does not change the kept one.
 */
function viewOf(full: CountyResults, viewer: ResultsViewer, generatedAt: string): TSurveyResults {
  const copy = structuredClone(full.results);
  copy.generatedAt = generatedAt;
  if (viewer.kind === 'county') return copy;
  const own = full.codeOf.get(viewer.townshipId);
  const visible = (code: string) => code === own;
  return {
    ...copy,
    scope: 'township',
    townships: copy.townships.filter((t) => visible(t.region.code)),
    ranking: { ...copy.ranking, items: copy.ranking.items.filter((p) => visible(p.code)).map((p) => ({ ...p, notSignificantlyDifferent: [] })), groups: [] },
    countyExcludes: copy.countyExcludes.filter(visible),
  };
}

/** Every figure of a wave for its county (the expensive part: every complete interview's answers). */
async function countyResults(db: ReadContext['db'], wave: ReportWave): Promise<CountyResults> {
  const minN = MIN_REPORTABLE_N;
  const q = resultsQuestionnaire(await loadDefinition({ db }, { versionId: wave.questionnaire_version_id }));
  const strataRows = await db
    .selectFrom('wave_stratum as s')
    .innerJoin('region as r', 'r.id', 's.township_id')
    .select(['s.township_id', 's.population', 'r.code', 'r.name', 'r.name_en'])
    .where('s.wave_id', '=', wave.id)
    .orderBy('r.code')
    .execute();
  const strata: Stratum[] = strataRows.map((s) => ({ id: s.township_id, code: s.code, name: s.name, nameEn: s.name_en, population: s.population, respondents: [] }));
  const byId = new Map(strata.map((s) => [s.id, s]));
  // One row per complete interview with its scored answers as 'Q1=satisfied,Q2=basically,…' (codes
  // and option ids are letters, digits and _), the most compact form to send; open text and who
  // answered stay in the database.
  const rows = await sql<{ township_id: string | null; answers: string | null }>`
    SELECT i.township_id, string_agg(a.question_code || '=' || a.option_id, ',') AS answers
    FROM interview i
    LEFT JOIN interview_answer a
      ON a.interview_id = i.id AND a.option_id IS NOT NULL AND a.question_code = ANY(${sql.val(q.codes)}::text[])
    WHERE i.wave_id = ${wave.id} AND i.status = 'complete'
    GROUP BY i.id`.execute(db);
  const codePosition = new Map(q.codes.map((code, k) => [code, k]));
  let unassigned = 0;
  for (const row of rows.rows) {
    const stratum = row.township_id === null ? undefined : byId.get(row.township_id);
    if (!stratum) {
      unassigned++;
      continue;
    }
    const answers: Respondent = new Array<string | undefined>(q.codes.length);
    for (const pair of row.answers ? row.answers.split(',') : []) {
      const at = pair.indexOf('=');
      const position = codePosition.get(pair.slice(0, at));
      if (position !== undefined) answers[position] = pair.slice(at + 1);
    }
    stratum.respondents.push(answers);
  }

  const figures = new Map(strata.map((s) => [s.id, figuresOf(s.respondents, q)]));
  const excluded = new Set<string>();
  const countyRegion = { code: wave.county_region_code, name: wave.county_name, nameEn: wave.county_name_en };
  const county = areaResults(
    countyRegion,
    strata.reduce((sum, s) => sum + s.population, 0),
    strata.reduce((sum, s) => sum + s.respondents.length, 0),
    q,
    (key) => countyEstimate(key, strata, figures, minN, excluded),
  );
  const townships = strata.map((s) => areaResults({ code: s.code, name: s.name, nameEn: s.nameEn }, s.population, s.respondents.length, q, (key) => townshipEstimate(figures.get(s.id)!.get(key)!, s.population, minN)));

  const ranked = townships.flatMap((t) => (t.index.suppressed || t.index.standardError === null ? [] : [{ id: t.region.code, estimate: t.index.estimate, standardError: t.index.standardError }]));
  const ranking = rankEstimates({ items: ranked, alpha: RANK_ALPHA, adjustment: 'holm' });
  const positions = ranking.items.map((item) => ({ code: item.id, rank: item.rank, bestRank: item.bestRank, worstRank: item.worstRank, notSignificantlyDifferent: item.notSignificantlyDifferent }));

  const results: TSurveyResults = {
    wave: reportWave(wave),
    scope: 'county',
    confidence: DEFAULT_CONFIDENCE,
    minReportableN: minN,
    county,
    townships,
    ranking: { of: ranking.items.length, alpha: RANK_ALPHA, adjustment: 'holm', items: positions, groups: rankingGroups(ranking) },
    countyExcludes: [...excluded].sort(),
    unassigned,
    generatedAt: '',
  };
  return { results, codeOf: new Map(strata.map((s) => [s.id, s.code])) };
}
