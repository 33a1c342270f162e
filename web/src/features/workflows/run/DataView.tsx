import { useState } from 'react';
import { cx } from '../../../ui/cx';
import { isJsonObject, type Json } from '../api';

const scalarClass = (value: Json) =>
  typeof value === 'string' ? 'text-emerald-700 dark:text-emerald-400' : typeof value === 'number' ? 'text-amber-700 dark:text-amber-400' : 'text-fuchsia-700 dark:text-fuchsia-400';

/** A collapsible JSON tree (native details/summary: keyboard operable as it is). */
export function JsonTree({ value, name, depth = 0 }: { value: Json; name?: string; depth?: number }) {
  const label = name !== undefined ? <span className="text-sky-800 dark:text-sky-300">{name}: </span> : null;
  if (value === null || typeof value !== 'object') {
    return (
      <div className="font-mono text-xs leading-5">
        {label}
        <span className={scalarClass(value)}>{JSON.stringify(value)}</span>
      </div>
    );
  }
  const entries: Array<[string, Json]> = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  const summary = Array.isArray(value) ? `[${value.length}]` : `{${entries.length}}`;
  return (
    <details open={depth < 2} className="font-mono text-xs leading-5">
      <summary className="cursor-pointer rounded-sm focus-visible:outline-2 focus-visible:outline-indigo-500">
        {label}
        <span className="text-zinc-500">{summary}</span>
      </summary>
      <div className="ml-4 border-l border-zinc-200 pl-2 dark:border-zinc-800">
        {entries.map(([key, child]) => (
          <JsonTree key={key} name={key} value={child} depth={depth + 1} />
        ))}
      </div>
    </details>
  );
}

/** Rows and columns of a value: an array of objects becomes a table, an object one row. */
export function tableOf(value: Json): { columns: string[]; rows: Json[][] } | null {
  const items = Array.isArray(value) ? value : isJsonObject(value) ? [value] : null;
  if (!items || items.length === 0 || !items.every(isJsonObject)) return null;
  const columns = [...new Set(items.flatMap((item) => Object.keys(item as Record<string, Json>)))];
  return { columns, rows: items.map((item) => columns.map((c) => (item as Record<string, Json>)[c] ?? null)) };
}

const cell = (value: Json) => (typeof value === 'string' ? value : JSON.stringify(value));

/** A value shown as a JSON tree or as a table, the reader's choice. */
export function DataView({ value, label }: { value: Json | undefined; label: string }) {
  const [mode, setMode] = useState<'tree' | 'table'>('tree');
  if (value === undefined) return <p className="text-xs text-zinc-500">No {label.toLowerCase()}.</p>;
  const table = tableOf(value);
  return (
    <div role="group" aria-label={label} className="space-y-1">
      <div className="flex items-center justify-between">
        <p className="text-xs font-semibold text-zinc-700 dark:text-zinc-300">{label}</p>
        <div className="flex gap-1 text-[11px]" role="radiogroup" aria-label={`${label} view`}>
          {(['tree', 'table'] as const).map((m) => (
            <button
              key={m}
              type="button"
              role="radio"
              aria-checked={mode === m}
              disabled={m === 'table' && !table}
              onClick={() => setMode(m)}
              className={cx('rounded px-1.5 py-0.5 focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:opacity-40', mode === m ? 'bg-indigo-100 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-300' : 'text-zinc-500')}
            >
              {m === 'tree' ? 'JSON' : 'Table'}
            </button>
          ))}
        </div>
      </div>
      <div className="max-h-64 overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-2 dark:border-zinc-800 dark:bg-zinc-950">
        {mode === 'table' && table ? (
          <table className="w-full text-left text-xs">
            <thead>
              <tr>
                {table.columns.map((c) => (
                  <th key={c} className="border-b border-zinc-200 px-1.5 py-1 font-semibold dark:border-zinc-800">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((v, j) => (
                    <td key={j} className="border-b border-zinc-100 px-1.5 py-1 font-mono dark:border-zinc-900">
                      {cell(v)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <JsonTree value={value} />
        )}
      </div>
    </div>
  );
}
