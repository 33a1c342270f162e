import { useEffect, useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { ProjectView } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { ProblemAlert } from '../../ui/Alert';
import { Button, Spinner, focusRing } from '../../ui/Button';
import { cx } from '../../ui/cx';
import { formatDateTime, timeAgo } from '../../ui/format';
import { Pagination } from '../../ui/Pagination';
import { AgentAvatar } from './AgentAvatar';
import { lookOf } from './agents';
import { listConversations, type AgentView, type ConversationPage, type ConversationView } from './chatApi';

const PAGE_SIZE = 50;
const DAY = 24 * 3600 * 1000;

/** Groups conversations (already most recently active first) by how long ago they were active. */
export function byActivity(conversations: readonly ConversationView[], now = new Date()): Array<{ label: string; items: ConversationView[] }> {
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const bounds: Array<[string, number]> = [
    ['Today', today],
    ['Yesterday', today - DAY],
    ['Previous 7 days', today - 7 * DAY],
    ['Previous 30 days', today - 30 * DAY],
    ['Older', Number.NEGATIVE_INFINITY],
  ];
  const groups = new Map<string, ConversationView[]>();
  for (const conversation of conversations) {
    const at = Date.parse(conversation.updatedAt);
    const label = bounds.find(([, from]) => at >= from)?.[0] ?? 'Older';
    groups.set(label, [...(groups.get(label) ?? []), conversation]);
  }
  return bounds.filter(([label]) => groups.has(label)).map(([label]) => ({ label, items: groups.get(label) ?? [] }));
}

const selectClass =
  'block h-9 w-full rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 shadow-sm focus:outline-2 focus:outline-indigo-500 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100';

interface ConversationListProps {
  selectedId: string | undefined;
  agents: readonly AgentView[];
  projects: readonly ProjectView[];
  /** Changes whenever a conversation was created, renamed, answered or deleted elsewhere on the page. */
  version: number;
  onNew: () => void;
  className?: string;
}

/** The person's conversations, most recently active first: search (`?q=`), a project filter (`?project=`), new. */
export function ConversationList({ selectedId, agents, projects, version, onNew, className }: ConversationListProps) {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const projectId = params.get('project') ?? '';
  const [search, setSearch] = useState(q);
  const [page, setPage] = useState(0);
  const searchId = useId();
  const projectFilterId = useId();

  const update = (name: string, value: string) => {
    setPage(0);
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  };

  // Debounce typing into the search box before it reaches the URL (and the server).
  useEffect(() => {
    if (search.trim() === q) return;
    const timer = setTimeout(() => update('q', search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);

  const query = useQuery<ConversationPage>(`${q}|${projectId}|${page}|${version}`, () =>
    listConversations({ page, size: PAGE_SIZE, ...(q ? { q } : {}), ...(projectId ? { projectId } : {}) }),
  );
  const data = query.data;
  const suffix = params.toString() ? `?${params.toString()}` : '';

  return (
    <div className={cx('min-h-0 flex-col border-zinc-200 bg-zinc-50/60 md:w-72 md:shrink-0 md:border-r dark:border-zinc-800 dark:bg-zinc-900/30', className)}>
      <div className="space-y-2 border-b border-zinc-200 p-3 dark:border-zinc-800">
        <div className="flex items-center justify-between gap-2">
          <h1 className="text-lg font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">Chat</h1>
          <Button size="sm" onClick={onNew}>
            New conversation
          </Button>
        </div>
        <div role="search" className="space-y-2">
          <label htmlFor={searchId} className="sr-only">
            Search conversations
          </label>
          <input
            id={searchId}
            type="search"
            placeholder="Search conversations…"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            className={selectClass}
          />
          <label htmlFor={projectFilterId} className="sr-only">
            Filter by project
          </label>
          <select id={projectFilterId} value={projectId} onChange={(e) => update('project', e.target.value)} className={selectClass}>
            <option value="">All projects</option>
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto p-2">
        {query.problem && <ProblemAlert problem={query.problem} onRetry={query.reload} />}
        {!data && query.loading && (
          <p className="flex items-center gap-2 p-2 text-sm text-zinc-500" role="status">
            <Spinner /> Loading conversations…
          </p>
        )}
        {data && data.items.length === 0 && (
          <p className="p-2 text-sm text-zinc-500 dark:text-zinc-400">{q || projectId ? 'No conversations match.' : 'No conversations yet. Start one to ask the agents for help.'}</p>
        )}
        {data && data.items.length > 0 && (
          <ul aria-label="Conversations" className="space-y-3">
            {byActivity(data.items).map((group) => (
              <li key={group.label}>
                <h2 className="px-2 pb-1 text-[11px] font-medium tracking-wide text-zinc-500 uppercase">{group.label}</h2>
                <ul className="space-y-0.5">
                  {group.items.map((c) => {
                    const look = lookOf(agents, c.currentAgentId);
                    const selected = c.id === selectedId;
                    return (
                      <li key={c.id}>
                        <Link
                          to={`/chat/${c.id}${suffix}`}
                          aria-current={selected ? 'page' : undefined}
                          className={cx(
                            'flex items-center gap-2.5 rounded-md px-2 py-2 text-sm',
                            focusRing,
                            selected ? 'bg-zinc-200/80 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-50' : 'text-zinc-700 hover:bg-zinc-200/50 dark:text-zinc-300 dark:hover:bg-zinc-800/60',
                          )}
                        >
                          <AgentAvatar look={look} size="sm" />
                          <span className="min-w-0 flex-1">
                            <span className="block truncate font-medium">{c.title}</span>
                            <span className="block truncate text-xs text-zinc-500 dark:text-zinc-400">
                              {look.name} · <time dateTime={c.updatedAt} title={formatDateTime(c.updatedAt)}>{timeAgo(c.updatedAt)}</time>
                            </span>
                          </span>
                        </Link>
                      </li>
                    );
                  })}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </div>
      {data && data.totalPages > 1 && <Pagination page={data.page} totalPages={data.totalPages} totalItems={data.totalItems} noun="conversation" onPage={setPage} />}
    </div>
  );
}
