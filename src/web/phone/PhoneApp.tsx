/**
 * The phone app (连心走访, issue 10 point 5) under /m: "my visits", the visit form and the outbox,
 * phone-size and working offline. It opens without a session when this device already holds the
 * account's store (the last user, offline): records are kept and sent once online and signed in.
 */
import { CloudOutlined, DisconnectOutlined, LogoutOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Segmented, Space, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { Link, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { hasAnyRole, VISIT_RECORD_ROLES } from '../../shared/roles.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { FullPageSpin } from '../auth/guards.tsx';
import { useI18n } from '../i18n/index.tsx';
import { MyVisitsPage } from './MyVisitsPage.tsx';
import { OutboxPage } from './OutboxPage.tsx';
import { PhoneProvider, useLive, usePhone } from './PhoneContext.tsx';
import { confirmSignOut, signOutAndClear } from './sign-out.ts';
import { lastPhoneUser, rememberPhoneUser } from './store.ts';
import { VisitFormPage } from './VisitFormPage.tsx';

/** Who uses the app: the session's account, or offline the last account that used it on this device. */
export function PhoneApp() {
  const { state, refresh } = useAuth();
  const location = useLocation();
  const { t } = useI18n();
  const signedIn = state.status === 'signed-in';
  const me = signedIn ? state.me : null;
  const user = me ? { id: me.id, displayName: me.displayName } : lastPhoneUser();

  useEffect(() => {
    if (me && hasAnyRole(me.roles, VISIT_RECORD_ROLES)) rememberPhoneUser({ id: me.id, displayName: me.displayName });
  }, [me]);

  // Opened offline: when the network comes back, see whether the session is still there.
  useEffect(() => {
    if (signedIn) return;
    const retry = () => void refresh().catch(() => undefined);
    window.addEventListener('online', retry);
    return () => window.removeEventListener('online', retry);
  }, [signedIn, refresh]);

  if (state.status === 'loading') return <FullPageSpin />;
  if (me && !hasAnyRole(me.roles, VISIT_RECORD_ROLES)) return <Navigate to="/" replace />;
  if (!user || (me && user.id !== me.id)) return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  return (
    <PhoneProvider user={user} signedIn={signedIn}>
      <div data-testid="phone-app" style={{ maxWidth: 640, margin: '0 auto', minHeight: '100vh', background: '#f5f6f8' }}>
        <PhoneHeader />
        <SessionNotice />
        <main style={{ padding: 12 }}>
          <Routes>
            <Route index element={<MyVisitsPage />} />
            <Route path="visit/:campaignId/:householdId" element={<VisitFormPage />} />
            <Route path="outbox" element={<OutboxPage />} />
            <Route path="*" element={<Navigate to="/m" replace />} />
          </Routes>
        </main>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', fontSize: 12, padding: '0 12px 24px' }}>
          {t('visitApp.entryHint')}
        </Typography.Paragraph>
      </div>
    </PhoneProvider>
  );
}

function PhoneHeader() {
  const { t } = useI18n();
  const { db, online, signedIn, syncNow } = usePhone();
  const { logout } = useAuth();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const pending = useLive(() => db.records.where('state').equals('pending').count(), [db]) ?? 0;
  const tab = location.pathname.startsWith('/m/outbox') ? 'outbox' : 'households';

  const signOut = async () => {
    if ((await confirmSignOut(modal, t)) === 'send_first') {
      navigate('/m/outbox');
      void syncNow(true);
      return;
    }
    await signOutAndClear(logout);
    navigate('/login', { replace: true });
  };

  return (
    <header style={{ position: 'sticky', top: 0, zIndex: 10, background: '#0f2747', color: '#fff', padding: '10px 12px 8px' }}>
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8 }}>
        <Typography.Text strong style={{ color: '#fff', fontSize: 17 }}>
          {t('visitApp.title')}
        </Typography.Text>
        <Space size={6}>
          <Tag data-testid="phone-online" color={online ? 'green' : 'default'} icon={online ? <CloudOutlined /> : <DisconnectOutlined />} style={{ marginInlineEnd: 0 }}>
            {online ? t('visitApp.online') : t('visitApp.offline')}
          </Tag>
          {signedIn && (
            <Link to="/" style={{ color: '#cfd8e6', fontSize: 13 }}>
              {t('visitApp.desktop')}
            </Link>
          )}
          {signedIn && <Button size="small" type="text" aria-label={t('visitApp.signOut')} icon={<LogoutOutlined style={{ color: '#fff' }} />} onClick={() => void signOut()} />}
        </Space>
      </div>
      <Segmented
        block
        style={{ marginTop: 8 }}
        value={tab}
        onChange={(v) => navigate(v === 'outbox' ? '/m/outbox' : '/m')}
        options={[
          { value: 'households', label: t('visitApp.tab.households') },
          {
            value: 'outbox',
            label: (
              <span data-testid="phone-outbox-tab">
                {t('visitApp.tab.outbox')} <Badge count={pending} size="small" />
              </span>
            ),
          },
        ]}
      />
    </header>
  );
}

function SessionNotice() {
  const { t } = useI18n();
  const { signedIn, needsSignIn } = usePhone();
  const navigate = useNavigate();
  if (signedIn && !needsSignIn) return null;
  return (
    <Alert
      banner
      type={needsSignIn ? 'warning' : 'info'}
      title={needsSignIn ? t('visitApp.signInAgain') : t('visitApp.noSessionOffline')}
      action={
        <Button size="small" onClick={() => navigate('/login', { state: { from: '/m/outbox' } })}>
          {t('visitApp.signInAgainButton')}
        </Button>
      }
    />
  );
}
