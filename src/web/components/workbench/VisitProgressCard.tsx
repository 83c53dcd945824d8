import { Card, List, Progress, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../i18n/index.tsx';
import type { CardOf } from './cards.ts';

/** Coverage of each open campaign in the caller's region. */
export function VisitProgressCard({ card }: { card: CardOf<'visit-progress'> }) {
  const { t } = useI18n();
  return (
    <Card title={`${card.region.name} · ${t('workbench.visitProgress.title')}`} style={{ height: '100%' }} data-testid="workbench-card-visit-progress">
      <List
        dataSource={card.campaigns}
        renderItem={(c) => (
          <List.Item key={c.campaign.id} style={{ display: 'block' }}>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <Typography.Text strong>{c.campaign.name}</Typography.Text>
              <Link to={`/visits/coverage?campaign=${c.campaign.id}`}>{t('workbench.visitProgress.open')}</Link>
            </div>
            <Progress percent={c.coverage === null ? 0 : Math.round(c.coverage * 1000) / 10} />
            <Typography.Text type="secondary">{t('workbench.visitProgress.line', { targets: c.targets, visited: c.visited, overdue: c.overdue })}</Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}
