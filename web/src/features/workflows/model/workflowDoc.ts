import * as Y from 'yjs';
import type { EdgeDefinition, Json, JsonObject, NodeDefinition, NodeDescriptor, OnError, RetryPolicy, WorkflowDefinition } from '../api';
import { isJsonObject } from '../api';

/**
 * The editor's single source of truth is a Y.Doc of this shape (the collaboration relay derives the
 * saved draft from it, so the shape is a contract):
 *  - `nodes`: node id → Y.Map with the NodeDefinition members as plain JSON values (absent = not set);
 *  - `edges`: edge id (see {@link edgeId}) → plain {source, sourcePort, target, targetPort};
 *  - `notes`: note id → plain {id, text, position, width, height, color}.
 */
export interface Position {
  x: number;
  y: number;
}

export interface EdgeRecord {
  source: string;
  sourcePort: string;
  target: string;
  targetPort: string;
}

export const NOTE_COLORS = ['yellow', 'blue', 'green', 'pink'] as const;
export type NoteColor = (typeof NOTE_COLORS)[number];

export interface NoteRecord {
  id: string;
  text: string;
  position: Position;
  width: number;
  height: number;
  color: NoteColor;
}

/** A node as the doc holds it: what NodeDefinition says, with the members the canvas needs made required. */
export interface NodeRecord {
  id: string;
  type: string;
  typeVersion: number;
  name?: string;
  position: Position;
  parameters: JsonObject;
  retry?: RetryPolicy;
  timeout?: number;
  onError?: OnError;
  credentials?: Record<string, string>;
}

/** The node members the inspector edits directly (parameters have their own mutation). */
export type NodeSetting =
  | { key: 'name'; value: string | undefined }
  | { key: 'retry'; value: RetryPolicy | undefined }
  | { key: 'timeout'; value: number | undefined }
  | { key: 'onError'; value: OnError | undefined }
  | { key: 'credentials'; value: Record<string, string> | undefined };

/** What the clipboard carries: a self-contained part of a workflow. */
export interface ClipboardContent {
  nex7: 'nodes';
  nodes: NodeDefinition[];
  edges: EdgeDefinition[];
  notes?: NoteRecord[];
}

const NODE_KEYS = ['id', 'type', 'typeVersion', 'name', 'position', 'parameters', 'retry', 'timeout', 'onError', 'credentials'] as const;

export const edgeId = (edge: EdgeRecord): string => `${edge.source}:${edge.sourcePort}->${edge.target}:${edge.targetPort}`;

/** The origin of transactions that seed or reload the doc: never undone. */
export const SEED_ORIGIN = 'seed';

export const nodesOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('nodes');
export const edgesOf = (doc: Y.Doc) => doc.getMap<EdgeRecord>('edges');
export const notesOf = (doc: Y.Doc) => doc.getMap<NoteRecord>('notes');
/**
 * Pinned node outputs (node id → output), shared with everyone editing and kept with the live document;
 * not part of the definition (the server's draft ignores this map) and not undoable.
 */
export const pinnedOf = (doc: Y.Doc) => doc.getMap<Json>('pinned');

/** The largest output (as JSON text) pinned in the shared document; a larger one stays in this browser. */
export const MAX_SHARED_PIN = 256 * 1024;

const randomSuffix = (): string => Math.random().toString(36).slice(2, 8);

/** A fresh node id from the type, in the server's id alphabet ([A-Za-z0-9_-]). */
export function newNodeId(type: string, taken: (id: string) => boolean): string {
  const base = type.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 60) || 'node';
  let id = `${base}_${randomSuffix()}`;
  while (taken(id)) id = `${base}_${randomSuffix()}`;
  return id;
}

function isPosition(value: unknown): value is Position {
  return isJsonObject(value) && typeof value.x === 'number' && typeof value.y === 'number';
}

/** A node's parameters as a map of their own, so that two people editing different parameters both keep theirs. */
function toParameterMap(parameters: JsonObject): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(parameters)) if (value !== undefined) map.set(key, value);
  return map;
}

function toNodeMap(node: NodeRecord): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const key of NODE_KEYS) {
    const value = node[key];
    if (value === undefined) continue;
    map.set(key, key === 'parameters' ? toParameterMap(node.parameters) : value);
  }
  return map;
}

/** The parameters member: a Y.Map (or, in documents written before parameters had their own map, a plain object). */
function readParameters(value: unknown): JsonObject {
  if (value instanceof Y.Map) {
    const json: unknown = value.toJSON();
    return isJsonObject(json) ? json : {};
  }
  return isJsonObject(value) ? value : {};
}

