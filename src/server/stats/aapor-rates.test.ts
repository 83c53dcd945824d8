import { describe, expect, it } from 'vitest';
import type { DispositionCounts } from './aapor-dispositions.ts';
import { aaporRates, estimateEligibility } from './aapor-rates.ts';
import { seededRandom } from './testing/seeded-random.ts';

// A worked example checked by hand (AAPOR Standard Definitions, 10th ed. 2023, rate formulas):
//   I = 500, P = 50, R = 200, NC = 150, O = 50, UH = 300, UO = 100, NE = 650.
//   I + P = 550; R + NC + O = 400; UH + UO = 400; all cases but NE = 1350; known eligible = 950.
//   e (proportional allocation) = 950 / (950 + 650) = 0.59375; e·(UH + UO) = 237.5;
//   denominator with e = 950 + 237.5 = 1187.5; contacted (I + P + R + O) = 800.
const COUNTS: DispositionCounts = { I: 500, P: 50, R: 200, NC: 150, O: 50, UH: 300, UO: 100, NE: 650 };
const EXPECTED = {
  e: 0.59375,
  RR1: 500 / 1350, // 0.370370
  RR2: 550 / 1350, // 0.407407
  RR3: 500 / 1187.5, // 0.421053
  RR4: 550 / 1187.5, // 0.463158
  RR5: 500 / 950, // 0.526316
  RR6: 550 / 950, // 0.578947
  COOP1: 500 / 800, // 0.625 = I / (I + P + R + O)
  COOP2: 550 / 800, // 0.6875
  COOP3: 500 / 750, // 0.666667 = I / (I + P + R)
  COOP4: 550 / 750, // 0.733333
  REF1: 200 / 1350, // 0.148148
  REF2: 200 / 1187.5, // 0.168421
  REF3: 200 / 950, // 0.210526
  CON1: 800 / 1350, // 0.592593
  CON2: 800 / 1187.5, // 0.673684
  CON3: 800 / 950, // 0.842105
};

