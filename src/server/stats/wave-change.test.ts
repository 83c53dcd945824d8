import { describe, expect, it } from 'vitest';
import { compareWaves } from './wave-change.ts';

describe('compareWaves', () => {
  it('calls a change improved only when the interval of the difference excludes zero', () => {
    const clear = compareWaves({ before: { estimate: 72, standardError: 2 }, after: { estimate: 80, standardError: 2 } });
    expect(clear.verdict).toBe('improved');
    expect(clear.interval.lower).toBeGreaterThan(0);
    const unclear = compareWaves({ before: { estimate: 72, standardError: 2 }, after: { estimate: 78, standardError: 2.5 } });
    expect(unclear.verdict).toBe('no_measurable_change');
    expect(unclear.interval.lower).toBeLessThan(0);
    expect(unclear.interval.upper).toBeGreaterThan(0);
  });

  it('agrees with the interval at the boundary: p < 0.05 exactly when 0 lies outside the 95% interval', () => {
    for (let d = 0; d <= 10; d += 0.25) {
      const c = compareWaves({ before: { estimate: 70, standardError: 2 }, after: { estimate: 70 + d, standardError: 2 } });
      expect(c.p < 0.05).toBe(c.interval.lower > 0);
    }
  });

  it('reads a falling dissatisfaction rate as an improvement when lower is better', () => {
    expect(compareWaves({ before: { estimate: 0.2, standardError: 0.02 }, after: { estimate: 0.1, standardError: 0.02 }, higherIsBetter: false }).verdict).toBe('improved');
    expect(compareWaves({ before: { estimate: 0.1, standardError: 0.02 }, after: { estimate: 0.2, standardError: 0.02 }, higherIsBetter: false }).verdict).toBe('worse');
  });

  it('is symmetric: swapping the waves flips the sign and keeps p', () => {
    const a = compareWaves({ before: { estimate: 60, standardError: 3 }, after: { estimate: 72, standardError: 4 } });
    const b = compareWaves({ before: { estimate: 72, standardError: 4 }, after: { estimate: 60, standardError: 3 } });
    expect(b.difference).toBe(-a.difference);
    expect(b.p).toBeCloseTo(a.p, 12);
    expect(a.verdict).toBe('improved');
    expect(b.verdict).toBe('worse');
  });

  it('treats figures without sampling error as exact', () => {
    expect(compareWaves({ before: { estimate: 0.5, standardError: 0 }, after: { estimate: 0.5, standardError: 0 } })).toMatchObject({ p: 1, verdict: 'no_measurable_change' });
    expect(compareWaves({ before: { estimate: 0.5, standardError: 0 }, after: { estimate: 0.6, standardError: 0 } })).toMatchObject({ p: 0, verdict: 'improved' });
  });

  it('honours the confidence level', () => {
    const options = { before: { estimate: 72, standardError: 2 }, after: { estimate: 78, standardError: 2.5 } };
    expect(compareWaves({ ...options, confidence: 0.9 }).verdict).toBe('improved'); // p ≈ 0.061 < 0.10
    expect(compareWaves({ ...options, confidence: 0.99 }).verdict).toBe('no_measurable_change');
  });

  it('refuses non-finite estimates and negative standard errors', () => {
    expect(() => compareWaves({ before: { estimate: Number.NaN, standardError: 1 }, after: { estimate: 1, standardError: 1 } })).toThrow(RangeError);
    expect(() => compareWaves({ before: { estimate: 1, standardError: -1 }, after: { estimate: 1, standardError: 1 } })).toThrow(RangeError);
  });
});
