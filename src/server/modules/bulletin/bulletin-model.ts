/**
 * The bulletin's content (通报, issue 12 point 5) as one pure function of what was loaded: the
 * assessment's result, its waves' results, the rectification tasks. The DOCX, the XLSX and the
 * preview page are all drawn from this model, so the three say the same thing, and every number
 * in it carries the page it came from.
 *
 * Nothing here reads gaming flags: the working notes are a different document with their own
 * loader, and the model's schema has no field that could hold them.
 */
import type { TAssessmentComponentKey, TAssessmentResult, TResultFigure } from '../../../shared/assessment/index.ts';
import type {
  TBulletinCityRow,
  TBulletinDomainFinding,
  TBulletinFigure,
  TBulletinModel,
  TBulletinRankingRow,
  TBulletinRectificationRow,
  TBulletinSource,
} from '../../../shared/api/bulletin.ts';
import type { TEstimate, TSurveyResults } from '../../../shared/schemas/survey-results.ts';
import { localDate } from '../../../shared/time.ts';
import { compareTownshipsWithRest, DEFAULT_CONFIDENCE, twoSidedZ, type JudgedComparison } from '../../stats/index.ts';

/** The survey's domains as the bulletin names them (the questionnaire designer's labels). */
export const DOMAIN_LABELS: Record<string, { 'zh-CN': string; en: string }> = {
  hardship_relief: { 'zh-CN': '困难群众救助', en: 'Help for families in hardship' },
  environment: { 'zh-CN': '环境保护和村容村貌', en: 'Environment and village upkeep' },
  medical: { 'zh-CN': '看病就医', en: 'Medical care' },
  education: { 'zh-CN': '学校教育', en: 'Schools' },
  public_security: { 'zh-CN': '社会治安', en: 'Public security' },
  culture: { 'zh-CN': '群众文化生活', en: 'Cultural life' },
  employment: { 'zh-CN': '就业创业服务', en: 'Employment services' },
  cadre_style: { 'zh-CN': '干部工作作风', en: "Cadres' work style" },
};

const CITY_LABELS = {
  index: { 'zh-CN': '群众满意度指数', en: 'Satisfaction index' },
  satisfaction: { 'zh-CN': '满意率', en: 'Satisfaction rate' },
  dissatisfaction: { 'zh-CN': '不满意率', en: 'Dissatisfaction rate' },
} as const;

/** A rectification task as the bulletin counts it (confirmed tasks only: proposals and dropped ones are not work). */
export interface BulletinTask {
  townshipId: string | null;
  townshipName: string | null;
  status: 'open' | 'submitted' | 'accepted';
  /** Deadline, Asia/Shanghai date. */
  dueOn: string;
  /** The last submission's Asia/Shanghai date, null when never submitted. */
  submittedOn: string | null;
}

export interface BulletinWave {
  id: string;
  name: string;
  /** The wave's results as the county sees them; null when they cannot be read (not closed, removed). */
  results: TSurveyResults | null;
}

export interface BulletinInput {
  assessment: { id: string; name: string; status: 'draft' | 'published'; publishedAt: string | null; resultId: string };
  result: TAssessmentResult;
  waves: BulletinWave[];
  tasks: BulletinTask[];
  options: { issuer?: string | undefined; number?: string | undefined; date?: string | undefined };
  /** Today, Asia/Shanghai: the default date of a draft and the day overdue is counted against. */
  today: string;
  now: Date;
}

const SHARE_KEYS = new Set<string>(['satisfaction', 'dissatisfaction']);

/** '78.4' for an index or points, '86.2%' for a share in [0, 1]. */
export function formatValue(value: number, share: boolean): string {
  return share ? `${(value * 100).toFixed(1)}%` : value.toFixed(1);
}

const intervalText = (interval: { lower: number; upper: number } | null, share: boolean) =>
  interval === null ? '' : `${formatValue(interval.lower, share)}–${formatValue(interval.upper, share)}`;