describe('aaporRates', () => {
  it('reproduces the hand-checked example', () => {
    const rates = aaporRates({ counts: COUNTS });
    for (const [name, value] of Object.entries(EXPECTED)) {
      expect(rates[name as keyof typeof rates], name).toBeCloseTo(value, 14);
    }
    expect(rates.RR1).toBeCloseTo(0.37037, 5);
    expect(rates.RR3).toBeCloseTo(0.421053, 6);
    expect(rates.CON2).toBeCloseTo(0.673684, 6);
  });

  it('uses a given e instead of the estimate', () => {
    const rates = aaporRates({ counts: COUNTS, e: 0.25 });
    // 950 + 0.25·400 = 1050.
    expect(rates.e).toBe(0.25);
    expect(rates.RR3).toBeCloseTo(500 / 1050, 14);
    expect(rates.REF2).toBeCloseTo(200 / 1050, 14);
    expect(rates.CON2).toBeCloseTo(800 / 1050, 14);
  });

  it('e = 1 turns RR3 into RR1, e = 0 turns it into RR5 (and likewise RR4, REF2, CON2)', () => {
    const all = aaporRates({ counts: COUNTS, e: 1 });
    expect(all.RR3).toBeCloseTo(all.RR1 ?? Number.NaN, 14);
    expect(all.RR4).toBeCloseTo(all.RR2 ?? Number.NaN, 14);
    expect(all.REF2).toBeCloseTo(all.REF1 ?? Number.NaN, 14);
    expect(all.CON2).toBeCloseTo(all.CON1 ?? Number.NaN, 14);
    const none = aaporRates({ counts: COUNTS, e: 0 });
    expect(none.RR3).toBeCloseTo(none.RR5 ?? Number.NaN, 14);
    expect(none.RR4).toBeCloseTo(none.RR6 ?? Number.NaN, 14);
    expect(none.REF2).toBeCloseTo(none.REF3 ?? Number.NaN, 14);
    expect(none.CON2).toBeCloseTo(none.CON3 ?? Number.NaN, 14);
  });

  it('gives null, not NaN, for rates whose denominator is empty', () => {
    const empty: DispositionCounts = { I: 0, P: 0, R: 0, NC: 0, O: 0, UH: 0, UO: 0, NE: 0 };
    const rates = aaporRates({ counts: empty });
    for (const value of Object.values(rates)) expect(value).toBeNull();
    // Only unknown-eligibility numbers: nothing resolved, so e (and every rate using it) is null.
    const unknownOnly = aaporRates({ counts: { ...empty, UH: 40 } });
    expect(unknownOnly).toMatchObject({ e: null, RR1: 0, RR3: null, RR5: null, CON1: 0 });
  });

  describe('identities over random disposition counts', () => {
    const random = seededRandom(4);
    const samples = Array.from({ length: 1000 }, () => ({
      counts: {
        I: random.int(0, 400),
        P: random.int(0, 40),
        R: random.int(0, 300),
        NC: random.int(0, 300),
        O: random.int(0, 50),
        UH: random.int(0, 500),
        UO: random.int(0, 100),
        NE: random.int(0, 600),
      },
      e: random.next() < 0.5 ? undefined : random.next(),
    }));
    const le = (a: number | null, b: number | null) => {
      if (a === null || b === null) return;
      expect(a).toBeLessThanOrEqual(b + 1e-12);
    };

    it('all rates lie in [0, 1]', () => {
      for (const sample of samples) {
        for (const value of Object.values(aaporRates(sample))) {
          if (value === null) continue;
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1);
        }
      }
    });

    it('RR1 ≤ RR2, RR1 ≤ RR3 ≤ RR5, RR2 ≤ RR4 ≤ RR6, RR3 ≤ RR4, RR5 ≤ RR6', () => {
      for (const sample of samples) {
        const r = aaporRates(sample);
        le(r.RR1, r.RR2);
        le(r.RR1, r.RR3);
        le(r.RR3, r.RR5);
        le(r.RR2, r.RR4);
        le(r.RR4, r.RR6);
        le(r.RR3, r.RR4);
        le(r.RR5, r.RR6);
      }
    });

    it('COOP1 ≤ COOP2 ≤ COOP4, COOP1 ≤ COOP3 ≤ COOP4, and response ≤ cooperation', () => {
      for (const sample of samples) {
        const r = aaporRates(sample);
        le(r.COOP1, r.COOP2);
        le(r.COOP2, r.COOP4);
        le(r.COOP1, r.COOP3);
        le(r.COOP3, r.COOP4);
        le(r.RR5, r.COOP1);
        le(r.RR6, r.COOP2);
      }
    });

    it('REF1 ≤ REF2 ≤ REF3 and CON1 ≤ CON2 ≤ CON3', () => {
      for (const sample of samples) {
        const r = aaporRates(sample);
        le(r.REF1, r.REF2);
        le(r.REF2, r.REF3);
        le(r.CON1, r.CON2);
        le(r.CON2, r.CON3);
      }
    });

    it('on the eligible base the shares add up: RR6 + REF3 + (NC + O)/eligible = 1', () => {
      for (const { counts } of samples) {
        const r = aaporRates({ counts });
        const eligible = counts.I + counts.P + counts.R + counts.NC + counts.O;
        if (eligible === 0) continue;
        expect((r.RR6 ?? 0) + (r.REF3 ?? 0) + (counts.NC + counts.O) / eligible).toBeCloseTo(1, 12);
      }
    });
  });

  it('rejects negative or fractional counts and e outside [0, 1]', () => {
    expect(() => aaporRates({ counts: { ...COUNTS, I: -1 } })).toThrow(RangeError);
    expect(() => aaporRates({ counts: { ...COUNTS, NC: 1.5 } })).toThrow(RangeError);
    expect(() => aaporRates({ counts: COUNTS, e: 1.2 })).toThrow(RangeError);
    expect(() => aaporRates({ counts: COUNTS, e: Number.NaN })).toThrow(RangeError);
  });
});

describe('estimateEligibility (proportional allocation / CASRO)', () => {
  it('is eligible / (eligible + not eligible) among resolved cases', () => {
    expect(estimateEligibility({ counts: COUNTS })).toBe(0.59375);
    expect(estimateEligibility({ counts: { ...COUNTS, NE: 0 } })).toBe(1);
    expect(estimateEligibility({ counts: { I: 0, P: 0, R: 0, NC: 0, O: 0, UH: 10, UO: 3, NE: 0 } })).toBeNull();
  });
});
