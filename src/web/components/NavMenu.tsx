import { ApartmentOutlined, AuditOutlined, TeamOutlined } from '@ant-design/icons';
import { Menu } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { ADMIN_ROLES, hasAnyRole, type TRole } from '../../shared/roles.ts';
import { useMe } from '../auth/AuthContext.tsx';
import { useI18n, type MessageKey } from '../i18n/index.tsx';

interface NavItem {
  key: string;
  path: (regionCode: string) => string;
  label: MessageKey;
  icon: React.ReactNode;
  /** Roles that see the item; everyone when absent. */
  roles?: readonly TRole[];
}

export const NAV_ITEMS: NavItem[] = [
  { key: 'regions', path: (code) => `/regions/${code}`, label: 'nav.regions', icon: <ApartmentOutlined /> },
  { key: 'users', path: () => '/users', label: 'nav.users', icon: <TeamOutlined />, roles: ADMIN_ROLES },
  { key: 'audit', path: () => '/audit', label: 'nav.audit', icon: <AuditOutlined />, roles: ['county_admin'] },
];

/** The navigation, by role. */
export function NavMenu({ theme = 'dark', onNavigate }: { theme?: 'dark' | 'light'; onNavigate?: () => void }) {
  const me = useMe();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const items = NAV_ITEMS.filter((item) => !item.roles || hasAnyRole(me.roles, item.roles));
  const selected = pathname.split('/')[1] ?? '';
  return (
    <Menu
      theme={theme}
      mode="inline"
      selectedKeys={[selected]}
      items={items.map((item) => ({ key: item.key, icon: item.icon, label: t(item.label) }))}
      onClick={({ key }) => {
        const item = items.find((i) => i.key === key);
        if (item) navigate(item.path(me.region.code));
        onNavigate?.();
      }}
    />
  );
}