function figure(value: number, share: boolean, source: TBulletinSource, extra: { n?: number | null; interval?: { lower: number; upper: number } | null } = {}): TBulletinFigure {
  const interval = extra.interval ? { lower: extra.interval.lower, upper: extra.interval.upper } : null;
  return { value, text: formatValue(value, share), n: extra.n ?? null, interval, intervalText: intervalText(interval, share), source };
}

const fromResultFigure = (f: TResultFigure, share: boolean, source: TBulletinSource) => figure(f.estimate, share, source, { n: f.n, interval: f.interval });

/** Whether a component's figure is a share (printed as a percentage): all but the index. */
const componentIsShare = (key: TAssessmentComponentKey) => key !== 'survey_index';

/** '2026年12月6日' (GB/T 9704: Arabic numerals, no leading zeros). */
export function chineseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

const rankText = (best: number, worst: number) => (best === worst ? String(best) : `${best}–${worst}`);
const joinNames = (names: readonly string[]) => names.join('、');

/**
 * The best and the lagging townships, said honestly. The best are those that could be first
 * (bestRank 1), the lagging those that could be last (worstRank = the number ranked); one name
 * only when the uncertainty leaves one, and neither when it separates nobody.
 */
function namedTownships(rows: readonly TBulletinRankingRow[]): { best: TBulletinModel['best']; lagging: TBulletinModel['lagging'] } {
  if (rows.length === 0) return { best: null, lagging: null };
  const count = rows.length;
  const pick = (r: TBulletinRankingRow) => ({ townshipId: r.townshipId, name: r.name, rank: r.rank, rankText: r.rankText });
  const top = rows.filter((r) => r.bestRank === 1 || r.rank === 1);
  const bottom = rows.filter((r) => r.worstRank === count || r.rank === count);
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;
  if (count > 1 && top.length === count && bottom.length === count) {
    const sentence = `本期各乡镇（街道）综合得分的差异均在统计误差范围内，任何一个乡镇都可能居首或居末，不据此认定先进和后进。排名第1的是${first.name}（${first.composite.text}分），末位是${last.name}（${last.composite.text}分），仅供参考。`;
    return { best: { townships: top.map(pick), separable: false, sentence }, lagging: { townships: bottom.map(pick), separable: false, sentence } };
  }
  const tiedTop = rows.filter((r) => r.composite.value === first.composite.value);
  let best: TBulletinModel['best'];
  if (top.length === 1 && first.worstRank === 1) {
    best = { townships: [pick(first)], separable: true, sentence: `${first.name}综合得分最高（${first.composite.text}分），在统计误差范围内也确定居第1名。` };
  } else if (tiedTop.length > 1 && tiedTop.length === top.length) {
    best = { townships: top.map(pick), separable: false, sentence: `${joinNames(tiedTop.map((r) => r.name))}综合得分相同（${first.composite.text}分），并列第1名。` };
  } else {
    best = {
      townships: top.map(pick),
      separable: false,
      sentence: `${first.name}综合得分最高（${first.composite.text}分），但在统计误差范围内，${joinNames(top.map((r) => r.name))}均可能居第1名，不能认定${first.name}明显领先。`,
    };
  }
  if (count === 1) return { best, lagging: null };
  const tiedBottom = rows.filter((r) => r.composite.value === last.composite.value);
  let lagging: TBulletinModel['lagging'];
  if (bottom.length === 1 && last.bestRank === count) {
    lagging = { townships: [pick(last)], separable: true, sentence: `${last.name}综合得分最低（${last.composite.text}分），在统计误差范围内也确定居末位（第${count}名），须对照薄弱领域抓好整改。` };
  } else if (tiedBottom.length > 1 && tiedBottom.length === bottom.length) {
    lagging = { townships: bottom.map(pick), separable: false, sentence: `${joinNames(tiedBottom.map((r) => r.name))}综合得分相同（${last.composite.text}分），并列末位，须对照薄弱领域抓好整改。` };
  } else {
    lagging = {
      townships: bottom.map(pick),
      separable: false,
      sentence: `${last.name}综合得分最低（${last.composite.text}分），但在统计误差范围内，${joinNames(bottom.map((r) => r.name))}均可能居末位，以上乡镇（街道）须对照薄弱领域抓好整改。`,
    };
  }
  return { best, lagging };
}

