import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { hasAnyRole, type TRole } from '../../shared/roles.ts';
import { useI18n } from '../i18n/index.tsx';
import { useAuth, useMe } from './AuthContext.tsx';

export function FullPageSpin() {
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

/** Renders its children when signed in; otherwise goes to the login page and comes back after. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'loading') return <FullPageSpin />;
  if (state.status === 'signed-out') {
    return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}`, expired: state.reason === 'expired' }} />;
  }
  return <>{children}</>;
}

/** Renders its children for users holding one of `roles`, a 403 page for the others. */
export function RequireRoles({ roles, children }: { roles: readonly TRole[]; children: ReactNode }) {
  const me = useMe();
  const { t } = useI18n();
  const navigate = useNavigate();
  if (hasAnyRole(me.roles, roles)) return <>{children}</>;
  return (
    <Result
      status="403"
      title={t('errors.forbiddenTitle')}
      subTitle={t('errors.forbiddenPage')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('common.backHome')}
        </Button>
      }
    />
  );
}