/** Reads one node's Y.Map into a plain record; missing or malformed members fall back to safe values. */
export function readNode(map: Y.Map<unknown>): NodeRecord {
  const get = (key: (typeof NODE_KEYS)[number]) => map.get(key);
  const position = get('position');
  const parameters = get('parameters');
  const record: NodeRecord = {
    id: String(get('id')),
    type: String(get('type')),
    typeVersion: typeof get('typeVersion') === 'number' ? (get('typeVersion') as number) : 1,
    position: isPosition(position) ? { x: position.x, y: position.y } : { x: 0, y: 0 },
    parameters: readParameters(parameters),
  };
  const name = get('name');
  if (typeof name === 'string') record.name = name;
  const retry = get('retry');
  if (isJsonObject(retry)) record.retry = retry as RetryPolicy;
  const timeout = get('timeout');
  if (typeof timeout === 'number') record.timeout = timeout;
  const onError = get('onError');
  if (onError === 'stop' || onError === 'continue' || onError === 'route') record.onError = onError;
  const credentials = get('credentials');
  if (isJsonObject(credentials)) {
    record.credentials = Object.fromEntries(Object.entries(credentials).filter((e): e is [string, string] => typeof e[1] === 'string'));
  }
  return record;
}

function fromDefinition(node: NodeDefinition): NodeRecord {
  const record: NodeRecord = {
    id: node.id ?? '',
    type: node.type ?? '',
    typeVersion: node.typeVersion ?? 1,
    position: { x: node.position?.x ?? 0, y: node.position?.y ?? 0 },
    parameters: (node.parameters ?? {}) as JsonObject,
  };
  if (node.name !== undefined) record.name = node.name;
  if (node.retry !== undefined) record.retry = node.retry;
  if (node.timeout !== undefined) record.timeout = node.timeout;
  if (node.onError !== undefined) record.onError = node.onError;
  if (node.credentials !== undefined && Object.keys(node.credentials).length > 0) record.credentials = node.credentials;
  return record;
}

function toDefinition(node: NodeRecord): NodeDefinition {
  const definition: NodeDefinition = {
    id: node.id,
    type: node.type,
    typeVersion: node.typeVersion,
    position: node.position,
    parameters: node.parameters,
  };
  if (node.name !== undefined) definition.name = node.name;
  if (node.retry !== undefined) definition.retry = node.retry;
  if (node.timeout !== undefined) definition.timeout = node.timeout;
  if (node.onError !== undefined) definition.onError = node.onError;
  if (node.credentials !== undefined) definition.credentials = node.credentials;
  return definition;
}

function toNote(value: unknown, index: number): NoteRecord {
  const raw = isJsonObject(value) ? value : {};
  const color = NOTE_COLORS.find((c) => c === raw.color) ?? 'yellow';
  return {
    id: typeof raw.id === 'string' && raw.id ? raw.id : `note_${index}_${randomSuffix()}`,
    text: typeof raw.text === 'string' ? raw.text : '',
    position: isPosition(raw.position) ? { x: raw.position.x, y: raw.position.y } : { x: 0, y: 0 },
    width: typeof raw.width === 'number' ? raw.width : 220,
    height: typeof raw.height === 'number' ? raw.height : 140,
    color,
  };
}

const toEdge = (edge: EdgeDefinition): EdgeRecord => ({
  source: edge.source ?? '',
  sourcePort: edge.sourcePort ?? 'main',
  target: edge.target ?? '',
  targetPort: edge.targetPort ?? 'main',
});

/**
 * Replaces the doc's content with a definition in one transaction. With the default origin (the
 * seed) undo never reverts it; with an editor's origin it is an ordinary, undoable edit.
 */
export function definitionToDoc(definition: WorkflowDefinition, doc: Y.Doc, origin: unknown = SEED_ORIGIN): void {
  doc.transact(() => {
    const nodes = nodesOf(doc);
    const edges = edgesOf(doc);
    const notes = notesOf(doc);
    nodes.clear();
    edges.clear();
    notes.clear();
    for (const node of definition.nodes ?? []) {
      const record = fromDefinition(node);
      nodes.set(record.id, toNodeMap(record));
    }
    for (const edge of definition.edges ?? []) {
      const record = toEdge(edge);
      edges.set(edgeId(record), record);
    }
    (definition.notes ?? []).forEach((value, index) => {
      const note = toNote(value, index);
      notes.set(note.id, note);
    });
  }, origin);
}

/** The draft the API takes, derived from the doc. */
export function docToDefinition(doc: Y.Doc): WorkflowDefinition {
  const nodes = [...nodesOf(doc).values()].map((map) => toDefinition(readNode(map)));
  const edges = [...edgesOf(doc).values()].map((edge) => ({ ...edge }));
  const notes = [...notesOf(doc).values()].map((note) => ({ ...note }) as unknown as Record<string, unknown>);
  return { nodes, edges, notes };
}

