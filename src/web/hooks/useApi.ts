import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): void;
}

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, 'network_error', ''));

/**
 * Loads data when `deps` change (and when the language changes, so that server messages follow
 * it). A newer load cancels an older one.
 *
 * @example
 * const { data, error, loading, reload } = useApi((signal) => call(regionsApi.listChildren, { params: { code } }, { signal }), [code]);
 */
export function useApi<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const { locale } = useI18n();
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);

  // `load` is a new closure on every render: `deps` (plus the language) say when to load again.
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    load(controller.signal)
      .then((value) => {
        if (controller.signal.aborted) return;
        setData(value);
        setError(undefined);
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setData(undefined);
        setError(asApiError(e));
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [...deps, locale, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, error, loading, reload };
}
