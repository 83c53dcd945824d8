/**
 * A small seeded PRNG (mulberry32) so that demo data is the same on every machine.
 *
 * @example
 * const rnd = seededRandom(42);
 * rnd.int(10, 40); // the same number every run
 */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** Whole number in [min, max]. */
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

/** The demo's seeded generator. */
export type Random = ReturnType<typeof seededRandom>;

/**
 * Picks a key by weight.
 *
 * @example
 * weighted(rnd, { yes: 0.7, no: 0.3 }); // 'yes' about seven times in ten
 */
export function weighted<K extends string>(rnd: Random, weights: Record<K, number>): K {
  const entries = Object.entries(weights) as [K, number][];
  let x = rnd.next() * entries.reduce((sum, [, w]) => sum + w, 0);
  for (const [key, w] of entries) {
    x -= w;
    if (x < 0) return key;
  }
  return entries[entries.length - 1]![0];
}

/**
 * A standard normal draw (Box–Muller) from the seeded generator.
 *
 * @example
 * const z = normal(rnd); // mean 0, standard deviation 1
 */
export function normal(rnd: Random): number {
  const u = Math.max(rnd.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.next());
}
