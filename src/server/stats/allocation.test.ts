import { describe, expect, it } from 'vitest';
import { allocateSample, type AllocationOptions, type AllocationResult, type AllocationStratum } from './allocation.ts';
import { seededRandom } from './testing/seeded-random.ts';

function allocated(options: AllocationOptions) {
  const result = allocateSample(options);
  if (!result.ok) throw new Error(result.message);
  return result;
}

const sizes = (result: AllocationResult) => (result.ok ? result.strata.map((s) => s.n) : []);

// Lohr, Sampling: Design and Analysis, Example 3.2: the 3078 counties of the 1992 Census of
// Agriculture in four regions, N_h = 1054 (NC), 220 (NE), 1382 (S), 422 (W). Proportional
// allocation of n = 300 gives the published stratum sample sizes 103, 21, 135, 41
// (quotas 102.73, 21.44, 134.70, 41.13).
const AGPOP: AllocationStratum[] = [
  { id: 'NC', population: 1054 },
  { id: 'NE', population: 220 },
  { id: 'S', population: 1382 },
  { id: 'W', population: 422 },
];

describe('proportional allocation', () => {
  it('reproduces Lohr Example 3.2: 103, 21, 135, 41', () => {
    const result = allocated({ n: 300, method: 'proportional', strata: AGPOP });
    expect(result.strata.map((s) => [s.id, s.n])).toEqual([
      ['NC', 103],
      ['NE', 21],
      ['S', 135],
      ['W', 41],
    ]);
    expect(result.strata[0]?.quota).toBeCloseTo((300 * 1054) / 3078, 12);
  });

  it('can be proportional to the frame instead of the population', () => {
    const strata = [
      { id: 'a', population: 100, frameSize: 300 },
      { id: 'b', population: 300, frameSize: 100 },
    ];
    expect(sizes(allocateSample({ n: 40, method: 'proportional', strata }))).toEqual([10, 30]);
    expect(sizes(allocateSample({ n: 40, method: 'proportional', strata, proportionalTo: 'frame' }))).toEqual([30, 10]);
  });

  it('caps a township at its frame and gives the excess to the others in proportion', () => {
    // Quotas 50/30/20 of 100; township a has only 40 numbers, so 10 go to b and c as 30:20.
    const result = allocated({
      n: 100,
      method: 'proportional',
      strata: [
        { id: 'a', population: 5000, frameSize: 40 },
        { id: 'b', population: 3000 },
        { id: 'c', population: 2000 },
      ],
    });
    expect(result.strata.map((s) => s.quota)).toEqual([40, 36, 24]);
    expect(sizes(result)).toEqual([40, 36, 24]);
  });

  it('raises small townships to the minimum and takes it from the large ones in proportion', () => {
    // Quotas 2, 18, 80; with a minimum of 10: a gets 10, b and c share 90 as 18:80.
    const result = allocated({
      n: 100,
      method: 'proportional',
      minPerStratum: 10,
      strata: [
        { id: 'a', population: 200 },
        { id: 'b', population: 1800 },
        { id: 'c', population: 8000 },
      ],
    });
    expect(result.strata[0]?.quota).toBe(10);
    expect(result.strata[1]?.quota).toBeCloseTo((90 * 18) / 98, 12);
    expect(sizes(result)).toEqual([10, 17, 73]);
  });

  it('a township whose frame is below the minimum gets its whole frame', () => {
    const result = allocated({
      n: 60,
      method: 'equal',
      minPerStratum: 20,
      strata: [{ id: 'a', frameSize: 5 }, { id: 'b' }, { id: 'c' }],
    });
    expect(sizes(result)).toEqual([5, 28, 27]);
  });
});

describe('equal allocation', () => {
  it('splits n evenly; the remainder goes to the first strata (deterministic ties)', () => {
    expect(sizes(allocateSample({ n: 300, method: 'equal', strata: AGPOP }))).toEqual([75, 75, 75, 75]);
    expect(sizes(allocateSample({ n: 10, method: 'equal', strata: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] }))).toEqual([4, 3, 3]);
  });

  it('gives 13 townships (Ningyang) 400 interviews each for a county total of 5200', () => {
    const strata = Array.from({ length: 13 }, (_, h) => ({ id: `t${h + 1}` }));
    expect(sizes(allocateSample({ n: 5200, method: 'equal', strata }))).toEqual(Array(13).fill(400));
  });
});

