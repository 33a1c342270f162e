import { useId } from 'react';
import { focusRing } from './Button';
import { cx } from './cx';

/**
 * An on/off switch (a button with role="switch"): Space and Enter toggle it. `label` is its
 * accessible name; `description`, when given, is read after it (why it is locked, for example).
 */
export function Switch({ label, checked, onChange, disabled = false, busy = false, description }: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  busy?: boolean;
  description?: string;
}) {
  const descriptionId = useId();
  return (
    <>
      <button
        type="button"
        role="switch"
        aria-checked={checked}
        aria-label={label}
        aria-describedby={description ? descriptionId : undefined}
        aria-busy={busy || undefined}
        disabled={disabled || busy}
        onClick={() => onChange(!checked)}
        className={cx(
          'relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors disabled:cursor-not-allowed disabled:opacity-60',
          checked ? 'bg-indigo-600 dark:bg-indigo-500' : 'bg-zinc-300 dark:bg-zinc-700',
          focusRing,
        )}
      >
        <span aria-hidden="true" className={cx('inline-block size-5 rounded-full bg-white shadow transition-transform', checked ? 'translate-x-5.5' : 'translate-x-0.5')} />
      </button>
      {description && (
        <span id={descriptionId} className="sr-only">
          {description}
        </span>
      )}
    </>
  );
}
