import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Typography } from 'antd';
import { useState } from 'react';
import { LoadMore } from '../components/LoadMore.tsx';
import { CreateUserModal } from '../components/users/CreateUserModal.tsx';
import { EditUserModal } from '../components/users/EditUserModal.tsx';
import { ResetPasswordModal } from '../components/users/ResetPasswordModal.tsx';
import { UserFilters, type UserFilterValues } from '../components/users/UserFilters.tsx';
import { UserTable } from '../components/users/UserTable.tsx';
import { useApi } from '../hooks/useApi.ts';
import { usePagedList } from '../hooks/usePagedList.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';
import type { TUser } from '../types.ts';
import { departmentsApi, usersApi } from '../../shared/api/users.ts';
import { call } from '../api.ts';

const PAGE_SIZE = 50;

type Dialog = { kind: 'create' } | { kind: 'edit'; user: TUser } | { kind: 'password'; user: TUser } | null;

/** Accounts in the admin's area: filter, create, edit, reset passwords. */
export function UsersPage() {
  const { t } = useI18n();
  useTitle(t('user.title'));
  const [filters, setFilters] = useState<UserFilterValues>({});
  const [dialog, setDialog] = useState<Dialog>(null);
  const departments = useApi((signal) => call(departmentsApi.listDepartments, undefined, { signal }), []);
  const list = usePagedList(
    (cursor, signal) => call(usersApi.listUsers, { query: { ...filters, limit: PAGE_SIZE, cursor } }, { signal }),
    JSON.stringify(filters),
  );
  const departmentItems = departments.data?.items ?? [];

  return (
    <>
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 12, marginBottom: 16, flexWrap: 'wrap' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('user.title')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
          {t('user.create')}
        </Button>
      </div>
      <Card styles={{ body: { padding: 0 } }}>
        <div style={{ padding: 16, borderBottom: '1px solid rgba(5,5,5,.06)' }}>
          <UserFilters onChange={setFilters} />
        </div>
        <UserTable
          users={list.items}
          departments={departmentItems}
          loading={list.loading && list.items.length === 0}
          onEdit={(user) => setDialog({ kind: 'edit', user })}
          onResetPassword={(user) => setDialog({ kind: 'password', user })}
        />
        <LoadMore count={list.items.length} hasMore={list.nextCursor !== null} loading={list.loading} error={list.error} onLoadMore={list.loadMore} />
      </Card>
      {dialog?.kind === 'create' && <CreateUserModal departments={departmentItems} onClose={() => setDialog(null)} onDone={list.reload} />}
      {dialog?.kind === 'edit' && <EditUserModal user={dialog.user} departments={departmentItems} onClose={() => setDialog(null)} onDone={list.reload} />}
      {dialog?.kind === 'password' && <ResetPasswordModal user={dialog.user} onClose={() => setDialog(null)} />}
    </>
  );
}
