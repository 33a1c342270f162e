import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { useWorkflowSnapshot } from './useWorkflowSnapshot';
import { WorkflowDoc, definitionToDoc } from './workflowDoc';

const node = (id: string, x: number) => ({ id, type: 'set', typeVersion: 1, name: id, position: { x, y: 0 }, parameters: { n: x } });

describe('useWorkflowSnapshot', () => {
  it('re-reads only the node that changed, so the canvas can skip the others', () => {
    const model = new WorkflowDoc();
    definitionToDoc({ nodes: [node('a', 1), node('b', 2), node('c', 3)], edges: [], notes: [] }, model.doc);
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(model.doc));
    const { result } = renderHook(() => useWorkflowSnapshot(model));
    const before = result.current;

    act(() => {
      const b = remote.getMap<Y.Map<unknown>>('nodes').get('b');
      (b?.get('parameters') as Y.Map<unknown>).set('n', 20);
      Y.applyUpdate(model.doc, Y.encodeStateAsUpdate(remote));
    });
    const after = result.current;

    expect(after).not.toBe(before);
    expect(after.byId.get('b')?.parameters).toEqual({ n: 20 });
    expect(after.byId.get('a')).toBe(before.byId.get('a'));
    expect(after.byId.get('c')).toBe(before.byId.get('c'));
    expect(after.byId.get('b')).not.toBe(before.byId.get('b'));
  });
});
