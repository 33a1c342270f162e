import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { ExpressionHelp } from './ExpressionField';
import { SchemaForm } from './SchemaForm';

const schema = { type: 'object', properties: { subject: { type: 'string', title: 'Subject' }, cron: { type: 'string', title: 'Cron', 'x-expression': false } } };

function Form({ help }: { help: ExpressionHelp }) {
  const [values, setValues] = useState<Record<string, string>>({});
  return <SchemaForm schema={schema} values={values} help={help} onChange={(key, value) => setValues((v) => ({ ...v, [key]: typeof value === 'string' ? value : '' }))} />;
}

describe('an expression field', () => {
  it('offers upstream paths after {{, chosen with the keyboard, and previews the result', async () => {
    const preview = vi.fn(async (text: string) => ({ ok: true as const, value: text.includes('$input.total') ? 21 : null, fromRun: true }));
    const user = userEvent.setup();
    render(<Form help={{ suggestions: ['$input', '$input.total', '$input.customer', '$node["Webhook"]'], preview }} />);
    const field = screen.getByRole('combobox', { name: 'Subject' });
    await user.type(field, 'Total {{{{ $input.');
    const options = screen.getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['$input.total', '$input.customer']);
    expect(field).toHaveAttribute('aria-expanded', 'true');
    await user.keyboard('{ArrowDown}{ArrowUp}{Enter}');
    expect(field).toHaveValue('Total {{ $input.total }}');
    expect(screen.queryByRole('option')).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('expression-preview')).toHaveTextContent('= 21'));
    expect(preview).toHaveBeenLastCalledWith('Total {{ $input.total }}');
  });

  it('closes the suggestions on Escape and shows the server’s complaint', async () => {
    const help: ExpressionHelp = { suggestions: ['$input.total'], preview: async () => ({ ok: false, message: 'Unexpected token at 3' }) };
    const user = userEvent.setup();
    render(<Form help={help} />);
    const field = screen.getByRole('combobox', { name: 'Subject' });
    await user.type(field, '{{{{ $in');
    expect(screen.getAllByRole('option')).toHaveLength(1);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('option')).not.toBeInTheDocument();
    await user.type(field, '( }}');
    await waitFor(() => expect(screen.getByTestId('expression-preview')).toHaveTextContent('⚠ Unexpected token at 3'));
  });

  it('leaves literal fields as plain text', () => {
    render(<Form help={{ suggestions: [], preview: async () => ({ ok: true, value: null, fromRun: false }) }} />);
    expect(screen.getByLabelText('Cron')).not.toHaveAttribute('role', 'combobox');
  });
});
