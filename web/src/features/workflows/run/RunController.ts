import type { ApiClient } from '../../../api/client';
import { asProblem, unwrap } from '../../../api/problem';
import type { ExecutionDetail, ExecutionSummary, Json, NodeRunStatus, NodeRunView } from '../api';
import { isJsonObject } from '../api';
import type { EditorState, EditorStore } from '../editorStore';
import { readEventStream, type ServerEvent } from './eventStream';

const NODE_STATUSES: readonly NodeRunStatus[] = ['queued', 'running', 'succeeded', 'failed', 'skipped', 'waiting', 'cancelled'];
const isNodeStatus = (value: unknown): value is NodeRunStatus => NODE_STATUSES.includes(value as NodeRunStatus);

/** The live event of one node or of the execution (LiveEvent on the server). */
type LiveEvent =
  | { type: 'node'; nodeId: string; status: NodeRunStatus; durationMillis?: number }
  | { type: 'execution'; status: string };

function parseLive(event: ServerEvent): LiveEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(event.data);
  } catch {
    return null;
  }
  if (!isJsonObject(value)) return null;
  if (event.event === 'node' && typeof value.nodeId === 'string' && isNodeStatus(value.status)) {
    return { type: 'node', nodeId: value.nodeId, status: value.status, ...(typeof value.durationMillis === 'number' ? { durationMillis: value.durationMillis } : {}) };
  }
  if (event.event === 'execution' && typeof value.status === 'string') return { type: 'execution', status: value.status };
  return null;
}

export function statusesOf(nodes: readonly NodeRunView[] | undefined): EditorState['statuses'] {
  const statuses: Record<string, { status: NodeRunStatus; durationMillis?: number }> = {};
  for (const node of nodes ?? []) {
    if (!node.nodeId || !node.status) continue;
    statuses[node.nodeId] = node.durationMillis != null ? { status: node.status, durationMillis: node.durationMillis } : { status: node.status };
  }
  return statuses;
}

export interface StreamAuth {
  token: () => string | null;
  refresh: () => Promise<boolean>;
}

/**
 * Starts runs (run, retry, re-run from a node), follows their live events and, when they end,
 * reads the recorded detail that the inspector shows. All state goes to the editor store.
 */
export class RunController {
  private following: AbortController | null = null;

  constructor(
    private readonly api: ApiClient,
    private readonly store: EditorStore,
    private readonly workflowId: string,
    private readonly auth: StreamAuth,
  ) {}

  private current(): ExecutionSummary | null {
    const run = this.store.get().run;
    return run.phase === 'live' || run.phase === 'finished' ? run.execution : null;
  }

  async run(input: Json | undefined): Promise<void> {
    const pinned = this.store.get().pinned;
    await this.start(async () =>
      unwrap(
        await this.api.POST('/api/workflows/{workflowId}/executions', {
          params: { path: { workflowId: this.workflowId } },
          body: { ...(input !== undefined ? { input } : {}), ...(Object.keys(pinned).length > 0 ? { pinned } : {}) },
        }),
      ),
    );
  }

  /** Retries the failed execution in view from its failed node. */
  async retry(): Promise<void> {
    const id = this.current()?.id;
    if (!id) return;
    await this.start(async () => unwrap(await this.api.POST('/api/executions/{executionId}/retry', { params: { path: { executionId: id } } })));
  }

  /** Forks the execution in view: nodes before `nodeId` keep their outputs, it and what follows run again. */
  async rerun(nodeId: string): Promise<void> {
    const id = this.current()?.id;
    if (!id) return;
    await this.start(async () =>
      unwrap(await this.api.POST('/api/executions/{executionId}/rerun', { params: { path: { executionId: id }, query: { fromNode: nodeId } }, body: {} })),
    );
  }

  private async start(begin: () => Promise<ExecutionSummary>): Promise<void> {
    this.following?.abort();
    this.store.update({ run: { phase: 'starting' }, statuses: {} });
    let execution: ExecutionSummary;
    try {
      execution = await begin();
    } catch (error) {
      const problem = asProblem(error);
      this.store.update({ run: { phase: 'error', message: [problem.detail ?? problem.title, ...(problem.problems ?? []).map((p) => p.message)].join(' ') } });
      return;
    }
    await this.follow(execution);
  }

  async follow(execution: ExecutionSummary): Promise<void> {
    const id = execution.id;
    if (!id) return;
    const abort = new AbortController();
    this.following = abort;
    this.store.update({ run: { phase: 'live', execution }, statuses: {} });
    try {
      await this.stream(id, abort.signal);
    } catch {
      // The stream broke off: the recorded detail below still tells how the run ended.
    }
    if (abort.signal.aborted) return;
    await this.loadDetail(id);
  }

  private async stream(id: string, signal: AbortSignal, refreshed = false): Promise<void> {
    const url = `${globalThis.location.origin}/api/executions/${id}/events`;
    try {
      await readEventStream(url, this.auth.token, (event) => this.onEvent(event), signal);
    } catch (error) {
      if (!refreshed && error instanceof Error && error.message.includes('401') && (await this.auth.refresh())) {
        await this.stream(id, signal, true);
        return;
      }
      throw error;
    }
  }

  private onEvent(event: ServerEvent): void {
    if (event.event === 'snapshot') {
      try {
        const detail = JSON.parse(event.data) as ExecutionDetail;
        this.store.update({ statuses: statusesOf(detail.nodes) });
      } catch {
        // A malformed snapshot changes nothing; node events follow.
      }
      return;
    }
    const live = parseLive(event);
    if (!live) return;
    const state = this.store.get();
    if (live.type === 'node') {
      const entry = live.durationMillis !== undefined ? { status: live.status, durationMillis: live.durationMillis } : { status: live.status };
      this.store.update({ statuses: { ...state.statuses, [live.nodeId]: entry } });
    } else if (state.run.phase === 'live') {
      this.store.update({ run: { phase: 'live', execution: { ...state.run.execution, status: live.status as ExecutionSummary['status'] } } });
    }
  }

  private async loadDetail(id: string): Promise<void> {
    try {
      const detail = unwrap(await this.api.GET('/api/executions/{executionId}', { params: { path: { executionId: id } } }));
      this.store.update({
        run: { phase: 'finished', execution: detail.execution ?? { id }, detail },
        statuses: statusesOf(detail.nodes),
      });
    } catch (error) {
      const problem = asProblem(error);
      this.store.update({ run: { phase: 'error', message: problem.detail ?? problem.title } });
    }
  }

  dispose(): void {
    this.following?.abort();
  }
}
