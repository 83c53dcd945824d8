import { describe, expect, it } from 'vitest';
import { ZBulletinModel, type TBulletinFigure, type TBulletinModel } from '../../../shared/api/bulletin.ts';
import type { TAssessmentResult } from '../../../shared/assessment/index.ts';
import type { TEstimate, TSurveyResults } from '../../../shared/schemas/survey-results.ts';
import { bulletinModel, chineseDate, formatValue, type BulletinInput, type BulletinTask } from './bulletin-model.ts';
import { handMadeResult, type FixtureTownship } from './testing/bulletin-fixture.ts';

const TOWNS: FixtureTownship[] = ['堽城镇', '蒋集镇', '伏山镇', '华丰镇'].map((name, i) => ({ id: String(101 + i), code: `370921${101 + i}`, name }));
const NOW = new Date('2026-12-06T03:00:00Z');

function input(o: Partial<BulletinInput> & { result?: TAssessmentResult } = {}): BulletinInput {
  return {
    assessment: { id: '7', name: '2026年第四季度乡镇考核', status: 'published', publishedAt: '2026-12-04T17:00:00.000Z', resultId: '9' },
    result: o.result ?? handMadeResult({ assessmentId: '7', townships: TOWNS }),
    waves: [],
    tasks: [],
    options: {},
    today: '2026-12-06',
    now: NOW,
    ...o,
  };
}

const est = (estimate: number, standardError: number, n = 100): TEstimate => ({ suppressed: false, n, estimate, standardError, interval: { lower: estimate - 1.96 * standardError, upper: estimate + 1.96 * standardError, confidence: 0.95 }, df: n - 1, method: 't' });

/** Wave results with one domain per entry: the county's score and each township's (equal populations; `extra` townships are in the wave but not in the assessment). */
function waveResults(domains: { code: string; domain: string; county: TEstimate; townships: Record<string, TEstimate> }[], extra: readonly FixtureTownship[] = []): TSurveyResults {
  const area = (code: string, name: string, pick: (d: (typeof domains)[number]) => TEstimate) => ({
    region: { code, name, nameEn: null },
    population: 40_000,
    domains: domains.map((d) => ({ domain: d.domain, questionCode: d.code, text: { 'zh-CN': d.code, en: d.code }, score: pick(d), satisfaction: { suppressed: true, n: 0 } })),
  });
  return {
    county: area('370921', '宁阳县', (d) => d.county),
    townships: [...TOWNS, ...extra].map((t) => area(t.code, t.name, (d) => d.townships[t.code] ?? { suppressed: true, n: 2 })),
  } as unknown as TSurveyResults;
}

/** Every figure anywhere in the model, found by shape. */
function figures(value: unknown, out: TBulletinFigure[] = []): TBulletinFigure[] {
  if (Array.isArray(value)) value.forEach((v) => figures(v, out));
  else if (value && typeof value === 'object') {
    if ('value' in value && 'text' in value && 'source' in value) out.push(value as TBulletinFigure);
    Object.values(value).forEach((v) => figures(v, out));
  }
  return out;
}

