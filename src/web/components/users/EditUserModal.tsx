import { Alert, App, Checkbox, Form, Input, Switch } from 'antd';
import type { TRole } from '../../../shared/roles.ts';
import { formatLocalDateTime } from '../../../shared/time.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { Department, TUser, UpdateUserRequest } from '../../types.ts';
import { FormModal } from '../FormModal.tsx';
import { requiredRule } from '../rules.ts';
import { UserDevices } from './UserDevices.tsx';
import { DepartmentField, RegionCodeField, RolesField } from './UserFields.tsx';
import { usersApi } from '../../../shared/api/users.ts';
import { call } from '../../api.ts';

interface Values {
  displayName: string;
  roles: TRole[];
  regionCode: string;
  departmentCode?: string;
  active: boolean;
  unlock?: boolean;
}

const sameRoles = (a: TRole[], b: TRole[]) => a.length === b.length && a.every((r) => b.includes(r));

/** PATCH /api/users/:id with only what changed; never opened on one's own account (the server refuses that). */
export function EditUserModal({ user, departments, onClose, onDone }: { user: TUser; departments: Department[]; onClose(): void; onDone(user: TUser): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();

  return (
    <FormModal<Values>
      open
      title={t('user.editTitle', { name: user.displayName })}
      okText={t('common.save')}
      fields={['displayName', 'roles', 'regionCode', 'departmentCode', 'active', 'unlock']}
      initialValues={{
        displayName: user.displayName,
        roles: user.roles,
        regionCode: user.regionCode,
        active: user.active,
        ...(user.departmentCode ? { departmentCode: user.departmentCode } : {}),
      }}
      onClose={onClose}
      onSubmit={async (v) => {
        const handler = v.roles.includes('department_handler');
        const departmentCode = handler ? (v.departmentCode ?? null) : null;
        const body: UpdateUserRequest = {
          ...(v.displayName.trim() !== user.displayName ? { displayName: v.displayName.trim() } : {}),
          ...(!sameRoles(v.roles, user.roles) ? { roles: v.roles } : {}),
          ...(v.regionCode.trim() !== user.regionCode ? { regionCode: v.regionCode.trim() } : {}),
          ...(departmentCode !== user.departmentCode ? { departmentCode } : {}),
          ...(v.active !== user.active ? { active: v.active } : {}),
          ...(v.unlock ? { unlock: true as const } : {}),
        };
        if (Object.keys(body).length === 0) return;
        const updated = await call(usersApi.updateUser, { params: { id: user.id }, body });
        void message.success(t('user.updated', { name: updated.displayName }));
        onDone(updated);
      }}
    >
      <Alert type="info" showIcon title={t('user.powersHint')} style={{ marginBottom: 16 }} />
      <Form.Item label={t('user.username')}>
        <Input value={user.username} disabled />
      </Form.Item>
      <Form.Item name="displayName" label={t('user.displayName')} rules={[requiredRule(t), { max: 64 }]}>
        <Input maxLength={64} />
      </Form.Item>
      <RolesField />
      <DepartmentField departments={departments} />
      <RegionCodeField />
      <Form.Item name="active" label={t('user.status')} valuePropName="checked">
        <Switch checkedChildren={t('user.active')} unCheckedChildren={t('user.inactive')} />
      </Form.Item>
      {user.lockedUntil && (
        <Form.Item name="unlock" valuePropName="checked" extra={t('user.lockedUntil', { at: formatLocalDateTime(user.lockedUntil) })}>
          <Checkbox>{t('user.unlock')}</Checkbox>
        </Form.Item>
      )}
      <UserDevices user={user} />
    </FormModal>
  );
}
