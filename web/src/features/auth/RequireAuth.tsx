import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Spinner } from '../../ui/Button';
import { redirectTarget } from './redirect';
import { useSession } from './useSession';

export function FullPageLoading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="flex min-h-dvh items-center justify-center gap-3 text-sm text-zinc-500 dark:text-zinc-400" role="status">
      <Spinner />
      <span>{label}</span>
    </div>
  );
}

/** Renders children for signed-in users; sends everyone else to sign in and back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const state = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <FullPageLoading label="Restoring your session…" />;
  if (state.status === 'anonymous') {
    return <Navigate to="/signin" replace state={{ from: location.pathname + location.search }} />;
  }
  return <>{children}</>;
}

/** For /signin and /signup: signed-in users go straight to the app. */
export function AnonymousOnly({ children }: { children: ReactNode }) {
  const state = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <FullPageLoading label="Restoring your session…" />;
  if (state.status === 'authenticated') return <Navigate to={redirectTarget(location.state)} replace />;
  return <>{children}</>;
}