describe('bulletinModel', () => {
  it('prints the published result: header, ranking with components, n and intervals, each figure with a source page', () => {
    const model = bulletinModel(input({ options: { issuer: '宁阳县联系服务群众工作领导小组办公室', number: '宁联办〔2026〕12号', date: '2026-12-08' } }));
    expect(() => ZBulletinModel.parse(model)).not.toThrow();
    expect(model.draft).toBe(false);
    expect(model.header).toEqual({ issuer: '宁阳县联系服务群众工作领导小组办公室', number: '宁联办〔2026〕12号', date: '2026-12-08', dateText: '2026年12月8日', signature: '宁阳县联系服务群众工作领导小组办公室' });
    expect(model.title).toBe('关于2026年第四季度乡镇考核结果的通报');
    expect(model.ranking.map((r) => [r.name, r.rank, r.rankText, r.composite.text])).toEqual([
      ['堽城镇', 1, '1', '90.0'],
      ['蒋集镇', 2, '2', '85.0'],
      ['伏山镇', 3, '3', '80.0'],
      ['华丰镇', 4, '4', '75.0'],
    ]);
    const first = model.ranking[0]!;
    expect(first.composite.intervalText).toBe('87.1–92.9');
    expect(first.components.map((c) => [c.key, c.figure?.text, c.figure?.n, c.figure?.intervalText, c.points.text])).toEqual([
      ['survey_index', '79.0', 100, '76.6–81.4', '90.0'],
      ['case_response', '90.0%', 40, '80.0%–95.0%', '90.0'],
    ]);
    const all = figures(model);
    expect(all.length).toBe(4 * 3 + 4 * 2); // composite, two figures and two points per township
    for (const f of all) expect(f.source.page).toMatch(/^\//);
    // Every page a figure cites is in the list of sources.
    const pages = new Set(model.sources.map((s) => s.page));
    for (const f of all) expect(pages.has(f.source.page) || f.source.page.startsWith('/assessments/7?township=')).toBe(true);
  });

  it('names one best and one lagging township when the uncertainty separates them', () => {
    const model = bulletinModel(input());
    expect(model.best).toMatchObject({ separable: true, townships: [{ name: '堽城镇' }] });
    expect(model.best!.sentence).toContain('确定居第1名');
    expect(model.lagging).toMatchObject({ separable: true, townships: [{ name: '华丰镇' }] });
    expect(model.lagging!.sentence).toContain('确定居末位（第4名）');
  });

  it('says honestly when the uncertainty cannot separate the first or the last', () => {
    const result = handMadeResult({ assessmentId: '7', townships: TOWNS, ranks: [{ best: 1, worst: 2 }, { best: 1, worst: 3 }, { best: 2, worst: 4 }, { best: 3, worst: 4 }] });
    const model = bulletinModel(input({ result }));
    expect(model.best).toMatchObject({ separable: false, townships: [{ name: '堽城镇' }, { name: '蒋集镇' }] });
    expect(model.best!.sentence).toBe('堽城镇综合得分最高（90.0分），但在统计误差范围内，堽城镇、蒋集镇均可能居第1名，不能认定堽城镇明显领先。');
    expect(model.lagging).toMatchObject({ separable: false, townships: [{ name: '伏山镇' }, { name: '华丰镇' }] });
    expect(model.lagging!.sentence).toContain('伏山镇、华丰镇均可能居末位');
    expect(model.ranking[0]!.rankText).toBe('1–2');
    expect(model.ranking[0]!.notSeparableFrom).toEqual(['蒋集镇', '伏山镇']); // the fixture's overlapping ranges
  });

  it('reports ties at the top and the bottom as 并列', () => {
    const result = handMadeResult({ assessmentId: '7', townships: TOWNS, composites: [88, 88, 70, 70], ranks: [{ best: 1, worst: 2 }, { best: 1, worst: 2 }, { best: 3, worst: 4 }, { best: 3, worst: 4 }] });
    const model = bulletinModel(input({ result }));
    expect(model.best!.sentence).toBe('堽城镇、蒋集镇综合得分相同（88.0分），并列第1名。');
    expect(model.lagging!.sentence).toContain('伏山镇、华丰镇综合得分相同（70.0分），并列末位');
  });

  it('names neither best nor lagging when every township could be first and last', () => {
    const result = handMadeResult({ assessmentId: '7', townships: TOWNS, ranks: TOWNS.map(() => ({ best: 1, worst: 4 })) });
    const model = bulletinModel(input({ result }));
    expect(model.best!.separable).toBe(false);
    expect(model.best!.sentence).toContain('不据此认定先进和后进');
    expect(model.lagging!.sentence).toBe(model.best!.sentence);
  });

  it('handles a single township and none', () => {
    const one = bulletinModel(input({ result: handMadeResult({ assessmentId: '7', townships: TOWNS.slice(0, 1) }) }));
    expect(one.best!.separable).toBe(true);
    expect(one.lagging).toBeNull();
    const none = bulletinModel(input({ result: handMadeResult({ assessmentId: '7', townships: [] }) }));
    expect(none.best).toBeNull();
    expect(none.lagging).toBeNull();
    expect(none.ranking).toEqual([]);
  });

  it('compares the county with the city, and says so when the city gave no figure or no interval', () => {
    const fig = (estimate: number, lower: number | null = null, upper: number | null = null, n: number | null = 1200) => ({ estimate, standardError: 0.5, n, interval: lower === null ? null : { lower, upper: upper! } });
    const city = (extra: object = {}) => ({ source: '泰联办〔2026〕3号', cityRank: 2, cityCounties: 6, ...extra });
    const result = handMadeResult({
      assessmentId: '7',
      townships: TOWNS,
      city: [
        { figure: 'index', county: fig(86.4, 85.4, 87.4), city: { ...fig(84.1, 83.0, 85.2, 600), ...city() }, verdict: 'county_higher' },
        { figure: 'satisfaction', county: fig(0.9, 0.88, 0.92), city: { ...fig(0.89, 0.86, 0.92, 600), ...city() }, verdict: 'no_measurable_difference' },
        { figure: 'dissatisfaction', county: fig(0.04, 0.03, 0.05), city: { ...fig(0.05, null, null, null), ...city({ cityRank: null, cityCounties: null }) }, verdict: null },
      ],
    });
    const model = bulletinModel(input({ result }));
    expect(model.cityNote).toBeNull();
    expect(model.city.map((c) => c.sentence)).toEqual([
      '全县群众满意度指数为86.4（95%区间85.4–87.4，样本1200），市级抽查为84.1（95%区间83.0–85.2，样本600），在全市6个县（市、区）中居第2位；县级调查结果高于市级抽查，差异超出抽样误差范围。',
      '全县满意率为90.0%（95%区间88.0%–92.0%，样本1200），市级抽查为89.0%（95%区间86.0%–92.0%，样本600），在全市6个县（市、区）中居第2位；两者之差在抽样误差范围内，不能认为存在实际差异。',
      '全县不满意率为4.0%（95%区间3.0%–5.0%，样本1200），市级抽查为5.0%；市级抽查未公布区间，无法判断两者之差是否超出抽样误差，数字仅供参考。',
    ]);
    expect(model.city[0]!.city!.source.label['zh-CN']).toContain('泰联办〔2026〕3号');

    const missing = bulletinModel(input({ result: handMadeResult({ assessmentId: '7', townships: TOWNS, city: [{ figure: 'index', county: fig(86.4, 85.4, 87.4), city: null, verdict: null }] }) }));
    expect(missing.cityNote).toBe('本期市级抽查结果尚未录入，暂不作县市对比。');
    expect(missing.city[0]!.sentence).toBe('全县群众满意度指数为86.4（95%区间85.4–87.4，样本1200）；市级抽查未提供群众满意度指数数据，暂不比较。');
    expect(bulletinModel(input()).cityNote).toBe('本期市级抽查结果尚未录入，暂不作县市对比。');
    const lower = bulletinModel(input({ result: handMadeResult({ assessmentId: '7', townships: TOWNS, city: [{ figure: 'index', county: null, city: { ...fig(84.1, 83.0, 85.2, 600), ...city() }, verdict: null }] }) }));
    expect(lower.city[0]!.sentence).toContain('本期县级调查无可比的群众满意度指数数据');
  });

  it('lists a strength or weak domain only when the township differs from the rest of the county by the survey’s test (Holm across townships)', () => {
    const [a, b, c] = TOWNS.map((t) => t.code);
    const results = waveResults([
      { code: 'Q2', domain: 'environment', county: est(75, 0.5), townships: { [a!]: est(82, 1.5), [b!]: est(77, 1.5), [c!]: est(69, 2) } },
      { code: 'Q3', domain: 'medical', county: est(80, 0.5), townships: { [a!]: est(81, 3), [b!]: est(74, 1.2) } },
    ]);
    const model = bulletinModel(input({ waves: [{ id: '3', name: '2026年第四季度满意度调查', results }] }));
    const by = new Map(model.townships.map((t) => [t.name, t]));
    // Environment: 堽城镇 82 against the rest's (77 + 69)/2 = 73; 伏山镇 69 against 79.5.
    expect(by.get('堽城镇')!.strengths.map((d) => [d.label['zh-CN'], d.township.text, d.rest.text, d.county.text, d.difference.text])).toEqual([['环境保护和村容村貌', '82.0', '73.0', '75.0', '+9.0']]);
    expect(by.get('堽城镇')!.weaknesses).toEqual([]); // medical 81 (se 3) against 74: p = 0.03, 0.06 after Holm over the two townships
    expect(by.get('蒋集镇')!.strengths).toEqual([]); // 77 against 75.5, se 1.5: nothing to say
    // Medical 74 (se 1.2) against the one other township's 81 (se 3): the same test as 堽城镇's, not significant after Holm.
    // (Against the county's 80 with se 0.5 as if independent, it used to be listed as weak.)
    expect(by.get('蒋集镇')!.weaknesses).toEqual([]);
    expect(by.get('伏山镇')!.weaknesses.map((d) => d.domain)).toEqual(['environment']);
    expect(by.get('伏山镇')!.suppressed).toBe(1);
    expect(by.get('华丰镇')).toMatchObject({ compared: 0, suppressed: 2, strengths: [], weaknesses: [] });
    const strength = by.get('堽城镇')!.strengths[0]!;
    expect(strength.difference.interval!.lower).toBeGreaterThan(0);
    expect(strength.pAdjusted).toBeLessThan(0.05);
    expect(strength.township.source.page).toBe(`/survey-results?wave=3&township=${a}`);
    expect(strength.county.source.page).toBe('/survey-results?wave=3');
    expect(strength.township.n).toBe(100);
  });

  it('does not call a township 3 points below the rest on 40 interviews weak (one of 13: its p of 0.02 does not survive Holm)', () => {
    const extra: FixtureTownship[] = Array.from({ length: 9 }, (_, k) => ({ id: String(201 + k), code: `370921${201 + k}`, name: `镇${k}` }));
    const scores = Object.fromEntries([...TOWNS, ...extra].map((t, k) => [t.code, est(k === 0 ? 77 : 80, 1.26, 40)]));
    const results = waveResults([{ code: 'Q4', domain: 'medical', county: est(79.77, 0.35, 520), townships: scores }], extra);
    const model = bulletinModel(input({ waves: [{ id: '3', name: '第三季度', results }] }));
    expect(model.townships[0]!).toMatchObject({ name: '堽城镇', compared: 1, weaknesses: [], strengths: [] });
    // Much lower, it is named.
    const low = waveResults([{ code: 'Q4', domain: 'medical', county: est(79, 0.35, 520), townships: { ...scores, [TOWNS[0]!.code]: est(70, 1.26, 40) } }], extra);
    expect(bulletinModel(input({ waves: [{ id: '3', name: '第三季度', results: low }] })).townships[0]!.weaknesses.map((d) => d.domain)).toEqual(['medical']);
  });

  it('lists a wave whose results could not be read', () => {
    const model = bulletinModel(input({ waves: [{ id: '3', name: '第三季度调查', results: null }] }));
    expect(model.wavesMissing).toEqual(['第三季度调查']);
    expect(model.townships.every((t) => t.compared === 0)).toBe(true);
  });

  it('counts rectification by status, overdue and accepted on time, as of the bulletin date', () => {
    const task = (townshipId: string | null, status: BulletinTask['status'], dueOn: string, submittedOn: string | null = null, townshipName: string | null = null): BulletinTask => ({ townshipId, townshipName, status, dueOn, submittedOn });
    const tasks = [
      task('101', 'open', '2026-11-30'), // overdue
      task('101', 'open', '2026-12-31'),
      task('101', 'submitted', '2026-12-01', '2026-11-30'), // overdue: not accepted by its deadline
      task('101', 'accepted', '2026-11-15', '2026-11-14'), // on time
      task('101', 'accepted', '2026-11-15', '2026-11-20'), // late
      task('102', 'accepted', '2026-12-06', '2026-12-06'), // on the day: on time
      task(null, 'open', '2026-12-31'),
      task('999', 'open', '2026-12-01', null, '旧乡'),
    ];
    const model = bulletinModel(input({ tasks, options: { date: '2026-12-06' } }));
    const rows = new Map(model.rectification.rows.map((r) => [r.name, r]));
    expect(rows.get('堽城镇')).toMatchObject({ total: 5, open: 2, submitted: 1, accepted: 2, overdue: 2, acceptedOnTime: 1 });
    expect(rows.get('蒋集镇')).toMatchObject({ total: 1, accepted: 1, acceptedOnTime: 1, overdue: 0 });
    expect(rows.get('伏山镇')).toMatchObject({ total: 0 });
    expect(rows.get('旧乡')).toMatchObject({ total: 1, overdue: 1 });
    expect(rows.get('县直部门及全县性任务')).toMatchObject({ total: 1, open: 1, overdue: 0 });
    expect(model.rectification.total).toMatchObject({ total: 8, open: 4, submitted: 1, accepted: 3, overdue: 3, acceptedOnTime: 2 });
    expect(model.rectification.sentence).toBe('截至2026年12月6日，全县共有已确认的整改任务8项，已验收3项（其中按期完成2项），待验收1项，整改中4项，逾期未完成3项。');
    expect(rows.get('堽城镇')!.source.page).toBe('/rectification?township=370921101');
  });

  it('says there are no rectification tasks when there are none', () => {
    const model = bulletinModel(input());
    expect(model.rectification).toMatchObject({ rows: [], total: null, sentence: '截至2026年12月5日，本期无已确认的整改任务。' });
  });

  it('marks a draft 征求意见稿 and dates it today; a published one by its publication (Shanghai) date', () => {
    const draft = bulletinModel(input({ assessment: { id: '7', name: 'x', status: 'draft', publishedAt: null, resultId: '9' } }));
    expect(draft.draft).toBe(true);
    expect(draft.title).toBe('关于2026年第四季度乡镇考核结果的通报（征求意见稿）');
    expect(draft.header.date).toBe('2026-12-06');
    expect(draft.header.issuer).toBe('宁阳县联系服务群众工作领导小组办公室');
    expect(draft.header.number).toBeNull();
    // Published 2026-12-04T17:00Z, which is 01:00 on the 5th in Shanghai.
    expect(bulletinModel(input()).header.date).toBe('2026-12-05');
  });

  it('has no room for gaming content', () => {
    const keys = new Set<string>();
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          keys.add(k);
          walk(x);
        }
    };
    const model: TBulletinModel = bulletinModel(input());
    walk(model);
    expect([...keys].filter((k) => /gaming|flag|evidence/i.test(k))).toEqual([]);
    expect(JSON.stringify(model)).not.toMatch(/刷分|gaming/);
  });

  it('formats values and dates as the document prints them', () => {
    expect(formatValue(78.444, false)).toBe('78.4');
    expect(formatValue(0.8625, true)).toBe('86.3%');
    expect(chineseDate('2026-01-05')).toBe('2026年1月5日');
  });
});
