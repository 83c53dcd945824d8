import { DownOutlined, LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Dropdown, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useAuth, useMe } from '../auth/AuthContext.tsx';
import { localName, roleLabel } from '../format.ts';
import { useI18n } from '../i18n/index.tsx';
import { ChangePasswordModal } from './ChangePasswordModal.tsx';

/** The signed-in user (name, region) with change password and sign out. */
export function UserMenu({ compact }: { compact: boolean }) {
  const me = useMe();
  const { logout } = useAuth();
  const { t, locale } = useI18n();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [changingPassword, setChangingPassword] = useState(false);
  const region = localName(me.region, locale);

  const signOut = async () => {
    // The phone app's store (visit records kept offline) goes with the session; loaded only here
    // so the shell does not carry IndexedDB code.
    const phone = await import('../phone/sign-out.ts');
    if ((await phone.confirmSignOut(modal, t)) === 'send_first') {
      navigate('/m/outbox');
      return;
    }
    try {
      await phone.signOutAndClear(logout);
    } finally {
      void message.success(t('auth.loggedOut'));
      navigate('/login', { replace: true });
    }
  };

  return (
    <>
      <Dropdown
        trigger={['click']}
        placement="bottomRight"
        menu={{
          items: [
            {
              key: 'who',
              type: 'group',
              label: (
                <div style={{ maxWidth: 260 }}>
                  <div style={{ color: 'rgba(0,0,0,.88)', fontWeight: 500 }}>{me.displayName}</div>
                  <div>{me.username} · {region}</div>
                  <div>{me.roles.map((r) => roleLabel(r, locale)).join('、')}</div>
                </div>
              ),
            },
            { type: 'divider' },
            { key: 'password', icon: <LockOutlined />, label: t('auth.changePassword'), onClick: () => setChangingPassword(true) },
            { key: 'logout', icon: <LogoutOutlined />, label: t('auth.logout'), onClick: () => void signOut() },
          ],
        }}
      >
        <a onClick={(e) => e.preventDefault()} role="button" aria-label={me.displayName} data-testid="user-menu" style={{ color: 'inherit', display: 'inline-flex', alignItems: 'center' }}>
          <Space size={8}>
            <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1d4f91' }} />
            {!compact && (
              <span style={{ display: 'inline-flex', flexDirection: 'column', lineHeight: 1.3 }}>
                <Typography.Text strong style={{ maxWidth: 200 }} ellipsis>
                  {me.displayName}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12, maxWidth: 200 }} ellipsis>
                  {region}
                </Typography.Text>
              </span>
            )}
            <DownOutlined style={{ fontSize: 10, color: 'rgba(0,0,0,.45)' }} />
          </Space>
        </a>
      </Dropdown>
      <ChangePasswordModal open={changingPassword} onClose={() => setChangingPassword(false)} />
    </>
  );
}
