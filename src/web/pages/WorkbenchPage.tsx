import { MobileOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, List, Row, Skeleton, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useMe } from '../auth/AuthContext.tsx';
import { LoadError } from '../components/LoadError.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { isWide, WorkbenchCard } from '../components/workbench/WorkbenchCard.tsx';
import { levelLabel, localName, roleLabel } from '../format.ts';
import { useApi } from '../hooks/useApi.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';
import { call } from '../api.ts';
import { workbenchApi } from '../../shared/api/workbench.ts';
import { hasAnyRole, VISIT_RECORD_ROLES } from '../../shared/roles.ts';

/**
 * 工作台, the first page after sign-in: the to-dos and cards that the modules contribute for the
 * user's roles (GET /api/workbench), inside their region. The region browser stays in the menu.
 */
export function WorkbenchPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  useTitle(t('workbench.title'));
  const { data, error, loading, reload } = useApi((signal) => call(workbenchApi.getWorkbench, undefined, { signal }), []);
  const subtitle = [localName(me.region, locale), levelLabel(t, me.region.level), ...me.roles.map((r) => roleLabel(r, locale))].join(' · ');

  return (
    <div data-testid="workbench-page">
      <PageHeader
        title={t('workbench.greeting', { name: me.displayName })}
        extra={
          <Typography.Text type="secondary" data-testid="workbench-scope">
            {subtitle}
          </Typography.Text>
        }
      />
      {hasAnyRole(me.roles, VISIT_RECORD_ROLES) && (
        <Card size="small" style={{ marginBottom: 16 }} data-testid="workbench-phone-app">
          <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 12, flexWrap: 'wrap' }}>
            <Typography.Text type="secondary">{t('visitApp.entryHint')}</Typography.Text>
            <Link to="/m">
              <Button type="primary" icon={<MobileOutlined />}>
                {t('visitApp.entry')}
              </Button>
            </Link>
          </div>
        </Card>
      )}
      {error ? (
        <LoadError error={error} title={t('workbench.title')} onRetry={reload} />
      ) : loading && !data ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : data ? (
        <>
          {data.todos.length > 0 && (
            <Card size="small" title={t('workbench.todos')} style={{ marginBottom: 16 }} data-testid="workbench-todos">
              <List
                size="small"
                dataSource={data.todos}
                renderItem={(todo) => (
                  <List.Item key={todo.key} data-testid={`workbench-todo-${todo.key}`} extra={<Link to={todo.href}>{t('workbench.todo.go')} <RightOutlined style={{ fontSize: 10 }} /></Link>}>
                    {t(`workbench.todo.${todo.key}`, { count: `${todo.count}${todo.more ? '+' : ''}` })}
                  </List.Item>
                )}
              />
            </Card>
          )}
          {data.cards.length === 0 && data.todos.length === 0 ? (
            <Card>
              <Empty description={t('workbench.empty')} />
            </Card>
          ) : (
            <Row gutter={[16, 16]}>
              {data.cards.map((card, k) => (
                <Col key={`${card.kind}-${k}`} xs={24} xl={isWide(card) ? 24 : 12}>
                  <WorkbenchCard card={card} />
                </Col>
              ))}
            </Row>
          )}
        </>
      ) : null}
    </div>
  );
}
