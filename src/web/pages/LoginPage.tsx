import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext.tsx';
import { Brand } from '../components/Brand.tsx';
import { errorText } from '../components/errors.ts';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { localName } from '../format.ts';
import { useApi } from '../hooks/useApi.ts';
import { useTitle } from '../hooks/useTitle.ts';
import { useI18n } from '../i18n/index.tsx';
import { call } from '../api.ts';
import { regionsApi } from '../../shared/api/regions.ts';

interface Values {
  username: string;
  password: string;
}

interface FromState {
  from?: string;
  expired?: boolean;
}

export function LoginPage() {
  const { t, locale } = useI18n();
  const { state, login } = useAuth();
  // The county this deployment serves, so a newcomer knows they are at the right door.
  const deployment = useApi((signal) => call(regionsApi.getDeployment, undefined, { signal }), []);
  const county = deployment.data?.region;
  const location = useLocation();
  const from = (location.state as FromState | null)?.from;
  const expired = (location.state as FromState | null)?.expired;
  const [error, setError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);
  useTitle(t('auth.loginTitle'));

  if (state.status === 'signed-in') return <Navigate to={from && from !== '/login' ? from : '/'} replace />;

  const submit = async (values: Values) => {
    setSubmitting(true);
    setError(undefined);
    try {
      // Once signed in, the <Navigate> above takes the user where they were going.
      await login(values.username.trim(), values.password);
    } catch (e) {
      setError(errorText(t, e));
      setSubmitting(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        background: 'linear-gradient(180deg, #0f2747 0, #1d4f91 320px, #f0f2f5 320px)',
      }}
    >
      <div style={{ display: 'flex', justifyContent: 'flex-end', padding: '12px 16px' }}>
        <div style={{ background: 'rgba(255,255,255,.92)', borderRadius: 8, padding: 2 }}>
          <LanguageSwitch />
        </div>
      </div>
      <main style={{ flex: 1, display: 'flex', alignItems: 'flex-start', justifyContent: 'center', padding: '24px 16px 48px' }}>
        <div style={{ width: '100%', maxWidth: 400 }}>
          <div style={{ display: 'flex', justifyContent: 'center', marginBottom: 28 }}>
            <Brand dark size="large" showTagline />
          </div>
          {county && (
            <Typography.Title level={3} style={{ color: '#fff', textAlign: 'center', marginTop: -12, marginBottom: 20, letterSpacing: locale === 'zh-CN' ? 4 : 0 }} data-testid="login-county">
              {localName(county, locale)}
            </Typography.Title>
          )}
          <Card variant="borderless" style={{ boxShadow: '0 6px 24px rgba(15,39,71,.18)' }}>
            <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 20 }}>
              {t('auth.loginTitle')}
            </Typography.Title>
            {expired && !error && <Alert type="warning" showIcon title={t('auth.sessionExpired')} style={{ marginBottom: 16 }} />}
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" data-testid="login-error" />}
            <Form<Values> name="login" layout="vertical" onFinish={submit} requiredMark={false} size="large">
              <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
                <Input prefix={<UserOutlined />} autoComplete="username" autoFocus autoCapitalize="off" spellCheck={false} />
              </Form.Item>
              <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('common.required') }]}>
                <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={submitting} style={{ marginTop: 8 }}>
                {t('auth.login')}
              </Button>
            </Form>
          </Card>
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginTop: 24, fontSize: 12 }}>
            {t('auth.footer')}
          </Typography.Paragraph>
        </div>
      </main>
    </div>
  );
}