describe('Neyman allocation', () => {
  it('follows N_h·S_h with the stratum standard deviations of Lohr Example 3.2', () => {
    // Lohr, Chapter 3 exercise: "using the estimated variances in Example 3.2 … find an optimal
    // allocation for a stratified sample of size 300". Hand computation:
    //   N_h·s_h = 220·√7,647,472,708 = 19,238,963;  1054·√29,618,183,543 = 181,392,707;
    //             1382·√53,587,487,856 = 319,918,785;  422·√396,185,950,266 = 265,620,742;
    //   Σ = 786,171,197 → quotas 7.34, 69.22, 122.08, 101.36 → floors 7, 69, 122, 101 (299);
    //   the last interview goes to the largest remainder, 0.36 (W): 7, 69, 122, 102.
    const result = allocated({
      n: 300,
      method: 'neyman',
      strata: [
        { id: 'NE', population: 220, standardDeviation: Math.sqrt(7647472708) },
        { id: 'NC', population: 1054, standardDeviation: Math.sqrt(29618183543) },
        { id: 'S', population: 1382, standardDeviation: Math.sqrt(53587487856) },
        { id: 'W', population: 422, standardDeviation: Math.sqrt(396185950266) },
      ],
    });
    expect(result.strata.map((s) => s.quota.toFixed(2))).toEqual(['7.34', '69.22', '122.08', '101.36']);
    expect(sizes(result)).toEqual([7, 69, 122, 102]);
  });

  it('reproduces the R Companion’s Neyman and optimal allocations (relative variances and costs)', () => {
    // Lu & Lohr (2021), R Companion for Sampling: Design and Analysis, Chapter 3 "Allocation
    // methods": relative variances 1.1, 0.8, 1.0, 2.0 and relative costs 1.4, 1.0, 1.0, 1.8 for
    // NC, NE, S, W. Neyman: 300·N_h√v_h / Σ = 101.08, 17.99, 126.36, 54.57 → 101, 18, 126, 55.
    // Optimal with costs: 300·N_h√(v_h/c_h) / Σ = 94.76, 19.96, 140.17, 45.12 → 95, 20, 140, 45.
    const variances = [1.1, 0.8, 1.0, 2.0];
    const costs = [1.4, 1.0, 1.0, 1.8];
    const strata = AGPOP.map((s, h) => ({ ...s, standardDeviation: Math.sqrt(variances[h] ?? 0) }));
    const neyman = allocated({ n: 300, method: 'neyman', strata });
    expect(neyman.strata.map((s) => s.quota.toFixed(2))).toEqual(['101.08', '17.99', '126.36', '54.57']);
    expect(sizes(neyman)).toEqual([101, 18, 126, 55]);
    const optimal = allocated({ n: 300, method: 'neyman', strata: strata.map((s, h) => ({ ...s, cost: costs[h] ?? 1 })) });
    expect(optimal.strata.map((s) => s.quota.toFixed(2))).toEqual(['94.76', '19.96', '140.17', '45.12']);
    expect(sizes(optimal)).toEqual([95, 20, 140, 45]);
  });

  it('weights by 1/√cost: the television-viewing example of Scheaffer, Mendenhall & Ott', () => {
    // Elementary Survey Sampling, optimal allocation example: N = 1550, 620, 930 households;
    // S² ≈ 25, 225, 100; cost per interview $9, $9, $16; n = 58.
    // N_h·S_h/√c_h = 7750/3 = 2583.33, 9300/3 = 3100.00, 9300/4 = 2325.00 (as printed), Σ = 8008.33;
    // quotas 58·2583.33/8008.33 = 18.71, 22.45, 16.84 → largest remainder 19, 22, 17.
    const result = allocated({
      n: 58,
      method: 'neyman',
      strata: [
        { id: 'town A', population: 1550, standardDeviation: 5, cost: 9 },
        { id: 'town B', population: 620, standardDeviation: 15, cost: 9 },
        { id: 'rural', population: 930, standardDeviation: 10, cost: 16 },
      ],
    });
    expect(result.strata.map((s) => s.quota.toFixed(2))).toEqual(['18.71', '22.45', '16.84']);
    expect(sizes(result)).toEqual([19, 22, 17]);
  });

  it('caps a highly variable township at its frame and reallocates the rest by N_h·S_h', () => {
    const result = allocated({
      n: 100,
      method: 'neyman',
      strata: [
        { id: 'a', population: 1000, standardDeviation: 40, frameSize: 30 },
        { id: 'b', population: 1000, standardDeviation: 10 },
        { id: 'c', population: 1000, standardDeviation: 20 },
      ],
    });
    // Uncapped quotas 57.1, 14.3, 28.6; a is capped at 30, b and c share 70 as 10:20.
    expect(result.strata.map((s) => s.quota)).toEqual([30, expect.closeTo(70 / 3, 12), expect.closeTo(140 / 3, 12)]);
    expect(sizes(result)).toEqual([30, 23, 47]);
  });

  it('a stratum with S_h = 0 gets only the minimum, unless the others are full', () => {
    const strata = [
      { id: 'a', population: 500, standardDeviation: 0, frameSize: 50 },
      { id: 'b', population: 500, standardDeviation: 10, frameSize: 20 },
    ];
    expect(sizes(allocateSample({ n: 15, method: 'neyman', minPerStratum: 3, strata }))).toEqual([3, 12]);
    expect(sizes(allocateSample({ n: 40, method: 'neyman', minPerStratum: 3, strata }))).toEqual([20, 20]);
  });

  it('requires a standard deviation for every stratum', () => {
    expect(() => allocateSample({ n: 10, method: 'neyman', strata: [{ id: 'a', population: 5 }] })).toThrow(/standardDeviation/);
  });
});

