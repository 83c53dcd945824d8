/**
 * The one-sided two-proportion test the detectors use on straight-lining shares and case rates.
 */
import { normalUpperTail } from '../../stats/index.ts';

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
