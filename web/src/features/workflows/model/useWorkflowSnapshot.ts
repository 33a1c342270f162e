import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { EdgeRecord, NodeRecord, NoteRecord, WorkflowDoc } from './workflowDoc';

/** The doc's content as plain records; a new object only after the doc changed. */
export interface WorkflowSnapshot {
  nodes: NodeRecord[];
  edges: EdgeRecord[];
  notes: NoteRecord[];
  byId: ReadonlyMap<string, NodeRecord>;
}

export function takeSnapshot(model: WorkflowDoc): WorkflowSnapshot {
  const nodes = model.allNodes();
  return { nodes, edges: model.allEdges(), notes: model.allNotes(), byId: new Map(nodes.map((n) => [n.id, n])) };
}

/** Renders from the Y.Doc: observeDeep on the three maps → a fresh snapshot for React. */
export function useWorkflowSnapshot(model: WorkflowDoc): WorkflowSnapshot {
  const cached = useRef<{ model: WorkflowDoc; snapshot: WorkflowSnapshot } | null>(null);
  const subscribe = useCallback(
    (listener: () => void) => {
      const changed = () => {
        cached.current = null;
        listener();
      };
      model.nodes.observeDeep(changed);
      model.edges.observeDeep(changed);
      model.notes.observeDeep(changed);
      return () => {
        model.nodes.unobserveDeep(changed);
        model.edges.unobserveDeep(changed);
        model.notes.unobserveDeep(changed);
      };
    },
    [model],
  );
  const get = () => {
    if (!cached.current || cached.current.model !== model) cached.current = { model, snapshot: takeSnapshot(model) };
    return cached.current.snapshot;
  };
  return useSyncExternalStore(subscribe, get);
}
