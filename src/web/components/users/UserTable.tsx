import { EditOutlined, LockOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { accountReach } from '../../../shared/account-rules.ts';
import { formatLocalDateTime } from '../../../shared/time.ts';
import { useMe } from '../../auth/AuthContext.tsx';
import { useIsMobile } from '../../hooks/useIsMobile.ts';
import { localName } from '../../format.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { Department, TUser } from '../../types.ts';
import { RoleTags } from './UserFields.tsx';

interface Props {
  users: TUser[];
  departments: Department[];
  loading: boolean;
  onEdit(user: TUser): void;
  onResetPassword(user: TUser): void;
}

export function UserTable({ users, departments, loading, onEdit, onResetPassword }: Props) {
  const me = useMe();
  const { t, locale } = useI18n();
  const mobile = useIsMobile();
  const manager = { id: me.id, roles: me.roles, regionLevel: me.region.level };
  // The server's own rules, so that the table offers only what it would accept.
  const whyNot = { self: t('user.notManageableSelf'), peer: t('user.notManageablePeer'), role: t('user.notManageable'), manage: undefined };
  const departmentName = (code: string | null) => {
    const d = code ? departments.find((x) => x.code === code) : undefined;
    return d ? localName(d, locale) : (code ?? '—');
  };

  const status = (u: TUser) => (
    <Space size={4} wrap>
      {u.active ? <Tag color="green">{t('user.active')}</Tag> : <Tag>{t('user.inactive')}</Tag>}
      {u.lockedUntil && (
        <Tooltip title={t('user.lockedUntil', { at: formatLocalDateTime(u.lockedUntil) })}>
          <Tag color="red">{t('user.locked')}</Tag>
        </Tooltip>
      )}
    </Space>
  );

  const columns: ColumnsType<TUser> = [
    {
      key: 'user',
      title: t('user.displayName'),
      render: (_, u) => (
        <div>
          <Space size={4} wrap>
            <Typography.Text strong>{u.displayName}</Typography.Text>
            {u.id === me.id && <Tag color="blue">{t('user.self')}</Tag>}
          </Space>
          <div>
            <Typography.Text type="secondary" style={{ fontFamily: 'ui-monospace, monospace', fontSize: 12 }}>
              {u.username}
            </Typography.Text>
          </div>
          {mobile && (
            <div style={{ marginTop: 4 }}>
              <RoleTags roles={u.roles} /> {status(u)}
            </div>
          )}
        </div>
      ),
    },
    { key: 'roles', title: t('user.roles'), responsive: ['md'], render: (_, u) => <RoleTags roles={u.roles} /> },
    {
      key: 'region',
      title: t('user.region'),
      responsive: ['md'],
      render: (_, u) => (
        <div>
          <div>{u.regionName}</div>
          <Typography.Text type="secondary" style={{ fontFamily: 'ui-monospace, monospace', fontSize: 12 }}>
            {u.regionCode}
          </Typography.Text>
        </div>
      ),
    },
    { key: 'department', title: t('user.department'), responsive: ['lg'], render: (_, u) => departmentName(u.departmentCode) },
    {
      key: 'status',
      title: t('user.status'),
      responsive: ['md'],
      render: (_, u) => status(u),
    },
    { key: 'createdAt', title: t('user.createdAt'), responsive: ['xl'], render: (_, u) => formatLocalDateTime(u.createdAt) },
    {
      key: 'actions',
      title: mobile ? <span className="sr-only">{t('common.actions')}</span> : t('common.actions'),
      render: (_, u) => {
        const reach = accountReach(manager, { id: u.id, roles: u.roles, atManagersRegion: u.regionCode === me.region.code });
        const manageable = reach === 'manage';
        return (
          <Tooltip title={whyNot[reach]}>
            <Space size={0} orientation={mobile ? 'vertical' : 'horizontal'}>
              <Button type="link" size="small" icon={<EditOutlined />} disabled={!manageable} onClick={() => onEdit(u)} aria-label={`${t('common.edit')} ${u.username}`}>
                {!mobile && t('common.edit')}
              </Button>
              <Button type="link" size="small" icon={<LockOutlined />} disabled={!manageable} onClick={() => onResetPassword(u)} aria-label={`${t('user.resetPassword')} ${u.username}`}>
                {!mobile && t('user.resetPassword')}
              </Button>
            </Space>
          </Tooltip>
        );
      },
    },
  ];

  return (
    <Table<TUser>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={users}
      loading={loading}
      pagination={false}
      data-testid="user-table"
      locale={{ emptyText: t('user.empty') }}
    />
  );
}
