import { Alert, App, Form, Input } from 'antd';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { TUser } from '../../types.ts';
import { FormModal } from '../FormModal.tsx';
import { newPasswordRules, requiredRule } from '../rules.ts';

interface Values {
  newPassword: string;
  confirm: string;
}

/** POST /api/users/:id/password: a new password set by an admin; the user's sessions end. */
export function ResetPasswordModal({ user, onClose }: { user: TUser; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  return (
    <FormModal<Values>
      open
      danger
      title={t('user.resetPasswordTitle', { name: user.displayName })}
      okText={t('user.resetPassword')}
      fields={['newPassword']}
      onClose={onClose}
      onSubmit={async (v) => {
        await api.post(`/api/users/${user.id}/password`, { newPassword: v.newPassword });
        void message.success(t('user.passwordReset', { name: user.displayName }));
      }}
    >
      <Alert type="warning" showIcon title={t('user.resetPasswordHint')} style={{ marginBottom: 16 }} />
      <Form.Item name="newPassword" label={t('auth.newPassword')} rules={newPasswordRules(t)} extra={t('auth.passwordRule')}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('auth.confirmPassword')}
        dependencies={['newPassword']}
        rules={[
          requiredRule(t),
          ({ getFieldValue }) => ({
            validator: (_, value) => (!value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('auth.passwordMismatch')))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </FormModal>
  );
}
