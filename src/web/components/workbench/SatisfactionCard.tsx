import { Button, Card, Col, Row, Skeleton, Statistic, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router-dom';
import { localName } from '../../format.ts';
import { useI18n } from '../../i18n/index.tsx';
import { EstimateCell } from '../survey/EstimateCell.tsx';
import { formatIndex } from '../survey/format.ts';
import type { CardOf } from './cards.ts';

const TrendChart = lazy(() => import('./TrendChart.tsx'));

/** The satisfaction index of the caller's area in the latest closed wave, its interval and n, and its trend over waves. */
export function SatisfactionCard({ card }: { card: CardOf<'satisfaction'> }) {
  const { t, locale } = useI18n();
  const { index } = card;
  const county = card.countyIndex;
  return (
    <Card
      title={`${localName(card.area, locale)} · ${t('workbench.satisfaction.title')}`}
      extra={
        <Link to={`/survey-results?wave=${card.wave.id}`}>
          <Button type="link" size="small" style={{ padding: 0 }}>
            {t('workbench.satisfaction.open')}
          </Button>
        </Link>
      }
      style={{ height: '100%' }}
      data-testid="workbench-card-satisfaction"
    >
      <Row gutter={[16, 8]} align="top">
        <Col xs={24} sm={10}>
          <Statistic title={t('workbench.satisfaction.wave', { wave: card.wave.name, from: card.wave.startsOn, to: card.wave.endsOn })} valueRender={() => <EstimateCell estimate={index} kind="index" headline />} />
          {!index.suppressed && index.interval && (
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }} data-testid="satisfaction-interval">
              {t('workbench.satisfaction.interval', { lower: formatIndex(index.interval.lower), upper: formatIndex(index.interval.upper) })}
            </Typography.Text>
          )}
          {index.suppressed && (
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              {t('workbench.satisfaction.suppressed')}
            </Typography.Text>
          )}
          {county && (
            <Typography.Text style={{ fontSize: 12, display: 'block', marginTop: 8 }} data-testid="satisfaction-county">
              {t('workbench.satisfaction.countyBeside', { value: county.suppressed ? t('survey.results.suppressed') : formatIndex(county.estimate) })}
            </Typography.Text>
          )}
        </Col>
        <Col xs={24} sm={14}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('workbench.satisfaction.trend')}
          </Typography.Text>
          <Suspense fallback={<Skeleton active paragraph={{ rows: 3 }} />}>
            <TrendChart points={card.trend} label={t('workbench.satisfaction.title')} />
          </Suspense>
        </Col>
      </Row>
    </Card>
  );
}
