import { CustomerServiceOutlined } from '@ant-design/icons';
import { Button, Card, List, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../i18n/index.tsx';
import type { CardOf } from './cards.ts';

/** The interviewer's way into the workstation, with the waves in fieldwork and whether they may call now. */
export function WorkstationCard({ card }: { card: CardOf<'workstation'> }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Card title={t('workbench.workstation.title')} style={{ height: '100%' }} data-testid="workbench-card-workstation">
      {card.waves.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('workbench.workstation.none')}</Typography.Paragraph>
      ) : (
        <List
          size="small"
          dataSource={card.waves}
          renderItem={(w) => (
            <List.Item>
              <List.Item.Meta
                title={w.name}
                description={
                  w.period === 'not_started'
                    ? t('workbench.workstation.notStarted')
                    : w.period === 'ended'
                      ? t('workbench.workstation.ended')
                      : w.callingNow
                        ? null
                        : w.nextWindow && t('workbench.workstation.nextWindow', { from: dayjs(w.nextWindow.from).format('MM-DD HH:mm') })
                }
              />
              {w.callingNow && <Tag color="green">{t('workbench.workstation.callingNow')}</Tag>}
            </List.Item>
          )}
        />
      )}
      <Button type="primary" size="large" icon={<CustomerServiceOutlined />} style={{ marginTop: 16 }} onClick={() => navigate('/survey/workstation')} data-testid="open-workstation">
        {t('workbench.workstation.start')}
      </Button>
    </Card>
  );
}
