import { useEffect, useRef } from 'react';

/** How often a page looks again while something it shows is still changing. */
export const POLL_MILLIS = 3000;

/** How often a running build's log is looked at again. */
export const LIVE_LOG_MILLIS = 1000;

/**
 * Calls `refresh` every `millis` while `active`, never twice at once (a slow answer skips a
 * tick rather than piling requests up); stops when `active` turns false and on unmount.
 */
export function usePolling(active: boolean, refresh: () => Promise<unknown>, millis = POLL_MILLIS): void {
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;
  useEffect(() => {
    if (!active) return;
    let inFlight = false;
    const timer = setInterval(() => {
      if (inFlight) return;
      inFlight = true;
      refreshRef.current()
        .catch(() => undefined)
        .finally(() => {
          inFlight = false;
        });
    }, millis);
    return () => clearInterval(timer);
  }, [active, millis]);
}
