import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { ApiError } from '../api.ts';
import { useMe } from '../auth/AuthContext.tsx';
import { useI18n } from '../i18n/index.tsx';
import { errorText } from './errors.ts';

/**
 * A page that could not load: 404 and 403 say so (with the server's message, which does not
 * tell "missing" from "outside your area"); anything else offers a retry.
 */
export function LoadError({ error, title, onRetry }: { error: ApiError; title: string; onRetry(): void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const me = useMe();
  const status = error.status === 404 ? '404' : error.status === 403 ? '403' : 'error';
  return (
    <Result
      status={status}
      title={title}
      subTitle={
        <span data-testid="load-error">
          {errorText(t, error)}
          {error.requestId && (
            <>
              <br />
              <small>{t('errors.requestId', { id: error.requestId })}</small>
            </>
          )}
        </span>
      }
      extra={[
        <Button key="home" type="primary" onClick={() => navigate(`/regions/${me.region.code}`)}>
          {t('region.myRegion')}
        </Button>,
        ...(status === 'error'
          ? [
              <Button key="retry" onClick={onRetry}>
                {t('common.retry')}
              </Button>,
            ]
          : []),
      ]}
    />
  );
}
