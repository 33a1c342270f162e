import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  applyNodeChanges,
  useReactFlow,
  useStore,
  type Connection,
  type Edge,
  type EdgeChange,
  type NodeChange,
  type OnDelete,
  type ReactFlowState,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { useTheme } from '../../shell/theme';
import { useEditorStore } from '../editorStore';
import { connectionProblem, type Catalog } from '../model/catalog';
import type { WorkflowSnapshot } from '../model/useWorkflowSnapshot';
import { edgeId, type NodeRecord, type NoteRecord, type WorkflowDoc } from '../model/workflowDoc';
import { NODE_TYPES, type CanvasNode } from './nodeTypes';

/** The drag-and-drop payload type of a palette item. */
export const PALETTE_MIME = 'application/x-nex7-node-type';

export interface CanvasProps {
  model: WorkflowDoc;
  catalog: Catalog;
  snapshot: WorkflowSnapshot;
  /** Ids to select, set by the editor (after a paste, a click in the problems panel…). */
  selectRequest: { ids: readonly string[]; nonce: number };
  onSelectionChange: (ids: { nodes: string[]; notes: string[]; edges: string[] }) => void;
  readOnly: boolean;
  /** Drawn inside the flow (e.g. the others' cursors). */
  children?: ReactNode;
}

/*
 * Props React Flow copies into its store are module constants or stable callbacks: each changed prop
 * is a store update that runs every node's, edge's and handle's selector (thousands on a 500-node
 * workflow), so an inline object or arrow function cost a remote edit several full passes.
 */
const FIT_VIEW_OPTIONS = { maxZoom: 1.2, padding: 0.2 };
const PRO_OPTIONS = { hideAttribution: true };
const DELETE_KEYS = ['Delete', 'Backspace'];
const MULTI_SELECTION_KEYS = ['Shift', 'Meta', 'Control'];

/** Below this zoom the background dots are under 8 px apart: a grey haze, costly to repaint on every pan frame. */
const DOTS_MIN_ZOOM = 0.5;
const showDots = (state: ReactFlowState) => state.transform[2] >= DOTS_MIN_ZOOM;

/** The background dots, drawn only when zoomed in far enough to see them; re-renders only when that changes. */
function CanvasBackground() {
  const visible = useStore(showDots);
  return visible ? <Background gap={16} /> : null;
}

/**
 * Below this zoom a node's 14 px name is under 5 px tall: the nodes are drawn as their cards alone
 * (border, colour, run-status ring), without text, icons and ports. Their content is what made
 * every pan frame of a zoomed-out 500-node workflow cost (paint, and hit testing under the pointer).
 */
const DETAIL_MIN_ZOOM = 0.35;
const farOut = (state: ReactFlowState) => state.transform[2] < DETAIL_MIN_ZOOM;

/** The previous array when every element is the same object, so React Flow sees no change at all. */
function sameElements<T>(previous: readonly T[], next: T[]): T[] {
  return previous.length === next.length && next.every((item, i) => item === previous[i]) ? (previous as T[]) : next;
}

const sameRecord = (a: NodeRecord | NoteRecord, b: NodeRecord | NoteRecord) => JSON.stringify(a) === JSON.stringify(b);

