import { useId } from 'react';
import { NavLink } from 'react-router';
import type { UserRole } from '../../api/client';
import { Badge } from '../../ui/Badge';
import { focusRing } from '../../ui/Button';
import { cx } from '../../ui/cx';
import { ADMIN_ITEMS, NAV_ITEMS, type NavItem } from './navigation';
import { Wordmark } from './Wordmark';

const itemBase = 'flex items-center justify-between gap-2 rounded-md px-2.5 py-1.5 text-sm';

function AvailableItem({ item, onNavigate }: { item: NavItem; onNavigate?: () => void }) {
  return (
    <NavLink
      to={item.to}
      onClick={onNavigate}
      className={({ isActive }) =>
        cx(
          itemBase,
          focusRing,
          isActive
            ? 'bg-zinc-200/70 font-medium text-zinc-900 dark:bg-zinc-800 dark:text-zinc-50'
            : 'text-zinc-600 hover:bg-zinc-200/50 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800/60 dark:hover:text-zinc-100',
        )
      }
    >
      {item.label}
    </NavLink>
  );
}

/** A roadmap item: visible, focusable (so the explanation is reachable), but not a working link. */
function UnavailableItem({ item }: { item: NavItem }) {
  const noteId = useId();
  return (
    <span
      role="link"
      aria-disabled="true"
      tabIndex={0}
      title={item.note}
      aria-describedby={noteId}
      className={cx(itemBase, focusRing, 'cursor-not-allowed text-zinc-400 dark:text-zinc-500')}
    >
      <span>{item.label}</span>
      <Badge className="text-[10px]">Soon</Badge>
      <span id={noteId} className="sr-only">
        {item.note}
      </span>
    </span>
  );
}

export function Sidebar({ role, onNavigate }: { role: UserRole; onNavigate?: () => void }) {
  return (
    <div className="flex h-full flex-col gap-6 px-3 py-4">
      <div className="px-2">
        <Wordmark className="text-zinc-900 dark:text-zinc-50" />
      </div>
      <nav aria-label="Main" className="flex flex-1 flex-col gap-6">
        <ul className="space-y-0.5">
          {NAV_ITEMS.map((item) => (
            <li key={item.to}>{item.available ? <AvailableItem item={item} onNavigate={onNavigate} /> : <UnavailableItem item={item} />}</li>
          ))}
        </ul>
        {role === 'admin' && (
          <div>
            <p className="px-2.5 pb-1 text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-500">Admin</p>
            <ul className="space-y-0.5">
              {ADMIN_ITEMS.map((item) => (
                <li key={item.to}>
                  <AvailableItem item={item} onNavigate={onNavigate} />
                </li>
              ))}
            </ul>
          </div>
        )}
      </nav>
      <p className="px-2.5 text-xs text-zinc-400 dark:text-zinc-600">NEX7 · preview</p>
    </div>
  );
}
