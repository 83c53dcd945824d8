import { Alert, Button, Typography } from 'antd';
import type { ApiError } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { errorText } from './errors.ts';

/** Under a cursor-paginated table: how many are shown, and "加载更多" while there is a next page. */
export function LoadMore({ count, hasMore, loading, error, onLoadMore }: { count: number; hasMore: boolean; loading: boolean; error: ApiError | undefined; onLoadMore(): void }) {
  const { t } = useI18n();
  return (
    <div style={{ padding: '12px 16px', display: 'flex', flexDirection: 'column', alignItems: 'center', gap: 8 }}>
      {error && (
        <Alert
          type="error"
          showIcon
          title={errorText(t, error)}
          // A filter the server refused says which and why (e.g. "q: at least the last 4 digits").
          description={error.issues.length ? error.issues.map((i) => i.message).join('；') : undefined}
          style={{ alignSelf: 'stretch' }}
          data-testid="list-error"
        />
      )}
      {hasMore ? (
        <Button onClick={onLoadMore} loading={loading} data-testid="load-more">
          {t('common.loadMore')}
        </Button>
      ) : (
        count > 0 && <Typography.Text type="secondary">{t('common.noMore')}</Typography.Text>
      )}
      {count > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('common.shown', { count })}
        </Typography.Text>
      )}
    </div>
  );
}
