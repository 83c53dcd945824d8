/**
 * What changed between two versions of an assessment scheme (考核方案), for the version history
 * the county reads on the assessment page: components added or removed, weights and scalings
 * changed, survey waves added or removed. Pure: the web turns each change into a sentence.
 */
import type { TAssessmentComponentKey, TAssessmentScheme, TComponentScaling } from './assessment-schemas.ts';

export type TSchemeChange =
  | { kind: 'component_added'; key: TAssessmentComponentKey; weight: number; scaling: TComponentScaling }
  | { kind: 'component_removed'; key: TAssessmentComponentKey; weight: number }
  | { kind: 'weight'; key: TAssessmentComponentKey; before: number; after: number }
  | { kind: 'scaling'; key: TAssessmentComponentKey; before: TComponentScaling; after: TComponentScaling }
  | { kind: 'wave_added'; waveId: string }
  | { kind: 'wave_removed'; waveId: string };

const sameScaling = (a: TComponentScaling, b: TComponentScaling) =>
  a.kind === 'fixed' ? b.kind === 'fixed' && a.worst === b.worst && a.best === b.best : b.kind === 'relative' && a.higherIsBetter === b.higherIsBetter;

/**
 * The changes from `before` to `after`, in the order of `after`'s components (then removals, then
 * waves); `before` null (the first version) lists every component and wave as added. Weights that
 * differ by less than 1e-9 are the same (a float read back from JSON).
 *
 * @example
 * schemeChanges(
 *   { components: [{ key: 'survey_index', weight: 1, scaling: { kind: 'relative', higherIsBetter: true } }], waveIds: ['7'] },
 *   { components: [{ key: 'survey_index', weight: 1, scaling: { kind: 'fixed', worst: 60, best: 100 } }], waveIds: ['7'] },
 * );
 * // [{ kind: 'scaling', key: 'survey_index', before: { kind: 'relative', … }, after: { kind: 'fixed', worst: 60, best: 100 } }]
 */
export function schemeChanges(before: TAssessmentScheme | null, after: TAssessmentScheme): TSchemeChange[] {
  const changes: TSchemeChange[] = [];
  const old = new Map((before?.components ?? []).map((c) => [c.key, c]));
  for (const c of after.components) {
    const was = old.get(c.key);
    if (!was) {
      changes.push({ kind: 'component_added', key: c.key, weight: c.weight, scaling: c.scaling });
      continue;
    }
    if (Math.abs(was.weight - c.weight) > 1e-9) changes.push({ kind: 'weight', key: c.key, before: was.weight, after: c.weight });
    if (!sameScaling(was.scaling, c.scaling)) changes.push({ kind: 'scaling', key: c.key, before: was.scaling, after: c.scaling });
  }
  const kept = new Set(after.components.map((c) => c.key));
  for (const c of before?.components ?? []) if (!kept.has(c.key)) changes.push({ kind: 'component_removed', key: c.key, weight: c.weight });
  const oldWaves = new Set(before?.waveIds ?? []);
  const newWaves = new Set(after.waveIds);
  for (const w of after.waveIds) if (!oldWaves.has(w)) changes.push({ kind: 'wave_added', waveId: w });
  for (const w of before?.waveIds ?? []) if (!newWaves.has(w)) changes.push({ kind: 'wave_removed', waveId: w });
  return changes;
}
