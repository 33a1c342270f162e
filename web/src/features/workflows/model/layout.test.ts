import { describe, expect, it } from 'vitest';
import { autoLayout, freeSpot } from './layout';
import type { NodeRecord } from './workflowDoc';

const node = (id: string): NodeRecord => ({ id, type: 'set', typeVersion: 1, position: { x: 0, y: 0 }, parameters: {} });

describe('auto-layout', () => {
  it('places each node to the right of the nodes feeding it', () => {
    const positions = autoLayout([node('a'), node('b'), node('c')], [
      { source: 'a', sourcePort: 'main', target: 'b', targetPort: 'main' },
      { source: 'b', sourcePort: 'main', target: 'c', targetPort: 'main' },
    ]);
    const x = (id: string) => positions.get(id)?.x ?? Number.NaN;
    expect(x('a')).toBeLessThan(x('b'));
    expect(x('b')).toBeLessThan(x('c'));
  });
});

describe('a free spot for a new node', () => {
  it('is the wanted place when nothing is there, else the first free place below it', () => {
    expect(freeSpot({ x: 0, y: 0 }, [])).toEqual({ x: 0, y: 0 });
    const taken = [{ position: { x: 10, y: 5 } }, { position: { x: 0, y: 110 } }];
    expect(freeSpot({ x: 0, y: 0 }, taken)).toEqual({ x: 0, y: 220 });
    expect(freeSpot({ x: 400, y: 0 }, taken)).toEqual({ x: 400, y: 0 });
  });
});
