import { Card, Col, List, Row, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../i18n/index.tsx';
import type { CardOf } from './cards.ts';

/** The county's overdue cases by township and by department, each a link to the filtered cases list. */
export function CasesOverdueCard({ card }: { card: CardOf<'cases-overdue'> }) {
  const { t } = useI18n();
  return (
    <Card
      title={t('workbench.casesOverdue.title')}
      extra={<Link to="/case-rates">{t('workbench.casesOverdue.rates')}</Link>}
      style={{ height: '100%' }}
      data-testid="workbench-card-cases-overdue"
    >
      <Typography.Paragraph>
        <Typography.Text type="danger" strong>
          {t('workbench.casesOverdue.total', { total: card.total })}
        </Typography.Text>
      </Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <List
            size="small"
            header={t('workbench.casesOverdue.byTownship')}
            dataSource={card.townships}
            renderItem={(x) => (
              <List.Item key={x.code} extra={x.count}>
                <Link to={`/cases?overdue=true&regionCode=${x.code}`}>{x.name}</Link>
              </List.Item>
            )}
          />
        </Col>
        <Col xs={24} md={12}>
          <List
            size="small"
            header={t('workbench.casesOverdue.byDepartment')}
            dataSource={card.departments}
            renderItem={(x) => (
              <List.Item key={x.id} extra={x.count}>
                <Link to={`/cases?overdue=true&unitDepartmentId=${x.id}`}>{x.name}</Link>
              </List.Item>
            )}
          />
        </Col>
      </Row>
    </Card>
  );
}
