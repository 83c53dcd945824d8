import { MoreOutlined } from '@ant-design/icons';
import { Button, Dropdown, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate } from 'react-router-dom';
import { localDate } from '../../../shared/time.ts';
import { isClosed, kindLabel, localName } from '../../format.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { TRegionWithCounts } from '../../types.ts';
import type { RegionActionKind } from './RegionActionModals.tsx';
import { RegionTags } from './RegionTags.tsx';

interface Props {
  items: TRegionWithCounts[];
  loading: boolean;
  canChange: boolean;
  onAction(kind: RegionActionKind, region: TRegionWithCounts): void;
}

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' };

/** The children of the region on screen; a click on a row opens it. */
export function RegionChildrenTable({ items, loading, canChange, onAction }: Props) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const today = localDate();
  const names = new Map(items.map((r) => [r.code, localName(r, locale)]));

  const columns: ColumnsType<TRegionWithCounts> = [
    {
      key: 'code',
      title: t('region.code'),
      dataIndex: 'code',
      responsive: ['md'],
      render: (code: string) => <span style={mono}>{code}</span>,
    },
    {
      key: 'name',
      title: t('region.name'),
      render: (_, r) => (
        <Space size={[6, 2]} wrap>
          <Link to={`/regions/${r.code}`} onClick={(e) => e.stopPropagation()} style={isClosed(r, today) ? { color: 'rgba(0,0,0,.45)' } : undefined}>
            {localName(r, locale)}
          </Link>
          <RegionTags region={r} successorName={r.successorCode ? (names.get(r.successorCode) ?? r.successorName ?? undefined) : undefined} />
        </Space>
      ),
    },
    { key: 'kind', title: t('region.kind'), responsive: ['sm'], render: (_, r) => kindLabel(t, r.kind) },
    { key: 'childCount', title: t('region.childCount'), dataIndex: 'childCount', align: 'right' },
    { key: 'descendantCount', title: t('region.descendantCount'), dataIndex: 'descendantCount', align: 'right', responsive: ['lg'] },
    { key: 'userCount', title: t('region.userCount'), dataIndex: 'userCount', align: 'right' },
    { key: 'openedOn', title: t('region.openedOn'), dataIndex: 'openedOn', responsive: ['lg'] },
  ];
  // Closing dates only when some child has one (with "显示已撤销", or closures announced ahead).
  if (items.some((r) => r.closedOn)) {
    columns.push({ key: 'closedOn', title: t('region.closedOn'), dataIndex: 'closedOn', responsive: ['lg'], render: (v: string | null) => v ?? '—' });
  }

  if (canChange) {
    columns.push({
      key: 'actions',
      title: <span className="sr-only">{t('common.actions')}</span>,
      width: 48,
      align: 'center',
      render: (_, r) =>
        isClosed(r, today) ? null : (
          <div onClick={(e) => e.stopPropagation()}>
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'rename', label: t('region.action.rename') },
                  { key: 'move', label: t('region.action.move') },
                  { type: 'divider' },
                  { key: 'close', label: t('region.action.close'), danger: true },
                ],
                onClick: ({ key, domEvent }) => {
                  domEvent.stopPropagation();
                  onAction(key as RegionActionKind, r);
                },
              }}
            >
              <Button type="text" size="small" icon={<MoreOutlined />} aria-label={`${t('common.actions')} ${localName(r, locale)}`} />
            </Dropdown>
          </div>
        ),
    });
  }

  return (
    <Table<TRegionWithCounts>
      rowKey="code"
      size="middle"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={false}
      data-testid="region-children"
      locale={{ emptyText: <Typography.Text type="secondary">{t('region.noChildren')}</Typography.Text> }}
      onRow={(r) => ({ onClick: () => navigate(`/regions/${r.code}`), style: { cursor: 'pointer' } })}
      rowClassName={(r) => (isClosed(r, today) ? 'lx-row-closed' : '')}
    />
  );
}
