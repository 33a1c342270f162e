import { useCallback, useEffect, useRef, useState } from 'react';
import type { Problem } from '../../api/client';
import { asProblem } from '../../api/problem';
import { followNotifications, listNotifications, markAllRead, markRead, type NotificationView } from './notificationsApi';

const PAGE = 20;
const MAX_RECONNECT_MS = 30_000;

/** Resolves after `ms`, or at once when `signal` aborts. */
const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });

export interface NotificationsState {
  /** Unread notifications, from the live stream; null until it has said. */
  unread: number | null;
  /** The newest notifications, once `load` has run; new ones arrive at the top as they happen. */
  items: NotificationView[];
  loading: boolean;
  hasMore: boolean;
  problem: Problem | null;
  load: () => Promise<void>;
  loadMore: () => Promise<void>;
  read: (notification: NotificationView) => Promise<void>;
  readAll: () => Promise<void>;
}

/**
 * The signed-in person's notifications: the unread count follows the server's live stream (opened
 * again, with a growing pause, whenever it ends or breaks; the stream starts with the current count,
 * so nothing is missed across a reconnect), the list is read when asked for.
 */
export function useNotifications(): NotificationsState {
  const [unread, setUnread] = useState<number | null>(null);
  const [items, setItems] = useState<NotificationView[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const loaded = useRef(false);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    void (async () => {
      for (let failures = 0; !signal.aborted; ) {
        try {
          await followNotifications((event) => {
            failures = 0;
            if (event.type === 'unread') setUnread(event.count);
            else if (loaded.current) setItems((list) => [event.notification, ...list.filter((n) => n.id !== event.notification.id)]);
          }, signal);
        } catch (error) {
          // Signed out: the session ends the shell, there is nothing to follow.
          if (signal.aborted || asProblem(error).status === 401) return;
          failures++;
        }
        await pause(Math.min(MAX_RECONNECT_MS, 1000 * 2 ** failures), signal);
      }
    })();
    return () => controller.abort();
  }, []);

  const fetchPage = useCallback(async (before: string | undefined) => {
    setLoading(true);
    setProblem(null);
    try {
      const page = await listNotifications({ limit: PAGE, ...(before ? { before } : {}) });
      loaded.current = true;
      setItems((list) => (before ? [...list, ...page.items] : page.items));
      setNext(page.nextBefore ?? null);
    } catch (error) {
      setProblem(asProblem(error));
    } finally {
      setLoading(false);
    }
  }, []);

  const load = useCallback(() => fetchPage(undefined), [fetchPage]);
  const loadMore = useCallback(async () => {
    if (next) await fetchPage(next);
  }, [fetchPage, next]);

  const read = useCallback(async (notification: NotificationView) => {
    if (notification.readAt) return;
    try {
      const updated = await markRead(notification.id);
      setItems((list) => list.map((n) => (n.id === updated.id ? updated : n)));
    } catch (error) {
      setProblem(asProblem(error));
    }
  }, []);

  const readAll = useCallback(async () => {
    try {
      setUnread(await markAllRead());
      const now = new Date().toISOString();
      setItems((list) => list.map((n) => (n.readAt ? n : { ...n, readAt: now })));
    } catch (error) {
      setProblem(asProblem(error));
    }
  }, []);

  return { unread, items, loading, hasMore: next !== null, problem, load, loadMore, read, readAll };
}
