import { Checkbox, InputNumber, Select, Space, Table, Typography } from 'antd';
import { COMPONENT_LABELS, type TAssessmentComponentKey, type TComponentScaling } from '../../../shared/assessment/assessment-schemas.ts';
import type { TSchemeChange } from '../../../shared/assessment/scheme-changes.ts';
import { useI18n, type Translate } from '../../i18n/index.tsx';
import { scaleOf, type SchemeRow } from './scheme-rows.ts';

export { rowsToScheme, schemeRows, type SchemeRow } from './scheme-rows.ts';

/**
 * The components table of a scheme: which are weighed, their weights, and how each becomes points —
 * relative (best township 100, worst 0, in the chosen direction) or fixed (linear between a worst
 * and a best value on the figure's own scale). Read-only when `disabled`.
 */
export function SchemeComponentsTable({ rows, onChange, disabled }: { rows: readonly SchemeRow[]; onChange?: (rows: SchemeRow[]) => void; disabled?: boolean }) {
  const { t, locale } = useI18n();
  const set = (key: TAssessmentComponentKey, patch: Partial<SchemeRow>) => onChange?.(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const sum = rows.filter((r) => r.included).reduce((s, r) => s + (r.weight ?? 0), 0);
  const shown = disabled ? rows.filter((r) => r.included) : rows;
  return (
    <>
      <Table<SchemeRow>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={[...shown]}
        scroll={{ x: 760 }}
        data-testid="scheme-components"
        columns={[
          {
            key: 'component',
            title: t('scheme.component'),
            render: (_, r) =>
              disabled ? (
                COMPONENT_LABELS[r.key][locale]
              ) : (
                <Checkbox checked={r.included} onChange={(e) => set(r.key, { included: e.target.checked })} data-testid={`scheme-include-${r.key}`}>
                  {COMPONENT_LABELS[r.key][locale]}
                </Checkbox>
              ),
          },
          {
            key: 'weight',
            title: t('scheme.weight'),
            render: (_, r) => (disabled ? r.weight : <InputNumber size="small" step={0.05} value={r.weight} disabled={!r.included} onChange={(w) => set(r.key, { weight: w })} data-testid={`scheme-weight-${r.key}`} />),
          },
          {
            key: 'scaling',
            title: t('scheme.scaling'),
            render: (_, r) =>
              disabled ? (
                scalingText(t, r)
              ) : (
                <Space wrap size={4}>
                  <Select
                    size="small"
                    style={{ width: 150 }}
                    value={r.kind}
                    disabled={!r.included}
                    onChange={(kind: SchemeRow['kind']) => set(r.key, { kind })}
                    options={[
                      { value: 'relative', label: t('scheme.kind.relative') },
                      { value: 'fixed', label: t('scheme.kind.fixed') },
                    ]}
                    data-testid={`scheme-kind-${r.key}`}
                  />
                  {r.kind === 'relative' ? (
                    <Select
                      size="small"
                      style={{ width: 150 }}
                      value={r.higherIsBetter}
                      disabled={!r.included}
                      onChange={(higherIsBetter: boolean) => set(r.key, { higherIsBetter })}
                      options={[
                        { value: true, label: t('scheme.higherIsBetter') },
                        { value: false, label: t('scheme.lowerIsBetter') },
                      ]}
                    />
                  ) : (
                    <>
                      <InputNumber size="small" style={{ width: 110 }} prefix={t('scheme.worst')} value={r.worst} disabled={!r.included} onChange={(worst) => set(r.key, { worst })} data-testid={`scheme-worst-${r.key}`} />
                      <InputNumber size="small" style={{ width: 110 }} prefix={t('scheme.best')} value={r.best} disabled={!r.included} onChange={(best) => set(r.key, { best })} data-testid={`scheme-best-${r.key}`} />
                      <Typography.Text type="secondary">{t(`scheme.scale.${scaleOf(r.key)}`)}</Typography.Text>
                    </>
                  )}
                </Space>
              ),
          },
        ]}
      />
      {!disabled && (
        <Typography.Paragraph type={Math.abs(sum - 1) < 1e-6 ? 'success' : 'danger'} style={{ marginTop: 8 }} data-testid="scheme-sum">
          {t('assessment.weightsSum')}: {Math.round(sum * 1000) / 1000}
        </Typography.Paragraph>
      )}
    </>
  );
}

/** A scaling in words: "相对（高者为优）" or "固定：60 → 100". */
export function scalingText(t: Translate, s: Pick<SchemeRow, 'kind' | 'higherIsBetter' | 'worst' | 'best'>): string {
  return s.kind === 'relative' ? t('scheme.relativeText', { direction: t(s.higherIsBetter ? 'scheme.higherIsBetter' : 'scheme.lowerIsBetter') }) : t('scheme.fixedText', { worst: s.worst ?? '—', best: s.best ?? '—' });
}

const scalingOf = (s: TComponentScaling) => (s.kind === 'fixed' ? { kind: s.kind, worst: s.worst, best: s.best, higherIsBetter: true } : { kind: s.kind, higherIsBetter: s.higherIsBetter, worst: null, best: null });

/**
 * One change of a scheme version in a sentence of the page's language.
 *
 * @example
 * changeText(t, 'zh-CN', { kind: 'weight', key: 'survey_index', before: 0.5, after: 0.6 }, names); // '群众满意度指数 权重 0.5 → 0.6'
 */
export function changeText(t: Translate, locale: 'zh-CN' | 'en', c: TSchemeChange, waveName: (id: string) => string): string {
  switch (c.kind) {
    case 'component_added':
      return t('scheme.change.added', { component: COMPONENT_LABELS[c.key][locale], weight: c.weight, scaling: scalingText(t, scalingOf(c.scaling)) });
    case 'component_removed':
      return t('scheme.change.removed', { component: COMPONENT_LABELS[c.key][locale], weight: c.weight });
    case 'weight':
      return t('scheme.change.weight', { component: COMPONENT_LABELS[c.key][locale], before: c.before, after: c.after });
    case 'scaling':
      return t('scheme.change.scaling', { component: COMPONENT_LABELS[c.key][locale], before: scalingText(t, scalingOf(c.before)), after: scalingText(t, scalingOf(c.after)) });
    case 'wave_added':
      return t('scheme.change.waveAdded', { wave: waveName(c.waveId) });
    case 'wave_removed':
      return t('scheme.change.waveRemoved', { wave: waveName(c.waveId) });
  }
}
