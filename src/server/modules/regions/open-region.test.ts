import { describe, expect, it } from 'vitest';
import { codeFitsParent } from './open-region.ts';

describe('codeFitsParent', () => {
  it('wants 9 digits under the county prefix for a township', () => {
    expect(codeFitsParent('370921104', 'township', '370921')).toBe(true);
    expect(codeFitsParent('370922104', 'township', '370921')).toBe(false);
    expect(codeFitsParent('37092110', 'township', '370921')).toBe(false);
  });
  it('wants 12 digits under the township prefix for a village, 15 for a grid', () => {
    expect(codeFitsParent('370921104201', 'village', '370921104')).toBe(true);
    expect(codeFitsParent('370921105201', 'village', '370921104')).toBe(false);
    expect(codeFitsParent('370921104201001', 'grid', '370921104201')).toBe(true);
    expect(codeFitsParent('370921104201', 'grid', '370921104201')).toBe(false);
  });
  it('wants 6 digits for a county, without a prefix rule (370921 sits in city 370900)', () => {
    expect(codeFitsParent('370921', 'county', '370900')).toBe(true);
    expect(codeFitsParent('3709211', 'county', '370900')).toBe(false);
  });
});
