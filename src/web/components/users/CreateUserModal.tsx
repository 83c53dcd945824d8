import { App, Form, Input, Select } from 'antd';
import type { TLocale } from '../../../shared/locale.ts';
import type { TRole } from '../../../shared/roles.ts';
import { useMe } from '../../auth/AuthContext.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { CreateUserRequest, Department, TUser } from '../../types.ts';
import { FormModal } from '../FormModal.tsx';
import { newPasswordRules, requiredRule, usernameRules } from '../rules.ts';
import { DepartmentField, RegionCodeField, RolesField } from './UserFields.tsx';
import { usersApi } from '../../../shared/api/users.ts';
import { call } from '../../api.ts';

interface Values {
  username: string;
  displayName: string;
  password: string;
  roles: TRole[];
  regionCode: string;
  departmentCode?: string;
  locale: TLocale;
}

/** POST /api/users: an account in the admin's area, with roles they may grant. */
export function CreateUserModal({ departments, onClose, onDone }: { departments: Department[]; onClose(): void; onDone(user: TUser): void }) {
  const me = useMe();
  const { t } = useI18n();
  const { message } = App.useApp();
  return (
    <FormModal<Values>
      open
      title={t('user.create')}
      okText={t('common.save')}
      fields={['username', 'displayName', 'password', 'roles', 'regionCode', 'departmentCode', 'locale']}
      initialValues={{ regionCode: me.region.code, locale: 'zh-CN', roles: [] }}
      onClose={onClose}
      onSubmit={async (v) => {
        const body: CreateUserRequest = {
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          password: v.password,
          roles: v.roles,
          regionCode: v.regionCode.trim(),
          ...(v.roles.includes('department_handler') && v.departmentCode ? { departmentCode: v.departmentCode } : {}),
          locale: v.locale,
        };
        const user = await call(usersApi.createUser, { body });
        void message.success(t('user.created', { name: user.displayName }));
        onDone(user);
      }}
    >
      <Form.Item name="username" label={t('user.username')} rules={usernameRules(t)} extra={t('user.usernameRule')}>
        <Input maxLength={64} autoComplete="off" autoCapitalize="off" spellCheck={false} />
      </Form.Item>
      <Form.Item name="displayName" label={t('user.displayName')} rules={[requiredRule(t), { max: 64 }]}>
        <Input maxLength={64} />
      </Form.Item>
      <Form.Item name="password" label={t('user.password')} rules={newPasswordRules(t)} extra={t('auth.passwordRule')}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <RolesField />
      <DepartmentField departments={departments} />
      <RegionCodeField />
      <Form.Item name="locale" label={t('user.locale')}>
        <Select
          options={[
            { value: 'zh-CN', label: t('lang.zh-CN') },
            { value: 'en', label: t('lang.en') },
          ]}
        />
      </Form.Item>
    </FormModal>
  );
}
