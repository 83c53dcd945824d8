import { describe, expect, it } from 'vitest';
import { brownForsytheLess } from './brown-forsythe.ts';
import { detectCasesDisagree, type CaseCounts } from './cases-disagree.ts';
import { detectCoaching, type CoachingWave } from './coaching.ts';
import { twoProportionGreater } from './two-proportion.ts';
import { detectVisitsDisagree } from './visits-disagree.ts';

/** A small seeded generator (mulberry32), so the fixture is the same on every run. */
function seededRandom(seed: number) {
  let a = seed >>> 0;
  return {
    next(): number {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

describe('twoProportionGreater', () => {
  it('matches the pooled z-test', () => {
    const r = twoProportionGreater({ x1: 30, n1: 60, x2: 10, n2: 60 });
    expect(r.z).toBeCloseTo(3.873, 3);
    expect(r.p).toBeCloseTo(5.3756e-5, 8);
  });
  it('is one-sided: a lower first proportion gives p > 0.5', () => {
    expect(twoProportionGreater({ x1: 10, n1: 60, x2: 30, n2: 60 }).p).toBeGreaterThan(0.99);
    expect(twoProportionGreater({ x1: 5, n1: 50, x2: 5, n2: 50 }).p).toBeCloseTo(0.5, 10);
  });
  it('gives p = 1 without a base or without variance', () => {
    expect(twoProportionGreater({ x1: 0, n1: 0, x2: 3, n2: 40 })).toEqual({ p1: null, p2: 0.075, z: 0, p: 1 });
    expect(twoProportionGreater({ x1: 0, n1: 10, x2: 0, n2: 40 }).p).toBe(1);
    expect(twoProportionGreater({ x1: 10, n1: 10, x2: 40, n2: 40 }).p).toBe(1);
  });
  it('refuses impossible counts', () => {
    expect(() => twoProportionGreater({ x1: 11, n1: 10, x2: 0, n2: 1 })).toThrow(RangeError);
    expect(() => twoProportionGreater({ x1: -1, n1: 10, x2: 0, n2: 1 })).toThrow(RangeError);
    expect(() => twoProportionGreater({ x1: 1.5, n1: 10, x2: 0, n2: 1 })).toThrow(RangeError);
  });
});

describe('brownForsytheLess', () => {
  it('matches scipy.stats.levene(center="median") (F = t², one-sided p = p/2 in the direction tested)', () => {
    const r = brownForsytheLess([100, 100, 100, 100, 95, 100], [0, 40, 60, 100, 60, 80, 100, 20]);
    expect(r.t ** 2).toBeCloseTo(9.226957011451097, 9);
    expect(r.p).toBeCloseTo(0.010319979669685644 / 2, 9);
    expect(r.df).toBe(12);
    expect(r.ratio).toBeCloseTo(0.8333 / 27.5, 3);
  });
  it('gives the other tail when the first group is the more spread', () => {
    const a = [60, 100, 60, 100, 100, 0, 60, 100, 60, 60];
    const b = [0, 60, 100, 100, 60, 0, 100, 60, 0, 100, 60, 60];
    const r = brownForsytheLess(a, b);
    expect(r.t ** 2).toBeCloseTo(0.34382589647126044, 9);
    // a is less spread here (its deviations are smaller): p is the lower half of scipy's two-sided p.
    expect(r.p).toBeCloseTo(0.564189211715499 / 2, 9);
    expect(brownForsytheLess(b, a).p).toBeCloseTo(1 - 0.564189211715499 / 2, 9);
  });
  it('handles constant groups and too few values', () => {
    expect(brownForsytheLess([100, 100, 100], [0, 100, 0, 100]).p).toBe(0);
    expect(brownForsytheLess([0, 100, 0, 100], [100, 100, 100]).p).toBe(1);
    expect(brownForsytheLess([1, 2], [3]).p).toBe(1);
    expect(() => brownForsytheLess([1, Number.NaN], [1, 2])).toThrow(RangeError);
  });
});

/** A township's wave drawn from a simple model: `coached` residents answer 满意 to everything. */
function wave(seed: number, o: { n: number; level: number; coached?: number; coachedTo?: number }): CoachingWave {
  const rnd = seededRandom(seed);
  const values: number[] = [];
  let straight = 0;
  let satisfied = 0;
  for (let i = 0; i < o.n; i++) {
    const items: number[] = [];
    const coached = rnd.next() < (o.coached ?? 0);
    const person = (rnd.next() - 0.5) * 1.2;
    for (let k = 0; k < 9; k++) {
      const z = o.level + person + (rnd.next() - 0.5) * 1.4;
      items.push(coached ? (o.coachedTo ?? 100) : z > 0.9 ? 100 : z > -0.4 ? 60 : 0);
    }
    if (new Set(items).size === 1) straight++;
    if (items[0]! >= 60) satisfied++;
    values.push(items.reduce((s, x) => s + x, 0) / items.length);
  }
  const mean = values.reduce((s, x) => s + x, 0) / values.length;
  const sd = Math.sqrt(values.reduce((s, x) => s + (x - mean) ** 2, 0) / (values.length - 1));
  const rate = satisfied / o.n;
  return {
    n: o.n,
    index: { estimate: mean, standardError: sd / Math.sqrt(o.n) },
    satisfaction: { estimate: rate, standardError: Math.sqrt((rate * (1 - rate)) / o.n) },
    straightLiners: straight,
    straightLineBase: o.n,
    indexValues: values,
  };
}

describe('detectCoaching', () => {
  const honest = (code: string, k: number): { code: string; now: CoachingWave; previous: CoachingWave | null } => ({ code, now: wave(100 + k, { n: 60, level: 0.6 + k * 0.05 }), previous: wave(200 + k, { n: 60, level: 0.6 + k * 0.05 }) });
  const fixture = () => [
    ...Array.from({ length: 10 }, (_, k) => honest(`T${k}`, k)),
    // Coached: most residents told to answer 满意 to everything.
    { code: 'COACHED', now: wave(301, { n: 60, level: 0.7, coached: 0.7 }), previous: wave(302, { n: 60, level: 0.7 }) },
    // Honestly better: higher, but answers as varied as before.
    { code: 'BETTER', now: wave(303, { n: 60, level: 1.1 }), previous: wave(304, { n: 60, level: 0.5 }) },
  ];

  it('flags the coached township for review on both signals, and no honest one', () => {
    const { flags, townships } = detectCoaching({ townships: fixture(), minN: 5 });
    const coached = flags.filter((f) => f.townshipCode === 'COACHED');
    expect(coached.map((f) => [f.signal, f.severity]).sort()).toEqual([
      ['satisfaction_jump', 'review'],
      ['uniform_answers', 'review'],
    ]);
    expect(flags.filter((f) => f.townshipCode.startsWith('T'))).toEqual([]);
    // The honest improver: a jump, but not uniform, so at most a 'watch'.
    expect(flags.filter((f) => f.townshipCode === 'BETTER').map((f) => [f.signal, f.severity])).toEqual([['satisfaction_jump', 'watch']]);
    expect(townships.every((t) => t.assessed)).toBe(true);
  });

  it('evidence holds aggregates only: rates, spreads, n and p, in both languages', () => {
    const { flags } = detectCoaching({ townships: fixture(), minN: 5 });
    const uniform = flags.find((f) => f.townshipCode === 'COACHED' && f.signal === 'uniform_answers')!;
    expect(uniform.evidence.summary['zh-CN']).toMatch(/同一选项作答比例/);
    expect(uniform.evidence.summary.en).toMatch(/straight-lining share/);
    const sl = uniform.evidence.measures.find((m) => m.key === 'straight_lining')!;
    expect(sl.township!).toBeGreaterThan(sl.reference!);
    expect(sl.p!).toBeLessThan(0.001);
    for (const m of uniform.evidence.measures) {
      expect(Object.keys(m).sort()).toEqual(['key', 'label', 'n', 'p', 'reference', 'referenceLabel', 'township']);
    }
    // No list of respondents' values anywhere in the evidence.
    expect(JSON.stringify(uniform.evidence).length).toBeLessThan(6000);
  });

  it('is a watch when only the answers became uniform', () => {
    const list = fixture();
    const coached = list.find((t) => t.code === 'COACHED')!;
    // Told to answer 基本满意 to everything: uniform, but no higher.
    coached.now = wave(301, { n: 60, level: 0.7, coached: 0.7, coachedTo: 60 });
    const { flags } = detectCoaching({ townships: list, minN: 5 });
    expect(flags.filter((f) => f.townshipCode === 'COACHED').map((f) => [f.signal, f.severity])).toEqual([['uniform_answers', 'watch']]);
  });

  it('does not assess a township below the minimum n or without a previous wave', () => {
    const list = fixture();
    list[0]!.now = wave(1, { n: 4, level: 0.6 });
    list[1]!.previous = null;
    const { townships, flags } = detectCoaching({ townships: list, minN: 5 });
    expect(townships[0]).toEqual({ townshipCode: 'T0', assessed: false, reason: 'too_few_interviews' });
    expect(townships[1]).toEqual({ townshipCode: 'T1', assessed: false, reason: 'no_previous_wave' });
    expect(flags.some((f) => f.townshipCode === 'T0' || f.townshipCode === 'T1')).toBe(false);
  });

  it('Holm adjustment: a marginal signal in one of many townships is not flagged', () => {
    const list = Array.from({ length: 13 }, (_, k) => honest(`H${k}`, k));
    expect(detectCoaching({ townships: list, minN: 5 }).flags).toEqual([]);
    expect(detectCoaching({ townships: [], minN: 5 })).toEqual({ flags: [], townships: [] });
  });

  it('a county-wide rise is nobody’s jump: every township improved (rectification, publicity, a season) and none is flagged for it', () => {
    const list = Array.from({ length: 12 }, (_, k) => ({ code: `U${k}`, now: wave(400 + k, { n: 60, level: 0.9 + k * 0.03 }), previous: wave(500 + k, { n: 60, level: 0.3 + k * 0.03 }) }));
    // Each township's own rise is large (about 10 points on the index) …
    expect(list.every((t) => t.now.index!.estimate - t.previous.index!.estimate > 5)).toBe(true);
    // … but no larger than the rest of the county's.
    expect(detectCoaching({ townships: list, minN: 5 }).flags.filter((f) => f.signal === 'satisfaction_jump')).toEqual([]);
  });

  it('the coached township among a county-wide rise: its jump is measured against the rest’s change, and said so', () => {
    const list = [
      ...Array.from({ length: 10 }, (_, k) => ({ code: `U${k}`, population: 40_000, now: wave(400 + k, { n: 60, level: 0.8 + k * 0.03 }), previous: wave(500 + k, { n: 60, level: 0.5 + k * 0.03 }) })),
      { code: 'COACHED', population: 40_000, now: wave(301, { n: 60, level: 0.7, coached: 0.7 }), previous: wave(302, { n: 60, level: 0.4 }) },
    ];
    const { flags } = detectCoaching({ townships: list, minN: 5 });
    expect(flags.map((f) => [f.townshipCode, f.signal, f.severity]).sort()).toEqual([
      ['COACHED', 'satisfaction_jump', 'review'],
      ['COACHED', 'uniform_answers', 'review'],
    ]);
    const jump = flags.find((f) => f.signal === 'satisfaction_jump')!;
    const change = jump.evidence.measures.find((m) => m.key.endsWith('_change'))!;
    expect(change.township!).toBeGreaterThan(change.reference!);
    expect(change.reference!).toBeGreaterThan(0);
    expect(change.p!).toBeLessThan(0.05);
    expect(jump.evidence.summary.en).toMatch(/while the rest of the county changed by \+/);
  });

  it('a small coached township is not significant (the test needs its n)', () => {
    const list = fixture();
    const coached = list.find((t) => t.code === 'COACHED')!;
    coached.now = wave(301, { n: 6, level: 0.7, coached: 0.5 });
    coached.previous = wave(302, { n: 6, level: 0.7 });
    const { flags } = detectCoaching({ townships: list, minN: 5 });
    expect(flags.filter((f) => f.townshipCode === 'COACHED' && f.severity === 'review')).toEqual([]);
  });
});

describe('detectCasesDisagree', () => {
  const counts = (callbacks: number, satisfied: number, solved: number, finished: number, reopened: number): CaseCounts => ({ callbacks, satisfied, solved, finished, reopened });
  const base = () =>
    Array.from({ length: 12 }, (_, k): { code: string; n: number; rank: number | null; cases: CaseCounts } => ({ code: `T${k}`, n: 30, rank: k + 1, cases: counts(60, 50, 48, 70, 4) }));

  it('flags a top-ranked township whose cases are worse, with the rates and their n', () => {
    const list = base();
    list[1]!.cases = counts(60, 25, 22, 70, 20);
    const { flags } = detectCasesDisagree({ townships: list, ranked: 12, minN: 5 });
    expect(flags).toHaveLength(1);
    expect(flags[0]!.townshipCode).toBe('T1');
    expect(flags[0]!.severity).toBe('review');
    const keys = flags[0]!.evidence.measures.map((m) => m.key);
    expect(keys).toEqual(['survey_rank', 'callback_satisfaction', 'resolution', 'reopen']);
    expect(flags[0]!.evidence.measures[1]!.n).toBe(60);
    expect(flags[0]!.evidence.summary['zh-CN']).toMatch(/排名第 2\/12/);
  });

  it('flags the reverse (bottom third, cases better) and ignores the middle', () => {
    const list = base();
    for (const t of list) t.cases = counts(60, 40, 38, 70, 10);
    list[11]!.cases = counts(60, 60, 60, 70, 0);
    list[5]!.cases = counts(60, 10, 10, 70, 40);
    const { flags } = detectCasesDisagree({ townships: list, ranked: 12, minN: 5 });
    expect(flags.map((f) => f.townshipCode)).toEqual(['T11']);
    expect(flags[0]!.evidence.summary.en).toMatch(/least satisfied/);
  });

  it('one rate disagreeing is a watch; too few call-backs are not compared', () => {
    const list = base();
    list[0]!.cases = counts(60, 50, 48, 70, 25);
    list[2]!.cases = counts(5, 0, 0, 5, 5);
    const { flags } = detectCasesDisagree({ townships: list, ranked: 12, minN: 5 });
    expect(flags.map((f) => [f.townshipCode, f.severity])).toEqual([['T0', 'watch']]);
  });

  it('does not assess unranked or small townships', () => {
    const list = base();
    list[0]!.rank = null;
    list[1]!.n = 3;
    const { townships } = detectCasesDisagree({ townships: list, ranked: 10, minN: 5 });
    expect(townships.slice(0, 2).map((t) => t.assessed)).toEqual([false, false]);
  });
});

describe('detectVisitsDisagree', () => {
  const surveyed = { estimate: 0.4, lower: 0.3, upper: 0.5, n: 80 };
  it('flags a claim above the upper bound by the margin; review beyond twice it', () => {
    const { flags } = detectVisitsDisagree({
      townships: [
        { code: 'A', visitedHouseholds: 900, households: 1000, surveyed },
        { code: 'B', visitedHouseholds: 650, households: 1000, surveyed },
        { code: 'C', visitedHouseholds: 590, households: 1000, surveyed },
        { code: 'D', visitedHouseholds: 100, households: 1000, surveyed },
      ],
    });
    expect(flags.map((f) => [f.townshipCode, f.severity])).toEqual([
      ['A', 'review'],
      ['B', 'watch'],
    ]);
    expect(flags[0]!.evidence.measures[0]).toMatchObject({ key: 'claimed_visited', township: 0.9, reference: 0.4, n: 1000 });
    expect(flags[0]!.evidence.summary['zh-CN']).toMatch(/90\.0%/);
  });
  it('does not assess a suppressed survey figure or a township without households', () => {
    const r = detectVisitsDisagree({
      townships: [
        { code: 'A', visitedHouseholds: 900, households: 1000, surveyed: null },
        { code: 'B', visitedHouseholds: 0, households: 0, surveyed },
      ],
    });
    expect(r.flags).toEqual([]);
    expect(r.townships.map((t) => t.assessed)).toEqual([false, false]);
  });
  it('the margin is configurable', () => {
    expect(detectVisitsDisagree({ townships: [{ code: 'A', visitedHouseholds: 560, households: 1000, surveyed }], margin: 0.05 }).flags).toHaveLength(1);
  });
});
