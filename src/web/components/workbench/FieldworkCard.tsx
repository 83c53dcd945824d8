import { Card, Col, List, Progress, Row, Statistic, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../i18n/index.tsx';
import { formatRate } from '../survey/format.ts';
import type { CardOf } from './cards.ts';

/** The waves in fieldwork with completes against target, the response rate and calls made. */
export function FieldworkCard({ card }: { card: CardOf<'fieldwork'> }) {
  const { t } = useI18n();
  return (
    <Card title={t('workbench.fieldwork.title')} style={{ height: '100%' }} data-testid="workbench-card-fieldwork">
      <List
        dataSource={card.waves}
        renderItem={(w) => (
          <List.Item key={w.wave.id} data-testid="fieldwork-wave" style={{ display: 'block' }}>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
              <Typography.Text strong>{w.wave.name}</Typography.Text>
              <Link to={`/survey/waves/${w.wave.id}/progress`}>{t('workbench.fieldwork.open')}</Link>
            </div>
            <Progress percent={w.targetCompletes ? Math.min(100, Math.round((w.completes / w.targetCompletes) * 1000) / 10) : 0} />
            <Row gutter={16}>
              <Col xs={8}>
                <Statistic title={t('workbench.fieldwork.completes')} value={`${w.completes} / ${w.targetCompletes}`} />
              </Col>
              <Col xs={8}>
                <Statistic title={t('workbench.fieldwork.rr1')} value={formatRate(w.rates.RR1)} />
              </Col>
              <Col xs={8}>
                <Statistic title={t('workbench.fieldwork.attempts')} value={w.attempts} />
              </Col>
            </Row>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('workbench.fieldwork.cases', { released: w.released, inProgress: w.inProgress, notAttempted: w.notAttempted })}
            </Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}
