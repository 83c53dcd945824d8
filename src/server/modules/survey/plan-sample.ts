/**
 * How many numbers each township's sample takes, before any number is chosen: completed
 * interviews allocated across townships (proportional, equal or Neyman, with a minimum, capped
 * by what each frame can deliver), turned into numbers to draw (× numbers per complete), split
 * by the phone quota. Pure: the draw itself is SQL (draw-sample.ts).
 */
import crypto from 'node:crypto';
import { allocateSample, type AllocationMethod } from '../../stats/index.ts';

export interface PlanStratum {
  /** The township's id. */
  id: string;
  population: number;
  /** Assumed SD of the index in this township (Neyman); null = the mean of the others. */
  assumedSd: number | null;
  /** Numbers in the township's frame, by kind. */
  frame: { mobile: number; landline: number };
}

export interface PlanSampleOptions {
  strata: readonly PlanStratum[];
  targetCompletes: number;
  allocation: AllocationMethod;
  minPerTownship: number;
  /** Numbers drawn per expected complete, two decimals at most (e.g. 2.5). */
  numbersPerComplete: number;
  /** Shares by kind (6:4); null = no quota, numbers drawn regardless of kind. */
  phoneQuota: { mobile: number; landline: number } | null;
}

export interface StratumPlan {
  id: string;
  /** Completed interviews wanted. */
  target: number;
  /** Numbers to draw in all. */
  numbers: number;
  /** Numbers to draw by kind; with no quota, `any` numbers regardless of kind. */
  draw: { mobile: number; landline: number } | { any: number };
}

export type SamplePlan =
  | { ok: true; strata: StratumPlan[] }
  | { ok: false; reason: 'no-frame' }
  | { ok: false; reason: 'below-minimum'; required: number }
  | { ok: false; reason: 'exceeds-frame'; available: number };

/** Numbers per complete in hundredths, so that 10 × 2.3 is 23, not 23.000000000000004. */
const hundredths = (x: number) => Math.round(x * 100);

/** Numbers of the frame the quota lets the draw use. */
const usable = (s: PlanStratum, quota: PlanSampleOptions['phoneQuota']) =>
  quota ? (quota.mobile > 0 ? s.frame.mobile : 0) + (quota.landline > 0 ? s.frame.landline : 0) : s.frame.mobile + s.frame.landline;

/**
 * Splits n numbers by the quota shares, capped by what each kind has; a kind short of numbers
 * leaves its shortfall to the other kind if that kind has a share at all (so a township still
 * gets its numbers), never to a kind whose share is 0.
 *
 * @example
 * splitByQuota(10, { mobile: 6, landline: 4 }, { mobile: 100, landline: 2 }); // { mobile: 8, landline: 2 }
 * splitByQuota(10, { mobile: 1, landline: 0 }, { mobile: 5, landline: 50 });  // { mobile: 5, landline: 0 }
 */
export function splitByQuota(n: number, quota: { mobile: number; landline: number }, available: { mobile: number; landline: number }) {
  const total = quota.mobile + quota.landline;
  const wantMobile = Math.round((n * quota.mobile) / total);
  const wantLandline = n - wantMobile;
  const mobile = Math.min(wantMobile, available.mobile);
  const landline = Math.min(wantLandline, available.landline);
  return {
    mobile: mobile + (quota.mobile > 0 ? Math.min(wantLandline - landline, available.mobile - mobile) : 0),
    landline: landline + (quota.landline > 0 ? Math.min(wantMobile - mobile, available.landline - landline) : 0),
  };
}

/**
 * @example
 * planSample({
 *   strata: [{ id: '1', population: 3000, assumedSd: null, frame: { mobile: 900, landline: 100 } },
 *            { id: '2', population: 1000, assumedSd: null, frame: { mobile: 500, landline: 0 } }],
 *   targetCompletes: 100, allocation: 'proportional', minPerTownship: 0, numbersPerComplete: 2, phoneQuota: null,
 * });
 * // => { ok: true, strata: [{ id: '1', target: 75, numbers: 150, draw: { any: 150 } },
 * //                         { id: '2', target: 25, numbers: 50, draw: { any: 50 } }] }
 */
export function planSample(options: PlanSampleOptions): SamplePlan {
  const { strata, phoneQuota: quota } = options;
  const perComplete = hundredths(options.numbersPerComplete);
  const capacity = strata.map((s) => usable(s, quota));
  if (capacity.every((c) => c === 0)) return { ok: false, reason: 'no-frame' };
  const givenSds = strata.map((s) => s.assumedSd).filter((sd): sd is number => sd !== null);
  const defaultSd = givenSds.length ? givenSds.reduce((a, b) => a + b, 0) / givenSds.length : 1;
  const allocation = allocateSample({
    n: options.targetCompletes,
    method: options.allocation,
    minPerStratum: options.minPerTownship,
    strata: strata.map((s, h) => ({
      id: s.id,
      population: s.population,
      // A township cannot be promised more completes than its numbers can give at this yield.
      frameSize: Math.floor(((capacity[h] ?? 0) * 100) / perComplete),
      standardDeviation: s.assumedSd ?? defaultSd,
    })),
  });
  if (!allocation.ok) {
    return allocation.reason === 'below-minimum' ? { ok: false, reason: 'below-minimum', required: allocation.required } : { ok: false, reason: 'exceeds-frame', available: allocation.available };
  }
  return {
    ok: true,
    strata: strata.map((s, h) => {
      const target = allocation.strata[h]!.n;
      const numbers = Math.min(Math.ceil((target * perComplete) / 100), capacity[h] ?? 0);
      return { id: s.id, target, numbers, draw: quota ? splitByQuota(numbers, quota, s.frame) : { any: numbers } };
    }),
  };
}

/**
 * A fresh seed for a draw: 128 random bits as 32 hex digits.
 *
 * @example
 * newSeed(); // 'f3a9…' (32 hex digits)
 */
export const newSeed = () => crypto.randomBytes(16).toString('hex');

/**
 * Where a stratum's round-robin over replicates starts, from the seed: without it replicate 1
 * would get the odd number left over in every township, and be the largest everywhere.
 *
 * @example
 * replicateOffset('00ff00ff00ff00ff', '370921104', 5); // the same value in 0–4 every time
 */
export function replicateOffset(seed: string, stratumKey: string, replicates: number): number {
  const digest = crypto.createHash('sha256').update(`${seed}:${stratumKey}`).digest();
  return digest.readUInt32BE(0) % replicates;
}
