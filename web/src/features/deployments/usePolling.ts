import { useEffect, useRef } from 'react';

/** How often a page looks again while something it shows is still changing. */
export const POLL_MILLIS = 3000;

/**
 * Calls `refresh` every `POLL_MILLIS` while `active`, never twice at once (a slow answer skips a
 * tick rather than piling requests up); stops when `active` turns false and on unmount.
 */
export function usePolling(active: boolean, refresh: () => Promise<unknown>): void {
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
    }, POLL_MILLIS);
    return () => clearInterval(timer);
  }, [active]);
}
