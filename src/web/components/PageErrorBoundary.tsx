import { Button, Result } from 'antd';
import { Component, type ReactNode } from 'react';
import { useI18n } from '../i18n/index.tsx';

interface Props {
  children: ReactNode;
}

/**
 * Catches what a page throws while rendering, or a page's code that cannot be loaded (the server
 * was updated since this tab opened and the old chunk is gone): the shell and its menu stay, the
 * page says so and offers a reload. Keyed by the path where it is used, so moving on clears it.
 * React needs a class for this; there is nothing else to it.
 */
export class PageErrorBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    return this.state.error ? <PageFailed error={this.state.error} /> : this.props.children;
  }
}

function PageFailed({ error }: { error: Error }) {
  const { t } = useI18n();
  // A chunk that fails to load is a TypeError from import() ("Failed to fetch dynamically imported module").
  const stale = /dynamically imported module|Importing a module script failed/i.test(error.message);
  return (
    <Result
      status="error"
      title={t('errors.pageTitle')}
      subTitle={t(stale ? 'errors.pageStale' : 'errors.pageBroken')}
      data-testid="page-error"
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('errors.reload')}
        </Button>
      }
    />
  );
}
