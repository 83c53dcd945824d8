/**
 * The coaching detector (satisfaction_jump + uniform_answers): satisfaction rose significantly
 * since the township's previous closed wave AND its answers became unusually uniform, compared
 * with both its previous wave and the rest of the county.
 */
import { adjustPValues, compareWaves, compareWithRest, judgeAgainstRest, type TownshipFigure, type WaveEstimate } from '../../stats/index.ts';
import { GAMING_ALPHA, L, measure, num, pct, PREV, REST, type GamingFlagDraft, type Measure, type TownshipAssessment } from './flag-drafts.ts';
import { twoProportionGreater } from './two-proportion.ts';
import { brownForsytheLess } from './brown-forsythe.ts';

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
  /** `population` weighs the township in the rest of the county's change (the survey's strata sizes); equal weights without it. */
  townships: { code: string; population?: number; now: CoachingWave; previous: CoachingWave | null }[];
  /** The minimum interviews per township in both waves (the survey's minimum reportable n). */
  minN: number;
  alpha?: number;
}

/**
 * The coaching detector (提前打招呼、统一口径): per township, a satisfaction jump since its previous
 * closed wave — its change (compareWaves) on the index or the satisfaction rate, significantly
 * above the rest of the county's change over the same waves by the statistics module's
 * township-against-the-rest test (the change's interval wholly above the rest's) and itself a
 * significant rise, each Holm-adjusted over townships × both figures: a county-wide rise (rectification,
 * publicity, a season) is nobody's jump, and a rise its interval cannot separate from the
 * county's is not named — and uniform answers — a straight-lining share greater than both its previous
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
    const slPrev = twoProportionGreater({ x1: t.now.straightLiners, n1: t.now.straightLineBase, x2: prev.straightLiners, n2: prev.straightLineBase });
    const slRest = twoProportionGreater({ x1: t.now.straightLiners, n1: t.now.straightLineBase, x2: rest.straightLiners, n2: rest.straightLineBase });
    const spPrev = brownForsytheLess(t.now.indexValues, prev.indexValues);
    const spRest = brownForsytheLess(t.now.indexValues, rest.indexValues);
    return { t, rest, slPrev, slRest, spPrev, spRest, pStraight: Math.max(slPrev.p, slRest.p), pSpread: Math.max(spPrev.p, spRest.p) };
  });
  const jumps = jumpTests(assessed, alpha);
  const holm = (ps: number[]) => (ps.length ? adjustPValues({ pValues: ps, adjustment: 'holm' }) : []);
  const aStraight = holm(tests.map((x) => x.pStraight));
  const aSpread = holm(tests.map((x) => x.pSpread));
  const flags: GamingFlagDraft[] = [];
  tests.forEach((x, k) => {
    const jump = jumps.get(x.t.code) ?? null;
    const jumped = jump?.jumped === true;
    const straight = aStraight[k]! < alpha;
    const spread = aSpread[k]! < alpha;
    const uniform = straight || spread;
    if (!jumped && !uniform) return;
    const severity = jumped && uniform ? 'review' : 'watch';
    const { t, rest } = x;
    const prev = t.previous!;
    const slShare = (w: { straightLiners: number; straightLineBase: number }) => (w.straightLineBase ? w.straightLiners / w.straightLineBase : null);
    const jumpMeasures: Measure[] = [
      measure('index', L('满意度指数', 'satisfaction index'), { township: t.now.index?.estimate ?? null, reference: prev.index?.estimate ?? null, referenceLabel: PREV, n: t.now.n, p: jump?.key === 'index' ? jump.pAdjusted : null }),
      measure('satisfaction', L('总体满意率', 'overall satisfaction rate'), { township: t.now.satisfaction?.estimate ?? null, reference: prev.satisfaction?.estimate ?? null, referenceLabel: PREV, n: t.now.n, p: jump?.key === 'satisfaction' ? jump.pAdjusted : null }),
    ];
    const uniformMeasures: Measure[] = [
      measure('straight_lining', L('同一选项作答比例', 'straight-lining share'), { township: slShare(t.now), reference: slShare(prev), referenceLabel: PREV, n: t.now.straightLineBase, p: x.slPrev.p }),
      measure('straight_lining', L('同一选项作答比例', 'straight-lining share'), { township: slShare(t.now), reference: slShare(rest), referenceLabel: REST, n: rest.straightLineBase, p: x.slRest.p }),
      measure('index_spread', L('受访者指数离散度（与中位数的平均绝对偏差）', 'spread of respondents’ indices (mean absolute deviation from the median)'), { township: x.spPrev.spread1, reference: x.spPrev.spread2, referenceLabel: PREV, n: t.now.indexValues.length, p: x.spPrev.p }),
      measure('index_spread', L('受访者指数离散度（与中位数的平均绝对偏差）', 'spread of respondents’ indices (mean absolute deviation from the median)'), { township: x.spRest.spread1, reference: x.spRest.spread2, referenceLabel: REST, n: rest.indexValues.length, p: x.spRest.p }),
    ];
    const jumpMeasure: Measure[] = jump
      ? [measure(`${jump.key}_change`, L(jump.key === 'index' ? '满意度指数变化' : '总体满意率变化', jump.key === 'index' ? 'change of the satisfaction index' : 'change of the overall satisfaction rate'), { township: jump.difference, reference: jump.restChange, referenceLabel: L('全县其他乡镇的变化', 'the rest of the county’s change'), n: t.now.n, p: jump.pAdjusted })]
      : [];
    const jumpText = jump
      ? L(
          `满意度${jump.key === 'index' ? '指数' : '率'}由 ${fmt(jump.key, jump.before)} 升至 ${fmt(jump.key, jump.after)}，全县其他乡镇同期变化 ${signed(jump.key, jump.restChange)}（与全县其他乡镇的变化相比，Holm 校正 p = ${jump.pAdjusted.toPrecision(2)}）`,
          `satisfaction ${jump.key === 'index' ? 'index' : 'rate'} rose from ${fmt(jump.key, jump.before)} to ${fmt(jump.key, jump.after)} while the rest of the county changed by ${signed(jump.key, jump.restChange)} (against the rest of the county's change, Holm-adjusted p = ${jump.pAdjusted.toPrecision(2)})`,
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
        evidence: { summary: uniform ? L(`${both['zh-CN']}${jumpText['zh-CN']}。`, `${both.en} ${jumpText.en}.`) : L(`${jumpText['zh-CN']}；作答一致性无明显变化。`, `${jumpText.en}; answers no more uniform than before.`), measures: [...jumpMeasure, ...jumpMeasures, ...uniformMeasures] },
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
            measure('straight_lining_adjusted', L('同一选项作答（Holm 校正 p）', 'straight-lining (Holm-adjusted p)'), { township: slShare(t.now), reference: null, referenceLabel: REST, n: t.now.straightLineBase, p: aStraight[k]! }),
            measure('index_spread_adjusted', L('离散度（Holm 校正 p）', 'spread (Holm-adjusted p)'), { township: x.spRest.spread1, reference: null, referenceLabel: REST, n: t.now.indexValues.length, p: aSpread[k]! }),
            ...jumpMeasure,
            ...jumpMeasures,
          ],
        },
      });
    }
  });
  return { flags, townships };
}

const fmt = (key: 'index' | 'satisfaction', x: number) => (key === 'index' ? num(x) : pct(x));
const signed = (key: 'index' | 'satisfaction', x: number) => `${x >= 0 ? '+' : '−'}${key === 'index' ? num(Math.abs(x)) : pct(Math.abs(x))}`;

interface JumpTest {
  key: 'index' | 'satisfaction';
  before: number;
  after: number;
  /** after − before. */
  difference: number;
  /** The rest of the county's change over the same waves. */
  restChange: number;
  /** The larger of the two Holm-adjusted p-values (the own rise's, the rise against the rest's). */
  pAdjusted: number;
  jumped: boolean;
}

