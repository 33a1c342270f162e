import { describe, expect, it } from 'vitest';
import { accept, completionContext, hasExpression, matching, suggestionsOf } from './expressions';
import { runDataOf } from './useExpressionHelp';

describe('expression completions', () => {
  it('complete only inside an open {{ and one path at a time', () => {
    expect(completionContext('Hello {{ $inp', 13)).toEqual({ start: 9, partial: '$inp' });
    expect(completionContext('Hello {{', 8)).toEqual({ start: 8, partial: '' });
    expect(completionContext('{{ a }} and', 11)).toBeNull();
    expect(completionContext('{{ $input.a + $in', 17)).toBeNull();
    expect(completionContext('no braces', 9)).toBeNull();
  });

  it('offer $input and $node paths from the run data, quoting names that are not identifiers', () => {
    const suggestions = suggestionsOf({ input: { total: 3, customer: { name: 'Ada' } }, nodes: { Webhook: { body: { 'order-id': 7 } } } });
    expect(suggestions).toEqual([
      '$input',
      '$input.total',
      '$input.customer',
      '$input.customer.name',
      '$node["Webhook"]',
      '$node["Webhook"].body',
      '$node["Webhook"].body["order-id"]',
    ]);
    expect(matching(suggestions, '$input.c')).toEqual(['$input.customer', '$input.customer.name']);
    expect(matching(suggestions, '$NODE')).toHaveLength(3);
  });

  it('insert the chosen path and close the braces when nothing closes them', () => {
    expect(accept('Hi {{ $in', { start: 6, partial: '$in' }, 9, '$input.name')).toEqual({ text: 'Hi {{ $input.name }}', caret: 17 });
    expect(accept('Hi {{ $in }}!', { start: 6, partial: '$in' }, 9, '$input.name')).toEqual({ text: 'Hi {{ $input.name }}!', caret: 17 });
  });

  it('preview only text with a complete expression', () => {
    expect(hasExpression('{{ 1 }}')).toBe(true);
    expect(hasExpression('{{ 1')).toBe(false);
  });

  it('take a node’s input from its own record, else from the node connected to it', () => {
    const snapshot = {
      edges: [{ source: 'hook', sourcePort: 'main', target: 'shape', targetPort: 'main' }],
      byId: new Map([['hook', { id: 'hook', type: 'webhook-trigger', typeVersion: 1, name: 'Webhook', position: { x: 0, y: 0 }, parameters: {} }]]),
    };
    const detail = { nodes: [{ nodeId: 'hook', status: 'succeeded' as const, output: { main: { body: { n: 1 } } } }] };
    expect(runDataOf(detail, 'shape', snapshot)).toEqual({ input: { body: { n: 1 } }, nodes: { Webhook: { body: { n: 1 } } } });
    const recorded = { nodes: [...detail.nodes, { nodeId: 'shape', status: 'succeeded' as const, input: { main: { own: true } } }] };
    expect(runDataOf(recorded, 'shape', snapshot).input).toEqual({ own: true });
  });
});
