import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { json, mockServer } from '../../../test/fetchMock';
import type { CredentialKind, CredentialView } from '../api';
import { CredentialPicker } from './CredentialPicker';

const credential = (id: string, name: string, kind: string): CredentialView => ({
  id, name, kind, data: {}, secretFieldsSet: [], createdAt: '2025-01-01T00:00:00Z', createdBy: 'u', updatedAt: '2025-01-01T00:00:00Z',
});
const kinds: CredentialKind[] = [
  { id: 'hmac', label: 'HMAC secret', fields: [{ name: 'secret', label: 'Secret', type: 'string', required: true, secret: true }] },
  { id: 'smtp', label: 'SMTP', fields: [] },
];

describe('the credential picker', () => {
  it('lists only the project’s credentials of the slot’s kinds', () => {
    render(
      <CredentialPicker projectId="p1" slot={{ name: 'hmac', kinds: ['hmac'] }} value={undefined} onChange={() => {}} onCreated={() => {}}
        credentials={[credential('c1', 'Shop signing', 'hmac'), credential('c2', 'Mail', 'smtp')]} kinds={kinds} />,
    );
    const select = screen.getByLabelText('Credential: hmac');
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['None', 'Shop signing (hmac)']);
  });

  it('creates a new credential of the slot’s kind in a dialog and selects it', async () => {
    const user = userEvent.setup();
    const server = mockServer({ 'POST /api/projects/p1/credentials': () => json(201, credential('c9', 'New signing', 'hmac')) });
    const onChange = vi.fn();
    const onCreated = vi.fn();
    render(<CredentialPicker projectId="p1" slot={{ name: 'hmac', kinds: ['hmac'] }} value={undefined} onChange={onChange} onCreated={onCreated} credentials={[]} kinds={kinds} />);
    await user.click(screen.getByRole('button', { name: 'Create new' }));
    const dialog = screen.getByRole('dialog', { name: 'New credential' });
    expect(within(dialog).queryByLabelText('Kind')).not.toBeInTheDocument();
    await user.type(within(dialog).getByLabelText('Credential name'), 'New signing');
    await user.type(within(dialog).getByLabelText('Secret'), 's3cret');
    expect(within(dialog).getByLabelText('Secret')).toHaveAttribute('type', 'password');
    await user.click(within(dialog).getByRole('button', { name: 'Create credential' }));
    await waitFor(() => expect(onChange).toHaveBeenCalledWith('c9'));
    expect(onCreated).toHaveBeenCalled();
    await expect(server.calls('POST /api/projects/p1/credentials')[0]?.json()).resolves.toEqual({
      kind: 'hmac', name: 'New signing', data: { secret: 's3cret' },
    });
  });
});