/**
 * The jump of each assessed township, on the index and on the satisfaction rate: (1) its own rise
 * between the waves (compareWaves, one-sided) and (2) its change against the other townships'
 * changes weighted by population (the statistics module's compareWithRest on the changes, judged
 * by judgeAgainstRest: 'better' only with the change's interval wholly above the rest's). Each
 * Holm-adjusted over every township × figure as one family; a township jumped when, on some
 * figure, both hold at `alpha` — a county-wide rise is nobody's jump, and a rise against a falling
 * county is not one unless the township's own rise stands by itself. Per township, the figure
 * reported is the jumped one with the smallest p, else the one with the smallest p.
 */
function jumpTests(assessed: readonly CoachingInput['townships'][number][], alpha: number): Map<string, JumpTest> {
  const keys = ['index', 'satisfaction'] as const;
  const items: { code: string; key: (typeof keys)[number]; before: number; after: number; difference: number; pOwn: number; comparison: ReturnType<typeof compareWithRest> }[] = [];
  for (const key of keys) {
    const changes = assessed.flatMap((t) => {
      const before = t.previous![key];
      const after = t.now[key];
      if (!before || !after) return [];
      const c = compareWaves({ before, after });
      const figure: TownshipFigure['figure'] = { suppressed: false, n: t.now.n, estimate: c.difference, standardError: c.standardError, interval: c.interval };
      // One-sided: only a rise is a jump.
      return [{ code: t.code, population: t.population ?? 1, figure, before: before.estimate, after: after.estimate, difference: c.difference, pOwn: c.difference > 0 ? c.p / 2 : 1 }];
    });
    for (const t of changes) items.push({ code: t.code, key, before: t.before, after: t.after, difference: t.difference, pOwn: t.pOwn, comparison: compareWithRest(changes, t.code) });
  }
  const judged = judgeAgainstRest({ items, alpha });
  const own = items.length ? adjustPValues({ pValues: items.map((i) => i.pOwn), adjustment: 'holm' }) : [];
  const out = new Map<string, JumpTest>();
  judged.forEach((j, k) => {
    const item = items[k]!;
    if (!j.tested) return;
    const test: JumpTest = {
      key: item.key,
      before: item.before,
      after: item.after,
      difference: item.difference,
      restChange: j.rest.estimate,
      pAdjusted: Math.max(j.pAdjusted!, own[k]!),
      jumped: j.verdict === 'better' && own[k]! < alpha,
    };
    const held = out.get(item.code);
    if (!held || (test.jumped && !held.jumped) || (test.jumped === held.jumped && test.pAdjusted < held.pAdjusted)) out.set(item.code, test);
  });
  return out;
}
