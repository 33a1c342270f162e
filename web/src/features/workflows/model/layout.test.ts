import { describe, expect, it } from 'vitest';
import { autoLayout } from './layout';
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
