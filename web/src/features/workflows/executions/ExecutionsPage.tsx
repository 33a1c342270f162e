import { useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { ProjectView } from '../../../api/client';
import { unwrap } from '../../../api/problem';
import { useQuery } from '../../../api/useQuery';
import { api } from '../../auth/session';
import { Alert } from '../../../ui/Alert';
import { Badge } from '../../../ui/Badge';
import { Spinner, focusRing } from '../../../ui/Button';
import { cx } from '../../../ui/cx';
import { SelectField } from '../../../ui/fields';
import { formatDateTime, timeAgo } from '../../../ui/format';
import { Pagination } from '../../../ui/Pagination';
import type { ExecutionStatus } from '../api';
import { formatDuration } from '../../../ui/format';
import { RUN_TONE } from '../list/WorkflowsPage';
import { useMemberNames } from '../useMemberNames';

const PAGE_SIZE = 20;
const STATUSES: readonly ExecutionStatus[] = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled'];
const isStatus = (value: string | null): value is ExecutionStatus => STATUSES.some((s) => s === value);

/** How an execution started, in words. */
export const MODE_LABEL: Record<string, string> = {
  manual: 'Manual',
  webhook: 'Webhook',
  schedule: 'Schedule',
  event: 'Event',
  error: 'Error trigger',
  retry: 'Retry',
  rerun: 'Re-run',
  subworkflow: 'Sub-workflow',
  mcp: 'MCP client',
  agent: 'AI agent',
};

/** A project's executions, newest first, filtered by workflow and status (kept in the address so it can be shared). */
export function ExecutionsPage() {
  const { projectId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const workflowId = params.get('workflow') ?? '';
  const statusParam = params.get('status');
  const status = isStatus(statusParam) ? statusParam : undefined;
  const page = Math.max(0, Number(params.get('page') ?? 0) || 0);
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };

  const project = useQuery<ProjectView>(projectId, async () => unwrap(await api.GET('/api/projects/{projectId}', { params: { path: { projectId } } })));
  const workflows = useQuery(`wf|${projectId}`, async () =>
    unwrap(await api.GET('/api/projects/{projectId}/workflows', { params: { path: { projectId }, query: { size: 100, sort: 'name,asc' } } })),
  );
  const executions = useQuery(`${projectId}|${workflowId}|${status ?? ''}|${page}`, async () =>
    unwrap(
      await api.GET('/api/executions', {
        params: { query: { projectId, workflowId: workflowId || undefined, status, page, size: PAGE_SIZE } },
      }),
    ),
  );
  const workflowName = useMemo(() => new Map((workflows.data?.items ?? []).map((w) => [w.id ?? '', w.name ?? ''])), [workflows.data]);
  const memberName = useMemberNames(projectId);
  const items = executions.data?.items ?? [];

  return (
    <div className="space-y-6">
      <div>
        <Link to={`/projects/${projectId}/workflows`} className={cx('rounded-sm text-sm text-zinc-500 hover:text-zinc-800 dark:text-zinc-400', focusRing)}>
          ← {project.data?.name ?? 'Project'} workflows
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">Executions</h1>
      </div>
      <div className="flex flex-wrap gap-4">
        <SelectField
          label="Workflow"
          containerClassName="w-64"
          value={workflowId}
          onChange={(e) => setFilter('workflow', e.target.value)}
          options={[{ value: '', label: 'All workflows' }, ...(workflows.data?.items ?? []).map((w) => ({ value: w.id ?? '', label: w.name ?? '' }))]}
        />
        <SelectField
          label="Status"
          containerClassName="w-48"
          value={status ?? ''}
          onChange={(e) => setFilter('status', e.target.value)}
          options={[{ value: '', label: 'Any status' }, ...STATUSES.map((s) => ({ value: s, label: s }))]}
        />
      </div>
      {executions.problem && <Alert>{executions.problem.detail ?? executions.problem.title}</Alert>}
      {executions.loading && !executions.data && (
        <p role="status" className="flex items-center gap-2 text-sm text-zinc-500">
          <Spinner /> Loading executions…
        </p>
      )}
      {executions.data && items.length === 0 && (
        <div className="rounded-xl border border-dashed border-zinc-300 p-10 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          No executions match.
        </div>
      )}
      {items.length > 0 && (
        <div className="overflow-x-auto rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-zinc-200 text-xs text-zinc-500 uppercase dark:border-zinc-800">
              <tr>
                <th className="px-4 py-2.5 font-medium">Status</th>
                <th className="px-4 py-2.5 font-medium">Workflow</th>
                <th className="px-4 py-2.5 font-medium">Started</th>
                <th className="px-4 py-2.5 font-medium">Duration</th>
                <th className="px-4 py-2.5 font-medium">Mode</th>
                <th className="px-4 py-2.5 font-medium">Started by</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {items.map((execution) => {
                const started = execution.startedAt ?? execution.createdAt;
                return (
                  <tr key={execution.id}>
                    <td className="px-4 py-3">
                      <Link to={`/executions/${execution.id}`} className={cx('rounded-sm', focusRing)} aria-label={`Open execution ${execution.id}`}>
                        {execution.status && <Badge tone={RUN_TONE[execution.status]}>{execution.status}</Badge>}
                      </Link>
                    </td>
                    <td className="px-4 py-3">
                      <Link to={`/executions/${execution.id}`} className={cx('font-medium text-indigo-700 hover:underline dark:text-indigo-300', focusRing)}>
                        {workflowName.get(execution.workflowId ?? '') ?? 'Workflow'}
                      </Link>
                      <p className="text-xs text-zinc-500">{execution.version != null ? `Version ${execution.version}` : 'Draft'}</p>
                    </td>
                    <td className="px-4 py-3 text-zinc-600 dark:text-zinc-400" title={formatDateTime(started)}>
                      {started ? timeAgo(started) : '—'}
                    </td>
                    <td className="px-4 py-3 tabular-nums">{execution.durationMillis != null ? formatDuration(execution.durationMillis) : '—'}</td>
                    <td className="px-4 py-3">{MODE_LABEL[execution.mode ?? ''] ?? execution.mode}</td>
                    <td className="px-4 py-3">{execution.startedBy ? (memberName.get(execution.startedBy) ?? 'A former member') : 'Trigger'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {executions.data && executions.data.totalPages > 1 && (
            <Pagination
              page={page}
              totalPages={executions.data.totalPages}
              totalItems={executions.data.totalItems}
              noun="execution"
              onPage={(p) => setFilter('page', String(p))}
            />
          )}
        </div>
      )}
    </div>
  );
}
