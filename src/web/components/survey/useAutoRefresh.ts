import { useEffect } from 'react';

/**
 * Calls `reload` every `ms` while `enabled` and the tab is visible (a supervisor's dashboard
 * during fieldwork).
 *
 * @example
 * useAutoRefresh(progress.reload, wave.status === 'fieldwork', 20_000);
 */
export function useAutoRefresh(reload: () => void, enabled: boolean, ms: number) {
  useEffect(() => {
    if (!enabled) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') reload();
    }, ms);
    return () => clearInterval(timer);
  }, [reload, enabled, ms]);
}