/** Top-level defaults of a parameter schema: what a new node starts with. */
export function parameterDefaults(descriptor: NodeDescriptor | undefined): JsonObject {
  const properties = descriptor?.parameterSchema?.properties;
  if (!isJsonObject(properties)) return {};
  const defaults: JsonObject = {};
  for (const [key, schema] of Object.entries(properties)) {
    if (isJsonObject(schema) && schema.default !== undefined) defaults[key] = structuredClone(schema.default);
  }
  return defaults;
}

/** The JSON value of a parameter update: undefined removes the key so the catalog default applies. */
export type ParameterValue = Json | undefined;

/**
 * The typed mutations of a workflow doc. Each is one transaction with this editor's origin, which
 * is what the undo manager tracks: undo reverts this person's edits only, never a collaborator's.
 */
export class WorkflowDoc {
  readonly doc: Y.Doc;
  readonly origin: object;
  readonly undoManager: Y.UndoManager;

  constructor(doc: Y.Doc = new Y.Doc()) {
    this.doc = doc;
    this.origin = { editor: doc.clientID };
    this.undoManager = new Y.UndoManager([nodesOf(doc), edgesOf(doc), notesOf(doc)], {
      trackedOrigins: new Set([this.origin]),
      captureTimeout: 400,
    });
  }

  private transact(change: () => void): void {
    this.doc.transact(change, this.origin);
  }

  get nodes() {
    return nodesOf(this.doc);
  }
  get edges() {
    return edgesOf(this.doc);
  }
  get notes() {
    return notesOf(this.doc);
  }

  node(id: string): NodeRecord | undefined {
    const map = this.nodes.get(id);
    return map ? readNode(map) : undefined;
  }

  allNodes(): NodeRecord[] {
    return [...this.nodes.values()].map(readNode);
  }

  allEdges(): EdgeRecord[] {
    return [...this.edges.values()];
  }

  allNotes(): NoteRecord[] {
    return [...this.notes.values()];
  }

  private taken = (id: string): boolean => this.nodes.has(id) || this.notes.has(id);

  /** Adds a node of a catalog type with the type's default parameters; returns its id. */
  addNode(descriptor: NodeDescriptor, position: Position): string {
    const type = descriptor.type ?? 'node';
    const id = newNodeId(type, this.taken);
    const name = this.uniqueName(descriptor.displayName ?? type);
    this.transact(() => {
      this.nodes.set(id, toNodeMap({ id, type, typeVersion: descriptor.version ?? 1, name, position, parameters: parameterDefaults(descriptor) }));
    });
    return id;
  }

  private uniqueName(base: string): string {
    const names = new Set(this.allNodes().map((n) => n.name));
    if (!names.has(base)) return base;
    let n = 2;
    while (names.has(`${base} ${n}`)) n += 1;
    return `${base} ${n}`;
  }

  /** Moves nodes and notes (by id) to new positions. */
  moveNodes(moves: ReadonlyArray<{ id: string; position: Position }>): void {
    if (moves.length === 0) return;
    this.transact(() => {
      for (const { id, position } of moves) {
        const node = this.nodes.get(id);
        if (node) {
          node.set('position', { x: position.x, y: position.y });
          continue;
        }
        const note = this.notes.get(id);
        if (note) this.notes.set(id, { ...note, position: { x: position.x, y: position.y } });
      }
    });
  }

  setParameter(nodeId: string, key: string, value: ParameterValue): void {
    const node = this.nodes.get(nodeId);
    if (!node) return;
    const parameters = node.get('parameters');
    this.transact(() => {
      if (parameters instanceof Y.Map) {
        if (value === undefined) parameters.delete(key);
        else parameters.set(key, value);
        return;
      }
      // An older document keeps parameters as one value: give them their own map on the first edit.
      const next: JsonObject = { ...readParameters(parameters) };
      if (value === undefined) delete next[key];
      else next[key] = value;
      node.set('parameters', toParameterMap(next));
    });
  }

  setSetting(nodeId: string, setting: NodeSetting): void {
    const node = this.nodes.get(nodeId);
    if (!node) return;
    this.transact(() => {
      if (setting.value === undefined) node.delete(setting.key);
      else node.set(setting.key, setting.value);
    });
  }

  /** Adds an edge (no check here: see connectionProblem); returns its id. */
  connect(edge: EdgeRecord): string {
    const id = edgeId(edge);
    this.transact(() => this.edges.set(id, { ...edge }));
    return id;
  }

