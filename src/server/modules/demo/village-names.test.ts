import { describe, expect, it } from 'vitest';
import { seededRandom } from './random.ts';
import { villageNames } from './village-names.ts';

describe('demo village names', () => {
  it('are deterministic, unique and end like village or community names', () => {
    const a = villageNames({ seed: 7, count: 40, townshipKind: 'town' });
    expect(villageNames({ seed: 7, count: 40, townshipKind: 'town' })).toEqual(a);
    expect(new Set(a).size).toBe(40);
    expect(a.every((n) => /[村庄]$/.test(n))).toBe(true);
    const c = villageNames({ seed: 9, count: 30, townshipKind: 'subdistrict' });
    expect(new Set(c).size).toBe(30);
    expect(c.every((n) => /(社区|居委会)$/.test(n))).toBe(true);
  });
  it('the PRNG stays inside its bounds', () => {
    const rnd = seededRandom(1);
    for (let i = 0; i < 1000; i++) {
      const n = rnd.int(10, 40);
      expect(n).toBeGreaterThanOrEqual(10);
      expect(n).toBeLessThanOrEqual(40);
    }
  });
});
