import type { ReactNode } from 'react';
import { Wordmark } from '../shell/Wordmark';
import { ThemeToggle } from '../shell/ThemeToggle';

export function AuthLayout({ title, subtitle, children, footer }: { title: string; subtitle: string; children: ReactNode; footer: ReactNode }) {
  return (
    <div className="relative flex min-h-dvh flex-col items-center justify-center px-4 py-12">
      <div className="absolute top-4 right-4">
        <ThemeToggle />
      </div>
      <div className="w-full max-w-sm">
        <div className="mb-8 flex justify-center">
          <Wordmark className="text-zinc-900 dark:text-zinc-50" />
        </div>
        <main className="rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
          <h1 className="text-lg font-semibold text-zinc-900 dark:text-zinc-50">{title}</h1>
          <p className="mt-1 mb-5 text-sm text-zinc-600 dark:text-zinc-400">{subtitle}</p>
          {children}
        </main>
        <p className="mt-6 text-center text-sm text-zinc-600 dark:text-zinc-400">{footer}</p>
      </div>
    </div>
  );
}

export const linkClass =
  'font-medium text-indigo-600 hover:text-indigo-500 rounded-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 dark:text-indigo-400';
