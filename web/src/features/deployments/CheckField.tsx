import { useId, type ReactNode } from 'react';

/** A checkbox with its label beside it and an optional hint under it (read as its description). */
export function CheckField({ label, hint, checked, onChange, disabled, error }: {
  label: string;
  hint?: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  error?: string;
}) {
  const id = useId();
  const noteId = `${id}-note`;
  const note = error ?? hint;
  return (
    <div className="flex items-start gap-2.5">
      <input
        id={id}
        type="checkbox"
        className="mt-0.5 size-4 shrink-0 rounded border-zinc-300 accent-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 dark:border-zinc-700"
        checked={checked}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={note ? noteId : undefined}
        onChange={(e) => onChange(e.target.checked)}
      />
      <div className="min-w-0">
        <label htmlFor={id} className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
          {label}
        </label>
        {note && (
          <p id={noteId} className={error ? 'text-xs font-medium text-red-600 dark:text-red-400' : 'text-xs text-zinc-500 dark:text-zinc-400'}>
            {note}
          </p>
        )}
      </div>
    </div>
  );
}
