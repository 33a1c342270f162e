import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { cx } from './cx';

const control =
  'block w-full rounded-md border bg-white px-3 text-sm text-zinc-900 shadow-sm placeholder:text-zinc-400 ' +
  'focus:outline-2 focus:outline-offset-0 focus:outline-indigo-500 disabled:cursor-not-allowed disabled:bg-zinc-100 disabled:text-zinc-500 ' +
  'dark:bg-zinc-900 dark:text-zinc-100 dark:disabled:bg-zinc-800/60 dark:disabled:text-zinc-400';

const border = (invalid: boolean) =>
  invalid ? 'border-red-500 dark:border-red-500' : 'border-zinc-300 dark:border-zinc-700';

interface FieldShellProps {
  id: string;
  label: string;
  error?: string;
  hint?: ReactNode;
  children: ReactNode;
  className?: string;
}

/** A field's hint, or its error instead: what `describedBy` points at. */
function FieldNotes({ id, error, hint }: { id: string; error?: string; hint?: ReactNode }) {
  if (error) {
    return (
      <p id={`${id}-error`} className="text-xs font-medium text-red-600 dark:text-red-400">
        {error}
      </p>
    );
  }
  return hint ? (
    <p id={`${id}-hint`} className="text-xs text-zinc-500 dark:text-zinc-400">
      {hint}
    </p>
  ) : null;
}

function FieldShell({ id, label, error, hint, children, className }: FieldShellProps) {
  return (
    <div className={cx('space-y-1.5', className)}>
      <label htmlFor={id} className="block text-sm font-medium text-zinc-700 dark:text-zinc-300">
        {label}
      </label>
      {children}
      <FieldNotes id={id} error={error} hint={hint} />
    </div>
  );
}

function describedBy(id: string, error?: string, hint?: ReactNode): string | undefined {
  if (error) return `${id}-error`;
  if (hint) return `${id}-hint`;
  return undefined;
}

type Common = { label: string; error?: string; hint?: ReactNode; containerClassName?: string };

export function TextField({ label, error, hint, containerClassName, className, id: givenId, ...rest }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const autoId = useId();
  const id = givenId ?? autoId;
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} className={containerClassName}>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        className={cx(control, 'h-9', border(Boolean(error)), className)}
        {...rest}
      />
    </FieldShell>
  );
}

export function TextAreaField({ label, error, hint, containerClassName, className, id: givenId, ...rest }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const autoId = useId();
  const id = givenId ?? autoId;
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} className={containerClassName}>
      <textarea
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        className={cx(control, 'min-h-20 py-2', border(Boolean(error)), className)}
        {...rest}
      />
    </FieldShell>
  );
}

export interface Option<T extends string> {
  value: T;
  label: string;
}

export function SelectField<T extends string>({
  label,
  error,
  hint,
  containerClassName,
  className,
  id: givenId,
  options,
  ...rest
}: Common & SelectHTMLAttributes<HTMLSelectElement> & { options: ReadonlyArray<Option<T>> }) {
  const autoId = useId();
  const id = givenId ?? autoId;
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} className={containerClassName}>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        className={cx(control, 'h-9 pr-8', border(Boolean(error)), className)}
        {...rest}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/**
 * A set of checkboxes under one legend (a fieldset, so the legend names the group for screen
 * readers); `selected` keeps the order of `options`.
 */
export function CheckboxGroup({ legend, options, selected, onChange, error, hint, disabled, className }: {
  legend: string;
  options: ReadonlyArray<Option<string> & { description?: string }>;
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  error?: string;
  hint?: ReactNode;
  disabled?: boolean;
  className?: string;
}) {
  const id = useId();
  const toggle = (value: string, on: boolean) =>
    onChange(options.map((o) => o.value).filter((v) => (v === value ? on : selected.includes(v))));
  return (
    <fieldset className={cx('space-y-1.5', className)} aria-describedby={describedBy(id, error, hint)} aria-invalid={error ? true : undefined}>
      <legend className="text-sm font-medium text-zinc-700 dark:text-zinc-300">{legend}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1.5 pt-1">
        {options.map((o) => (
          <label key={o.value} className="inline-flex items-center gap-2 text-sm text-zinc-800 dark:text-zinc-200" title={o.description}>
            <input
              type="checkbox"
              className="size-4 rounded border-zinc-300 accent-indigo-600 dark:border-zinc-700"
              checked={selected.includes(o.value)}
              disabled={disabled}
              onChange={(e) => toggle(o.value, e.target.checked)}
            />
            {o.label}
          </label>
        ))}
      </div>
      <FieldNotes id={id} error={error} hint={hint} />
    </fieldset>
  );
}
