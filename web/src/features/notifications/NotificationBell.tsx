import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert } from '../../ui/Alert';
import { Button, Spinner, focusRing } from '../../ui/Button';
import { cx } from '../../ui/cx';
import { formatDateTime, timeAgo } from '../../ui/format';
import type { NotificationView } from './notificationsApi';
import { useNotifications, type NotificationsState } from './useNotifications';

function BellIcon() {
  return (
    <svg viewBox="0 0 20 20" fill="currentColor" className="size-5" aria-hidden="true">
      <path
        fillRule="evenodd"
        d="M10 2a6 6 0 0 0-6 6c0 1.887-.454 3.665-1.257 5.234a.75.75 0 0 0 .515 1.076 32.91 32.91 0 0 0 3.256.508 3.5 3.5 0 0 0 6.972 0 32.903 32.903 0 0 0 3.256-.508.75.75 0 0 0 .515-1.076A11.448 11.448 0 0 1 16 8a6 6 0 0 0-6-6ZM8.05 14.943a33.54 33.54 0 0 0 3.9 0 2 2 0 0 1-3.9 0Z"
        clipRule="evenodd"
      />
    </svg>
  );
}

function Item({ notification, onOpen, onRead }: { notification: NotificationView; onOpen: () => void; onRead: () => void }) {
  const unread = !notification.readAt;
  return (
    <li className="group relative flex items-start gap-2 px-4 py-3 hover:bg-zinc-50 dark:hover:bg-zinc-800/60">
      <span aria-hidden="true" className={cx('mt-1.5 size-2 shrink-0 rounded-full', unread ? 'bg-indigo-500' : 'bg-transparent')} />
      <button type="button" onClick={onOpen} className={cx('min-w-0 flex-1 rounded-sm text-left', focusRing)}>
        <span className={cx('block text-sm text-zinc-900 dark:text-zinc-100', unread && 'font-semibold')}>
          {notification.title}
          {unread && <span className="sr-only"> (unread)</span>}
        </span>
        <span className="mt-0.5 line-clamp-2 block text-xs text-zinc-600 dark:text-zinc-400">{notification.body}</span>
        <time dateTime={notification.createdAt} title={formatDateTime(notification.createdAt)} className="mt-1 block text-xs text-zinc-500">
          {timeAgo(notification.createdAt)}
        </time>
      </button>
      {unread && (
        <button
          type="button"
          onClick={onRead}
          aria-label={`Mark “${notification.title}” read`}
          title="Mark read"
          className={cx('grid size-7 shrink-0 place-items-center rounded-md text-zinc-500 hover:bg-zinc-200 hover:text-zinc-800 dark:hover:bg-zinc-700 dark:hover:text-zinc-100', focusRing)}
        >
          <svg viewBox="0 0 20 20" fill="currentColor" className="size-4" aria-hidden="true">
            <path fillRule="evenodd" d="M16.704 4.153a.75.75 0 0 1 .143 1.052l-8 10.5a.75.75 0 0 1-1.127.075l-4.5-4.5a.75.75 0 0 1 1.06-1.06l3.894 3.893 7.48-9.817a.75.75 0 0 1 1.05-.143Z" clipRule="evenodd" />
          </svg>
        </button>
      )}
    </li>
  );
}

function Panel({ id, state, onNavigate }: { id: string; state: NotificationsState; onNavigate: (link: string) => void }) {
  const { items, loading, problem, hasMore, unread } = state;
  return (
    <>
      <div className="flex items-center justify-between gap-3 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
        <h2 id={`${id}-title`} className="text-sm font-semibold text-zinc-900 dark:text-zinc-50">
          Notifications
        </h2>
        <Button size="sm" variant="ghost" disabled={!unread} onClick={() => void state.readAll()}>
          Mark all read
        </Button>
      </div>
      {problem && <Alert className="m-3">{problem.detail ?? problem.title}</Alert>}
      {items.length === 0 && loading && (
        <p className="flex items-center gap-2 px-4 py-6 text-sm text-zinc-500" role="status">
          <Spinner /> Loading…
        </p>
      )}
      {items.length === 0 && !loading && !problem && <p className="px-4 py-6 text-sm text-zinc-500 dark:text-zinc-400">Nothing yet. Deployment failures, fixes and rollbacks of your projects show up here.</p>}
      {items.length > 0 && (
        <ul className="max-h-96 divide-y divide-zinc-100 overflow-y-auto dark:divide-zinc-800" aria-labelledby={`${id}-title`}>
          {items.map((notification) => (
            <Item
              key={notification.id}
              notification={notification}
              onRead={() => void state.read(notification)}
              onOpen={() => {
                void state.read(notification);
                onNavigate(notification.link);
              }}
            />
          ))}
        </ul>
      )}
      {hasMore && (
        <div className="border-t border-zinc-200 p-2 text-center dark:border-zinc-800">
          <Button size="sm" variant="ghost" busy={loading} onClick={() => void state.loadMore()}>
            Show older
          </Button>
        </div>
      )}
    </>
  );
}

/**
 * The bell in the shell's header: the live unread count on a button that opens the list of
 * notifications. Escape or a click elsewhere closes the list and focus returns to the bell; opening
 * a notification marks it read and goes to its page.
 */
export function NotificationBell() {
  const state = useNotifications();
  const { load } = state;
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const id = useId();
  const navigate = useNavigate();
  const count = state.unread ?? 0;

  const close = useCallback((returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) button.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    void load();
    panel.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close(true);
    };
    const onPointer = (event: MouseEvent) => {
      const target = event.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) close(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onPointer);
    };
  }, [open, load, close]);

  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        aria-label={count > 0 ? `Notifications, ${count} unread` : 'Notifications'}
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        aria-haspopup="dialog"
        onClick={() => (open ? close(false) : setOpen(true))}
        className={cx('relative grid size-8 place-items-center rounded-md text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800', focusRing)}
      >
        <BellIcon />
        {count > 0 && (
          <span aria-hidden="true" className="absolute -top-0.5 -right-0.5 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] leading-4 font-semibold text-white">
            {count > 99 ? '99+' : count}
          </span>
        )}
      </button>
      {open && (
        <div
          ref={panel}
          id={id}
          role="dialog"
          aria-labelledby={`${id}-title`}
          tabIndex={-1}
          className="absolute right-0 z-40 mt-2 w-[min(24rem,calc(100vw-2rem))] overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xl outline-none dark:border-zinc-800 dark:bg-zinc-900"
        >
          <Panel
            id={id}
            state={state}
            onNavigate={(link) => {
              close(false);
              navigate(link);
            }}
          />
        </div>
      )}
    </div>
  );
}