function reconcile(
  previous: readonly CanvasNode[],
  snapshot: WorkflowSnapshot,
  catalog: Catalog,
  handlers: { onText: (id: string, text: string) => void; onResize: (id: string, width: number, height: number) => void },
): CanvasNode[] {
  const before = new Map(previous.map((n) => [n.id, n]));
  const notes: CanvasNode[] = snapshot.notes.map((note) => {
    const old = before.get(note.id);
    const same = old?.type === 'note' && sameRecord(old.data.note, note);
    if (same && old.position.x === note.position.x && old.position.y === note.position.y && old.width === note.width && old.height === note.height) {
      return old;
    }
    const data = same && old?.type === 'note' ? old.data : { note, ...handlers };
    return {
      id: note.id,
      type: 'note',
      position: note.position,
      data,
      width: note.width,
      height: note.height,
      zIndex: -1,
      selected: old?.selected ?? false,
      measured: old?.measured,
      dragging: old?.dragging,
    };
  });
  const nodes: CanvasNode[] = snapshot.nodes.map((record) => {
    const old = before.get(record.id);
    const descriptor = catalog.find(record.type, record.typeVersion);
    const unchanged = old?.type === 'workflow' && old.data.descriptor === descriptor && (old.data.record === record || sameRecord(old.data.record, record));
    if (unchanged && old?.type === 'workflow' && old.position.x === record.position.x && old.position.y === record.position.y) {
      // The very same object: React Flow skips a node it has seen (a remote edit re-renders one node, not 500).
      return old;
    }
    const data = unchanged && old?.type === 'workflow' ? old.data : { record, descriptor };
    return {
      id: record.id,
      type: 'workflow',
      position: record.position,
      data,
      // The node's name on React Flow's node element, so it stays named when zoomed far out (its text is then not rendered).
      ariaLabel: record.name || record.id,
      selected: old?.selected ?? false,
      measured: old?.measured,
      dragging: old?.dragging,
    };
  });
  return sameElements(previous, [...notes, ...nodes]);
}

