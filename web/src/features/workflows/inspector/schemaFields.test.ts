import { describe, expect, it } from 'vitest';
import { highlight } from './highlight';
import { fieldsOf, parseJsonField } from './schemaFields';

describe('fields from a parameter schema', () => {
  const schema = {
    type: 'object',
    properties: {
      method: { type: 'string', enum: ['GET', 'POST'], default: 'POST', title: 'HTTP method' },
      url: { type: 'string', format: 'uri' },
      timeoutMs: { type: 'integer', minimum: 1, maximum: 10 },
      ratio: { type: 'number' },
      follow: { type: 'boolean', default: true, description: 'Follow redirects' },
      headers: { type: 'object', additionalProperties: { type: 'string' } },
      items: { type: 'array', items: { type: 'string' } },
      body: { title: 'Body' },
      expression: { type: 'string', 'x-editor': 'jsonata' },
      text: { type: 'string', 'x-editor': 'text' },
      cron: { type: 'string', 'x-expression': false },
    },
    required: ['url'],
  };

  it('maps each JSON Schema type to its editor', () => {
    expect(fieldsOf(schema).map((f) => [f.key, f.field])).toEqual([
      ['method', { kind: 'select', options: ['GET', 'POST'] }],
      ['url', { kind: 'string', format: 'uri', expression: true }],
      ['timeoutMs', { kind: 'number', integer: true, minimum: 1, maximum: 10 }],
      ['ratio', { kind: 'number', integer: false }],
      ['follow', { kind: 'boolean' }],
      ['headers', { kind: 'json' }],
      ['items', { kind: 'json' }],
      ['body', { kind: 'json' }],
      ['expression', { kind: 'code', language: 'jsonata' }],
      ['text', { kind: 'text', expression: true }],
      ['cron', { kind: 'string', expression: false }],
    ]);
  });

  it('carries titles, descriptions, defaults and required flags (titles made from keys when missing)', () => {
    const [method, url, timeout, , follow] = fieldsOf(schema);
    expect(method).toMatchObject({ title: 'HTTP method', defaultValue: 'POST', required: false });
    expect(url).toMatchObject({ title: 'Url', required: true });
    expect(timeout?.title).toBe('Timeout Ms');
    expect(follow).toMatchObject({ description: 'Follow redirects', defaultValue: true });
  });

  it('parses JSON fields and reports parse errors', () => {
    expect(parseJsonField('{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonField('  ')).toEqual({ ok: true, value: undefined });
    const bad = parseJsonField('{"a": ');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/^Not valid JSON: /);
  });
});

describe('the code highlighter', () => {
  it('finds strings, numbers, keywords, variables and expressions', () => {
    expect(highlight('$input.total > 10 and "x"', 'jsonata')).toEqual([
      { text: '$input', kind: 'variable' },
      { text: '.', kind: 'operator' },
      { text: 'total ', kind: 'plain' },
      { text: '>', kind: 'operator' },
      { text: ' ', kind: 'plain' },
      { text: '10', kind: 'number' },
      { text: ' ', kind: 'plain' },
      { text: 'and', kind: 'keyword' },
      { text: ' ', kind: 'plain' },
      { text: '"x"', kind: 'string' },
    ]);
  });

  it('keeps every character, so the overlay lines up with the text area', () => {
    const code = 'const a = `t`; // note\nreturn {{ $json.a }};';
    expect(highlight(code, 'javascript').map((t) => t.text).join('')).toBe(code);
    expect(highlight(code, 'javascript').find((t) => t.kind === 'comment')?.text).toBe('// note');
    expect(highlight(code, 'javascript').find((t) => t.kind === 'expression')?.text).toBe('{{ $json.a }}');
    expect(highlight('SELECT 1 -- one', 'sql').map((t) => t.kind)).toEqual(['keyword', 'plain', 'number', 'plain', 'comment']);
  });
});
