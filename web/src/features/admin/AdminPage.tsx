import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { useSession } from '../auth/useSession';

/**
 * An administration page: its title and what it is for, then its content, which is only mounted
 * (and so only loads anything) for admins; everyone else is sent to their projects.
 */
export function AdminPage({ title, description, children }: { title: string; description: ReactNode; children: ReactNode }) {
  const state = useSession();
  if (state.status !== 'authenticated') return null;
  if (state.user.role !== 'admin') return <Navigate to="/projects" replace />;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">{title}</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{description}</p>
      </div>
      {children}
    </div>
  );
}
