import { Card, Col, Row, Statistic } from 'antd';
import { useI18n } from '../../i18n/index.tsx';
import type { PairingReport } from '../../types.ts';
import { coveragePercent } from './coverage.ts';
import { CoverageBar } from './CoverageBar.tsx';

/** The region's totals: hardship households, with and without a responsible cadre, coverage. */
export function PairingTotals({ totals }: { totals: PairingReport['totals'] }) {
  const { t } = useI18n();
  return (
    <Card style={{ marginBottom: 16 }} data-testid="pairing-totals">
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Statistic title={t('report.hardshipHouseholds')} value={totals.hardshipHouseholds} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('report.withResponsible')} value={totals.withResponsible} styles={{ content: { color: '#389e0d' } }} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('report.withoutResponsible')} value={totals.withoutResponsible} styles={{ content: { color: totals.withoutResponsible ? '#cf1322' : undefined } }} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('report.coverage')} value={totals.hardshipHouseholds ? coveragePercent(totals) : '—'} suffix={totals.hardshipHouseholds ? '%' : undefined} />
          <CoverageBar row={totals} />
        </Col>
      </Row>
    </Card>
  );
}
