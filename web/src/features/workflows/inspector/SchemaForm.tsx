import { useId, useState, type ReactNode } from 'react';
import { cx } from '../../../ui/cx';
import type { Json, JsonObject } from '../api';
import { ExpressionField, type ExpressionHelp } from './ExpressionField';
import { TOKEN_CLASS, highlight } from './highlight';
import { fieldsOf, parseJsonField, type FieldSpec } from './schemaFields';

const control =
  'block w-full rounded-md border border-zinc-300 bg-white px-2.5 text-sm text-zinc-900 shadow-sm focus:outline-2 focus:outline-offset-0 focus:outline-indigo-500 ' +
  'disabled:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:disabled:bg-zinc-800';

function Field({ id, spec, error, children }: { id: string; spec: FieldSpec; error?: string; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-zinc-700 dark:text-zinc-300">
        {spec.title}
        {spec.required && <span className="text-red-600"> *</span>}
      </label>
      {children}
      {spec.description && !error && (
        <p id={`${id}-hint`} className="text-[11px] text-zinc-500">
          {spec.description}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="text-[11px] font-medium text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}


/**
 * A monospace editor with light syntax colouring: a transparent textarea over a highlighted copy
 * of its text (the same font and padding, so they line up). No Monaco: small and accessible.
 */
export function CodeEditor({ id, value, language, onChange, describedBy, disabled, invalid }: {
  id: string;
  value: string;
  language: string;
  onChange: (text: string) => void;
  describedBy?: string;
  disabled?: boolean;
  invalid?: boolean;
}) {
  const [scroll, setScroll] = useState({ top: 0, left: 0 });
  const shared = 'm-0 min-h-24 w-full overflow-auto whitespace-pre-wrap break-words px-2.5 py-2 font-mono text-xs leading-5';
  return (
    <div className={cx('relative rounded-md border bg-white dark:bg-zinc-950', invalid ? 'border-red-500' : 'border-zinc-300 dark:border-zinc-700')}>
      <pre aria-hidden="true" className={cx(shared, 'pointer-events-none absolute inset-0 text-zinc-800 dark:text-zinc-200')} style={{ transform: `translate(${-scroll.left}px, ${-scroll.top}px)` }}>
        {highlight(value, language).map((token, i) => (
          <span key={i} className={TOKEN_CLASS[token.kind]}>
            {token.text}
          </span>
        ))}
        {'\n'}
      </pre>
      <textarea
        id={id}
        value={value}
        spellCheck={false}
        disabled={disabled}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        data-language={language}
        onChange={(e) => onChange(e.target.value)}
        onScroll={(e) => setScroll({ top: e.currentTarget.scrollTop, left: e.currentTarget.scrollLeft })}
        className={cx(shared, 'relative block resize-y rounded-md bg-transparent text-transparent caret-zinc-900 focus:outline-2 focus:outline-indigo-500 dark:caret-zinc-100')}
        rows={Math.min(12, Math.max(4, value.split('\n').length + 1))}
      />
    </div>
  );
}

const display = (value: Json | undefined) => (value === undefined ? '' : JSON.stringify(value, null, 2));

/** A JSON value as text; the text is kept while it does not parse, with the parser's error shown. */
export function JsonEditor({ id, spec, value, onChange, disabled }: { id: string; spec: FieldSpec; value: Json | undefined; onChange: (value: Json | undefined) => void; disabled?: boolean }) {
  const [text, setText] = useState(() => display(value));
  const [error, setError] = useState<string | undefined>();
  return (
    <Field id={id} spec={spec} error={error}>
      <CodeEditor
        id={id}
        value={text}
        language="json"
        disabled={disabled}
        invalid={Boolean(error)}
        describedBy={error ? `${id}-error` : spec.description ? `${id}-hint` : undefined}
        onChange={(next) => {
          setText(next);
          const parsed = parseJsonField(next);
          if (parsed.ok) {
            setError(undefined);
            onChange(parsed.value);
          } else {
            setError(parsed.error);
          }
        }}
      />
    </Field>
  );
}

function ParameterField({ spec, value, onChange, disabled, help }: { spec: FieldSpec; value: Json | undefined; onChange: (value: Json | undefined) => void; disabled?: boolean; help?: ExpressionHelp }) {
  const id = useId();
  const shown = value ?? spec.defaultValue;
  const describedBy = spec.description ? `${id}-hint` : undefined;
  const field = spec.field;
  switch (field.kind) {
    case 'select':
      return (
        <Field id={id} spec={spec}>
          <select
            id={id}
            className={cx(control, 'h-8')}
            aria-describedby={describedBy}
            disabled={disabled}
            value={shown === undefined ? '' : JSON.stringify(shown)}
            onChange={(e) => onChange(e.target.value === '' ? undefined : (JSON.parse(e.target.value) as Json))}
          >
            {shown === undefined && <option value="">—</option>}
            {field.options.map((option) => (
              <option key={JSON.stringify(option)} value={JSON.stringify(option)}>
                {typeof option === 'string' ? option : JSON.stringify(option)}
              </option>
            ))}
          </select>
        </Field>
      );
    case 'boolean':
      return (
        <div className="flex items-start gap-2">
          <input id={id} type="checkbox" className="mt-0.5 size-4 rounded accent-indigo-600" disabled={disabled} checked={shown === true} aria-describedby={describedBy} onChange={(e) => onChange(e.target.checked)} />
          <div>
            <label htmlFor={id} className="text-xs font-medium text-zinc-700 dark:text-zinc-300">
              {spec.title}
            </label>
            {spec.description && (
              <p id={`${id}-hint`} className="text-[11px] text-zinc-500">
                {spec.description}
              </p>
            )}
          </div>
        </div>
      );
    case 'number':
      return (
        <Field id={id} spec={spec}>
          <input
            id={id}
            type="number"
            className={cx(control, 'h-8')}
            aria-describedby={describedBy}
            disabled={disabled}
            step={field.integer ? 1 : 'any'}
            min={field.minimum}
            max={field.maximum}
            value={typeof shown === 'number' ? shown : ''}
            onChange={(e) => {
              if (e.target.value === '') return onChange(undefined);
              const number = field.integer ? Number.parseInt(e.target.value, 10) : Number(e.target.value);
              if (!Number.isNaN(number)) onChange(number);
            }}
          />
        </Field>
      );
    case 'code':
      return (
        <Field id={id} spec={spec}>
          <CodeEditor id={id} value={typeof shown === 'string' ? shown : ''} language={field.language} disabled={disabled} describedBy={describedBy} onChange={(text) => onChange(text === '' ? undefined : text)} />
        </Field>
      );
    case 'text':
      if (help && field.expression) {
        return (
          <Field id={id} spec={spec}>
            <ExpressionField id={id} multiline help={help} className={cx(control, 'py-1.5')} disabled={disabled} describedBy={describedBy}
              value={typeof shown === 'string' ? shown : ''} onChange={(text) => onChange(text === '' ? undefined : text)} />
          </Field>
        );
      }
      return (
        <Field id={id} spec={spec}>
          <textarea id={id} rows={4} className={cx(control, 'py-1.5')} disabled={disabled} aria-describedby={describedBy} value={typeof shown === 'string' ? shown : ''} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)} />
        </Field>
      );
    case 'string':
      if (help && field.expression) {
        return (
          <Field id={id} spec={spec}>
            <ExpressionField id={id} multiline={false} help={help} className={cx(control, 'h-8')} disabled={disabled} describedBy={describedBy}
              value={typeof shown === 'string' ? shown : shown === undefined ? '' : JSON.stringify(shown)}
              onChange={(text) => onChange(text === '' ? undefined : text)} />
          </Field>
        );
      }
      return (
        <Field id={id} spec={spec}>
          <input
            id={id}
            type="text"
            className={cx(control, 'h-8')}
            aria-describedby={describedBy}
            disabled={disabled}
            inputMode={field.format === 'uri' ? 'url' : undefined}
            value={typeof shown === 'string' ? shown : shown === undefined ? '' : JSON.stringify(shown)}
            onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
          />
        </Field>
      );
    case 'json':
      return <JsonEditor id={id} spec={spec} value={shown} onChange={onChange} disabled={disabled} />;
  }
}

/** The node's parameters as a form generated from the type's JSON Schema; empty fields fall back to the catalog defaults. */
export function SchemaForm({ schema, values, onChange, disabled, help }: {
  schema: Record<string, unknown> | undefined;
  values: JsonObject;
  onChange: (key: string, value: Json | undefined) => void;
  disabled?: boolean;
  /** Autocompletion and live preview for expression fields; plain text fields without it. */
  help?: ExpressionHelp;
}) {
  const fields = fieldsOf(schema);
  if (fields.length === 0) return <p className="text-xs text-zinc-500">This node has no parameters.</p>;
  return (
    <div className="space-y-3">
      {fields.map((spec) => (
        <ParameterField key={spec.key} spec={spec} value={values[spec.key]} onChange={(value) => onChange(spec.key, value)} disabled={disabled} help={help} />
      ))}
    </div>
  );
}
