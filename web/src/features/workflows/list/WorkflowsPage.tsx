import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Problem, ProjectView } from '../../../api/client';
import { asProblem, unwrap } from '../../../api/problem';
import { useActions } from '../../../api/useActions';
import { useQuery } from '../../../api/useQuery';
import { api } from '../../auth/session';
import { Alert } from '../../../ui/Alert';
import { Badge, type BadgeTone } from '../../../ui/Badge';
import { Button, Spinner, focusRing } from '../../../ui/Button';
import { cx } from '../../../ui/cx';
import { Dialog } from '../../../ui/Dialog';
import { TextField } from '../../../ui/fields';
import { formatDateTime, timeAgo } from '../../../ui/format';
import { Pagination } from '../../../ui/Pagination';
import type { ExecutionStatus, ExecutionSummary, WorkflowSummary } from '../api';
import { TemplateGallery } from '../templates/TemplateGallery';
import { useMemberNames } from '../useMemberNames';
import { download } from '../../../ui/download';
import { duplicateWorkflow, exportWorkflow, fileNameFor, formatOf, importWorkflow, lastRun } from './workflowFiles';

const PAGE_SIZE = 20;

/** A duplicate parses the exported file: a parse failure is the file's fault, not the network's. */
const describeFailure = (error: unknown): Problem =>
  error instanceof SyntaxError ? { type: 'about:blank', title: 'The file is not valid JSON.', status: 400 } : asProblem(error);

export const RUN_TONE: Record<ExecutionStatus, BadgeTone> = {
  queued: 'neutral',
  running: 'indigo',
  waiting: 'amber',
  succeeded: 'green',
  failed: 'red',
  cancelled: 'neutral',
};

function LastRun({ workflowId }: { workflowId: string }) {
  const [run, setRun] = useState<ExecutionSummary | null | 'loading'>('loading');
  useEffect(() => {
    let current = true;
    lastRun(workflowId).then(
      (found) => current && setRun(found),
      () => current && setRun(null),
    );
    return () => {
      current = false;
    };
  }, [workflowId]);
  if (run === 'loading') return <span className="text-zinc-400">…</span>;
  if (!run?.status) return <span className="text-zinc-500">Never run</span>;
  return (
    <span className="flex items-center gap-2">
      <Badge tone={RUN_TONE[run.status]}>{run.status}</Badge>
      <span className="text-xs text-zinc-500" title={formatDateTime(run.createdAt)}>
        {run.createdAt ? timeAgo(run.createdAt) : ''}
      </span>
    </span>
  );
}