describe('infeasible and malformed requests', () => {
  it('n below the minimum per stratum × strata is a typed error with the required n', () => {
    const result = allocateSample({ n: 50, method: 'equal', minPerStratum: 5, strata: Array.from({ length: 13 }, (_, h) => ({ id: `${h}` })) });
    expect(result).toMatchObject({ ok: false, reason: 'below-minimum', required: 65 });
    expect(result.ok ? '' : result.message).toMatch(/65/);
  });

  it('n above all the frames together is a typed error with the available total', () => {
    const result = allocateSample({ n: 101, method: 'equal', strata: [{ id: 'a', frameSize: 60 }, { id: 'b', frameSize: 40 }] });
    expect(result).toMatchObject({ ok: false, reason: 'exceeds-frame', available: 100 });
    expect(sizes(allocateSample({ n: 100, method: 'equal', strata: [{ id: 'a', frameSize: 60 }, { id: 'b', frameSize: 40 }] }))).toEqual([60, 40]);
  });

  it('malformed input throws a RangeError', () => {
    const bad: AllocationOptions[] = [
      { n: -1, method: 'equal', strata: [{ id: 'a' }] },
      { n: 2.5, method: 'equal', strata: [{ id: 'a' }] },
      { n: 10, method: 'equal', strata: [] },
      { n: 10, method: 'equal', strata: [{ id: 'a' }, { id: 'a' }] },
      { n: 10, method: 'equal', minPerStratum: -1, strata: [{ id: 'a' }] },
      { n: 10, method: 'equal', strata: [{ id: 'a', frameSize: 3.5 }] },
      { n: 10, method: 'proportional', strata: [{ id: 'a' }] },
      { n: 10, method: 'proportional', strata: [{ id: 'a', population: -5 }] },
      { n: 10, method: 'neyman', strata: [{ id: 'a', population: 5, standardDeviation: 1, cost: 0 }] },
      { n: 10, method: 'bogus' as 'equal', strata: [{ id: 'a' }] },
    ];
    for (const options of bad) expect(() => allocateSample(options), JSON.stringify(options)).toThrow(RangeError);
  });
});

