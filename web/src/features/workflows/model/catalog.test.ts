import { describe, expect, it } from 'vitest';
import { connectionProblem, outputPorts } from './catalog';
import { descriptor, testCatalog } from './testCatalog';
import type { NodeRecord } from './workflowDoc';

const node = (id: string, type: string, extra: Partial<NodeRecord> = {}): NodeRecord => ({
  id, type, typeVersion: 1, name: id, position: { x: 0, y: 0 }, parameters: {}, ...extra,
});

const nodes = new Map<string, NodeRecord>(
  [node('hook', 'webhook'), node('count', 'count'), node('split', 'split-text'), node('set', 'set'), node('router', 'switch', {
    parameters: { cases: [{ label: 'Big', condition: true }, { condition: false }] },
  })].map((n) => [n.id, n]),
);
const catalog = testCatalog();
const edge = (source: string, target: string, sourcePort = 'main', targetPort = 'main') => ({ source, sourcePort, target, targetPort });

describe('connection rules (as the server validates them)', () => {
  it('accepts ANY on either side and equal types', () => {
    expect(connectionProblem(edge('hook', 'set'), nodes, [], catalog)).toBeNull();
    expect(connectionProblem(edge('set', 'split'), nodes, [], catalog)).toBeNull();
  });

  it('refuses a number output into a text input, saying why', () => {
    expect(connectionProblem(edge('count', 'split'), nodes, [], catalog)).toBe(
      'Output "main" of count carries number but input "main" of split takes text.',
    );
  });

  it('refuses an object output into a text input', () => {
    expect(connectionProblem(edge('hook', 'split'), nodes, [], catalog)).toMatch(/carries object .* takes text/);
  });

  it('refuses unknown ports, self-loops and duplicates', () => {
    expect(connectionProblem(edge('set', 'hook'), nodes, [], catalog)).toBe('hook has no input "main".');
    expect(connectionProblem(edge('set', 'set'), nodes, [], catalog)).toBe('A node cannot feed itself.');
    expect(connectionProblem(edge('set', 'count', 'error'), nodes, [], catalog)).toBe('set has no output "error".');
    expect(connectionProblem(edge('hook', 'set'), nodes, [edge('hook', 'set')], catalog)).toBe('This connection exists already.');
  });

  it('offers the error output only when errors are routed, and a Switch port per case', () => {
    expect(outputPorts(node('x', 'set', { onError: 'route' }), descriptor('set')).map((p) => p.name)).toEqual(['main', 'error']);
    expect(outputPorts(nodes.get('router') ?? node('r', 'switch'), descriptor('switch')).map((p) => p.displayName)).toEqual([
      'Big', 'Case 2', 'Default',
    ]);
  });

  it('groups the palette by category and filters it by a search', () => {
    expect(catalog.grouped().map((g) => g.category)).toEqual(['trigger', 'flow', 'data']);
    expect(catalog.grouped('json').flatMap((g) => g.items.map((d) => d.type))).toEqual([]);
    expect(catalog.grouped('trans').flatMap((g) => g.items.map((d) => d.type))).toEqual(['transform']);
  });
});
