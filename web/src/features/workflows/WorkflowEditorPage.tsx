import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Problem } from '../../api/client';
import { ProblemError, asProblem, toProblem } from '../../api/problem';
import { Spinner, focusRing } from '../../ui/Button';
import { cx } from '../../ui/cx';
import { api, session } from '../auth/session';
import type { WorkflowView } from './api';
import { Editor } from './Editor';
import { Catalog } from './model/catalog';
import { WorkflowDoc, definitionToDoc } from './model/workflowDoc';
import { CollabSync } from './sync/CollabSync';

type Loaded = {
  workflow: WorkflowView;
  etag: string;
  catalog: Catalog;
  model: WorkflowDoc;
  readOnly: boolean;
  /** Null when live editing could not be reached: the draft is then saved through the API. */
  collab: CollabSync | null;
};

type PageState = { phase: 'loading' } | { phase: 'failed'; problem: Problem } | ({ phase: 'ready' } & Loaded);

/** Reads the workflow (draft and ETag), the node catalog and your role, then seeds the editor's Y.Doc. */
async function load(workflowId: string): Promise<Loaded> {
  const [read, types] = await Promise.all([
    api.GET('/api/workflows/{workflowId}', { params: { path: { workflowId } } }),
    api.GET('/api/node-types'),
  ]);
  if (!read.response.ok || !read.data) throw new ProblemError(toProblem(read.error, read.response));
  if (!types.response.ok || !types.data) throw new ProblemError(toProblem(types.error, types.response));
  const workflow = read.data;
  // WorkflowView does not carry the caller's role; the project does.
  const project = workflow.projectId ? await api.GET('/api/projects/{projectId}', { params: { path: { projectId: workflow.projectId } } }) : null;
  const model = new WorkflowDoc();
  const me = session.getState().user;
  let collab: CollabSync | null = null;
  try {
    // The server holds the live document (seeded from the draft); the browser never seeds it itself.
    collab = me ? await CollabSync.connect(api, workflowId, model.doc, { id: me.id, name: me.name }) : null;
  } catch (failure) {
    console.warn('Live editing is not available; the draft is saved through the API instead.', failure);
    collab = null;
  }
  if (!collab) definitionToDoc(workflow.draft ?? { nodes: [], edges: [], notes: [] }, model.doc);
  return {
    workflow,
    etag: read.response.headers.get('ETag') ?? `"${workflow.draftRevision ?? 0}"`,
    catalog: new Catalog(types.data),
    model,
    readOnly: (collab?.role ?? project?.data?.myRole) === 'viewer',
    collab,
  };
}

export function WorkflowEditorPage() {
  const { workflowId = '' } = useParams();
  const [state, setState] = useState<PageState>({ phase: 'loading' });

  useEffect(() => {
    let current = true;
    let opened: CollabSync | null = null;
    setState({ phase: 'loading' });
    load(workflowId).then(
      (loaded) => {
        if (current) {
          opened = loaded.collab;
          setState({ phase: 'ready', ...loaded });
        } else {
          loaded.collab?.destroy();
        }
      },
      (error: unknown) => current && setState({ phase: 'failed', problem: asProblem(error) }),
    );
    return () => {
      current = false;
      opened?.destroy();
    };
  }, [workflowId]);

  if (state.phase === 'loading') {
    return (
      <p role="status" className="flex items-center gap-2 p-8 text-sm text-zinc-500">
        <Spinner /> Loading the workflow…
      </p>
    );
  }
  if (state.phase === 'failed') {
    const notFound = state.problem.status === 404 || state.problem.status === 400;
    return (
      <div className="mx-auto max-w-md py-16 text-center">
        <h1 className="text-lg font-semibold">{notFound ? 'Workflow not found' : 'Could not load the workflow'}</h1>
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
          {notFound ? 'It may have been deleted, or you are not a member of its project.' : (state.problem.detail ?? state.problem.title)}
        </p>
        <Link to="/workflows" className={cx('mt-6 inline-block text-sm font-medium text-indigo-600', focusRing)}>
          ← Workflows
        </Link>
      </div>
    );
  }
  return (
    <ReactFlowProvider>
      <Editor key={state.workflow.id} workflow={state.workflow} etag={state.etag} catalog={state.catalog} model={state.model} readOnly={state.readOnly} collab={state.collab} />
    </ReactFlowProvider>
  );
}
