import { describe, expect, it } from 'vitest';
import { percentile, summarize, timeEach } from './stats.ts';

describe('bench statistics', () => {
  it('nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
  it('summarizes and times every input once', async () => {
    const seen: number[] = [];
    const durations = await timeEach([1, 2, 3, 4, 5], 2, async (x) => {
      seen.push(x);
    });
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5]);
    expect(summarize(durations).n).toBe(5);
  });
});
