import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Layout, Skeleton, theme } from 'antd';
import { Suspense, useState } from 'react';
import { Outlet, useLocation } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext.tsx';
import { useIsMobile } from '../hooks/useIsMobile.ts';
import { useI18n } from '../i18n/index.tsx';
import { SIDER_BG } from '../theme.ts';
import { Brand } from './Brand.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { NavMenu } from './NavMenu.tsx';
import { PageErrorBoundary } from './PageErrorBoundary.tsx';
import { UserMenu } from './UserMenu.tsx';

/**
 * The signed-in frame: a side menu (a drawer behind a menu button on phones), a header with
 * the language switch and the user menu, and the page.
 */
export function AppShell() {
  const mobile = useIsMobile();
  const { t } = useI18n();
  const { changeLocale } = useAuth();
  const { token } = theme.useToken();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { pathname } = useLocation();

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!mobile && (
        <Layout.Sider width={216} style={{ background: SIDER_BG }} theme="dark">
          <div style={{ height: 64, padding: '0 20px', display: 'flex', alignItems: 'center' }}>
            <Brand dark />
          </div>
          <NavMenu />
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header
          style={{
            position: 'sticky',
            top: 0,
            zIndex: 10,
            height: 56,
            lineHeight: 'normal',
            padding: mobile ? '0 12px' : '0 24px',
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            display: 'flex',
            alignItems: 'center',
            gap: 12,
          }}
        >
          {mobile && (
            <>
              <Button type="text" icon={<MenuOutlined />} aria-label={t('nav.menu')} data-testid="nav-toggle" onClick={() => setDrawerOpen(true)} />
              <Brand />
            </>
          )}
          <div style={{ flex: 1 }} />
          <LanguageSwitch onChange={changeLocale} />
          <UserMenu compact={mobile} />
        </Layout.Header>
        <Layout.Content style={{ padding: mobile ? 12 : 24, minWidth: 0 }}>
          <PageErrorBoundary key={pathname}>
            <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
              <Outlet />
            </Suspense>
          </PageErrorBoundary>
        </Layout.Content>
      </Layout>
      {mobile && (
        <Drawer
          open={drawerOpen}
          placement="left"
          size={248}
          onClose={() => setDrawerOpen(false)}
          closable={false}
          title={<Brand dark />}
          styles={{ header: { background: SIDER_BG, borderBottom: 'none' }, body: { padding: 0, background: SIDER_BG } }}
        >
          <NavMenu onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
    </Layout>
  );
}
