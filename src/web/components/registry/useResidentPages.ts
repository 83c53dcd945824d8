import { useEffect, useRef, useState } from 'react';
import type { TResidentPage } from '../../../shared/schemas/registry.ts';
import { registryApi } from '../../../shared/api/registry.ts';
import { ApiError, call } from '../../api.ts';
import type { ResidentFilter, TResidentListItem } from '../../types.ts';

export interface ResidentPages {
  items: TResidentListItem[];
  /** All matches of the filter; `exact` false means "more than count". Null until counted. */
  total: TResidentPage['total'];
  loading: boolean;
  error: ApiError | undefined;
}

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, 'network_error', ''));

/**
 * One page of the resident list by number, as Ant Design's Table pagination asks for it.
 * The server pages two ways: by cursor (keyset, as fast on page 1,000 as on page 2) and by
 * page number (an offset: the rows before it are read and skipped). Each answer's cursor is
 * kept as the way to the page after it, so stepping forward, or back to a page seen before,
 * goes by cursor; only a jump to a page not reached yet goes by number. The total is counted
 * once per filter (the count reads every match), not again for each page.
 *
 * @example
 * const list = useResidentPages({ q: 'zs' }, 3, 50);
 * list.total; // { count: 406, exact: true }
 */
export function useResidentPages(filter: ResidentFilter, page: number, pageSize: number): ResidentPages {
  const [items, setItems] = useState<TResidentListItem[]>([]);
  const [total, setTotal] = useState<TResidentPage['total']>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError>();
  const filterKey = JSON.stringify(filter);
  const listKey = `${filterKey}|${pageSize}`;
  /** The cursor that fetches each page, for the current filter and page size. */
  const cursors = useRef<{ key: string; byPage: Map<number, string> }>({ key: '', byPage: new Map() });
  /** The total of the current filter, once counted. */
  const counted = useRef<{ key: string; total: TResidentPage['total'] }>({ key: '', total: null });

  useEffect(() => {
    if (cursors.current.key !== listKey) cursors.current = { key: listKey, byPage: new Map() };
    if (counted.current.key !== filterKey) {
      counted.current = { key: filterKey, total: null };
      setTotal(null);
    }
    const byPage = cursors.current.byPage;
    const cursor = page > 1 ? byPage.get(page) : undefined;
    const query = {
      ...(JSON.parse(filterKey) as ResidentFilter),
      limit: pageSize,
      ...(cursor ? { cursor } : page > 1 ? { page } : {}),
      ...(counted.current.total ? {} : { count: 'true' as const }),
    };
    const controller = new AbortController();
    setLoading(true);
    call(registryApi.listResidents, { query }, { signal: controller.signal })
      .then((answer) => {
        if (controller.signal.aborted) return;
        if (answer.nextCursor) byPage.set(page + 1, answer.nextCursor);
        if (answer.total) {
          counted.current = { key: filterKey, total: answer.total };
          setTotal(answer.total);
        }
        setItems(answer.items);
        setError(undefined);
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        // A page that fails must not leave another filter's rows on screen.
        setItems([]);
        setError(asApiError(e));
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [filterKey, listKey, page, pageSize]);

  return { items, total, loading, error };
}
