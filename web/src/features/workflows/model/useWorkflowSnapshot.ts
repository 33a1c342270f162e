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

export function takeSnapshot(model: WorkflowDoc, read: (map: Y.Map<unknown>) => NodeRecord): WorkflowSnapshot {
  const nodes = [...model.nodes.values()].map(read);
  return { nodes, edges: model.allEdges(), notes: model.allNotes(), byId: new Map(nodes.map((n) => [n.id, n])) };
}

/**
 * Per document: a version that moves with every transaction, and each node's record until that node
 * changes. Kept for the document's lifetime (not per subscription): a change that lands between a
 * render and React's subscription must still be seen, or the canvas would show a stale document.
 */
interface DocCache {
  version: number;
  records: WeakMap<Y.Map<unknown>, NodeRecord>;
  listeners: Set<() => void>;
}

const caches = new WeakMap<WorkflowDoc, DocCache>();

function cacheOf(model: WorkflowDoc): DocCache {
  let cache = caches.get(model);
  if (!cache) {
    const created: DocCache = { version: 0, records: new WeakMap(), listeners: new Set() };
    // Observers run before afterTransaction: a node's record is dropped before the version moves.
    model.nodes.observeDeep((events) => {
      for (const event of events) {
        const id = event.target === model.nodes ? null : event.path[0];
        const node = typeof id === 'string' ? model.nodes.get(id) : undefined;
        if (node) created.records.delete(node);
      }
    });
    model.doc.on('afterTransaction', () => {
      created.version += 1;
      created.listeners.forEach((listener) => listener());
    });
    caches.set(model, created);
    cache = created;
  }
  return cache;
}

/**
 * Renders from the Y.Doc: a fresh snapshot after every change. One remote edit re-reads only the node
 * it changed (the canvas sees the same objects for the others, so it skips them).
 */
export function useWorkflowSnapshot(model: WorkflowDoc): WorkflowSnapshot {
  const cached = useRef<{ model: WorkflowDoc; version: number; snapshot: WorkflowSnapshot } | null>(null);
  const subscribe = useCallback(
    (listener: () => void) => {
      const cache = cacheOf(model);
      cache.listeners.add(listener);
      return () => {
        cache.listeners.delete(listener);
      };
    },
    [model],
  );
  const get = () => {
    const cache = cacheOf(model);
    if (!cached.current || cached.current.model !== model || cached.current.version !== cache.version) {
      const read = (map: Y.Map<unknown>): NodeRecord => {
        let record = cache.records.get(map);
        if (!record) {
          record = readNode(map);
          cache.records.set(map, record);
        }
        return record;
      };
      cached.current = { model, version: cache.version, snapshot: takeSnapshot(model, read) };
    }
    return cached.current.snapshot;
  };
  return useSyncExternalStore(subscribe, get);
}
