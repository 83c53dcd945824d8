import { Tag, Tooltip, Typography } from 'antd';
import type { TEstimate } from '../../../shared/schemas/survey-results.ts';
import { useI18n } from '../../i18n/index.tsx';
import { formatInterval, formatValue, type FigureKind } from './format.ts';

/**
 * One figure with its 95% interval and base n, or "样本不足" when fewer than the minimum valid
 * answers (never a 0 in its place).
 */
export function EstimateCell({ estimate, kind, showN = true, headline = false }: { estimate: TEstimate; kind: FigureKind; showN?: boolean; headline?: boolean }) {
  const { t } = useI18n();
  if (estimate.suppressed) {
    return (
      <Tooltip title={t('survey.results.suppressedHint', { n: estimate.n })}>
        <Tag data-testid="suppressed" style={{ marginInlineEnd: 0 }}>
          {t('survey.results.suppressed')}
        </Tag>
      </Tooltip>
    );
  }
  const interval = formatInterval(estimate, kind);
  return (
    // In a table the figure is right-aligned with its column; as a headline (a Statistic's value) it
    // starts under its label, at the size of antd's Statistic.
    <span style={{ display: 'inline-flex', flexDirection: 'column', alignItems: headline ? 'flex-start' : 'flex-end', lineHeight: 1.3 }} data-testid="estimate">
      <span style={{ fontVariantNumeric: 'tabular-nums', fontWeight: 500, ...(headline ? { fontSize: 24, lineHeight: 1.35 } : {}) }}>{formatValue(estimate, kind)}</span>
      <Typography.Text type="secondary" style={{ fontSize: 11, whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
        {[interval, showN ? `n=${estimate.n}` : null].filter(Boolean).join(' · ')}
      </Typography.Text>
    </span>
  );
}
