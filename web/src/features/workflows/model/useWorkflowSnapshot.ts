import { useCallback, useRef, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { readNode, type EdgeRecord, type NodeRecord, type NoteRecord, type WorkflowDoc } from './workflowDoc';

/** The doc's content as plain records; a new object only after the doc changed. */
export interface WorkflowSnapshot {
  nodes: NodeRecord[];
  edges: EdgeRecord[];
  notes: NoteRecord[];
  byId: ReadonlyMap<string, NodeRecord>;
}

export function takeSnapshot(model: WorkflowDoc, read: (map: Y.Map<unknown>) => NodeRecord = readNode): WorkflowSnapshot {
  const nodes = [...model.nodes.values()].map(read);
  return { nodes, edges: model.allEdges(), notes: model.allNotes(), byId: new Map(nodes.map((n) => [n.id, n])) };
}

/** Renders from the Y.Doc: observeDeep on the three maps → a fresh snapshot for React. */
export function useWorkflowSnapshot(model: WorkflowDoc): WorkflowSnapshot {
  const cached = useRef<{ model: WorkflowDoc; snapshot: WorkflowSnapshot } | null>(null);
  // Each node's record, kept until that node changes: one remote edit re-reads one node, not all of them
  // (and the canvas sees the same objects for the others, so it skips them).
  const records = useRef(new WeakMap<Y.Map<unknown>, NodeRecord>());
  const subscribe = useCallback(
    (listener: () => void) => {
      const changed = () => {
        cached.current = null;
        listener();
      };
      const nodesChanged = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
        for (const event of events) {
          const id = event.target === model.nodes ? null : event.path[0];
          if (typeof id === 'string') {
            const node = model.nodes.get(id);
            if (node) records.current.delete(node);
          }
        }
        changed();
      };
      model.nodes.observeDeep(nodesChanged);
      model.edges.observeDeep(changed);
      model.notes.observeDeep(changed);
      return () => {
        model.nodes.unobserveDeep(nodesChanged);
        model.edges.unobserveDeep(changed);
        model.notes.unobserveDeep(changed);
      };
    },
    [model],
  );
  const get = () => {
    if (!cached.current || cached.current.model !== model) {
      const read = (map: Y.Map<unknown>): NodeRecord => {
        let record = records.current.get(map);
        if (!record) {
          record = readNode(map);
          records.current.set(map, record);
        }
        return record;
      };
      cached.current = { model, snapshot: takeSnapshot(model, read) };
    }
    return cached.current.snapshot;
  };
  return useSyncExternalStore(subscribe, get);
}
