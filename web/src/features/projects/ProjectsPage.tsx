import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { ProjectPage } from '../../api/client';
import { unwrap } from '../../api/problem';
import { useQuery } from '../../api/useQuery';
import { api } from '../auth/session';
import { ProblemAlert } from '../../ui/Alert';
import { Badge } from '../../ui/Badge';
import { Button, Spinner, focusRing } from '../../ui/Button';
import { cx } from '../../ui/cx';
import { SelectField, TextField } from '../../ui/fields';
import { timeAgo, formatDateTime } from '../../ui/format';
import { Pagination } from '../../ui/Pagination';
import { DEFAULT_SORT, ROLE_OPTIONS, SORT_OPTIONS, STATUS_OPTIONS, STATUS_TONE, TYPE_OPTIONS, isSortValue, labelOf } from './meta';
import { NewProjectDialog } from './NewProjectDialog';

const PAGE_SIZE = 20;

export function ProjectsPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const sortParam = params.get('sort');
  const sort = isSortValue(sortParam) ? sortParam : DEFAULT_SORT;
  const page = Math.max(0, Number.parseInt(params.get('page') ?? '0', 10) || 0);
  const [search, setSearch] = useState(q);
  const [creating, setCreating] = useState(false);

  const update = (changes: Record<string, string | null>) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v === null || v === '') next.delete(k);
          else next.set(k, v);
        }
        return next;
      },
      { replace: true },
    );
  };

  // Debounce typing into the search box before it reaches the URL (and the server).
  useEffect(() => {
    if (search.trim() === q) return;
    const timer = setTimeout(() => update({ q: search.trim() || null, page: null }), 250);
    return () => clearTimeout(timer);
  }, [search]);

  const query = useQuery<ProjectPage>(`${q}|${sort}|${page}`, async () =>
    unwrap(await api.GET('/api/projects', { params: { query: { page, size: PAGE_SIZE, sort, ...(q ? { q } : {}) } } })),
  );
  const data = query.data;
  const empty = data !== null && data.totalItems === 0;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">Projects</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Everything you are building, in one place.</p>
        </div>
        <Button onClick={() => setCreating(true)}>
          <svg viewBox="0 0 20 20" fill="currentColor" className="size-4" aria-hidden="true">
            <path d="M10.75 4.75a.75.75 0 0 0-1.5 0v4.5h-4.5a.75.75 0 0 0 0 1.5h4.5v4.5a.75.75 0 0 0 1.5 0v-4.5h4.5a.75.75 0 0 0 0-1.5h-4.5v-4.5Z" />
          </svg>
          New project
        </Button>
      </div>

      <div className="flex flex-wrap items-end gap-3" role="search">
        <TextField
          label="Search projects"
          type="search"
          placeholder="Filter by name…"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          containerClassName="w-full sm:w-72"
        />
        <SelectField label="Sort by" options={SORT_OPTIONS} value={sort} onChange={(e) => update({ sort: e.target.value === DEFAULT_SORT ? null : e.target.value, page: null })} containerClassName="w-full sm:w-52" />
        {query.loading && data && (
          <span className="mb-2 text-zinc-400" role="status" aria-label="Loading">
            <Spinner />
          </span>
        )}
      </div>

      {query.problem && <ProblemAlert problem={query.problem} onRetry={query.reload} />}

      {!data && query.loading && (
        <div className="space-y-2" aria-hidden="true">
          {[0, 1, 2].map((i) => (
            <div key={i} className="h-14 animate-pulse rounded-lg bg-zinc-200/70 dark:bg-zinc-800/60" />
          ))}
        </div>
      )}

      {empty && (
        <div className="rounded-xl border border-dashed border-zinc-300 px-6 py-16 text-center dark:border-zinc-700">
          {q ? (
            <>
              <h2 className="text-base font-semibold text-zinc-900 dark:text-zinc-100">No projects match “{q}”</h2>
              <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Try a different name, or clear the search.</p>
              <Button variant="secondary" className="mt-5" onClick={() => setSearch('')}>
                Clear search
              </Button>
            </>
          ) : (
            <>
              <h2 className="text-base font-semibold text-zinc-900 dark:text-zinc-100">No projects yet</h2>
              <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Create your first project to start building with NEX7.</p>
              <Button className="mt-5" onClick={() => setCreating(true)}>
                Create your first project
              </Button>
            </>
          )}
        </div>
      )}

      {data && data.items.length > 0 && (
        <div className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Your projects</caption>
              <thead className="border-b border-zinc-200 bg-zinc-50 text-xs font-medium text-zinc-500 uppercase dark:border-zinc-800 dark:bg-zinc-900/60 dark:text-zinc-400">
                <tr>
                  <th scope="col" className="px-4 py-2.5">Name</th>
                  <th scope="col" className="px-4 py-2.5">Type</th>
                  <th scope="col" className="px-4 py-2.5">Status</th>
                  <th scope="col" className="px-4 py-2.5">My role</th>
                  <th scope="col" className="px-4 py-2.5 text-right">Updated</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
                {data.items.map((p) => (
                  <tr key={p.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
                    <td className="max-w-xs px-4 py-3">
                      <Link to={`/projects/${p.id}`} className={cx('rounded-sm font-medium text-zinc-900 hover:text-indigo-600 dark:text-zinc-100 dark:hover:text-indigo-400', focusRing)}>
                        {p.name}
                      </Link>
                      {p.description && <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">{p.description}</p>}
                    </td>
                    <td className="px-4 py-3 text-zinc-600 dark:text-zinc-300">{labelOf(TYPE_OPTIONS, p.type)}</td>
                    <td className="px-4 py-3">
                      <Badge tone={STATUS_TONE[p.status]}>{labelOf(STATUS_OPTIONS, p.status)}</Badge>
                    </td>
                    <td className="px-4 py-3 text-zinc-600 dark:text-zinc-300">{labelOf(ROLE_OPTIONS, p.myRole)}</td>
                    <td className="px-4 py-3 text-right whitespace-nowrap text-zinc-500 dark:text-zinc-400">
                      <time dateTime={p.updatedAt} title={formatDateTime(p.updatedAt)}>
                        {timeAgo(p.updatedAt)}
                      </time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={data.page} totalPages={data.totalPages} totalItems={data.totalItems} noun="project" onPage={(p) => update({ page: p === 0 ? null : String(p) })} />
        </div>
      )}

      <NewProjectDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          // Newest activity sorts first by default; show page one so the new project is visible.
          if (page === 0) query.reload();
          else update({ page: null });
        }}
      />
    </div>
  );
}
