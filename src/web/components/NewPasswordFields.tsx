import { Form, Input } from 'antd';
import { useI18n } from '../i18n/index.tsx';
import { newPasswordRules, requiredRule } from './rules.ts';

/** "New password" and "confirm" fields, for changing one's own password and for an admin's reset. */
export function NewPasswordFields() {
  const { t } = useI18n();
  return (
    <>
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
    </>
  );
}
