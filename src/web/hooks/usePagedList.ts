import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api.ts';
import type { Page } from '../types.ts';

export interface PagedList<T> {
  items: T[];
  nextCursor: string | null;
  loading: boolean;
  error: ApiError | undefined;
  /** Appends the next page ("加载更多"). */
  loadMore(): void;
  /** Starts again from the first page. */
  reload(): void;
}

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, 'network_error', ''));

/**
 * A cursor-paginated list: the first page loads when `key` changes (filters), more on demand.
 *
 * @example
 * const list = usePagedList((cursor, signal) => call(usersApi.listUsers, { query: { ...filters, cursor } }, { signal }), JSON.stringify(filters));
 */
export function usePagedList<T>(fetchPage: (cursor: string | undefined, signal: AbortSignal) => Promise<Page<T>>, key: string): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError>();
  const [generation, setGeneration] = useState(0);
  const controllerRef = useRef<AbortController | null>(null);
  const fetchRef = useRef(fetchPage);
  useEffect(() => {
    fetchRef.current = fetchPage;
  });

  const run = useCallback((cursor: string | undefined) => {
    controllerRef.current?.abort();
    const controller = new AbortController();
    controllerRef.current = controller;
    setLoading(true);
    fetchRef
      .current(cursor, controller.signal)
      .then((page) => {
        if (controller.signal.aborted) return;
        setItems((previous) => (cursor ? [...previous, ...page.items] : page.items));
        setNextCursor(page.nextCursor);
        setError(undefined);
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        // A first page that fails must not leave the previous filter's rows on screen.
        if (!cursor) {
          setItems([]);
          setNextCursor(null);
        }
        setError(asApiError(e));
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
  }, []);

  useEffect(() => {
    run(undefined);
    return () => controllerRef.current?.abort();
  }, [key, generation, run]);

  const loadMore = useCallback(() => {
    if (nextCursor) run(nextCursor);
  }, [nextCursor, run]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { items, nextCursor, loading, error, loadMore, reload };
}
