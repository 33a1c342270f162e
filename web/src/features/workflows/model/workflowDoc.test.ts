import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WorkflowDefinition } from '../api';
import { descriptor } from './testCatalog';
import { WorkflowDoc, definitionToDoc, docToDefinition, edgeId, edgesOf, nodesOf, parseClipboard } from './workflowDoc';

const definition: WorkflowDefinition = {
  nodes: [
    { id: 'hook', type: 'webhook', typeVersion: 1, name: 'Incoming', position: { x: 0, y: 0 }, parameters: { method: 'POST' } },
    {
      id: 'shape', type: 'transform', typeVersion: 1, name: 'Shape', position: { x: 300, y: 0 }, parameters: { expression: '$input.body' },
      retry: { maxAttempts: 3, initialDelay: 1000 }, timeout: 5000, onError: 'continue', credentials: { api: 'c-1' },
    },
  ],
  edges: [{ source: 'hook', sourcePort: 'main', target: 'shape', targetPort: 'main' }],
  notes: [{ id: 'n1', text: 'Why', position: { x: 5, y: 6 }, width: 200, height: 100, color: 'blue' }],
};

function seeded(): WorkflowDoc {
  const model = new WorkflowDoc();
  definitionToDoc(definition, model.doc);
  return model;
}

describe('the workflow doc', () => {
  it('round-trips a definition through the Y.Doc unchanged', () => {
    expect(docToDefinition(seeded().doc)).toEqual(definition);
  });

  it('holds nodes as Y.Maps and edges under their canonical id, the shape the relay reads', () => {
    const { doc } = seeded();
    expect(nodesOf(doc).get('shape')).toBeInstanceOf(Y.Map);
    const parameters = nodesOf(doc).get('shape')?.get('parameters');
    expect(parameters).toBeInstanceOf(Y.Map);
    expect((parameters as Y.Map<unknown>).toJSON()).toEqual({ expression: '$input.body' });
    expect([...edgesOf(doc).keys()]).toEqual(['hook:main->shape:main']);
    expect(doc.getMap('notes').get('n1')).toMatchObject({ text: 'Why', color: 'blue' });
  });

  it('survives a Yjs update exchange: a second replica derives the same definition', () => {
    const model = seeded();
    model.setParameter('shape', 'expression', '$input.query');
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(model.doc));
    expect(docToDefinition(replica)).toEqual(docToDefinition(model.doc));
  });

  it('keeps both of two concurrent edits to different parameters of the same node', () => {
    const ada = seeded();
    const bea = new WorkflowDoc();
    Y.applyUpdate(bea.doc, Y.encodeStateAsUpdate(ada.doc));
    ada.setParameter('shape', 'expression', '$input.query');
    bea.setParameter('shape', 'timeoutMs', 500);
    Y.applyUpdate(ada.doc, Y.encodeStateAsUpdate(bea.doc));
    Y.applyUpdate(bea.doc, Y.encodeStateAsUpdate(ada.doc));
    expect(ada.node('shape')?.parameters).toEqual({ expression: '$input.query', timeoutMs: 500 });
    expect(docToDefinition(bea.doc)).toEqual(docToDefinition(ada.doc));
  });

  it('reads parameters kept as one value (documents written before they had their own map) and gives them a map on edit', () => {
    const model = new WorkflowDoc();
    model.doc.transact(() => {
      const node = new Y.Map<unknown>();
      node.set('id', 'old');
      node.set('type', 'set');
      node.set('parameters', { a: 1, b: 2 });
      nodesOf(model.doc).set('old', node);
    });
    expect(model.node('old')?.parameters).toEqual({ a: 1, b: 2 });
    model.setParameter('old', 'b', 3);
    expect(nodesOf(model.doc).get('old')?.get('parameters')).toBeInstanceOf(Y.Map);
    expect(model.node('old')?.parameters).toEqual({ a: 1, b: 3 });
  });

  it('adds a node with the catalog defaults and a unique name', () => {
    const model = new WorkflowDoc();
    const first = model.addNode(descriptor('webhook'), { x: 10, y: 20 });
    const second = model.addNode(descriptor('webhook'), { x: 10, y: 20 });
    expect(first).toMatch(/^webhook_[a-z0-9]+$/);
    expect(model.node(first)).toMatchObject({ type: 'webhook', typeVersion: 1, name: 'Webhook', parameters: { method: 'POST', responseTimeoutMs: 30000 } });
    expect(model.node(second)?.name).toBe('Webhook 2');
  });

  it('sets and clears parameters and settings', () => {
    const model = seeded();
    model.setParameter('hook', 'method', 'GET');
    model.setParameter('shape', 'expression', undefined);
    model.setSetting('shape', { key: 'onError', value: undefined });
    model.setSetting('hook', { key: 'timeout', value: 100 });
    expect(model.node('hook')).toMatchObject({ parameters: { method: 'GET' }, timeout: 100 });
    expect(model.node('shape')?.parameters).toEqual({});
    expect(model.node('shape')?.onError).toBeUndefined();
  });

  it('removing a node removes the edges touching it', () => {
    const model = seeded();
    model.remove({ nodes: ['hook'] });
    expect(docToDefinition(model.doc).edges).toEqual([]);
    expect(docToDefinition(model.doc).nodes?.map((n) => n.id)).toEqual(['shape']);
  });

  it('moves nodes and notes', () => {
    const model = seeded();
    model.moveNodes([{ id: 'hook', position: { x: 50, y: 60 } }, { id: 'n1', position: { x: 1, y: 2 } }]);
    expect(model.node('hook')?.position).toEqual({ x: 50, y: 60 });
    expect(model.notes.get('n1')?.position).toEqual({ x: 1, y: 2 });
  });

  it('undo reverts this editor’s own edits but not the seed nor a collaborator’s edit', () => {
    const model = seeded();
    model.setParameter('hook', 'method', 'GET');
    model.undoManager.stopCapturing();
    // A collaborator's change arrives with another origin.
    model.doc.transact(() => nodesOf(model.doc).get('shape')?.set('name', 'Theirs'), 'remote');
    model.undoManager.undo();
    expect(model.node('hook')?.parameters.method).toBe('POST');
    expect(model.node('shape')?.name).toBe('Theirs');
    model.undoManager.undo(); // nothing more of ours: the seed stays
    expect(model.allNodes()).toHaveLength(2);
    model.undoManager.redo();
    expect(model.node('hook')?.parameters.method).toBe('GET');
  });

  it('undoes an added node together with its connection as separate steps', () => {
    const model = seeded();
    const id = model.addNode(descriptor('set'), { x: 600, y: 0 });
    model.undoManager.stopCapturing();
    model.connect({ source: 'shape', sourcePort: 'main', target: id, targetPort: 'main' });
    model.undoManager.undo();
    expect(model.edges.has(edgeId({ source: 'shape', sourcePort: 'main', target: id, targetPort: 'main' }))).toBe(false);
    expect(model.node(id)).toBeDefined();
    model.undoManager.undo();
    expect(model.node(id)).toBeUndefined();
  });

  it('replaces the content with a restored version as one undoable edit', () => {
    const model = seeded();
    model.replaceWith({ nodes: [{ id: 'only', type: 'set', typeVersion: 1, position: { x: 0, y: 0 }, parameters: {} }], edges: [], notes: [] });
    expect(docToDefinition(model.doc).nodes?.map((n) => n.id)).toEqual(['only']);
    model.undoManager.undo();
    expect(docToDefinition(model.doc)).toEqual(definition);
  });
});

