import { describe, expect, it } from 'vitest';
import { newSeed, planSample, replicateOffset, splitByQuota, type PlanSampleOptions } from './plan-sample.ts';

const base: PlanSampleOptions = {
  strata: [
    { id: 'a', population: 3000, assumedSd: null, frame: { mobile: 900, landline: 100 } },
    { id: 'b', population: 1000, assumedSd: null, frame: { mobile: 500, landline: 0 } },
  ],
  targetCompletes: 100,
  allocation: 'proportional',
  minPerTownship: 0,
  numbersPerComplete: 2,
  phoneQuota: null,
};

describe('planSample', () => {
  it('allocates completes proportionally to population and draws numbers per complete', () => {
    expect(planSample(base)).toEqual({
      ok: true,
      strata: [
        { id: 'a', target: 75, numbers: 150, draw: { any: 150 } },
        { id: 'b', target: 25, numbers: 50, draw: { any: 50 } },
      ],
    });
  });

  it('allocates equally, with Neyman weights N·S, and with a minimum per township', () => {
    const equal = planSample({ ...base, allocation: 'equal' });
    expect(equal.ok && equal.strata.map((s) => s.target)).toEqual([50, 50]);
    // N·S: 3000·10 : 1000·30 = 1 : 1.
    const neyman = planSample({ ...base, allocation: 'neyman', strata: [{ ...base.strata[0]!, assumedSd: 10 }, { ...base.strata[1]!, assumedSd: 30 }] });
    expect(neyman.ok && neyman.strata.map((s) => s.target)).toEqual([50, 50]);
    // A missing SD is the mean of the given ones (20): 3000·20 : 1000·20 = proportional.
    const partial = planSample({ ...base, allocation: 'neyman', strata: [{ ...base.strata[0]!, assumedSd: 20 }, base.strata[1]!] });
    expect(partial.ok && partial.strata.map((s) => s.target)).toEqual([75, 25]);
    const minimum = planSample({ ...base, minPerTownship: 40 });
    expect(minimum.ok && minimum.strata.map((s) => s.target)).toEqual([60, 40]);
  });

  it('caps a township by what its frame can deliver and gives the rest to the others', () => {
    // b has 500 numbers at 5 per complete: at most 100 completes; proportional would give it 50 of 200.
    const capped = planSample({ ...base, targetCompletes: 200, numbersPerComplete: 5, strata: [{ ...base.strata[0]!, frame: { mobile: 5000, landline: 0 } }, base.strata[1]!] });
    expect(capped.ok && capped.strata.map((s) => [s.target, s.numbers])).toEqual([
      [150, 750],
      [50, 250],
    ]);
    const small = planSample({ ...base, targetCompletes: 100, numbersPerComplete: 5, strata: [{ ...base.strata[0]!, population: 100 }, { ...base.strata[1]!, population: 9900, frame: { mobile: 60, landline: 0 } }] });
    // b can deliver 12 completes (60 numbers), a the remaining 88 (440 of its 1000 numbers).
    expect(small.ok && small.strata.map((s) => [s.target, s.numbers])).toEqual([
      [88, 440],
      [12, 60],
    ]);
  });

  it('never draws more numbers than a township has', () => {
    // 2.5 per complete: b's 10 completes want 25 numbers but its frame (capacity 4 completes) has 11.
    const plan = planSample({ ...base, targetCompletes: 20, numbersPerComplete: 2.5, allocation: 'equal', strata: [base.strata[0]!, { ...base.strata[1]!, frame: { mobile: 11, landline: 0 } }] });
    expect(plan.ok && plan.strata.map((s) => [s.target, s.numbers])).toEqual([
      [16, 40],
      [4, 10],
    ]);
  });

  it('counts numbers per complete in hundredths (10 × 2.3 is 23, not 24)', () => {
    const plan = planSample({ ...base, strata: [base.strata[0]!], targetCompletes: 10, numbersPerComplete: 2.3 });
    expect(plan.ok && plan.strata[0]!.numbers).toBe(23);
  });

  it('splits each township’s numbers by the phone quota and leaves out kinds with no share', () => {
    const plan = planSample({ ...base, phoneQuota: { mobile: 6, landline: 4 } });
    expect(plan.ok && plan.strata.map((s) => s.draw)).toEqual([
      // a: 150 numbers, 90 : 60 wanted, only 100 landlines → fine.
      { mobile: 90, landline: 60 },
      // b: no landlines at all, so its 50 numbers are all mobiles.
      { mobile: 50, landline: 0 },
    ]);
    const mobilesOnly = planSample({ ...base, phoneQuota: { mobile: 1, landline: 0 } });
    expect(mobilesOnly.ok && mobilesOnly.strata.map((s) => s.draw)).toEqual([
      { mobile: 150, landline: 0 },
      { mobile: 50, landline: 0 },
    ]);
    // Landlines only: b has none, so it can deliver nothing and a takes the whole target if it can.
    const landlinesOnly = planSample({ ...base, targetCompletes: 40, phoneQuota: { mobile: 0, landline: 1 } });
    expect(landlinesOnly.ok && landlinesOnly.strata.map((s) => [s.target, s.draw])).toEqual([
      [40, { mobile: 0, landline: 80 }],
      [0, { mobile: 0, landline: 0 }],
    ]);
  });

  it('says why a plan is impossible', () => {
    expect(planSample({ ...base, strata: base.strata.map((s) => ({ ...s, frame: { mobile: 0, landline: 0 } })) })).toEqual({ ok: false, reason: 'no-frame' });
    expect(planSample({ ...base, minPerTownship: 60 })).toEqual({ ok: false, reason: 'below-minimum', required: 120 });
    // 1000 + 500 numbers at 2 per complete: 750 completes at most.
    expect(planSample({ ...base, targetCompletes: 751 })).toEqual({ ok: false, reason: 'exceeds-frame', available: 750 });
    expect(planSample({ ...base, targetCompletes: 750 }).ok).toBe(true);
    expect(planSample({ ...base, strata: base.strata.map((s) => ({ ...s, frame: { mobile: 5, landline: 0 } })), phoneQuota: { mobile: 0, landline: 1 } })).toEqual({ ok: false, reason: 'no-frame' });
  });
});