function citySentence(row: Omit<TBulletinCityRow, 'sentence'>): string {
  const label = row.label['zh-CN'];
  const describe = (f: TBulletinFigure) => `${f.text}${f.intervalText ? `（95%区间${f.intervalText}${f.n === null ? '' : `，样本${f.n}`}）` : f.n === null ? '' : `（样本${f.n}）`}`;
  const place = row.cityRank !== null ? `，在全市${row.cityCounties === null ? '' : `${row.cityCounties}个县（市、区）中`}居第${row.cityRank}位` : '';
  if (row.county === null && row.city === null) return `本期县级调查和市级抽查均无${label}数据。`;
  if (row.city === null) return `全县${label}为${describe(row.county!)}；市级抽查未提供${label}数据，暂不比较。`;
  if (row.county === null) return `市级抽查${label}为${describe(row.city)}${place}；本期县级调查无可比的${label}数据。`;
  const both = `全县${label}为${describe(row.county)}，市级抽查为${describe(row.city)}${place}`;
  switch (row.verdict) {
    case 'county_higher':
      return `${both}；县级调查结果高于市级抽查，差异超出抽样误差范围。`;
    case 'county_lower':
      return `${both}；县级调查结果低于市级抽查，差异超出抽样误差范围。`;
    case 'no_measurable_difference':
      return `${both}；两者之差在抽样误差范围内，不能认为存在实际差异。`;
    default:
      return `${both}；市级抽查未公布区间，无法判断两者之差是否超出抽样误差，数字仅供参考。`;
  }
}

const estimateOf = (e: TEstimate) => (e.suppressed || e.standardError === null ? null : e);

/** Each township's domain scores of one wave against the rest of the county: one Holm family per domain, by township code then question code. */
function domainTests(results: TSurveyResults): Map<string, Map<string, JudgedComparison>> {
  const out = new Map<string, Map<string, JudgedComparison>>(results.townships.map((t) => [t.region.code, new Map()]));
  const questionCodes = [...new Set(results.townships.flatMap((t) => t.domains.map((d) => d.questionCode)))];
  for (const questionCode of questionCodes) {
    const townships = results.townships.flatMap((t) => {
      const domain = t.domains.find((d) => d.questionCode === questionCode);
      return domain ? [{ code: t.region.code, population: t.population ?? 0, figure: domain.score }] : [];
    });
    for (const judged of compareTownshipsWithRest({ townships, confidence: DEFAULT_CONFIDENCE })) out.get(judged.code)!.set(questionCode, judged);
  }
  return out;
}

/**
 * A township's strengths and weak domains in one wave: each domain's mean score against the rest
 * of the county by the statistics module's `compareTownshipsWithRest` (the township's sample is
 * independent of the others', not of the county's), Holm-adjusted across the townships of that
 * domain, and listed only when the adjusted test says so and the township's own interval lies
 * wholly above (strength) or below (weak) the rest's score — the rule the rectification
 * proposals use. The county's own figure is printed beside it for the reader.
 */
