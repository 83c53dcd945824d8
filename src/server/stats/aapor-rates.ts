import type { DispositionCounts } from './aapor-dispositions.ts';

/**
 * Outcome rates of AAPOR's Standard Definitions (10th ed., 2023) from final disposition counts.
 * Every rate is a share in [0, 1], or null when its denominator is 0.
 */
export interface AaporRates {
  /** The e used by RR3, RR4, REF2 and CON2; null when it could not be estimated. */
  e: number | null;
  RR1: number | null;
  RR2: number | null;
  RR3: number | null;
  RR4: number | null;
  RR5: number | null;
  RR6: number | null;
  COOP1: number | null;
  COOP2: number | null;
  COOP3: number | null;
  COOP4: number | null;
  REF1: number | null;
  REF2: number | null;
  REF3: number | null;
  CON1: number | null;
  CON2: number | null;
  CON3: number | null;
}

const ratio = (numerator: number, denominator: number): number | null => (denominator > 0 ? numerator / denominator : null);

function validateCounts(counts: DispositionCounts): void {
  for (const [group, value] of Object.entries(counts)) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`count ${group} must be a non-negative integer, got ${value}`);
  }
}

/**
 * e estimated by proportional allocation (the CASRO method): the share of eligible cases among
 * the cases whose eligibility was resolved, (I + P + R + NC + O) / (I + P + R + NC + O + NE).
 * Null when nothing was resolved. With random-digit dialling it tends to overestimate e (numbers
 * that never answer are less often working households than the ones resolved), which makes RR3
 * and RR4 conservative; report the e used next to them.
 *
 * @example
 * estimateEligibility({ counts: { I: 500, P: 50, R: 200, NC: 150, O: 50, UH: 300, UO: 100, NE: 650 } });
 * // => 0.59375
 */
export function estimateEligibility(options: { counts: DispositionCounts }): number | null {
  const { counts } = options;
  validateCounts(counts);
  const eligible = counts.I + counts.P + counts.R + counts.NC + counts.O;
  return ratio(eligible, eligible + counts.NE);
}

/**
 * All response (RR1–RR6), cooperation (COOP1–4), refusal (REF1–3) and contact (CON1–3) rates.
 * `e`, the estimated share of unknown-eligibility cases that are eligible, defaults to the
 * proportional-allocation estimate; pass the survey's own documented e to override it.
 *
 * @example
 * aaporRates({ counts: { I: 500, P: 50, R: 200, NC: 150, O: 50, UH: 300, UO: 100, NE: 650 } });
 * // => { e: 0.59375, RR1: 0.370370, RR3: 0.421053, RR5: 0.526316, COOP1: 0.625, REF1: 0.148148, CON1: 0.592593 }
 */
export function aaporRates(options: { counts: DispositionCounts; e?: number }): AaporRates {
  const { counts } = options;
  validateCounts(counts);
  const e = options.e ?? estimateEligibility({ counts });
  if (e !== null && !(e >= 0 && e <= 1)) throw new RangeError(`e must be in [0, 1], got ${e}`);

  const { I, P, R, NC, O, UH, UO } = counts;
  const interviews = I + P;
  const eligibleNonInterviews = R + NC + O;
  const unknown = UH + UO;
  const allCases = interviews + eligibleNonInterviews + unknown;
  const knownEligible = interviews + eligibleNonInterviews;
  const withE = e === null ? null : knownEligible + e * unknown;
  const contacted = interviews + R + O;
  const ratioWithE = (numerator: number) => (withE === null ? null : ratio(numerator, withE));

  return {
    e,
    RR1: ratio(I, allCases),
    RR2: ratio(interviews, allCases),
    RR3: ratioWithE(I),
    RR4: ratioWithE(interviews),
    RR5: ratio(I, knownEligible),
    RR6: ratio(interviews, knownEligible),
    COOP1: ratio(I, interviews + R + O),
    COOP2: ratio(interviews, interviews + R + O),
    COOP3: ratio(I, interviews + R),
    COOP4: ratio(interviews, interviews + R),
    REF1: ratio(R, allCases),
    REF2: ratioWithE(R),
    REF3: ratio(R, knownEligible),
    CON1: ratio(contacted, allCases),
    CON2: ratioWithE(contacted),
    CON3: ratio(contacted, knownEligible),
  };
}
