import { DownOutlined, EditOutlined, HistoryOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Dropdown, Row, Space, Statistic, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { CHILD_LEVEL } from '../../../shared/schemas/regions.ts';
import { localDate } from '../../../shared/time.ts';
import { isClosed, kindLabel, levelLabel, localName } from '../../format.ts';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { RegionDetail } from '../../types.ts';
import type { RegionActionKind } from './RegionActionModals.tsx';
import { RegionTags } from './RegionTags.tsx';
import type { RegionScope } from './scope.ts';

interface Props {
  region: RegionDetail;
  scope: RegionScope;
  onHistory(): void;
  onAction(kind: RegionActionKind): void;
}

/** The region on screen: name, code, level, counts, and what may be done with it. */
export function RegionSummary({ region, scope, onHistory, onAction }: Props) {
  const { t, locale } = useI18n();
  const mobile = useIsMobile();
  const name = localName(region, locale);
  // The Chinese name beside an English title; in the Chinese interface the level alone (the English name would be noise).
  const otherName = locale === 'en' && region.nameEn ? region.name : null;
  const closed = isClosed(region, localDate());
  const canOpenChild = scope.canChangeChildren && !closed && CHILD_LEVEL[region.level] !== undefined;
  // Given with the region, in Chinese (regions have no English successor name).
  const successorName = region.successorName ?? undefined;

  const actions = (
    <Space wrap size={8}>
      <Button icon={<HistoryOutlined />} onClick={onHistory}>
        {t('region.history')}
      </Button>
      {canOpenChild && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => onAction('open')}>
          {t('region.action.openChild')}
        </Button>
      )}
      {scope.canChangeCurrent && (
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              { key: 'rename', label: t('region.action.rename') },
              { key: 'move', label: t('region.action.move') },
              { type: 'divider' },
              { key: 'close', label: t('region.action.close'), danger: true },
            ],
            onClick: ({ key }) => onAction(key as RegionActionKind),
          }}
        >
          <Button icon={<EditOutlined />}>
            {t('common.actions')} <DownOutlined style={{ fontSize: 10 }} />
          </Button>
        </Dropdown>
      )}
    </Space>
  );

  return (
    <Card style={{ marginBottom: 16 }} styles={{ body: { padding: mobile ? 16 : 24 } }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'flex-start', justifyContent: 'space-between' }}>
        <div style={{ minWidth: 0 }}>
          <Space wrap size={[8, 4]} align="center">
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="region-title">
              {name}
            </Typography.Title>
            <RegionTags region={region} successorName={successorName} />
          </Space>
          <div style={{ marginTop: 4 }}>
            <Typography.Text type="secondary">
              {[otherName, region.kind ? kindLabel(t, region.kind) : levelLabel(t, region.level)].filter(Boolean).join(' · ')}
            </Typography.Text>
          </div>
        </div>
        {actions}
      </div>

      <Row gutter={[16, 16]} style={{ marginTop: 20 }}>
        <Col xs={8} md={6}>
          <Statistic title={t('region.statChildren')} value={region.childCount} data-testid="stat-children" />
        </Col>
        <Col xs={8} md={6}>
          <Statistic title={t('region.statDescendants')} value={region.descendantCount} />
        </Col>
        <Col xs={8} md={6}>
          <Statistic title={t('region.statUsers')} value={region.userCount} />
        </Col>
      </Row>

      <Descriptions
        size="small"
        style={{ marginTop: 20 }}
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={[
          { key: 'code', label: t('region.code'), children: <Typography.Text copyable style={{ fontFamily: 'ui-monospace, monospace' }}>{region.code}</Typography.Text> },
          { key: 'level', label: t('region.level'), children: levelLabel(t, region.level) },
          { key: 'opened', label: t('region.openedOn'), children: region.openedOn },
          ...(region.closedOn ? [{ key: 'closed', label: t('region.closedOn'), children: region.closedOn }] : []),
          ...(region.successorCode
            ? [
                {
                  key: 'successor',
                  label: t('region.successor'),
                  children: <Link to={`/regions/${region.successorCode}`}>{successorName ? `${successorName}（${region.successorCode}）` : region.successorCode}</Link>,
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
