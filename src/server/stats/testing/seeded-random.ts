/**
 * A small seeded generator (mulberry32) for the property tests, so every run checks the same
 * cases and a failure reproduces.
 *
 * @example
 * const random = seededRandom(42);
 * random.int(1, 6); // an integer in [1, 6]
 */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    /** Uniform in [0, 1). */
    next,
    /** Uniform integer in [min, max]. */
    int: (min: number, max: number): number => min + Math.floor(next() * (max - min + 1)),
    /** Uniform in [min, max). */
    real: (min: number, max: number): number => min + next() * (max - min),
  };
}
