import { useEffect, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import type { UserView } from '../../api/client';
import { session } from '../auth/session';
import { Badge } from '../../ui/Badge';
import { Button, focusRing } from '../../ui/Button';
import { cx } from '../../ui/cx';
import { NotificationBell } from '../notifications/NotificationBell';
import { Sidebar } from './Sidebar';
import { ThemeToggle } from './ThemeToggle';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase() || '?';
}

function UserMenu({ user }: { user: UserView }) {
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  async function signOut() {
    setBusy(true);
    await session.logout();
    navigate('/signin', { replace: true });
  }
  return (
    <div className="flex items-center gap-3" aria-label="Account" role="group">
      <div className="flex items-center gap-2.5">
        {user.avatarUrl ? (
          <img src={user.avatarUrl} alt="" className="size-8 rounded-full object-cover" />
        ) : (
          <span aria-hidden="true" className="grid size-8 place-items-center rounded-full bg-zinc-200 text-xs font-semibold text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
            {initials(user.name)}
          </span>
        )}
        <div className="hidden min-w-0 leading-tight sm:block">
          <p className="flex items-center gap-2 truncate text-sm font-medium text-zinc-900 dark:text-zinc-100">
            {user.name}
            {user.role === 'admin' && <Badge tone="indigo">Admin</Badge>}
          </p>
          <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">{user.email}</p>
        </div>
      </div>
      <Button variant="secondary" size="sm" onClick={signOut} busy={busy}>
        Sign out
      </Button>
    </div>
  );
}

export function AppShell({ user }: { user: UserView }) {
  const [drawerOpen, setDrawerOpen] = useState(false);
  const location = useLocation();
  // The workflow editor is a canvas, the chat a list beside a conversation: both take the whole
  // width and height below the header.
  const editor = /^\/(workflows|executions)\/[^/]+/.test(location.pathname) || /^\/chat(\/|$)/.test(location.pathname);
  useEffect(() => setDrawerOpen(false), [location.pathname]);
  useEffect(() => {
    if (!drawerOpen) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setDrawerOpen(false);
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [drawerOpen]);

  return (
    <div className="flex min-h-dvh">
      <a href="#main" className={cx('sr-only rounded-md bg-white px-3 py-2 text-sm focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 dark:bg-zinc-900', focusRing)}>
        Skip to content
      </a>
      <aside className="hidden w-60 shrink-0 border-r border-zinc-200 bg-zinc-100/60 md:block dark:border-zinc-800 dark:bg-zinc-900/40">
        <div className="sticky top-0 h-dvh">
          <Sidebar role={user.role} />
        </div>
      </aside>
      {drawerOpen && (
        <div className="fixed inset-0 z-40 md:hidden">
          <div className="absolute inset-0 bg-zinc-950/40" aria-hidden="true" onClick={() => setDrawerOpen(false)} />
          <aside id="mobile-nav" className="absolute inset-y-0 left-0 w-64 border-r border-zinc-200 bg-white shadow-xl dark:border-zinc-800 dark:bg-zinc-900">
            <Sidebar role={user.role} onNavigate={() => setDrawerOpen(false)} />
          </aside>
        </div>
      )}
      <div className={cx('flex min-w-0 flex-1 flex-col', editor && 'h-dvh')}>
        <header className="sticky top-0 z-30 flex h-14 items-center justify-between gap-3 border-b border-zinc-200 bg-white/80 px-4 backdrop-blur sm:px-6 dark:border-zinc-800 dark:bg-zinc-950/80">
          <button
            type="button"
            className={cx('grid size-8 place-items-center rounded-md text-zinc-600 hover:bg-zinc-100 md:hidden dark:text-zinc-400 dark:hover:bg-zinc-800', focusRing)}
            aria-label="Open navigation"
            aria-expanded={drawerOpen}
            aria-controls="mobile-nav"
            onClick={() => setDrawerOpen(true)}
          >
            <svg viewBox="0 0 20 20" fill="currentColor" className="size-5" aria-hidden="true">
              <path fillRule="evenodd" d="M2 4.75A.75.75 0 0 1 2.75 4h14.5a.75.75 0 0 1 0 1.5H2.75A.75.75 0 0 1 2 4.75ZM2 10a.75.75 0 0 1 .75-.75h14.5a.75.75 0 0 1 0 1.5H2.75A.75.75 0 0 1 2 10Zm0 5.25a.75.75 0 0 1 .75-.75h14.5a.75.75 0 0 1 0 1.5H2.75a.75.75 0 0 1-.75-.75Z" clipRule="evenodd" />
            </svg>
          </button>
          <div className="flex-1" />
          <div className="flex items-center gap-2">
            <NotificationBell />
            <ThemeToggle />
            <UserMenu user={user} />
          </div>
        </header>
        <main id="main" className={editor ? 'flex min-h-0 w-full flex-1 flex-col' : 'mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6'}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