function CreateWorkflowDialog({ projectId, open, onClose }: { projectId: string; open: boolean; onClose: () => void }) {
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const created = unwrap(await api.POST('/api/projects/{projectId}/workflows', { params: { path: { projectId } }, body: { name: name.trim() } }));
      navigate(`/workflows/${created.id}`);
    } catch (error) {
      setProblem(asProblem(error));
      setBusy(false);
    }
  }
  return (
    <Dialog open={open} title="New workflow" onClose={() => !busy && onClose()}>
      <form onSubmit={submit} className="space-y-4">
        {problem && <Alert>{problem.detail ?? problem.title}</Alert>}
        <TextField label="Workflow name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} data-autofocus />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" busy={busy} disabled={!name.trim()}>
            Create workflow
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function DeleteWorkflowDialog({ workflow, onClose, onDeleted }: { workflow: WorkflowSummary | null; onClose: () => void; onDeleted: () => void }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  async function confirm() {
    if (!workflow?.id) return;
    setBusy(true);
    setProblem(null);
    try {
      unwrap(await api.DELETE('/api/workflows/{workflowId}', { params: { path: { workflowId: workflow.id } } }));
      onDeleted();
    } catch (error) {
      setProblem(asProblem(error));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog
      open={workflow !== null}
      role="alertdialog"
      size="sm"
      title={`Delete “${workflow?.name ?? ''}”?`}
      description="The workflow, its versions and its executions are removed. This cannot be undone."
      onClose={() => !busy && onClose()}
    >
      {problem && <Alert className="mb-4">{problem.status === 403 ? 'Only project owners can delete workflows.' : (problem.detail ?? problem.title)}</Alert>}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose} disabled={busy} data-autofocus>
          Cancel
        </Button>
        <Button variant="danger" onClick={confirm} busy={busy}>
          Delete
        </Button>
      </div>
    </Dialog>
  );
}

/** A project's workflows: list, create, duplicate, delete, import and export files. */
export function WorkflowsPage() {
  const { projectId = '' } = useParams();
  const navigate = useNavigate();
  const [page, setPage] = useState(0);
  const [creating, setCreating] = useState(false);
  const [fromTemplate, setFromTemplate] = useState(false);
  const [deleting, setDeleting] = useState<WorkflowSummary | null>(null);
  const { busy, problem, run: act } = useActions(describeFailure);
  const fileInput = useRef<HTMLInputElement>(null);
  const project = useQuery<ProjectView>(projectId, async () => unwrap(await api.GET('/api/projects/{projectId}', { params: { path: { projectId } } })));
  const memberName = useMemberNames(projectId);
  const query = useQuery(`${projectId}|${page}`, async () =>
    unwrap(await api.GET('/api/projects/{projectId}/workflows', { params: { path: { projectId }, query: { page, size: PAGE_SIZE } } })),
  );

  const onImport = (file: File) =>
    act('import', async () => {
      const created = await importWorkflow(projectId, await file.text(), formatOf(file.name));
      navigate(`/workflows/${created.id}`);
    });

  const items = query.data?.items ?? [];
  return (
    <div className="space-y-6">
      <div>
        <Link to={`/projects/${projectId}`} className={cx('rounded-sm text-sm text-zinc-500 hover:text-zinc-800 dark:text-zinc-400', focusRing)}>
          ← {project.data?.name ?? 'Project'}
        </Link>
        <div className="mt-2 flex flex-wrap items-end justify-between gap-4">
          <h1 className="text-2xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">Workflows</h1>
          <div className="flex gap-2">
            <input
              ref={fileInput}
              type="file"
              accept=".json,.yaml,.yml,application/json,application/yaml"
              className="sr-only"
              aria-label="Workflow file to import"
              tabIndex={-1}
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void onImport(file);
              }}
            />
            <Button variant="secondary" onClick={() => fileInput.current?.click()} busy={busy === 'import'}>
              Import file
            </Button>
            <Button variant="secondary" onClick={() => navigate(`/projects/${projectId}/executions`)}>
              Executions
            </Button>
            <Button variant="secondary" onClick={() => setFromTemplate(true)}>
              New from template
            </Button>
            <Button onClick={() => setCreating(true)}>New workflow</Button>
          </div>
        </div>
      </div>

      {problem && <Alert>{problem.detail ?? problem.title}</Alert>}
      {query.problem && <Alert>{query.problem.detail ?? query.problem.title}</Alert>}
      {query.loading && !query.data && (
        <p role="status" className="flex items-center gap-2 text-sm text-zinc-500">
          <Spinner /> Loading workflows…
        </p>
      )}
      {query.data && items.length === 0 && (
        <div className="rounded-xl border border-dashed border-zinc-300 p-10 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          No workflows yet. Create one, or import a workflow file.
        </div>
      )}
      {items.length > 0 && (
        <div className="overflow-x-auto rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-zinc-200 text-xs text-zinc-500 uppercase dark:border-zinc-800">
              <tr>
                <th className="px-4 py-2.5 font-medium">Name</th>
                <th className="px-4 py-2.5 font-medium">Status</th>
                <th className="px-4 py-2.5 font-medium">Last run</th>
                <th className="px-4 py-2.5 font-medium">Last edited</th>
                <th className="px-4 py-2.5 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {items.map((workflow) => {
                const id = workflow.id ?? '';
                const name = workflow.name ?? id;
                return (
                  <tr key={id}>
                    <td className="px-4 py-3">
                      <Link to={`/workflows/${id}`} className={cx('font-medium text-indigo-700 hover:underline dark:text-indigo-300', focusRing)}>
                        {name}
                      </Link>
                      <p className="text-xs text-zinc-500">{workflow.nodeCount ?? 0} nodes</p>
                    </td>
                    <td className="px-4 py-3">
                      {workflow.activeVersion != null ? <Badge tone="green">Active · v{workflow.activeVersion}</Badge> : <Badge>Inactive</Badge>}
                    </td>
                    <td className="px-4 py-3">
                      <LastRun workflowId={id} />
                    </td>
                    <td className="px-4 py-3 text-zinc-600 dark:text-zinc-400" title={formatDateTime(workflow.updatedAt)}>
                      {workflow.updatedAt ? timeAgo(workflow.updatedAt) : '—'}
                      {workflow.updatedBy && <p className="text-xs text-zinc-500">by {memberName.get(workflow.updatedBy) ?? 'a former member'}</p>}
                    </td>
                    <td className="px-4 py-3">
                      <div className="flex justify-end gap-1">
                        <Button
                          size="sm"
                          variant="ghost"
                          aria-label={`Export ${name}`}
                          busy={busy === `export:${id}`}
                          onClick={() => act(`export:${id}`, async () => download(fileNameFor(name, 'json'), await exportWorkflow(id), 'application/json'))}
                        >
                          Export
                        </Button>
                        <Button
                          size="sm"
                          variant="ghost"
                          aria-label={`Duplicate ${name}`}
                          busy={busy === `duplicate:${id}`}
                          onClick={() => act(`duplicate:${id}`, async () => {
                            await duplicateWorkflow(projectId, id, name);
                            query.reload();
                          })}
                        >
                          Duplicate
                        </Button>
                        <Button size="sm" variant="ghost" aria-label={`Delete ${name}`} className="text-red-700 dark:text-red-400" onClick={() => setDeleting(workflow)}>
                          Delete
                        </Button>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {query.data && query.data.totalPages > 1 && (
            <Pagination page={page} totalPages={query.data.totalPages} totalItems={query.data.totalItems} noun="workflow" onPage={setPage} />
          )}
        </div>
      )}
      <CreateWorkflowDialog projectId={projectId} open={creating} onClose={() => setCreating(false)} />
      <TemplateGallery projectId={projectId} open={fromTemplate} onClose={() => setFromTemplate(false)} />
      <DeleteWorkflowDialog
        workflow={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={() => {
          setDeleting(null);
          query.reload();
        }}
      />
    </div>
  );
}

/** /workflows: workflows live in projects, so first pick one. */
export function WorkflowsHome() {
  const query = useQuery('all', async () => unwrap(await api.GET('/api/projects', { params: { query: { size: 100, sort: 'name,asc' } } })));
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">Workflows</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">Workflows belong to a project. Choose one:</p>
      {query.problem && <Alert>{query.problem.detail ?? query.problem.title}</Alert>}
      <ul className="divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
        {(query.data?.items ?? []).map((project) => (
          <li key={project.id}>
            <Link to={`/projects/${project.id}/workflows`} className={cx('block px-4 py-3 text-sm font-medium hover:bg-zinc-50 dark:hover:bg-zinc-800', focusRing)}>
              {project.name}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
