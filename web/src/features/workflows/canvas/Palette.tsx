import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { cx } from '../../../ui/cx';
import type { NodeDescriptor } from '../api';
import type { Catalog } from '../model/catalog';
import { PALETTE_MIME } from './Canvas';
import { iconFor } from './nodeTypes';

const CATEGORY_LABEL: Record<string, string> = { trigger: 'Triggers', flow: 'Flow', data: 'Data', integration: 'Integrations', ai: 'AI' };
const labelOf = (category: string) => CATEGORY_LABEL[category] ?? category.charAt(0).toUpperCase() + category.slice(1);

/**
 * The node types from the catalog, grouped by category and searchable. Keyboard: type to filter,
 * arrow keys move through the list, Enter adds the highlighted type at the centre of the view.
 * With a mouse, drag a type onto the canvas.
 */
export function Palette({ catalog, onAdd, disabled }: { catalog: Catalog; onAdd: (descriptor: NodeDescriptor) => void; disabled: boolean }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const groups = useMemo(() => catalog.grouped(query), [catalog, query]);
  const flat = useMemo(() => groups.flatMap((g) => g.items), [groups]);
  const current = flat[Math.min(active, flat.length - 1)];
  const optionId = (d: NodeDescriptor) => `${listId}-${d.type}`;

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (flat.length === 0 ? 0 : (Math.min(i, flat.length - 1) + step + flat.length) % flat.length));
    } else if (event.key === 'Enter' && current && !disabled) {
      event.preventDefault();
      onAdd(current);
    }
  }

  return (
    <nav aria-label="Node palette" className="flex h-full min-h-0 flex-col">
      <div className="p-3">
        <label htmlFor={`${listId}-search`} className="mb-1 block text-xs font-medium text-zinc-600 dark:text-zinc-400">
          Add a node
        </label>
        <input
          id={`${listId}-search`}
          type="search"
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={current ? optionId(current) : undefined}
          placeholder="Search nodes…"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          data-palette-search
          className="block h-8 w-full rounded-md border border-zinc-300 bg-white px-2 text-sm focus:outline-2 focus:outline-indigo-500 dark:border-zinc-700 dark:bg-zinc-900"
        />
      </div>
      <div id={listId} role="listbox" aria-label="Node types" className="min-h-0 flex-1 overflow-y-auto px-2 pb-3">
        {groups.length === 0 && <p className="px-2 text-sm text-zinc-500">No node matches “{query}”.</p>}
        {groups.map((group) => (
          <div key={group.category} role="group" aria-label={labelOf(group.category)} className="mb-2">
            <p className="px-2 py-1 text-[11px] font-semibold tracking-wide text-zinc-500 uppercase">{labelOf(group.category)}</p>
            {group.items.map((descriptor) => (
              <div
                key={descriptor.type}
                id={optionId(descriptor)}
                role="option"
                aria-selected={descriptor === current}
                draggable={!disabled}
                onDragStart={(e) => {
                  e.dataTransfer.setData(PALETTE_MIME, descriptor.type ?? '');
                  e.dataTransfer.effectAllowed = 'copy';
                }}
                onDoubleClick={() => !disabled && onAdd(descriptor)}
                title={descriptor.description}
                className={cx(
                  'flex cursor-grab items-center gap-2 rounded-md px-2 py-1.5 text-sm select-none hover:bg-zinc-100 dark:hover:bg-zinc-800',
                  descriptor === current && 'bg-indigo-50 ring-1 ring-indigo-300 dark:bg-indigo-950 dark:ring-indigo-800',
                )}
              >
                <span aria-hidden="true" className="grid size-6 place-items-center rounded bg-zinc-100 text-xs dark:bg-zinc-800">
                  {iconFor(descriptor)}
                </span>
                <span className="truncate">{descriptor.displayName ?? descriptor.type}</span>
              </div>
            ))}
          </div>
        ))}
      </div>
    </nav>
  );
}
