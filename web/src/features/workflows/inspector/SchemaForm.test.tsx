import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../api';
import { SchemaForm } from './SchemaForm';

const schema = {
  type: 'object',
  properties: {
    method: { type: 'string', enum: ['GET', 'POST'], default: 'POST', title: 'HTTP method' },
    url: { type: 'string', title: 'URL', description: 'Where to send it' },
    timeoutMs: { type: 'integer', default: 30000, title: 'Timeout (ms)' },
    follow: { type: 'boolean', default: true, title: 'Follow redirects' },
    headers: { type: 'object', title: 'Headers' },
    expression: { type: 'string', title: 'Expression', 'x-editor': 'jsonata', default: '$input' },
  },
  required: ['url'],
};

/** The form bound to state the way the inspector binds it to the doc. */
function Harness({ initial = {}, changes }: { initial?: JsonObject; changes: Array<[string, Json | undefined]> }) {
  const [values, setValues] = useState<JsonObject>(initial);
  return (
    <SchemaForm
      schema={schema}
      values={values}
      onChange={(key, value) => {
        changes.push([key, value]);
        setValues((previous) => {
          const next = { ...previous };
          if (value === undefined) delete next[key];
          else next[key] = value;
          return next;
        });
      }}
    />
  );
}

describe('the parameter form generated from a JSON Schema', () => {
  it('shows the catalog defaults and labels every field', () => {
    render(<Harness changes={[]} />);
    expect(screen.getByLabelText('HTTP method')).toHaveValue('"POST"');
    expect(screen.getByLabelText('Timeout (ms)')).toHaveValue(30000);
    expect(screen.getByLabelText('Follow redirects')).toBeChecked();
    expect(screen.getByLabelText('Expression')).toHaveValue('$input');
    expect(screen.getByLabelText(/URL/)).toHaveAccessibleDescription('Where to send it');
  });

  it('edits each kind of field into typed values', async () => {
    const user = userEvent.setup();
    const changes: Array<[string, Json | undefined]> = [];
    render(<Harness changes={changes} />);
    await user.selectOptions(screen.getByLabelText('HTTP method'), '"GET"');
    await user.type(screen.getByLabelText(/URL/), 'https://x.test');
    fireEvent.change(screen.getByLabelText('Timeout (ms)'), { target: { value: '500' } });
    await user.click(screen.getByLabelText('Follow redirects'));
    expect(changes).toContainEqual(['method', 'GET']);
    expect(changes.at(-3)).toEqual(['url', 'https://x.test']);
    expect(changes).toContainEqual(['timeoutMs', 500]);
    expect(changes.at(-1)).toEqual(['follow', false]);
  });

  it('keeps JSON text that does not parse, shows the error, and sends the value once it parses', () => {
    const changes: Array<[string, Json | undefined]> = [];
    render(<Harness changes={changes} />);
    const headers = screen.getByLabelText('Headers');
    fireEvent.change(headers, { target: { value: '{"Accept": ' } });
    expect(screen.getByRole('alert')).toHaveTextContent(/^Not valid JSON/);
    expect(headers).toHaveValue('{"Accept": ');
    expect(headers).toHaveAttribute('aria-invalid', 'true');
    expect(changes).toEqual([]);
    fireEvent.change(headers, { target: { value: '{"Accept": "text/plain"}' } });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(changes).toEqual([['headers', { Accept: 'text/plain' }]]);
  });

  it('edits code in a monospace editor with highlighting', () => {
    const changes: Array<[string, Json | undefined]> = [];
    const { container } = render(<Harness changes={changes} />);
    const code = screen.getByLabelText('Expression');
    expect(code).toHaveAttribute('data-language', 'jsonata');
    fireEvent.change(code, { target: { value: '$input.total * 2' } });
    expect(changes).toEqual([['expression', '$input.total * 2']]);
    expect(container.querySelector('pre span.text-sky-700')?.textContent).toBe('$input');
  });

  it('clearing a field removes the value so the default applies again', () => {
    const changes: Array<[string, Json | undefined]> = [];
    render(<Harness initial={{ url: 'https://a.test' }} changes={changes} />);
    fireEvent.change(screen.getByLabelText(/URL/), { target: { value: '' } });
    expect(changes).toEqual([['url', undefined]]);
  });
});
