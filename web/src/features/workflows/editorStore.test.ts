import { describe, expect, it } from 'vitest';
import { EditorStore } from './editorStore';

describe('the editor store', () => {
  it('gives each node its overlay: live status, problems and pinned mark', () => {
    const store = new EditorStore();
    store.update({
      statuses: { a: { status: 'running' } },
      problems: [{ nodeId: 'b', message: 'Missing URL', severity: 'error', error: true }],
      pinned: { c: { x: 1 } },
    });
    expect(store.overlay('a')).toMatchObject({ status: 'running', problems: [], pinned: false });
    expect(store.overlay('b').problems.map((p) => p.message)).toEqual(['Missing URL']);
    expect(store.overlay('c').pinned).toBe(true);
    expect(store.overlay('unknown')).toEqual({ problems: [], pinned: false });
  });

  it('keeps a node’s overlay object while it does not change, so only changed nodes re-render', () => {
    const store = new EditorStore();
    store.update({ statuses: { a: { status: 'running' }, b: { status: 'queued' } } });
    const a = store.overlay('a');
    const b = store.overlay('b');
    store.update({ statuses: { a: { status: 'running' }, b: { status: 'succeeded', durationMillis: 3 } } });
    expect(store.overlay('a')).toBe(a);
    expect(store.overlay('b')).not.toBe(b);
  });

  it('marks the nodes a compared version does not have, or has differently', () => {
    const store = new EditorStore();
    store.update({ comparison: { version: 1, added: ['n'], changed: { c: ['parameters'] }, removed: ['gone'] } });
    expect(store.overlay('n').diff).toEqual({ kind: 'added' });
    expect(store.overlay('c').diff).toEqual({ kind: 'changed', changes: ['parameters'] });
    store.update({ comparison: null });
    expect(store.overlay('n').diff).toBeUndefined();
  });
});