  /** Removes nodes (with every edge touching them), edges and notes. */
  remove(ids: { nodes?: readonly string[]; edges?: readonly string[]; notes?: readonly string[] }): void {
    const nodes = new Set(ids.nodes ?? []);
    this.transact(() => {
      for (const id of nodes) this.nodes.delete(id);
      for (const [id, edge] of [...this.edges.entries()]) {
        if (nodes.has(edge.source) || nodes.has(edge.target) || ids.edges?.includes(id)) this.edges.delete(id);
      }
      for (const id of ids.notes ?? []) this.notes.delete(id);
    });
  }

  addNote(position: Position, text = ''): string {
    const id = `note_${randomSuffix()}`;
    this.transact(() => this.notes.set(id, { id, text, position, width: 220, height: 140, color: 'yellow' }));
    return id;
  }

  updateNote(id: string, change: Partial<Omit<NoteRecord, 'id'>>): void {
    const note = this.notes.get(id);
    if (!note) return;
    this.transact(() => this.notes.set(id, { ...note, ...change }));
  }

  /** The selected nodes and notes, with the edges between selected nodes, as clipboard content. */
  copy(nodeIds: readonly string[], noteIds: readonly string[] = []): ClipboardContent {
    const ids = new Set(nodeIds);
    const nodes = nodeIds.map((id) => this.node(id)).filter((n): n is NodeRecord => n !== undefined).map(toDefinition);
    const edges = this.allEdges().filter((e) => ids.has(e.source) && ids.has(e.target));
    const notes = noteIds.map((id) => this.notes.get(id)).filter((n): n is NoteRecord => n !== undefined);
    return notes.length > 0 ? { nex7: 'nodes', nodes, edges, notes } : { nex7: 'nodes', nodes, edges };
  }

  /**
   * Inserts clipboard content with new ids (so it can be pasted twice, or into the workflow it
   * came from), shifted by `offset`; returns the new node and note ids.
   */
  paste(content: ClipboardContent, offset: Position): { nodes: string[]; notes: string[] } {
    const renamed = new Map<string, string>();
    const added: string[] = [];
    const addedNotes: string[] = [];
    this.transact(() => {
      for (const definition of content.nodes) {
        const record = fromDefinition(definition);
        const id = newNodeId(record.type, (candidate) => this.taken(candidate) || [...renamed.values()].includes(candidate));
        renamed.set(record.id, id);
        this.nodes.set(id, toNodeMap({ ...record, id, position: { x: record.position.x + offset.x, y: record.position.y + offset.y } }));
        added.push(id);
      }
      for (const edge of content.edges) {
        const source = renamed.get(edge.source ?? '');
        const target = renamed.get(edge.target ?? '');
        if (!source || !target) continue;
        const record = { ...toEdge(edge), source, target };
        this.edges.set(edgeId(record), record);
      }
      for (const note of content.notes ?? []) {
        const id = `note_${randomSuffix()}`;
        this.notes.set(id, { ...toNote(note, 0), id, position: { x: note.position.x + offset.x, y: note.position.y + offset.y } });
        addedNotes.push(id);
      }
    });
    return { nodes: added, notes: addedNotes };
  }

  /** Makes the doc hold another definition (a restored version) as one undoable edit that collaborators see. */
  replaceWith(definition: WorkflowDefinition): void {
    this.undoManager.stopCapturing();
    definitionToDoc(definition, this.doc, this.origin);
    this.undoManager.stopCapturing();
  }

  /** Applies computed positions (auto-layout) as one undoable step. */
  layout(positions: ReadonlyMap<string, Position>): void {
    this.undoManager.stopCapturing();
    this.moveNodes([...positions].map(([id, position]) => ({ id, position })));
    this.undoManager.stopCapturing();
  }

  destroy(): void {
    this.undoManager.destroy();
  }
}

/** Reads clipboard text: content NEX7 copied, or null for anything else. */
export function parseClipboard(text: string): ClipboardContent | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isJsonObject(value) || value.nex7 !== 'nodes' || !Array.isArray(value.nodes)) return null;
  const nodes = value.nodes.filter(
    (n): n is JsonObject => isJsonObject(n) && typeof n.id === 'string' && typeof n.type === 'string',
  ) as unknown as NodeDefinition[];
  const edges = (Array.isArray(value.edges) ? value.edges.filter(isJsonObject) : []) as unknown as EdgeDefinition[];
  const notes = Array.isArray(value.notes) ? value.notes.filter(isJsonObject).map(toNote) : [];
  return notes.length > 0 ? { nex7: 'nodes', nodes, edges, notes } : { nex7: 'nodes', nodes, edges };
}
