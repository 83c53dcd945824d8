/**
 * Signs of gaming (刷分迹象), as pure functions: no I/O, every input an aggregate or a list of
 * numbers, every output the figures a county reviewer reads. `detect-gaming-signals.ts` loads the
 * aggregates and writes the flags; the statistics are here so they can be tested exhaustively.
 *
 * Three detectors, each per township of a closed wave:
 * - coaching (satisfaction_jump + uniform_answers): satisfaction rose significantly since the
 *   township's previous closed wave AND its answers became unusually uniform, compared with both
 *   its previous wave and the rest of the county;
 * - cases_disagree: the survey ranks the township among the most (least) satisfied while its case
 *   records are significantly worse (better) than the rest of the county's;
 * - visits_disagree: the visit records claim a share of households visited well above what the
 *   residents themselves report (Q11).
 * A flag is a reason for the county to look, never a verdict.
 */
import type { TGamingEvidence, TGamingSignal } from '../../../shared/assessment/gaming-schemas.ts';
import { adjustPValues, compareWaves, normalUpperTail, studentTCdf, type WaveEstimate } from '../../stats/index.ts';

/** Family-wise level of each detector's tests across the townships of a wave (Holm). */
export const GAMING_ALPHA = 0.05;
/** How far above the residents' upper bound the claimed visit share must lie to be flagged. */
export const VISIT_MARGIN = 0.1;

type Text = { 'zh-CN': string; en: string };
type Measure = TGamingEvidence['measures'][number];

export interface GamingFlagDraft {
  townshipCode: string;
  signal: TGamingSignal;
  severity: 'watch' | 'review';
  evidence: TGamingEvidence;
}

/** A township the detectors looked at, or why they did not. */
export interface TownshipAssessment {
  townshipCode: string;
  assessed: boolean;
  /** Why not assessed: too few interviews in this wave or the previous one, or no previous wave. */
  reason: 'too_few_interviews' | 'no_previous_wave' | null;
}

export interface ProportionTest {
  /** x₁/n₁ and x₂/n₂ (null when a base is 0). */
  p1: number | null;
  p2: number | null;
  z: number;
  /** One-sided p-value of "the first proportion is not greater than the second". */
  p: number;
}

/**
 * One-sided two-proportion z-test with the pooled standard error: is x₁/n₁ greater than x₂/n₂?
 * With an empty base, or when every answer is the same in both groups (pooled rate 0 or 1, no
 * variance), there is no evidence and p = 1.
 *
 * @example
 * twoProportionGreater({ x1: 30, n1: 60, x2: 10, n2: 60 }); // => { p1: 0.5, p2: 0.1667, z: 3.87, p: 0.00005 }
 * twoProportionGreater({ x1: 0, n1: 0, x2: 3, n2: 40 });   // => { p1: null, p2: 0.075, z: 0, p: 1 }
 */
export function twoProportionGreater(o: { x1: number; n1: number; x2: number; n2: number }): ProportionTest {
  for (const [name, v] of Object.entries(o)) if (!(Number.isInteger(v) && v >= 0)) throw new RangeError(`${name} must be a whole number ≥ 0, got ${v}`);
  if (o.x1 > o.n1 || o.x2 > o.n2) throw new RangeError('successes cannot exceed their base');
  const p1 = o.n1 ? o.x1 / o.n1 : null;
  const p2 = o.n2 ? o.x2 / o.n2 : null;
  if (p1 === null || p2 === null) return { p1, p2, z: 0, p: 1 };
  const pooled = (o.x1 + o.x2) / (o.n1 + o.n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / o.n1 + 1 / o.n2));
  if (se === 0) return { p1, p2, z: 0, p: 1 };
  const z = (p1 - p2) / se;
  return { p1, p2, z, p: Math.min(1, normalUpperTail(z)) };
}

