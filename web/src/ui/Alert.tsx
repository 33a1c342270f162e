import type { ReactNode } from 'react';
import type { Problem } from '../api/client';
import { focusRing } from './Button';
import { cx } from './cx';

export function Alert({ children, tone = 'error', className }: { children: ReactNode; tone?: 'error' | 'info'; className?: string }) {
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={cx(
        'rounded-md border px-3 py-2 text-sm',
        tone === 'error'
          ? 'border-red-200 bg-red-50 text-red-800 dark:border-red-900/60 dark:bg-red-950/50 dark:text-red-200'
          : 'border-zinc-200 bg-zinc-50 text-zinc-700 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300',
        className,
      )}
    >
      {children}
    </div>
  );
}

/** A failed request's Problem, with a way to try again when `onRetry` is given. */
export function ProblemAlert({ problem, onRetry, className }: { problem: Problem; onRetry?: () => void; className?: string }) {
  return (
    <Alert className={className}>
      {problem.detail ?? problem.title}
      {onRetry && (
        <>
          {' '}
          <button type="button" onClick={onRetry} className={cx('font-medium underline', focusRing)}>
            Try again
          </button>
        </>
      )}
    </Alert>
  );
}
