import { useEffect } from 'react';
import { useI18n } from '../i18n/index.tsx';

/** Sets the browser tab's title: "<page> · 连心". */
export function useTitle(page: string | undefined) {
  const { t } = useI18n();
  const app = t('app.name');
  useEffect(() => {
    document.title = page ? `${page} · ${app}` : t('app.fullName');
  }, [page, app, t]);
}
