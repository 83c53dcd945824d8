import { describe, expect, it } from 'vitest';
import { MIN_REPORTABLE_N, isReleased, suppressSmall } from './suppression.ts';

describe('suppressSmall', () => {
  it('suppresses every aggregate with fewer than 5 valid answers, keeping only n', () => {
    expect(MIN_REPORTABLE_N).toBe(5);
    for (let n = 0; n < 5; n++) {
      const result = suppressSmall({ aggregate: { n, index: 70, satisfactionRate: 0.8, scores: [70] } });
      expect(result).toEqual({ suppressed: true, n });
      expect(Object.keys(result).sort()).toEqual(['n', 'suppressed']);
    }
  });

  it('releases aggregates with 5 or more, unchanged apart from the flag', () => {
    const aggregate = { n: 5, index: 72, satisfactionRate: 0.6 };
    const result = suppressSmall({ aggregate });
    expect(result).toEqual({ ...aggregate, suppressed: false });
    expect(isReleased(result)).toBe(true);
    if (isReleased(result)) expect(result.index).toBe(72);
  });

  it('takes a stricter threshold from configuration', () => {
    expect(suppressSmall({ aggregate: { n: 9, index: 1 }, minN: 10 }).suppressed).toBe(true);
    expect(suppressSmall({ aggregate: { n: 10, index: 1 }, minN: 10 }).suppressed).toBe(false);
  });

  it('rejects a bad threshold or base', () => {
    expect(() => suppressSmall({ aggregate: { n: 3 }, minN: 0 })).toThrow(RangeError);
    expect(() => suppressSmall({ aggregate: { n: 3 }, minN: 2.5 })).toThrow(RangeError);
    expect(() => suppressSmall({ aggregate: { n: -1 } })).toThrow(RangeError);
    expect(() => suppressSmall({ aggregate: { n: Number.NaN } })).toThrow(RangeError);
  });
});
