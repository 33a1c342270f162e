import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { cx } from '../../../ui/cx';
import type { Json } from '../api';
import { accept, completionContext, hasExpression, matching, type CompletionContext } from './expressions';

/** The answer of a preview: the value, or why the expression cannot be evaluated. */
export type PreviewResult = { ok: true; value: Json; fromRun: boolean } | { ok: false; message: string };

/** What an expression field needs from the editor: completions from the last run, and server-side preview. */
export interface ExpressionHelp {
  suggestions: readonly string[];
  preview: (text: string) => Promise<PreviewResult>;
}

export const PREVIEW_DELAY_MS = 400;

const shown = (value: Json) => (typeof value === 'string' ? value : JSON.stringify(value));

/**
 * A text field for `{{ }}` expressions: typing inside `{{` offers `$input` and `$node["Name"]` paths
 * (↑ ↓ to choose, Enter or Tab to insert, Escape to close), and a preview line under the field shows
 * what the server makes of it against the last run's data.
 */
export function ExpressionField({ id, value, multiline, onChange, disabled, describedBy, className, help }: {
  id: string;
  value: string;
  multiline: boolean;
  onChange: (text: string) => void;
  disabled?: boolean;
  describedBy?: string;
  className: string;
  help: ExpressionHelp;
}) {
  const listId = useId();
  const previewId = useId();
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [context, setContext] = useState<CompletionContext | null>(null);
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [preview, setPreview] = useState<PreviewResult | null>(null);
  const options = context ? matching(help.suggestions, context.partial) : [];
  const open = options.length > 0 && !disabled;

  const track = (text: string, position: number) => {
    setCaret(position);
    setContext(completionContext(text, position));
    setActive(0);
  };

  useEffect(() => {
    if (!hasExpression(value)) {
      setPreview(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      help.preview(value).then(
        (result) => current && setPreview(result),
        () => current && setPreview({ ok: false, message: 'The preview is not available.' }),
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [value, help]);

  const choose = (suggestion: string) => {
    if (!context) return;
    const next = accept(value, context, caret, suggestion);
    onChange(next.text);
    setContext(null);
    requestAnimationFrame(() => {
      field.current?.setSelectionRange(next.caret, next.caret);
      setCaret(next.caret);
    });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (!open) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + options.length) % options.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      const picked = options[active];
      if (picked) choose(picked);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setContext(null);
    }
  };

  const common = {
    id,
    ref: field,
    value,
    disabled,
    role: 'combobox',
    'aria-autocomplete': 'list' as const,
    'aria-expanded': open,
    'aria-controls': listId,
    'aria-activedescendant': open ? `${listId}-${active}` : undefined,
    'aria-describedby': [describedBy, preview ? previewId : undefined].filter(Boolean).join(' ') || undefined,
    className,
    spellCheck: false,
    onKeyDown,
    onBlur: () => setContext(null),
    onSelect: (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => setCaret(e.currentTarget.selectionStart ?? 0),
    onChange: (e: { target: HTMLInputElement | HTMLTextAreaElement }) => {
      onChange(e.target.value);
      track(e.target.value, e.target.selectionStart ?? e.target.value.length);
    },
  };

  return (
    <div className="relative">
      {multiline ? <textarea rows={4} {...common} /> : <input type="text" {...common} />}
      <ul id={listId} role="listbox" aria-label="Expression suggestions" hidden={!open}
        className="absolute z-20 mt-1 max-h-48 w-full overflow-y-auto rounded-md border border-zinc-200 bg-white py-1 font-mono text-xs shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
        {open &&
          options.map((option, i) => (
            <li
              key={option}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={cx('cursor-pointer px-2 py-1', i === active ? 'bg-indigo-100 text-indigo-900 dark:bg-indigo-900 dark:text-indigo-100' : 'text-zinc-700 dark:text-zinc-300')}
              // Keep the focus in the field: choose on mouse down, before the blur closes the list.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(option);
              }}
            >
              {option}
            </li>
          ))}
      </ul>
      {preview && (
        <p id={previewId} aria-live="polite" data-testid="expression-preview"
          className={cx('mt-1 truncate font-mono text-[11px]', preview.ok ? 'text-zinc-600 dark:text-zinc-400' : 'text-red-600 dark:text-red-400')}>
          {preview.ok ? `= ${shown(preview.value)}${preview.fromRun ? '' : ' (no run data yet)'}` : `⚠ ${preview.message}`}
        </p>
      )}
    </div>
  );
}