/** The React Flow canvas, rendering from the Y.Doc and writing every change back to it. */
export function Canvas({ model, catalog, snapshot, selectRequest, onSelectionChange, readOnly, children }: CanvasProps) {
  const store = useEditorStore();
  const flow = useReactFlow<CanvasNode, Edge>();
  const { theme } = useTheme();
  const [nodes, setNodes] = useState<CanvasNode[]>([]);
  // Fit an existing workflow into view on open; an empty one keeps the plain viewport, so that
  // the first node dropped does not move the canvas under the pointer.
  const [fitOnOpen] = useState(() => snapshot.nodes.length + snapshot.notes.length > 0);
  const far = useStore(farOut);
  const [selectedEdges, setSelectedEdges] = useState<ReadonlySet<string>>(new Set());
  const handlers = useMemo(
    () => ({
      onText: (id: string, text: string) => model.updateNote(id, { text }),
      onResize: (id: string, width: number, height: number) => model.updateNote(id, { width: Math.round(width), height: Math.round(height) }),
    }),
    [model],
  );

  useEffect(() => setNodes((previous) => reconcile(previous, snapshot, catalog, handlers)), [snapshot, catalog, handlers]);

  useEffect(() => {
    if (selectRequest.nonce === 0) return;
    const wanted = new Set(selectRequest.ids);
    setNodes((previous) => previous.map((n) => (n.selected === wanted.has(n.id) ? n : { ...n, selected: wanted.has(n.id) })));
    setSelectedEdges(new Set());
  }, [selectRequest]);

  // The same Edge object for an unchanged edge: React Flow then skips it (600 edges need not re-render per edit).
  const edgeObjects = useRef(new WeakMap<object, Edge>());
  const previousEdges = useRef<Edge[]>([]);
  const edges = useMemo<Edge[]>(() => {
    // The snapshot's edge list is a new array after any change (a node renamed, too); the same array when no edge changed.
    previousEdges.current = sameElements(
      previousEdges.current,
      snapshot.edges.map((e) => {
        const id = edgeId(e);
        const selected = selectedEdges.has(id);
        const known = edgeObjects.current.get(e);
        if (known && known.selected === selected) return known;
        const edge = { id, source: e.source, sourceHandle: e.sourcePort, target: e.target, targetHandle: e.targetPort, selected };
        edgeObjects.current.set(e, edge);
        return edge;
      }),
    );
    return previousEdges.current;
  }, [snapshot.edges, selectedEdges]);

  // Tell the editor what is selected (nodes, notes and edges), only when it changed.
  const reported = useRef('');
  useEffect(() => {
    const selection = {
      nodes: nodes.filter((n) => n.selected && n.type === 'workflow').map((n) => n.id),
      notes: nodes.filter((n) => n.selected && n.type === 'note').map((n) => n.id),
      edges: [...selectedEdges],
    };
    const key = JSON.stringify(selection);
    if (key === reported.current) return;
    reported.current = key;
    onSelectionChange(selection);
  }, [nodes, selectedEdges, onSelectionChange]);

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      const moves = changes.flatMap((c) => (c.type === 'position' && c.position && !readOnly ? [{ id: c.id, position: c.position }] : []));
      // Removal goes through onDelete, as one transaction with the edges it takes along.
      setNodes((previous) => applyNodeChanges(changes.filter((c) => c.type !== 'remove'), previous));
      model.moveNodes(moves);
    },
    [model, readOnly],
  );

  const onEdgesChange = useCallback((changes: EdgeChange<Edge>[]) => {
    const selects = changes.filter((c) => c.type === 'select');
    if (selects.length === 0) return;
    setSelectedEdges((previous) => {
      const next = new Set(previous);
      for (const change of selects) {
        if (change.selected) next.add(change.id);
        else next.delete(change.id);
      }
      return next;
    });
  }, []);

  // Read at connection time, so that onConnect stays the same function while the document changes.
  const latest = useRef(snapshot);
  latest.current = snapshot;
  const onConnect = useCallback(
    (connection: Connection) => {
      const snapshot = latest.current;
      const edge = {
        source: connection.source,
        sourcePort: connection.sourceHandle ?? 'main',
        target: connection.target,
        targetPort: connection.targetHandle ?? 'main',
      };
      const problem = connectionProblem(edge, snapshot.byId, snapshot.edges, catalog);
      if (problem) {
        store.update({ connectionRefused: problem });
        return;
      }
      store.update({ connectionRefused: null });
      model.undoManager.stopCapturing();
      model.connect(edge);
    },
    [catalog, model, store],
  );

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(PALETTE_MIME);
      if (!type || readOnly) return;
      event.preventDefault();
      const descriptor = catalog.find(type);
      if (!descriptor) return;
      const position = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      model.undoManager.stopCapturing();
      const id = model.addNode(descriptor, { x: Math.round(position.x - 110), y: Math.round(position.y - 30) });
      setNodes((previous) => previous.map((n) => ({ ...n, selected: n.id === id })));
    },
    [catalog, flow, model, readOnly],
  );

  const onDelete = useCallback<OnDelete<CanvasNode, Edge>>(
    ({ nodes: gone, edges: goneEdges }) => {
      if (readOnly) return;
      model.undoManager.stopCapturing();
      model.remove({
        nodes: gone.filter((n) => n.type === 'workflow').map((n) => n.id),
        notes: gone.filter((n) => n.type === 'note').map((n) => n.id),
        edges: goneEdges.map((e) => e.id),
      });
    },
    [model, readOnly],
  );
  const stopCapturing = useCallback(() => model.undoManager.stopCapturing(), [model]);
  const onDragOver = useCallback((event: DragEvent) => {
    if (event.dataTransfer.types.includes(PALETTE_MIME)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  return (
    <ReactFlow<CanvasNode, Edge>
      nodes={nodes}
      edges={edges}
      nodeTypes={NODE_TYPES}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={onConnect}
      onDelete={onDelete}
      onNodeDragStart={stopCapturing}
      onNodeDragStop={stopCapturing}
      onDragOver={onDragOver}
      onDrop={onDrop}
      nodesDraggable={!readOnly}
      nodesConnectable={!readOnly}
      deleteKeyCode={readOnly ? null : DELETE_KEYS}
      multiSelectionKeyCode={MULTI_SELECTION_KEYS}
      selectionKeyCode="Shift"
      fitView={fitOnOpen}
      fitViewOptions={FIT_VIEW_OPTIONS}
      minZoom={0.1}
      proOptions={PRO_OPTIONS}
      aria-label="Workflow canvas"
      className={far ? 'nex7-far' : undefined}
      colorMode={theme}
    >
      <CanvasBackground />
      <MiniMap pannable zoomable ariaLabel="Minimap" />
      <Controls showInteractive={false} />
      {children}
    </ReactFlow>
  );
}