describe('copy and paste', () => {
  it('copies the selection with the edges inside it, as {nex7: "nodes"} JSON', () => {
    const model = seeded();
    const content = model.copy(['hook', 'shape']);
    expect(content.nex7).toBe('nodes');
    expect(content.nodes.map((n) => n.id)).toEqual(['hook', 'shape']);
    expect(content.edges).toHaveLength(1);
    expect(model.copy(['shape']).edges).toEqual([]);
  });

  it('pastes with new ids and rewired edges, also into another workflow, and twice', () => {
    const source = seeded();
    const text = JSON.stringify(source.copy(['hook', 'shape'], ['n1']));
    const target = new WorkflowDoc();
    const content = parseClipboard(text);
    expect(content).not.toBeNull();
    if (!content) return;
    const first = target.paste(content, { x: 40, y: 40 });
    const second = target.paste(content, { x: 80, y: 80 });
    expect(first.nodes).toHaveLength(2);
    expect(new Set([...first.nodes, ...second.nodes]).size).toBe(4);
    expect(first.nodes).not.toContain('hook');
    const pasted = docToDefinition(target.doc);
    expect(pasted.edges).toHaveLength(2);
    const [hookCopy, shapeCopy] = first.nodes;
    expect(pasted.edges).toContainEqual({ source: hookCopy, sourcePort: 'main', target: shapeCopy, targetPort: 'main' });
    expect(target.node(hookCopy ?? '')?.position).toEqual({ x: 40, y: 40 });
    expect(target.node(shapeCopy ?? '')).toMatchObject({ timeout: 5000, onError: 'continue', parameters: { expression: '$input.body' } });
    expect(first.notes).toHaveLength(1);
  });

  it('ignores clipboard text that is not NEX7 content', () => {
    expect(parseClipboard('hello')).toBeNull();
    expect(parseClipboard('{"nodes": []}')).toBeNull();
    expect(parseClipboard('{"nex7": "nodes", "nodes": [{"id": 1}]}')).toEqual({ nex7: 'nodes', nodes: [], edges: [] });
  });
});