function domainFindings(wave: BulletinWave, results: TSurveyResults, tests: Map<string, Map<string, JudgedComparison>>, code: string): { strengths: TBulletinDomainFinding[]; weaknesses: TBulletinDomainFinding[]; compared: number; suppressed: number } {
  const out = { strengths: [] as TBulletinDomainFinding[], weaknesses: [] as TBulletinDomainFinding[], compared: 0, suppressed: 0 };
  const township = results.townships.find((t) => t.region.code === code);
  if (!township) return out;
  const townshipPage: TBulletinSource = { page: `/survey-results?wave=${wave.id}&township=${code}`, label: { 'zh-CN': `${wave.name}调查结果（${township.region.name}）`, en: `${wave.name} results (${township.region.nameEn ?? township.region.name})` } };
  const countyPage: TBulletinSource = { page: `/survey-results?wave=${wave.id}`, label: { 'zh-CN': `${wave.name}调查结果（全县）`, en: `${wave.name} results (county)` } };
  for (const domain of township.domains) {
    const countyDomain = results.county.domains.find((d) => d.questionCode === domain.questionCode);
    const t = estimateOf(domain.score);
    const c = countyDomain ? estimateOf(countyDomain.score) : null;
    const test = tests.get(code)?.get(domain.questionCode);
    if (!t || !c || !test?.tested) {
      out.suppressed++;
      continue;
    }
    out.compared++;
    if (test.verdict !== 'better' && test.verdict !== 'worse') continue;
    const key = domain.domain ?? domain.questionCode;
    const z = test.differenceInterval;
    const finding: TBulletinDomainFinding = {
      domain: key,
      label: DOMAIN_LABELS[key] ?? domain.text,
      waveId: wave.id,
      waveName: wave.name,
      township: figure(t.estimate, false, townshipPage, { n: t.n, interval: t.interval }),
      county: figure(c.estimate, false, countyPage, { n: c.n, interval: c.interval }),
      rest: figure(test.rest.estimate, false, countyPage, { n: test.rest.n, interval: { lower: test.rest.estimate - twoSidedZ(DEFAULT_CONFIDENCE) * test.rest.standardError, upper: test.rest.estimate + twoSidedZ(DEFAULT_CONFIDENCE) * test.rest.standardError } }),
      difference: { ...figure(test.difference, false, townshipPage, { interval: z }), text: `${test.difference > 0 ? '+' : ''}${test.difference.toFixed(1)}` },
      pAdjusted: test.pAdjusted!,
    };
    (test.verdict === 'better' ? out.strengths : out.weaknesses).push(finding);
  }
  return out;
}

function rectificationRows(tasks: readonly BulletinTask[], townships: readonly { id: string; name: string; code: string }[], today: string): { rows: TBulletinRectificationRow[]; total: TBulletinRectificationRow | null } {
  if (tasks.length === 0) return { rows: [], total: null };
  const page = (code?: string): TBulletinSource => ({
    page: code ? `/rectification?township=${code}` : '/rectification',
    label: { 'zh-CN': code ? '整改任务（本乡镇）' : '整改任务（全县）', en: code ? 'Rectification tasks (township)' : 'Rectification tasks (county)' },
  });
  const count = (id: string | null, name: string, mine: readonly BulletinTask[], source: TBulletinSource): TBulletinRectificationRow => ({
    townshipId: id,
    name,
    total: mine.length,
    open: mine.filter((t) => t.status === 'open').length,
    submitted: mine.filter((t) => t.status === 'submitted').length,
    accepted: mine.filter((t) => t.status === 'accepted').length,
    overdue: mine.filter((t) => t.status !== 'accepted' && t.dueOn < today).length,
    acceptedOnTime: mine.filter((t) => t.status === 'accepted' && t.submittedOn !== null && t.submittedOn <= t.dueOn).length,
    source,
  });
  const known = new Set(townships.map((t) => t.id));
  const rows = townships.map((t) => count(t.id, t.name, tasks.filter((k) => k.townshipId === t.id), page(t.code)));
  // Tasks of a township no longer ranked (merged, closed) keep their own row under their name.
  const others = new Map<string, BulletinTask[]>();
  for (const t of tasks) if (t.townshipId !== null && !known.has(t.townshipId)) others.set(t.townshipId, [...(others.get(t.townshipId) ?? []), t]);
  for (const [id, mine] of others) rows.push(count(id, mine[0]!.townshipName ?? id, mine, page()));
  const countyWide = tasks.filter((t) => t.townshipId === null);
  if (countyWide.length) rows.push(count(null, '县直部门及全县性任务', countyWide, page()));
  return { rows, total: count(null, '合计', tasks, page()) };
}

