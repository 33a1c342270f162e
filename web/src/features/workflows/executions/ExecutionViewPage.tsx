import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Problem } from '../../../api/client';
import { ProblemError, asProblem, toProblem } from '../../../api/problem';
import { Badge } from '../../../ui/Badge';
import { Spinner, focusRing } from '../../../ui/Button';
import { cx } from '../../../ui/cx';
import { formatDateTime } from '../../../ui/format';
import { api } from '../../auth/session';
import type { ExecutionDetail, Json } from '../api';
import { Canvas } from '../canvas/Canvas';
import { formatDuration } from '../../../ui/format';
import { EditorStore, EditorStoreContext } from '../editorStore';
import { RunData } from '../inspector/Inspector';
import { RUN_TONE } from '../list/WorkflowsPage';
import { Catalog } from '../model/catalog';
import { useWorkflowSnapshot } from '../model/useWorkflowSnapshot';
import { WorkflowDoc, definitionToDoc } from '../model/workflowDoc';
import { DataView } from '../run/DataView';
import { statusesOf } from '../run/RunController';
import { MODE_LABEL } from './ExecutionsPage';

type Loaded = { detail: ExecutionDetail; catalog: Catalog; workflowName: string | null };
type PageState = { phase: 'loading' } | { phase: 'failed'; problem: Problem } | ({ phase: 'ready' } & Loaded);

async function load(executionId: string): Promise<Loaded> {
  const [read, types] = await Promise.all([
    api.GET('/api/executions/{executionId}', { params: { path: { executionId } } }),
    api.GET('/api/node-types'),
  ]);
  if (!read.response.ok || !read.data) throw new ProblemError(toProblem(read.error, read.response));
  if (!types.response.ok || !types.data) throw new ProblemError(toProblem(types.error, types.response));
  const workflowId = read.data.execution?.workflowId;
  const workflow = workflowId ? await api.GET('/api/workflows/{workflowId}', { params: { path: { workflowId } } }) : null;
  return { detail: read.data, catalog: new Catalog(types.data), workflowName: workflow?.data?.name ?? null };
}

/** A past execution on the canvas as it ran: its own definition snapshot, every node's status, duration and data. Nothing is editable. */
function ExecutionCanvas({ detail, catalog, workflowName }: Loaded) {
  const execution = detail.execution ?? {};
  const model = useMemo(() => {
    const doc = new WorkflowDoc();
    definitionToDoc(detail.definition ?? { nodes: [], edges: [], notes: [] }, doc.doc);
    return doc;
  }, [detail]);
  const store = useMemo(() => {
    const created = new EditorStore();
    created.update({ run: { phase: 'finished', execution: detail.execution ?? {}, detail }, statuses: statusesOf(detail.nodes) });
    return created;
  }, [detail]);
  const snapshot = useWorkflowSnapshot(model);
  const [selected, setSelected] = useState<string | null>(null);
  const selectRequest = useMemo(() => ({ ids: [] as string[], nonce: 0 }), []);
  const run = detail.nodes?.find((n) => n.nodeId === selected);
  const node = selected ? snapshot.byId.get(selected) : undefined;

  return (
    <EditorStoreContext.Provider value={store}>
      <div className="flex min-h-0 flex-1 flex-col">
        <div className="flex flex-wrap items-center gap-3 border-b border-zinc-200 bg-white px-3 py-2 dark:border-zinc-800 dark:bg-zinc-900">
          <Link to={execution.workflowId ? `/workflows/${execution.workflowId}` : '/workflows'} className={cx('rounded-sm text-sm text-zinc-500 hover:text-zinc-800 dark:text-zinc-400', focusRing)}>
            ← {workflowName ?? 'Workflow'}
          </Link>
          <h1 className="text-base font-semibold">Execution</h1>
          {execution.status && <Badge tone={RUN_TONE[execution.status]}>{execution.status}</Badge>}
          <Badge>Read only</Badge>
          <span className="text-xs text-zinc-500">
            {MODE_LABEL[execution.mode ?? ''] ?? execution.mode} · {execution.version != null ? `version ${execution.version}` : 'draft'} · started{' '}
            {formatDateTime(execution.startedAt ?? execution.createdAt)}
            {execution.durationMillis != null && ` · ${formatDuration(execution.durationMillis)}`}
          </span>
        </div>
        <div className="flex min-h-0 flex-1">
          <div className="relative min-w-0 flex-1" data-testid="execution-canvas">
            <Canvas
              model={model}
              catalog={catalog}
              snapshot={snapshot}
              selectRequest={selectRequest}
              readOnly
              onSelectionChange={(ids) => setSelected(ids.nodes.length === 1 ? (ids.nodes[0] ?? null) : null)}
            />
          </div>
          <aside aria-label="Node run" className="w-80 shrink-0 overflow-y-auto border-l border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
            {node ? (
              <>
                <p className="border-b border-zinc-200 px-4 py-3 text-sm font-medium dark:border-zinc-800">{node.name ?? node.id}</p>
                {run ? <RunData run={run} pinned={run.pinned ?? false} canRerun={false} /> : <p className="p-4 text-sm text-zinc-500">This node did not run.</p>}
              </>
            ) : (
              <div className="space-y-3 p-4 text-sm">
                <p className="text-zinc-500">Select a node to see what it received and returned.</p>
                {execution.error && <DataView label="Execution error" value={execution.error as Json} />}
                <DataView label="Trigger input" value={detail.input as Json} />
              </div>
            )}
          </aside>
        </div>
      </div>
    </EditorStoreContext.Provider>
  );
}

export function ExecutionViewPage() {
  const { executionId = '' } = useParams();
  const [state, setState] = useState<PageState>({ phase: 'loading' });
  useEffect(() => {
    let current = true;
    setState({ phase: 'loading' });
    load(executionId).then(
      (loaded) => current && setState({ phase: 'ready', ...loaded }),
      (error: unknown) => current && setState({ phase: 'failed', problem: asProblem(error) }),
    );
    return () => {
      current = false;
    };
  }, [executionId]);

  if (state.phase === 'loading') {
    return (
      <p role="status" className="flex items-center gap-2 p-8 text-sm text-zinc-500">
        <Spinner /> Loading the execution…
      </p>
    );
  }
  if (state.phase === 'failed') {
    return (
      <div className="mx-auto max-w-md py-16 text-center">
        <h1 className="text-lg font-semibold">{state.problem.status === 404 ? 'Execution not found' : 'Could not load the execution'}</h1>
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{state.problem.detail ?? state.problem.title}</p>
      </div>
    );
  }
  return (
    <ReactFlowProvider>
      <ExecutionCanvas detail={state.detail} catalog={state.catalog} workflowName={state.workflowName} />
    </ReactFlowProvider>
  );
}
