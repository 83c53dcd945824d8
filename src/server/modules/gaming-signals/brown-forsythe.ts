/**
 * The one-sided Brown–Forsythe test the coaching detector uses on the spread of respondents' indices.
 */
import { studentTCdf } from '../../stats/index.ts';

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
