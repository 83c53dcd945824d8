import { Alert, App } from 'antd';
import { useI18n } from '../../i18n/index.tsx';
import type { TUser } from '../../types.ts';
import { NewPasswordFields } from '../NewPasswordFields.tsx';
import { FormModal } from '../FormModal.tsx';
import { usersApi } from '../../../shared/api/users.ts';
import { call } from '../../api.ts';

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
        await call(usersApi.resetPassword, { params: { id: user.id }, body: { newPassword: v.newPassword } });
        void message.success(t('user.passwordReset', { name: user.displayName }));
      }}
    >
      <Alert type="warning" showIcon title={t('user.resetPasswordHint')} style={{ marginBottom: 16 }} />
      <NewPasswordFields />
    </FormModal>
  );
}
