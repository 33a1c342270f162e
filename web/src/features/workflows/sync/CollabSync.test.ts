import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import type { WebsocketProvider } from 'y-websocket';
import { colorOf, peersOf } from './CollabSync';

describe('presence', () => {
  it('gives every user one stable colour', () => {
    expect(colorOf('4b816faf-0d14-4954-86a9-e0b6a8d3c397')).toBe(colorOf('4b816faf-0d14-4954-86a9-e0b6a8d3c397'));
    expect(colorOf('a')).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('lists the others with their name, colour, pointer and selection, never yourself', () => {
    const mine = new Awareness(new Y.Doc());
    const theirs = new Awareness(new Y.Doc());
    const silent = new Awareness(new Y.Doc());
    mine.setLocalStateField('user', { id: 'me', name: 'Me', color: '#000000' });
    theirs.setLocalState({ user: { id: 'ada', name: 'Ada', color: '#e11d48' }, cursor: { x: 10, y: 20 }, selection: ['n1'] });
    silent.setLocalState({ cursor: { x: 1, y: 1 } }); // no user yet: not shown
    applyAwarenessUpdate(mine, encodeAwarenessUpdate(theirs, [theirs.clientID]), 'remote');
    applyAwarenessUpdate(mine, encodeAwarenessUpdate(silent, [silent.clientID]), 'remote');

    const peers = peersOf({ awareness: mine } as unknown as WebsocketProvider);

    expect(peers).toEqual([{ clientId: theirs.clientID, name: 'Ada', color: '#e11d48', cursor: { x: 10, y: 20 }, selection: ['n1'] }]);
  });
});
