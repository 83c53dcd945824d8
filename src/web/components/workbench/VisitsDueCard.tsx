import { Card, List, Progress, Typography } from 'antd';
import { useI18n } from '../../i18n/index.tsx';
import type { CardOf } from './cards.ts';

/** A village cadre's households due a visit in each open campaign. */
export function VisitsDueCard({ card }: { card: CardOf<'visits-due'> }) {
  const { t } = useI18n();
  return (
    <Card title={t('workbench.visitsDue.title')} style={{ height: '100%' }} data-testid="workbench-card-visits-due">
      {card.campaigns.length === 0 ? (
        <Typography.Text type="secondary">{t('workbench.visitsDue.none')}</Typography.Text>
      ) : (
        <List
          dataSource={card.campaigns}
          renderItem={(c) => (
            <List.Item key={c.campaign.id} style={{ display: 'block' }}>
              <Typography.Text strong>{c.campaign.name}</Typography.Text>
              <Progress percent={c.households ? Math.round((c.done / c.households) * 1000) / 10 : 0} status={c.overdue ? 'exception' : 'active'} />
              <Typography.Text type={c.overdue ? 'danger' : 'secondary'}>{t('workbench.visitsDue.line', { households: c.households, done: c.done, due: c.due, overdue: c.overdue })}</Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
