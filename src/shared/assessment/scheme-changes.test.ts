import { describe, expect, it } from 'vitest';
import type { TAssessmentScheme } from './assessment-schemas.ts';
import { schemeChanges } from './scheme-changes.ts';

const rel = (higherIsBetter = true) => ({ kind: 'relative' as const, higherIsBetter });
const fixed = (worst: number, best: number) => ({ kind: 'fixed' as const, worst, best });
const base: TAssessmentScheme = {
  components: [
    { key: 'survey_index', weight: 0.6, scaling: rel() },
    { key: 'survey_dissatisfaction', weight: 0.4, scaling: rel(false) },
  ],
  waveIds: ['7'],
};

describe('schemeChanges', () => {
  it('lists every component and wave of a first version as added', () => {
    expect(schemeChanges(null, base)).toEqual([
      { kind: 'component_added', key: 'survey_index', weight: 0.6, scaling: rel() },
      { kind: 'component_added', key: 'survey_dissatisfaction', weight: 0.4, scaling: rel(false) },
      { kind: 'wave_added', waveId: '7' },
    ]);
  });

  it('finds nothing between equal schemes, also when the components are reordered and a weight differs by float noise', () => {
    expect(schemeChanges(base, base)).toEqual([]);
    const reordered: TAssessmentScheme = { components: [{ ...base.components[1]!, weight: 0.4 + 1e-12 }, base.components[0]!], waveIds: ['7'] };
    expect(schemeChanges(base, reordered)).toEqual([]);
  });

  it('names a changed weight with both values', () => {
    const after: TAssessmentScheme = { components: [{ ...base.components[0]!, weight: 0.7 }, { ...base.components[1]!, weight: 0.3 }], waveIds: ['7'] };
    expect(schemeChanges(base, after)).toEqual([
      { kind: 'weight', key: 'survey_index', before: 0.6, after: 0.7 },
      { kind: 'weight', key: 'survey_dissatisfaction', before: 0.4, after: 0.3 },
    ]);
  });

  it('names a scaling changed in kind, in its direction, or in a fixed end', () => {
    const kind: TAssessmentScheme = { ...base, components: [{ ...base.components[0]!, scaling: fixed(60, 100) }, base.components[1]!] };
    expect(schemeChanges(base, kind)).toEqual([{ kind: 'scaling', key: 'survey_index', before: rel(), after: fixed(60, 100) }]);
    const direction: TAssessmentScheme = { ...base, components: [{ ...base.components[0]!, scaling: rel(false) }, base.components[1]!] };
    expect(schemeChanges(base, direction)).toEqual([{ kind: 'scaling', key: 'survey_index', before: rel(), after: rel(false) }]);
    const end: TAssessmentScheme = { ...base, components: [{ ...base.components[0]!, scaling: fixed(60, 95) }, base.components[1]!] };
    expect(schemeChanges(kind, end)).toEqual([{ kind: 'scaling', key: 'survey_index', before: fixed(60, 100), after: fixed(60, 95) }]);
    const worst: TAssessmentScheme = { ...base, components: [{ ...base.components[0]!, scaling: fixed(50, 100) }, base.components[1]!] };
    expect(schemeChanges(kind, worst)).toEqual([{ kind: 'scaling', key: 'survey_index', before: fixed(60, 100), after: fixed(50, 100) }]);
  });

  it('names components added and removed, and waves added and removed', () => {
    const after: TAssessmentScheme = {
      components: [
        { key: 'survey_index', weight: 0.6, scaling: rel() },
        { key: 'case_resolution', weight: 0.4, scaling: fixed(0.5, 1) },
      ],
      waveIds: ['8'],
    };
    expect(schemeChanges(base, after)).toEqual([
      { kind: 'component_added', key: 'case_resolution', weight: 0.4, scaling: fixed(0.5, 1) },
      { kind: 'component_removed', key: 'survey_dissatisfaction', weight: 0.4 },
      { kind: 'wave_added', waveId: '8' },
      { kind: 'wave_removed', waveId: '7' },
    ]);
  });
});