export interface SpreadTest {
  /** Mean absolute deviation from the median in each group (the Brown–Forsythe statistic's data). */
  spread1: number | null;
  spread2: number | null;
  /** spread1 / spread2 (null when spread2 is 0 or a group is too small). */
  ratio: number | null;
  t: number;
  df: number;
  /** One-sided p-value of "the first group is not less spread than the second". */
  p: number;
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * Brown–Forsythe test (Levene's test on absolute deviations from the group medians, robust to the
 * skewed, bounded scores a satisfaction scale gives), one-sided: is the first group LESS spread
 * than the second? With two groups the test's F equals the square of the pooled two-sample t on
 * the deviations, so the one-sided p-value is the upper tail of that t with n₁ + n₂ − 2 degrees of
 * freedom. Each group needs at least 2 values; otherwise p = 1.
 *
 * @example
 * brownForsytheLess([100, 100, 100, 100, 95, 100], [0, 40, 60, 100, 60, 80, 100, 20]).p; // ≈ 0.0052 (t² = F = 9.227, as scipy.stats.levene(center="median"))
 * brownForsytheLess([1, 2], [3]).p; // => 1 (too few)
 */
export function brownForsytheLess(a: readonly number[], b: readonly number[]): SpreadTest {
  for (const v of [...a, ...b]) if (!Number.isFinite(v)) throw new RangeError(`values must be finite, got ${v}`);
  if (a.length < 2 || b.length < 2) return { spread1: null, spread2: null, ratio: null, t: 0, df: 0, p: 1 };
  const ma = median(a);
  const mb = median(b);
  const da = a.map((x) => Math.abs(x - ma));
  const db = b.map((x) => Math.abs(x - mb));
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const mda = mean(da);
  const mdb = mean(db);
  const ss = (xs: number[], m: number) => xs.reduce((s, x) => s + (x - m) ** 2, 0);
  const df = a.length + b.length - 2;
  const pooled = (ss(da, mda) + ss(db, mdb)) / df;
  const ratio = mdb === 0 ? null : mda / mdb;
  const se = Math.sqrt(pooled * (1 / a.length + 1 / b.length));
  if (se === 0) {
    // Deviations constant within each group: the spreads are known exactly.
    return { spread1: mda, spread2: mdb, ratio, t: mda < mdb ? Infinity : 0, df, p: mda < mdb ? 0 : 1 };
  }
  const t = (mdb - mda) / se;
  return { spread1: mda, spread2: mdb, ratio, t, df, p: Math.min(1, Math.max(0, 1 - studentTCdf(t, df))) };
}

/** One township's survey aggregates in one wave, as the coaching detector needs them. */
export interface CoachingWave {
  /** Complete interviews counted for the township. */
  n: number;
  /** Satisfaction index (mean score) with its standard error; null when suppressed. */
  index: WaveEstimate | null;
  /** Overall satisfaction rate (满意 + 基本满意 on Q1) with its standard error; null when suppressed. */
  satisfaction: WaveEstimate | null;
  /** Respondents who gave the same option to every overall and domain item they answered (at least the minimum number of items). */
  straightLiners: number;
  /** Respondents who answered at least the minimum number of items (the straight-lining base). */
  straightLineBase: number;
  /** Each respondent's satisfaction index (for the spread test); never stored, never shown. */
  indexValues: readonly number[];
}

export interface CoachingInput {
  townships: { code: string; now: CoachingWave; previous: CoachingWave | null }[];
  /** The minimum interviews per township in both waves (the survey's minimum reportable n). */
  minN: number;
  alpha?: number;
}

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const num = (x: number | null, d = 1) => (x === null ? '—' : x.toFixed(d));
const L = (zh: string, en: string): Text => ({ 'zh-CN': zh, en });
const PREV = L('本乡镇上一轮', 'this township, previous wave');
const REST = L('全县其他乡镇（本轮）', 'rest of the county, this wave');
const measure = (key: string, label: Text, township: number | null, reference: number | null, referenceLabel: Text, n: number | null, p: number | null): Measure => ({
  key,
  label,
  township,
  reference,
  referenceLabel,
  n,
  p,
});

/**
 * The coaching detector (提前打招呼、统一口径): per township, a satisfaction jump since its previous
 * closed wave (compareWaves on the index or the satisfaction rate, whichever is stronger; Holm
 * across townships) and uniform answers — a straight-lining share greater than both its previous
 * wave's and the rest of the county's (two-proportion tests; the larger p counts, so both must
 * hold), and/or a spread of respondents' indices less than both (Brown–Forsythe). Holm-adjusted
 * across townships, at `alpha`. Both signals: two flags of severity 'review'; one: its flag,
 * 'watch'. A township with fewer than `minN` interviews in either wave, or no previous wave, is
 * not assessed.
 *
 * @example
 * const { flags, townships } = detectCoaching({ townships: [{ code: '370921102', now, previous }], minN: 5 });
 * flags.map((f) => [f.townshipCode, f.signal, f.severity]); // => [['370921102', 'satisfaction_jump', 'review'], ['370921102', 'uniform_answers', 'review']]
 */
export function detectCoaching(input: CoachingInput): { flags: GamingFlagDraft[]; townships: TownshipAssessment[] } {
  const alpha = input.alpha ?? GAMING_ALPHA;
  const townships: TownshipAssessment[] = input.townships.map((t) => ({
    townshipCode: t.code,
    assessed: t.previous !== null && t.now.n >= input.minN && t.previous.n >= input.minN,
    reason: t.previous === null ? 'no_previous_wave' : t.now.n < input.minN || t.previous.n < input.minN ? 'too_few_interviews' : null,
  }));
  const assessed = input.townships.filter((_, k) => townships[k]!.assessed);
  const tests = assessed.map((t) => {
    const prev = t.previous!;
    const others = input.townships.filter((o) => o.code !== t.code && o.now.n >= input.minN);
    const rest = {
      straightLiners: others.reduce((s, o) => s + o.now.straightLiners, 0),
      straightLineBase: others.reduce((s, o) => s + o.now.straightLineBase, 0),
      indexValues: others.flatMap((o) => [...o.now.indexValues]),
    };
    const change = (key: 'index' | 'satisfaction') => {
      const before = prev[key];
      const after = t.now[key];
      if (!before || !after) return null;
      const c = compareWaves({ before, after });
      // One-sided: only a rise is a jump.
      return { key, before: before.estimate, after: after.estimate, difference: c.difference, p: c.difference > 0 ? c.p / 2 : 1 };
    };
    const changes = [change('index'), change('satisfaction')].filter((c) => c !== null);
    const jump = changes.sort((x, y) => x.p - y.p)[0] ?? null;
    const slPrev = twoProportionGreater({ x1: t.now.straightLiners, n1: t.now.straightLineBase, x2: prev.straightLiners, n2: prev.straightLineBase });
    const slRest = twoProportionGreater({ x1: t.now.straightLiners, n1: t.now.straightLineBase, x2: rest.straightLiners, n2: rest.straightLineBase });
    const spPrev = brownForsytheLess(t.now.indexValues, prev.indexValues);
    const spRest = brownForsytheLess(t.now.indexValues, rest.indexValues);
    return { t, rest, jump, slPrev, slRest, spPrev, spRest, pJump: jump?.p ?? 1, pStraight: Math.max(slPrev.p, slRest.p), pSpread: Math.max(spPrev.p, spRest.p) };
  });
  const holm = (ps: number[]) => (ps.length ? adjustPValues({ pValues: ps, adjustment: 'holm' }) : []);
  const aJump = holm(tests.map((x) => x.pJump));
  const aStraight = holm(tests.map((x) => x.pStraight));
  const aSpread = holm(tests.map((x) => x.pSpread));
  const flags: GamingFlagDraft[] = [];
  tests.forEach((x, k) => {
    const jumped = aJump[k]! < alpha;
    const straight = aStraight[k]! < alpha;
    const spread = aSpread[k]! < alpha;
    const uniform = straight || spread;
    if (!jumped && !uniform) return;
    const severity = jumped && uniform ? 'review' : 'watch';
    const { t, rest } = x;
    const prev = t.previous!;
    const slShare = (w: { straightLiners: number; straightLineBase: number }) => (w.straightLineBase ? w.straightLiners / w.straightLineBase : null);
    const jumpMeasures: Measure[] = [
      measure('index', L('满意度指数', 'satisfaction index'), t.now.index?.estimate ?? null, prev.index?.estimate ?? null, PREV, t.now.n, x.jump?.key === 'index' ? aJump[k]! : null),
      measure('satisfaction', L('总体满意率', 'overall satisfaction rate'), t.now.satisfaction?.estimate ?? null, prev.satisfaction?.estimate ?? null, PREV, t.now.n, x.jump?.key === 'satisfaction' ? aJump[k]! : null),
    ];
    const uniformMeasures: Measure[] = [
      measure('straight_lining', L('同一选项作答比例', 'straight-lining share'), slShare(t.now), slShare(prev), PREV, t.now.straightLineBase, x.slPrev.p),
      measure('straight_lining', L('同一选项作答比例', 'straight-lining share'), slShare(t.now), slShare(rest), REST, rest.straightLineBase, x.slRest.p),
      measure('index_spread', L('受访者指数离散度（与中位数的平均绝对偏差）', 'spread of respondents’ indices (mean absolute deviation from the median)'), x.spPrev.spread1, x.spPrev.spread2, PREV, t.now.indexValues.length, x.spPrev.p),
      measure('index_spread', L('受访者指数离散度（与中位数的平均绝对偏差）', 'spread of respondents’ indices (mean absolute deviation from the median)'), x.spRest.spread1, x.spRest.spread2, REST, rest.indexValues.length, x.spRest.p),
    ];
    const jumpText = x.jump
      ? L(
          `满意度${x.jump.key === 'index' ? '指数' : '率'}由 ${x.jump.key === 'index' ? num(x.jump.before) : pct(x.jump.before)} 升至 ${x.jump.key === 'index' ? num(x.jump.after) : pct(x.jump.after)}（Holm 校正 p = ${aJump[k]!.toPrecision(2)}）`,
          `satisfaction ${x.jump.key === 'index' ? 'index' : 'rate'} rose from ${x.jump.key === 'index' ? num(x.jump.before) : pct(x.jump.before)} to ${x.jump.key === 'index' ? num(x.jump.after) : pct(x.jump.after)} (Holm-adjusted p = ${aJump[k]!.toPrecision(2)})`,
        )
      : L('满意度无可比数据', 'no comparable satisfaction figure');
    const uniformText = L(
      `同一选项作答比例 ${pct(slShare(t.now))}（上一轮 ${pct(slShare(prev))}，全县其他乡镇 ${pct(slShare(rest))}）；受访者指数离散度 ${num(x.spPrev.spread1)}（上一轮 ${num(x.spPrev.spread2)}，全县其他乡镇 ${num(x.spRest.spread2)}）`,
      `straight-lining share ${pct(slShare(t.now))} (previous wave ${pct(slShare(prev))}, rest of county ${pct(slShare(rest))}); spread of respondents’ indices ${num(x.spPrev.spread1)} (previous wave ${num(x.spPrev.spread2)}, rest of county ${num(x.spRest.spread2)})`,
    );
    const both = L('满意度明显上升且作答异常一致，疑似事先统一口径，建议核查。', 'Satisfaction rose significantly while answers became unusually uniform: possible coaching, worth checking.');
    if (jumped) {
      flags.push({
        townshipCode: t.code,
        signal: 'satisfaction_jump',
        severity,
        evidence: { summary: uniform ? L(`${both['zh-CN']}${jumpText['zh-CN']}。`, `${both.en} ${jumpText.en}.`) : L(`${jumpText['zh-CN']}；作答一致性无明显变化。`, `${jumpText.en}; answers no more uniform than before.`), measures: [...jumpMeasures, ...uniformMeasures] },
      });
    }
    if (uniform) {
      flags.push({
        townshipCode: t.code,
        signal: 'uniform_answers',
        severity,
        evidence: {
          summary: jumped ? L(`${both['zh-CN']}${uniformText['zh-CN']}。`, `${both.en} ${uniformText.en}.`) : L(`作答异常一致：${uniformText['zh-CN']}。`, `Unusually uniform answers: ${uniformText.en}.`),
          measures: [
            ...uniformMeasures,
            measure('straight_lining_adjusted', L('同一选项作答（Holm 校正 p）', 'straight-lining (Holm-adjusted p)'), slShare(t.now), null, REST, t.now.straightLineBase, aStraight[k]!),
            measure('index_spread_adjusted', L('离散度（Holm 校正 p）', 'spread (Holm-adjusted p)'), x.spRest.spread1, null, REST, t.now.indexValues.length, aSpread[k]!),
            ...jumpMeasures,
          ],
        },
      });
    }
  });
  return { flags, townships };
}

/** A township's case records in the wave's period: counts of the three rates and of reopened cases. */
export interface CaseCounts {
  /** Residents reached at call-back. */
  callbacks: number;
  /** … who said they were satisfied (满意 + 基本满意). */
  satisfied: number;
  /** … who said the problem was solved. */
  solved: number;
  /** Cases finished (resolved, called back or closed) … */
  finished: number;
  /** … of which reopened at least once. */
  reopened: number;
}

export interface CasesInput {
  /** Townships with their survey rank (1 = most satisfied; null: not ranked) and case counts. */
  townships: { code: string; n: number; rank: number | null; cases: CaseCounts }[];
  /** How many townships were ranked. */
  ranked: number;
  minN: number;
  /** Minimum call-backs (or finished cases, for the reopen rate) for a rate to be compared. */
  minCases?: number;
  alpha?: number;
}

/**
 * The cases detector: a township the survey ranks in the top third while its case records are
 * significantly worse than the rest of the county's (call-back satisfaction or resolution rate
 * lower, reopen rate higher: one-sided two-proportion tests, Holm across all the comparisons), or
 * in the bottom third while they are significantly better. 'review' when two or more rates
 * disagree, 'watch' when one. Rates with fewer than `minCases` behind them are not compared.
 *
 * @example
 * detectCasesDisagree({ townships, ranked: 13, minN: 5 }).flags[0]?.evidence.summary.en;
 * // 'The survey ranks the township 2nd of 13, but its case records are worse than the rest of the county: …'
 */
export function detectCasesDisagree(input: CasesInput): { flags: GamingFlagDraft[]; townships: TownshipAssessment[] } {
  const alpha = input.alpha ?? GAMING_ALPHA;
  const minCases = input.minCases ?? 10;
  const third = Math.max(1, Math.floor(input.ranked / 3));
  const townships: TownshipAssessment[] = input.townships.map((t) => ({ townshipCode: t.code, assessed: t.n >= input.minN && t.rank !== null, reason: t.n >= input.minN && t.rank !== null ? null : 'too_few_interviews' }));
  type Rate = { key: 'callback_satisfaction' | 'resolution' | 'reopen'; code: string; direction: 'worse' | 'better'; x: number; n: number; rx: number; rn: number; p: number };
  const rates: Rate[] = [];
  input.townships.forEach((t, k) => {
    if (!townships[k]!.assessed) return;
    const top = t.rank! <= third;
    const bottom = t.rank! > input.ranked - third;
    if (!top && !bottom) return;
    const direction = top ? 'worse' : 'better';
    const rest = input.townships.filter((o) => o.code !== t.code).reduce<CaseCounts>(
      (s, o) => ({ callbacks: s.callbacks + o.cases.callbacks, satisfied: s.satisfied + o.cases.satisfied, solved: s.solved + o.cases.solved, finished: s.finished + o.cases.finished, reopened: s.reopened + o.cases.reopened }),
      { callbacks: 0, satisfied: 0, solved: 0, finished: 0, reopened: 0 },
    );
    const c = t.cases;
    // "Worse" is a lower success rate or a higher reopen rate; the test is oriented accordingly.
    const lower = (x: number, n: number, rx: number, rn: number) => (direction === 'worse' ? twoProportionGreater({ x1: rx, n1: rn, x2: x, n2: n }) : twoProportionGreater({ x1: x, n1: n, x2: rx, n2: rn })).p;
    const higher = (x: number, n: number, rx: number, rn: number) => (direction === 'worse' ? twoProportionGreater({ x1: x, n1: n, x2: rx, n2: rn }) : twoProportionGreater({ x1: rx, n1: rn, x2: x, n2: n })).p;
    if (c.callbacks >= minCases && rest.callbacks >= minCases) {
      rates.push({ key: 'callback_satisfaction', code: t.code, direction, x: c.satisfied, n: c.callbacks, rx: rest.satisfied, rn: rest.callbacks, p: lower(c.satisfied, c.callbacks, rest.satisfied, rest.callbacks) });
      rates.push({ key: 'resolution', code: t.code, direction, x: c.solved, n: c.callbacks, rx: rest.solved, rn: rest.callbacks, p: lower(c.solved, c.callbacks, rest.solved, rest.callbacks) });
    }
    if (c.finished >= minCases && rest.finished >= minCases) {
      rates.push({ key: 'reopen', code: t.code, direction, x: c.reopened, n: c.finished, rx: rest.reopened, rn: rest.finished, p: higher(c.reopened, c.finished, rest.reopened, rest.finished) });
    }
  });
  const adjusted = rates.length ? adjustPValues({ pValues: rates.map((r) => r.p), adjustment: 'holm' }) : [];
  const LABELS: Record<Rate['key'], Text> = {
    callback_satisfaction: L('回访满意率', 'satisfaction at call-back'),
    resolution: L('问题解决率', 'resolution rate'),
    reopen: L('重新办理率', 'reopen rate'),
  };
  const flags: GamingFlagDraft[] = [];
  for (const t of input.townships) {
    const mine = rates.map((r, k) => ({ ...r, adjusted: adjusted[k]! })).filter((r) => r.code === t.code);
    const disagreeing = mine.filter((r) => r.adjusted < alpha);
    if (!disagreeing.length) continue;
    const direction = mine[0]!.direction;
    const list = (lang: 'zh-CN' | 'en') => disagreeing.map((r) => `${LABELS[r.key][lang]} ${pct(r.x / r.n)} (n = ${r.n}) ${lang === 'en' ? 'vs' : '对比'} ${pct(r.rx / r.rn)}`).join(lang === 'en' ? '; ' : '；');
    flags.push({
      townshipCode: t.code,
      signal: 'cases_disagree',
      severity: disagreeing.length >= 2 ? 'review' : 'watch',
      evidence: {
        summary:
          direction === 'worse'
            ? L(`调查满意度排名第 ${t.rank}/${input.ranked}（前列），但诉求办理记录明显差于全县其他乡镇：${list('zh-CN')}。`, `The survey ranks the township ${t.rank} of ${input.ranked} (among the most satisfied), but its case records are worse than the rest of the county: ${list('en')}.`)
            : L(`调查满意度排名第 ${t.rank}/${input.ranked}（靠后），但诉求办理记录明显好于全县其他乡镇：${list('zh-CN')}。`, `The survey ranks the township ${t.rank} of ${input.ranked} (among the least satisfied), but its case records are better than the rest of the county: ${list('en')}.`),
        measures: [
          measure('survey_rank', L('调查满意度排名', 'survey rank by index'), t.rank, input.ranked, L('参与排名乡镇数', 'townships ranked'), t.n, null),
          ...mine.map((r) => measure(r.key, LABELS[r.key], r.x / r.n, r.rx / r.rn, REST, r.n, r.adjusted)),
        ],
      },
    });
  }
  return { flags, townships };
}

export interface VisitsInput {
  townships: {
    code: string;
    /** Households with at least one visit recorded this year up to the wave's end, and all households. */
    visitedHouseholds: number;
    households: number;
    /** The survey's 'visited' (Q11) figure: estimate and 95% interval; null when suppressed. */
    surveyed: { estimate: number; lower: number; upper: number; n: number } | null;
  }[];
  margin?: number;
}

/**
 * The visits detector: the share of a township's households the visit records claim were visited
 * this year, against the share of residents who say a cadre came (Q11) — flagged when the claim
 * lies above the survey interval's upper bound by more than `margin` ('review' beyond twice the
 * margin). No test across townships is needed: each comparison is with the township's own interval.
 *
 * @example
 * detectVisitsDisagree({ townships: [{ code: 'A', visitedHouseholds: 900, households: 1000, surveyed: { estimate: 0.4, lower: 0.3, upper: 0.5, n: 80 } }] }).flags[0]?.severity; // => 'review'
 */
export function detectVisitsDisagree(input: VisitsInput): { flags: GamingFlagDraft[]; townships: TownshipAssessment[] } {
  const margin = input.margin ?? VISIT_MARGIN;
  const townships: TownshipAssessment[] = input.townships.map((t) => ({ townshipCode: t.code, assessed: t.surveyed !== null && t.households > 0, reason: t.surveyed !== null && t.households > 0 ? null : 'too_few_interviews' }));
  const flags: GamingFlagDraft[] = [];
  for (const t of input.townships) {
    if (!t.surveyed || t.households <= 0) continue;
    const claimed = t.visitedHouseholds / t.households;
    const excess = claimed - t.surveyed.upper;
    if (!(excess > margin)) continue;
    flags.push({
      townshipCode: t.code,
      signal: 'visits_disagree',
      severity: excess > 2 * margin ? 'review' : 'watch',
      evidence: {
        summary: L(
          `走访记录显示 ${pct(claimed)} 的户今年已走访，而受访群众中只有 ${pct(t.surveyed.estimate)}（95% 区间 ${pct(t.surveyed.lower)}–${pct(t.surveyed.upper)}，n = ${t.surveyed.n}）表示干部来过家中。`,
          `Visit records claim ${pct(claimed)} of households visited this year, while ${pct(t.surveyed.estimate)} of residents surveyed (95% interval ${pct(t.surveyed.lower)}–${pct(t.surveyed.upper)}, n = ${t.surveyed.n}) say a cadre came to their home.`,
        ),
        measures: [
          measure('claimed_visited', L('走访记录覆盖率', 'share of households visited, by the records'), claimed, t.surveyed.estimate, L('群众反映（Q11）', 'residents’ answer (Q11)'), t.households, null),
          measure('survey_visited_upper', L('群众反映上限（95%）', 'residents’ answer, upper 95% bound'), t.surveyed.upper, t.surveyed.lower, L('下限', 'lower bound'), t.surveyed.n, null),
        ],
      },
    });
  }
  return { flags, townships };
}
