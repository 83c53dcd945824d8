import { App, Form, Input } from 'antd';
import { authApi } from '../../shared/api/auth.ts';
import { call } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { NewPasswordFields } from './NewPasswordFields.tsx';
import { FormModal } from './FormModal.tsx';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Change one's own password; the server ends one's other sessions. */
export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  return (
    <FormModal<Values>
      open={open}
      title={t('auth.changePassword')}
      okText={t('common.save')}
      fields={['currentPassword', 'newPassword']}
      onClose={onClose}
      onSubmit={async (v) => {
        await call(authApi.changePassword, { body: { currentPassword: v.currentPassword, newPassword: v.newPassword } });
        void message.success(t('auth.passwordChanged'));
      }}
    >
      <Form.Item name="currentPassword" label={t('auth.currentPassword')} rules={[{ required: true, message: t('common.required') }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <NewPasswordFields />
    </FormModal>
  );
}
