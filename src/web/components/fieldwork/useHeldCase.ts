import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { fieldworkApi } from '../../../shared/api/fieldwork.ts';
import type { TFieldworkCase } from '../../../shared/schemas/survey-fieldwork.ts';
import { ApiError, call } from '../../api.ts';

/** Any failure as an ApiError (a network failure has no problem body). @example asApiError(new TypeError('Failed to fetch')).code; // 'network_error' */
export const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError(0, 'network_error', ''));

/**
 * The case in the interviewer's hand, kept in the URL (?case=ID) so that a reload or a reconnect
 * comes back to it: `show` takes a case from the server, `letGo` drops it, `loadCase` fetches it
 * again (its interview as saved). `version` changes whenever the case comes (again) from the
 * server, so the workspace keyed by it starts afresh.
 *
 * @example
 * const { held, show, letGo } = useHeldCase(setProblem);
 * if (answer.case) show(answer.case);
 */
export function useHeldCase(onLoadError: (error: ApiError) => void) {
  const [params, setParams] = useSearchParams();
  const caseParam = params.get('case');
  const [held, setHeld] = useState<{ case: TFieldworkCase; version: number } | null>(null);
  const [loadingCase, setLoadingCase] = useState(false);
  const versions = useRef(0);

  const show = useCallback(
    (c: TFieldworkCase) => {
      setHeld({ case: c, version: ++versions.current });
      setParams({ case: c.id }, { replace: true });
    },
    [setParams],
  );

  const letGo = useCallback(() => {
    setHeld(null);
    setParams({}, { replace: true });
  }, [setParams]);

  const loadCase = useCallback(
    async (id: string) => {
      setLoadingCase(true);
      try {
        show(await call(fieldworkApi.getCase, { params: { id } }));
        return true;
      } catch (e) {
        onLoadError(asApiError(e));
        letGo();
        return false;
      } finally {
        setLoadingCase(false);
      }
    },
    [show, letGo, onLoadError],
  );

  // A reload (or a link) with ?case=ID: the case comes back from the server with its interview.
  useEffect(() => {
    if (caseParam && held?.case.id !== caseParam) void loadCase(caseParam);
    else if (!caseParam && held) setParams({ case: held.case.id }, { replace: true });
    // Only the address decides; `held` follows from it.
  }, [caseParam]);

  return { held, loadingCase, show, letGo, loadCase };
}
