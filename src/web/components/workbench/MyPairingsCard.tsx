import { Card, Empty, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { TPairedHousehold } from '../../../shared/schemas/workbench.ts';
import { useHardshipCategories } from '../../hooks/useHardshipCategories.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { CardOf } from './cards.ts';

/** The households the cadre is paired with (结对户), each a link to its page. */
export function MyPairingsCard({ card }: { card: CardOf<'my-pairings'> }) {
  const { t } = useI18n();
  const categories = useHardshipCategories();
  return (
    <Card title={t('workbench.mine.title')} extra={<Typography.Text type="secondary">{t('workbench.mine.count', { total: card.total })}</Typography.Text>} style={{ height: '100%' }} data-testid="workbench-card-my-pairings">
      {card.items.length === 0 ? (
        <Empty description={t('workbench.mine.empty')} />
      ) : (
        <>
          <Table<TPairedHousehold>
            size="small"
            rowKey="householdId"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={card.items}
            columns={[
              { title: t('workbench.mine.head'), key: 'head', render: (_, h) => <Link to={`/households/${h.householdId}`}>{h.headName ?? h.householdNo}</Link> },
              { title: t('workbench.mine.householdNo'), dataIndex: 'householdNo' },
              { title: t('workbench.mine.village'), key: 'village', render: (_, h) => h.village.name },
              { title: t('workbench.mine.hardship'), key: 'hardship', render: (_, h) => h.hardship.map((c) => <Tag key={c}>{categories.nameOf(c)}</Tag>) },
              {
                title: t('workbench.mine.role'),
                key: 'role',
                render: (_, h) => (
                  <span>
                    {t(`workbench.mine.role.${h.role}`)}
                    <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                      {t('workbench.mine.since', { date: h.since })}
                    </Typography.Text>
                  </span>
                ),
              },
            ]}
          />
          {card.total > card.items.length && (
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
              {t('workbench.mine.more', { shown: card.items.length })}
            </Typography.Paragraph>
          )}
        </>
      )}
    </Card>
  );
}
