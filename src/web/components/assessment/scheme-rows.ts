/** The scheme editor's pure rules: a scheme as editable rows and back, checked as the server checks it. */
import { ZSchemeInput } from '../../../shared/assessment/assessment-api-schemas.ts';
import { ASSESSMENT_COMPONENTS, COMPONENT_HIGHER_IS_BETTER, COMPONENT_LABELS, type TAssessmentComponentKey, type TAssessmentScheme, type TComponentScaling } from '../../../shared/assessment/assessment-schemas.ts';
import type { Translate } from '../../i18n/index.tsx';

/** One component as the editor holds it: every scaling's fields at once, so switching kind loses nothing typed. */
export interface SchemeRow {
  key: TAssessmentComponentKey;
  included: boolean;
  weight: number | null;
  kind: TComponentScaling['kind'];
  higherIsBetter: boolean;
  worst: number | null;
  best: number | null;
}

/** The index is on 0–100, every other component is a share (0–1): fixed ends are on the figure's own scale. */
export const scaleOf = (key: TAssessmentComponentKey) => (key === 'survey_index' ? 'index' : 'share');

/**
 * The editor's rows for a scheme (every component, those not weighed unticked with relative
 * scaling in their natural direction).
 *
 * @example
 * schemeRows({ components: [{ key: 'survey_index', weight: 1, scaling: { kind: 'fixed', worst: 60, best: 100 } }], waveIds: [] })[0];
 * // { key: 'survey_index', included: true, weight: 1, kind: 'fixed', higherIsBetter: true, worst: 60, best: 100 }
 */
export function schemeRows(scheme: TAssessmentScheme | null): SchemeRow[] {
  return ASSESSMENT_COMPONENTS.map((key) => {
    const c = scheme?.components.find((x) => x.key === key);
    const s = c?.scaling;
    return {
      key,
      included: !!c,
      weight: c?.weight ?? null,
      kind: s?.kind ?? 'relative',
      higherIsBetter: s?.kind === 'relative' ? s.higherIsBetter : COMPONENT_HIGHER_IS_BETTER[key],
      worst: s?.kind === 'fixed' ? s.worst : null,
      best: s?.kind === 'fixed' ? s.best : null,
    };
  });
}

/**
 * The scheme the rows describe, checked as the server will check it (the shared schema, the
 * weights adding up to 1, a fixed scaling with both ends): the scheme, or the problems in the
 * page's language.
 *
 * @example
 * rowsToScheme(t, 'zh-CN', rows, ['7']); // { ok: true, scheme: { components: [...], waveIds: ['7'] } }
 */
export function rowsToScheme(t: Translate, locale: 'zh-CN' | 'en', rows: readonly SchemeRow[], waveIds: readonly string[]): { ok: true; scheme: TAssessmentScheme } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const components = rows
    .filter((r) => r.included)
    .map((r) => {
      const component = COMPONENT_LABELS[r.key][locale];
      if (r.weight === null || !(r.weight > 0 && r.weight <= 1)) problems.push(t('scheme.rule.weight', { component }));
      if (r.kind === 'fixed' && (r.worst === null || r.best === null)) problems.push(t('scheme.rule.fixedEnds', { component }));
      const scaling: TComponentScaling = r.kind === 'fixed' ? { kind: 'fixed', worst: r.worst ?? Number.NaN, best: r.best ?? Number.NaN } : { kind: 'relative', higherIsBetter: r.higherIsBetter };
      return { key: r.key, weight: r.weight ?? 0, scaling };
    });
  if (components.length === 0) problems.push(t('scheme.rule.none'));
  const sum = components.reduce((s, c) => s + c.weight, 0);
  if (components.length && Math.abs(sum - 1) > 1e-6) problems.push(t('scheme.rule.sum', { sum: Math.round(sum * 1e6) / 1e6 }));
  if (problems.length) return { ok: false, problems };
  const parsed = ZSchemeInput.safeParse({ components, waveIds: [...waveIds] });
  if (!parsed.success) return { ok: false, problems: [t('scheme.rule.invalid')] };
  return { ok: true, scheme: parsed.data };
}

