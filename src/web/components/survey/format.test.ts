import { describe, expect, it } from 'vitest';
import type { TEstimate } from '../../../shared/schemas/survey-results.ts';
import { formatInterval, formatPercent, formatRate, formatValue, scoreColour } from './format.ts';

const est = (estimate: number, lower: number, upper: number): TEstimate => ({
  suppressed: false,
  n: 80,
  estimate,
  standardError: null,
  interval: { lower, upper, confidence: 0.95 },
  df: 79,
  method: 't',
});

describe('survey figures for officials', () => {
  it('writes indexes with one decimal and a symmetric interval as ±', () => {
    expect(formatValue(est(85.26, 83.04, 87.48), 'index')).toBe('85.3');
    expect(formatInterval(est(85.26, 83.04, 87.48), 'index')).toBe('± 2.2');
  });

  it('writes an asymmetric interval (Wilson, or clipped at 100) as a range', () => {
    expect(formatValue(est(0.95, 0.87, 0.98), 'rate')).toBe('95.0%');
    expect(formatInterval(est(0.95, 0.87, 0.98), 'rate')).toBe('87.0%–98.0%');
    expect(formatInterval(est(98.5, 95.1, 100), 'index')).toBe('95.1–100.0');
  });

  it('never turns a suppressed figure into a number', () => {
    const suppressed: TEstimate = { suppressed: true, n: 3 };
    expect(formatValue(suppressed, 'index')).toBeNull();
    expect(formatInterval(suppressed, 'rate')).toBeNull();
  });

  it('writes rates as percentages and an undefined rate as a dash', () => {
    expect(formatPercent(0.7236)).toBe('72.4%');
    expect(formatRate(null)).toBe('—');
    expect(formatRate(0)).toBe('0.0%');
  });

  it('colours low scores red and high ones green', () => {
    expect(scoreColour(20)).toBe('hsl(0, 70%, 88%)');
    expect(scoreColour(95)).toBe('hsl(120, 70%, 88%)');
  });
});
