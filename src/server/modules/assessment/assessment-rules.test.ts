/** The assessment's pure rules: combining waves, the period's months, the city verdict, dates typed in a spreadsheet, the weights' check. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors.ts';
import { combineWaves, countFigure, periodMonths } from './component-figures.ts';
import { cityVerdict } from './compute-assessment.ts';
import { normalizeDate } from './import-city-spot-checks.ts';
import { checkWeights } from './scheme-rules.ts';

const scaling = { kind: 'fixed' as const, worst: 0, best: 100 };

describe('combineWaves', () => {
  it('takes one wave as it is, and none as missing', () => {
    expect(combineWaves([])).toBeNull();
    expect(combineWaves([null, null])).toBeNull();
    expect(combineWaves([null, { estimate: 80, standardError: 2, n: 50 }])).toMatchObject({ estimate: 80, standardError: 2, n: 50 });
  });
  it('weights waves by their precision (1/se²), n summed, interval at 95%', () => {
    const f = combineWaves([
      { estimate: 80, standardError: 1, n: 400 },
      { estimate: 90, standardError: 2, n: 100 },
    ])!;
    expect(f.estimate).toBeCloseTo((80 * 1 + 90 * 0.25) / 1.25, 10);
    expect(f.standardError).toBeCloseTo(1 / Math.sqrt(1.25), 10);
    expect(f.n).toBe(500);
    expect(f.interval!.upper - f.estimate).toBeCloseTo(1.959964 * f.standardError, 4);
  });
  it('falls back to the simple mean when a wave has no spread', () => {
    const f = combineWaves([
      { estimate: 1, standardError: 0, n: 5 },
      { estimate: 0.8, standardError: 0.04, n: 100 },
    ])!;
    expect(f.estimate).toBeCloseTo(0.9, 10);
    expect(f.standardError).toBeCloseTo(0.02, 10);
  });
});

describe('counts', () => {
  it('is exact with se 0, missing without records', () => {
    expect(countFigure(3, 4)).toEqual({ estimate: 0.75, standardError: 0, n: 4, interval: null });
    expect(countFigure(0, 0)).toBeNull();
  });
  it('lists the Shanghai months a period touches, across a year end', () => {
    expect(periodMonths('2026-10-01', '2026-12-31')).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(periodMonths('2026-12-15', '2027-01-10')).toEqual(['2026-12', '2027-01']);
    expect(periodMonths('2026-11-01', '2026-11-30')).toEqual(['2026-11']);
  });
});

describe('cityVerdict', () => {
  const county = { estimate: 82, standardError: 0.8, n: 1300, interval: null };
  it('needs the city’s interval', () => {
    expect(cityVerdict(county, { estimate: 70, standardError: 0, n: 600, interval: null })).toBeNull();
    expect(cityVerdict(null, { estimate: 70, standardError: 1, n: 600, interval: { lower: 68, upper: 72 } })).toBeNull();
  });
  it('says higher, lower or no measurable difference by a z-test', () => {
    expect(cityVerdict(county, { estimate: 78, standardError: 1, n: 600, interval: { lower: 76, upper: 80 } })).toBe('county_higher');
    expect(cityVerdict(county, { estimate: 86, standardError: 1, n: 600, interval: { lower: 84, upper: 88 } })).toBe('county_lower');
    expect(cityVerdict(county, { estimate: 81, standardError: 1, n: 600, interval: { lower: 79, upper: 83 } })).toBe('no_measurable_difference');
  });
});

describe('spreadsheet dates', () => {
  it('reads what people type', () => {
    expect(normalizeDate('2026/10/1')).toBe('2026-10-01');
    expect(normalizeDate('２０２６年１０月１日')).toBe('2026-10-01');
    expect(normalizeDate('2026-12-31 00:00:00')).toBe('2026-12-31');
    expect(normalizeDate('十月')).toBe('十月');
  });
});

describe('checkWeights', () => {
  it('accepts a sum of 1 within 1e-6 and names any other sum', () => {
    expect(checkWeights({ components: [{ key: 'survey_index', weight: 0.7, scaling }, { key: 'case_response', weight: 0.3, scaling }] })).toBeCloseTo(1, 12);
    try {
      checkWeights({ components: [{ key: 'survey_index', weight: 0.6, scaling }, { key: 'case_response', weight: 0.3, scaling }] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(422);
      expect((error as AppError).options.issues![0]!.message).toBe('the weights add up to 0.9, not 1');
    }
  });
});
