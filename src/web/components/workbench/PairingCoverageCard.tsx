import { Button, Card, Col, Progress, Row, Statistic } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../i18n/index.tsx';
import type { CardOf } from './cards.ts';

/** Hardship households of the caller's region and their coverage by responsible cadres. */
export function PairingCoverageCard({ card }: { card: CardOf<'pairing-coverage'> }) {
  const { t } = useI18n();
  const share = card.hardshipHouseholds ? card.withResponsible / card.hardshipHouseholds : null;
  const unit = t('workbench.unit.households') || undefined;
  return (
    <Card
      title={`${card.region.name} · ${t('workbench.pairing.title')}`}
      extra={
        <Link to="/pairing">
          <Button type="link" size="small" style={{ padding: 0 }}>
            {t('workbench.pairing.open')}
          </Button>
        </Link>
      }
      style={{ height: '100%' }}
      data-testid="workbench-card-pairing-coverage"
    >
      <Row gutter={[16, 16]}>
        <Col xs={8}>
          <Statistic title={t('workbench.pairing.hardship')} value={card.hardshipHouseholds} suffix={unit} data-testid="pairing-hardship" />
        </Col>
        <Col xs={8}>
          <Statistic title={t('workbench.pairing.withResponsible')} value={card.withResponsible} suffix={unit} data-testid="pairing-with" />
        </Col>
        <Col xs={8}>
          <Statistic title={t('workbench.pairing.without')} value={card.withoutResponsible} suffix={unit} valueStyle={card.withoutResponsible ? { color: '#cf1322' } : undefined} data-testid="pairing-without" />
        </Col>
        {share !== null && (
          <Col xs={24}>
            <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{t('workbench.pairing.coverage')}</div>
            <Progress percent={Math.round(share * 1000) / 10} status={share < 1 ? 'active' : 'success'} />
          </Col>
        )}
      </Row>
    </Card>
  );
}