describe('splitByQuota', () => {
  it('splits by shares, rounding the first kind', () => {
    expect(splitByQuota(10, { mobile: 6, landline: 4 }, { mobile: 100, landline: 100 })).toEqual({ mobile: 6, landline: 4 });
    expect(splitByQuota(7, { mobile: 1, landline: 1 }, { mobile: 100, landline: 100 })).toEqual({ mobile: 4, landline: 3 });
    expect(splitByQuota(0, { mobile: 6, landline: 4 }, { mobile: 100, landline: 100 })).toEqual({ mobile: 0, landline: 0 });
  });

  it('gives a kind’s shortfall to the other kind when that kind has a share and numbers left', () => {
    expect(splitByQuota(10, { mobile: 6, landline: 4 }, { mobile: 100, landline: 2 })).toEqual({ mobile: 8, landline: 2 });
    expect(splitByQuota(10, { mobile: 6, landline: 4 }, { mobile: 3, landline: 100 })).toEqual({ mobile: 3, landline: 7 });
    expect(splitByQuota(10, { mobile: 6, landline: 4 }, { mobile: 3, landline: 5 })).toEqual({ mobile: 3, landline: 5 });
    expect(splitByQuota(10, { mobile: 1, landline: 0 }, { mobile: 5, landline: 50 })).toEqual({ mobile: 5, landline: 0 });
  });

  it('never exceeds what is available nor n, for every small case', () => {
    for (let n = 0; n <= 12; n++) {
      for (const quota of [{ mobile: 6, landline: 4 }, { mobile: 1, landline: 0 }, { mobile: 0, landline: 3 }, { mobile: 1, landline: 1 }]) {
        for (let m = 0; m <= 12; m++) {
          for (let l = 0; l <= 12; l++) {
            const split = splitByQuota(n, quota, { mobile: m, landline: l });
            expect(split.mobile).toBeGreaterThanOrEqual(0);
            expect(split.landline).toBeGreaterThanOrEqual(0);
            expect(split.mobile).toBeLessThanOrEqual(m);
            expect(split.landline).toBeLessThanOrEqual(l);
            if (quota.mobile === 0) expect(split.mobile).toBe(0);
            if (quota.landline === 0) expect(split.landline).toBe(0);
            const usable = (quota.mobile ? m : 0) + (quota.landline ? l : 0);
            expect(split.mobile + split.landline).toBe(Math.min(n, usable));
          }
        }
      }
    }
  });
});

describe('seeds and replicate offsets', () => {
  it('makes 32-hex-digit seeds, different each time', () => {
    const a = newSeed();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(newSeed()).not.toBe(a);
  });

  it('derives the same offset from the same seed and township, within range, varying across townships', () => {
    expect(replicateOffset('00ff00ff00ff00ff', '370921104', 5)).toBe(replicateOffset('00ff00ff00ff00ff', '370921104', 5));
    const offsets = Array.from({ length: 50 }, (_, i) => replicateOffset('00ff00ff00ff00ff', `3709211${String(i).padStart(2, '0')}`, 5));
    expect(offsets.every((o) => o >= 0 && o < 5)).toBe(true);
    expect(new Set(offsets).size).toBe(5);
    expect(replicateOffset('abc', 'x', 1)).toBe(0);
  });
});
