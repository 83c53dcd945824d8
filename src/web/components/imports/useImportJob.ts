import { useEffect, useState } from 'react';
import { importsApi } from '../../../shared/api/imports.ts';
import { ApiError, call } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { TImportJob } from '../../types.ts';

const POLL_MS = 1000;
const RETRY_MS = 3000;

/**
 * An import job, asked for again every second while it runs (GET /api/imports/:id). A lost
 * connection is retried; a job that is not there (404) stops the polling.
 *
 * @example
 * const { job, error } = useImportJob(jobId);
 */
export function useImportJob(id: string | null): { job: TImportJob | undefined; error: ApiError | undefined } {
  const { locale } = useI18n();
  const [job, setJob] = useState<TImportJob>();
  const [error, setError] = useState<ApiError>();

  useEffect(() => {
    if (!id) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const next = await call(importsApi.getImportJob, { params: { id } }, { signal: controller.signal });
        setJob(next);
        setError(undefined);
        if (next.status === 'running') timer = setTimeout(() => void tick(), POLL_MS);
      } catch (e) {
        if (controller.signal.aborted) return;
        const failure = e instanceof ApiError ? e : new ApiError(0, 'network_error', '');
        setError(failure);
        if (failure.status === 0 || failure.status >= 500) timer = setTimeout(() => void tick(), RETRY_MS);
      }
    };
    void tick();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [id, locale]);

  return { job: job?.id === id ? job : undefined, error };
}
