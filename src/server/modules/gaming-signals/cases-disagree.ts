/**
 * cases_disagree: the survey ranks a township among the most (least) satisfied while its case
 * records are significantly worse (better) than the rest of the county's.
 */
import { adjustPValues } from '../../stats/index.ts';
import { GAMING_ALPHA, L, measure, pct, REST, type GamingFlagDraft, type Text, type TownshipAssessment } from './flag-drafts.ts';
import { twoProportionGreater } from './two-proportion.ts';

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
          measure('survey_rank', L('调查满意度排名', 'survey rank by index'), { township: t.rank, reference: input.ranked, referenceLabel: L('参与排名乡镇数', 'townships ranked'), n: t.n, p: null }),
          ...mine.map((r) => measure(r.key, LABELS[r.key], { township: r.x / r.n, reference: r.rx / r.rn, referenceLabel: REST, n: r.n, p: r.adjusted })),
        ],
      },
    });
  }
  return { flags, townships };
}