describe('properties over random designs', () => {
  const random = seededRandom(8);
  const designs = Array.from({ length: 400 }, () => {
    const count = random.int(1, 15);
    const strata = Array.from({ length: count }, (_, h) => ({
      id: `t${h}`,
      population: random.int(0, 80000),
      frameSize: random.next() < 0.3 ? random.int(0, 500) : undefined,
      standardDeviation: random.real(0, 50),
      cost: random.real(0.5, 3),
    }));
    const method = (['proportional', 'equal', 'neyman'] as const)[random.int(0, 2)] ?? 'equal';
    return { strata, method, minPerStratum: random.int(0, 40), n: random.int(0, 3000) };
  });

  it('either succeeds with integers summing exactly to n within [minimum, frame], or says why not', () => {
    let successes = 0;
    for (const options of designs) {
      const result = allocateSample(options);
      const lower = options.strata.map((s) => Math.min(options.minPerStratum, s.frameSize ?? Infinity));
      const upper = options.strata.map((s) => s.frameSize ?? Infinity);
      if (!result.ok) {
        if (result.reason === 'below-minimum') expect(options.n).toBeLessThan(lower.reduce((a, b) => a + b, 0));
        else expect(options.n).toBeGreaterThan(upper.reduce((a, b) => a + b, 0));
        continue;
      }
      successes++;
      expect(result.strata.reduce((sum, s) => sum + s.n, 0)).toBe(options.n);
      expect(result.strata.reduce((sum, s) => sum + s.quota, 0)).toBeCloseTo(options.n, 6);
      result.strata.forEach((s, h) => {
        expect(Number.isInteger(s.n)).toBe(true);
        expect(s.n).toBeGreaterThanOrEqual(lower[h] ?? 0);
        expect(s.n).toBeLessThanOrEqual(upper[h] ?? Infinity);
        // Largest remainder keeps each stratum within one interview of its exact quota.
        expect(Math.abs(s.n - s.quota)).toBeLessThan(1);
      });
    }
    expect(successes).toBeGreaterThan(100);
  });

  it('without binding bounds the quotas are exactly n·w_h/Σw', () => {
    for (const options of designs) {
      const strata = options.strata.map((s) => ({ ...s, frameSize: undefined }));
      const result = allocateSample({ ...options, strata, minPerStratum: 0 });
      if (!result.ok) continue;
      const weights = strata.map((s) =>
        options.method === 'equal' ? 1 : options.method === 'proportional' ? s.population : (s.population * s.standardDeviation) / Math.sqrt(s.cost),
      );
      const total = weights.reduce((a, b) => a + b, 0);
      if (total === 0) continue;
      result.strata.forEach((s, h) => expect(s.quota).toBeCloseTo((options.n * (weights[h] ?? 0)) / total, 6));
    }
  });

  it('quotas never decrease when n grows', () => {
    for (const options of designs.slice(0, 100)) {
      let previous: number[] | null = null;
      for (let n = 0; n <= 600; n += 37) {
        const result = allocateSample({ ...options, n });
        if (!result.ok) continue;
        const quotas = result.strata.map((s) => s.quota);
        if (previous) quotas.forEach((q, h) => expect(q).toBeGreaterThanOrEqual((previous?.[h] ?? 0) - 1e-9));
        previous = quotas;
      }
    }
  });

  it('is deterministic and, without ties, independent of the order of the strata', () => {
    for (const options of designs.slice(0, 100)) {
      const first = allocateSample(options);
      expect(allocateSample(options)).toEqual(first);
      if (!first.ok || options.method === 'equal') continue;
      const reversed = allocateSample({ ...options, strata: [...options.strata].reverse() });
      if (!reversed.ok) throw new Error('reversing the strata changed feasibility');
      const byId = new Map(reversed.strata.map((s) => [s.id, s.n]));
      const fractions = first.strata.map((s) => s.quota - Math.floor(s.quota));
      if (new Set(fractions).size !== fractions.length) continue;
      for (const s of first.strata) expect(byId.get(s.id)).toBe(s.n);
    }
  });
});
