import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ExecutionDetail, ExecutionSummary, Json, NodeRunStatus, NodeRunView, ValidationProblem } from './api';

/** What the canvas draws over a node: its live run state, validation problems, pinned data. */
export interface NodeOverlay {
  status?: NodeRunStatus;
  durationMillis?: number;
  problems: readonly ValidationProblem[];
  pinned: boolean;
  /** Against the version being compared: the draft added this node, or changed these members of it. */
  diff?: { kind: 'added' } | { kind: 'changed'; changes: readonly string[] };
}

/** The draft compared with a saved version (GET …/versions/{v}/diff). */
export interface VersionComparison {
  version: number;
  added: readonly string[];
  changed: Readonly<Record<string, readonly string[]>>;
  removed: readonly string[];
}

/** The run in view: started, streaming, finished with its recorded detail. */
export type RunState =
  | { phase: 'idle' }
  | { phase: 'starting' }
  | { phase: 'live'; execution: ExecutionSummary }
  | { phase: 'finished'; execution: ExecutionSummary; detail: ExecutionDetail | null }
  | { phase: 'error'; message: string };

export interface EditorState {
  problems: readonly ValidationProblem[];
  validating: boolean;
  run: RunState;
  /** Live node statuses of the run in view (from the event stream). */
  statuses: Readonly<Record<string, { status: NodeRunStatus; durationMillis?: number }>>;
  /** node id → output value sent as `pinned` on the next runs. */
  pinned: Readonly<Record<string, Json>>;
  connectionRefused: string | null;
  comparison: VersionComparison | null;
}

const EMPTY_OVERLAY: NodeOverlay = { problems: [], pinned: false };

/**
 * The editor's UI state besides the Y.Doc: one small store read through narrow selectors, so a
 * status change re-renders the node it concerns and not the whole canvas.
 */
export class EditorStore {
  private state: EditorState = { problems: [], validating: false, run: { phase: 'idle' }, statuses: {}, pinned: {}, connectionRefused: null, comparison: null };
  private readonly listeners = new Set<() => void>();
  private overlays = new Map<string, NodeOverlay>();

  get = (): EditorState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  update(change: Partial<EditorState>): void {
    this.state = { ...this.state, ...change };
    this.recomputeOverlays();
    for (const listener of this.listeners) listener();
  }

  overlay = (nodeId: string): NodeOverlay => this.overlays.get(nodeId) ?? EMPTY_OVERLAY;

  /** Node records of the finished run, when its detail has been read. */
  nodeRun(nodeId: string): NodeRunView | undefined {
    const run = this.state.run;
    return run.phase === 'finished' ? run.detail?.nodes?.find((n) => n.nodeId === nodeId) : undefined;
  }

  private recomputeOverlays(): void {
    const next = new Map<string, NodeOverlay>();
    const comparison = this.state.comparison;
    const ids = new Set([
      ...Object.keys(this.state.statuses),
      ...Object.keys(this.state.pinned),
      ...this.state.problems.map((p) => p.nodeId ?? ''),
      ...(comparison ? [...comparison.added, ...Object.keys(comparison.changed)] : []),
    ]);
    for (const id of ids) {
      if (!id) continue;
      const live = this.state.statuses[id];
      const problems = this.state.problems.filter((p) => p.nodeId === id);
      const candidate: NodeOverlay = { status: live?.status, durationMillis: live?.durationMillis, problems, pinned: id in this.state.pinned };
      const changes = comparison?.changed[id];
      if (comparison?.added.includes(id)) candidate.diff = { kind: 'added' };
      else if (changes) candidate.diff = { kind: 'changed', changes };
      const previous = this.overlays.get(id);
      // Keep the old object when nothing changed, so the node's selector reports no change.
      next.set(id, previous && sameOverlay(previous, candidate) ? previous : candidate);
    }
    this.overlays = next;
  }
}

function sameOverlay(a: NodeOverlay, b: NodeOverlay): boolean {
  return (
    a.status === b.status &&
    a.durationMillis === b.durationMillis &&
    a.pinned === b.pinned &&
    JSON.stringify(a.diff) === JSON.stringify(b.diff) &&
    a.problems.length === b.problems.length &&
    a.problems.every((p, i) => p.message === b.problems[i]?.message && p.severity === b.problems[i]?.severity)
  );
}

export const EditorStoreContext = createContext<EditorStore | null>(null);

export function useEditorStore(): EditorStore {
  const store = useContext(EditorStoreContext);
  if (!store) throw new Error('useEditorStore outside the workflow editor');
  return store;
}

/** A narrow read of the store; the selector must return stored values (not new arrays), or React re-renders forever. */
export function useStoreState<T>(store: EditorStore, select: (state: EditorState) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.get()));
}

export function useEditorState<T>(select: (state: EditorState) => T): T {
  return useStoreState(useEditorStore(), select);
}

export function useNodeOverlay(nodeId: string): NodeOverlay {
  const store = useEditorStore();
  return useSyncExternalStore(store.subscribe, () => store.overlay(nodeId));
}