/**
 * The bulletin's model: header, the county against the city, the ranking with components and
 * intervals, each township's strengths and weak domains, rectification progress, the best and
 * the lagging townships named with what the uncertainty allows, a note on method and the list
 * of sources. Pure: the same input gives the same model.
 *
 * @example
 * const model = bulletinModel({ assessment, result, waves: [{ id: '3', name: '2026年第四季度', results }], tasks: [], options: { number: '宁联办〔2026〕12号' }, today: '2026-12-06', now });
 * model.best?.sentence; // '堽城镇综合得分最高（86.2分），但在统计误差范围内，堽城镇、蒋集镇均可能居第1名，不能认定堽城镇明显领先。'
 */
export function bulletinModel(input: BulletinInput): TBulletinModel {
  const { assessment, result, options } = input;
  const draft = assessment.status !== 'published';
  const assessmentPage: TBulletinSource = { page: `/assessments/${assessment.id}`, label: { 'zh-CN': `考核结果：${result.name}`, en: `Assessment result: ${result.name}` } };
  const date = options.date ?? (assessment.publishedAt && !draft ? localDate(new Date(assessment.publishedAt)) : input.today);
  const issuer = options.issuer ?? `${result.county.name}联系服务群众工作领导小组办公室`;

  const idToName = new Map(result.townships.map((t) => [t.id, t.name]));
  const ranking: TBulletinRankingRow[] = result.townships.map((t) => ({
    townshipId: t.id,
    code: t.code,
    name: t.name,
    nameEn: t.nameEn,
    rank: t.rank,
    bestRank: t.bestRank,
    worstRank: t.worstRank,
    rankText: rankText(t.bestRank, t.worstRank),
    composite: figure(t.composite, false, { page: `/assessments/${assessment.id}?township=${t.code}`, label: assessmentPage.label }, { interval: t.compositeInterval }),
    adjustmentTotal: t.adjustmentTotal,
    components: t.components.map((c) => {
      const share = componentIsShare(c.key);
      const weight = result.components.find((k) => k.key === c.key);
      return {
        key: c.key,
        label: weight?.label ?? { 'zh-CN': c.key, en: c.key },
        weight: weight?.weight ?? 0,
        figure: c.figure === null ? null : fromResultFigure(c.figure, share, c.source),
        points: figure(c.points, false, c.source),
      };
    }),
    notSeparableFrom: t.notSignificantlyDifferent.map((id) => idToName.get(id) ?? id),
  }));
  const { best, lagging } = namedTownships(ranking);

  const firstWave = input.waves.find((w) => w.results !== null);
  const countySurveyPage: TBulletinSource = firstWave ? { page: `/survey-results?wave=${firstWave.id}`, label: { 'zh-CN': `${firstWave.name}调查结果（全县）`, en: `${firstWave.name} results (county)` } } : assessmentPage;
  const cityPage: TBulletinSource = { page: `/assessments/${assessment.id}#city`, label: { 'zh-CN': '市级抽查结果', en: 'City spot check' } };
  const city: TBulletinCityRow[] = result.city.map((c) => {
    const share = SHARE_KEYS.has(c.figure);
    const row = {
      figure: c.figure,
      label: CITY_LABELS[c.figure],
      county: c.county === null ? null : fromResultFigure(c.county, share, countySurveyPage),
      city: c.city === null ? null : fromResultFigure(c.city, share, { ...cityPage, label: { 'zh-CN': `市级抽查结果（${c.city.source}）`, en: `City spot check (${c.city.source})` } }),
      cityDocument: c.city?.source ?? null,
      cityRank: c.city?.cityRank ?? null,
      cityCounties: c.city?.cityCounties ?? null,
      verdict: c.verdict,
    };
    return { ...row, sentence: citySentence(row) };
  });
  const cityNote = city.length === 0 || city.every((c) => c.city === null) ? '本期市级抽查结果尚未录入，暂不作县市对比。' : null;

  const wavesMissing: string[] = [];
  const testsByWave = new Map(input.waves.flatMap((w) => (w.results ? [[w.id, domainTests(w.results)] as const] : [])));
  const findings = result.townships.map((t) => {
    const acc = { strengths: [] as TBulletinDomainFinding[], weaknesses: [] as TBulletinDomainFinding[], compared: 0, suppressed: 0 };
    for (const wave of input.waves) {
      if (!wave.results) continue;
      const f = domainFindings(wave, wave.results, testsByWave.get(wave.id)!, t.code);
      acc.strengths.push(...f.strengths);
      acc.weaknesses.push(...f.weaknesses);
      acc.compared += f.compared;
      acc.suppressed += f.suppressed;
    }
    const source: TBulletinSource = firstWave
      ? { page: `/survey-results?wave=${firstWave.id}&township=${t.code}`, label: { 'zh-CN': `${firstWave.name}调查结果（${t.name}）`, en: `${firstWave.name} results (${t.nameEn ?? t.name})` } }
      : assessmentPage;
    return { townshipId: t.id, name: t.name, ...acc, source };
  });
  for (const wave of input.waves) if (!wave.results) wavesMissing.push(wave.name);

  const rect = rectificationRows(input.tasks, result.townships, date);
  const rectSentence =
    rect.total === null
      ? `截至${chineseDate(date)}，本期无已确认的整改任务。`
      : `截至${chineseDate(date)}，全县共有已确认的整改任务${rect.total.total}项，已验收${rect.total.accepted}项（其中按期完成${rect.total.acceptedOnTime}项），待验收${rect.total.submitted}项，整改中${rect.total.open}项，逾期未完成${rect.total.overdue}项。`;

  const weights = result.components.map((c) => `${c.label['zh-CN']}×${c.weight}`).join(' + ');
  const method = [
    `综合得分 = ${weights}，再加减分；各分项先换算为0–100分。`,
    `括号内区间为95%置信区间。满意度调查是抽样调查，数字有抽样误差；样本越少，区间越宽。`,
    `“可能名次”由各乡镇（街道）综合得分两两比较得出（Holm校正，α=0.05）。“无法区分”指两个乡镇的差异不超出抽样误差，其名次先后不能作为优劣的依据。`,
    `优势领域、薄弱领域：乡镇某领域得分与全县其他乡镇（按人口加权）得分相比，差异经Holm校正（同一领域的各乡镇一并校正，α=0.05）仍显著、且乡镇自身的95%区间整体高于（或低于）其他乡镇得分时才列出，与整改任务的认定规则相同。样本不足5人的领域不作比较。`,
    `整改进度截至成文日期：逾期指未验收且已过整改期限；按期完成指已验收且最后一次提交不晚于期限。`,
  ];

  const sources = new Map<string, TBulletinSource>();
  const add = (s: TBulletinSource) => {
    if (!sources.has(s.page)) sources.set(s.page, s);
  };
  add(assessmentPage);
  for (const c of city) [c.county, c.city].forEach((f) => f && add(f.source));
  for (const r of ranking) for (const c of r.components) add(c.points.source);
  for (const f of findings) {
    add(f.source);
    for (const d of [...f.strengths, ...f.weaknesses]) [d.township.source, d.county.source].forEach(add);
  }
  for (const r of rect.rows) add(r.source);

  return {
    assessment: { id: assessment.id, name: result.name, status: assessment.status, resultId: assessment.resultId, periodStart: result.periodStart, periodEnd: result.periodEnd, publishedAt: assessment.publishedAt },
    draft,
    header: { issuer, number: options.number ?? null, date, dateText: chineseDate(date), signature: issuer },
    title: `关于${result.name}结果的通报${draft ? '（征求意见稿）' : ''}`,
    county: { code: result.county.code, name: result.county.name },
    addressee: '各乡镇人民政府、街道办事处，县直有关部门：',
    lead: `根据${result.county.name}联系服务群众工作考核办法，现将${result.name}（${chineseDate(result.periodStart)}至${chineseDate(result.periodEnd)}）结果通报如下。`,
    city,
    cityNote,
    components: result.components.map((c) => ({ key: c.key, label: c.label, weight: c.weight })),
    ranking,
    best,
    lagging,
    townships: findings,
    wavesMissing,
    rectification: { asOf: date, rows: rect.rows, total: rect.total, sentence: rectSentence },
    method,
    sources: [...sources.values()],
    generatedAt: input.now.toISOString(),
  };
}

