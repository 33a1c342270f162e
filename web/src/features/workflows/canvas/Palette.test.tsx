import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { testCatalog } from '../model/testCatalog';
import { Palette } from './Palette';

describe('the node palette', () => {
  it('groups node types by category', () => {
    render(<Palette catalog={testCatalog()} onAdd={() => {}} disabled={false} />);
    expect(screen.getByRole('group', { name: 'Triggers' })).toHaveTextContent('Webhook');
    expect(screen.getByRole('group', { name: 'Data' })).toHaveTextContent('Transform');
  });

  it('filters by search and adds the highlighted type with arrow keys and Enter', async () => {
    const user = userEvent.setup();
    const onAdd = vi.fn();
    render(<Palette catalog={testCatalog()} onAdd={onAdd} disabled={false} />);
    const search = screen.getByRole('combobox', { name: 'Add a node' });
    await user.type(search, 's');
    expect(screen.queryByRole('option', { name: /Webhook/ })).not.toBeInTheDocument();
    await user.keyboard('{ArrowDown}');
    const active = screen.getByRole('option', { selected: true });
    expect(search).toHaveAttribute('aria-activedescendant', active.id);
    await user.keyboard('{Enter}');
    expect(onAdd).toHaveBeenCalledTimes(1);
    expect(onAdd.mock.calls[0]?.[0].displayName).toBe(active.textContent?.slice(1));
  });

  it('offers each type for dragging onto the canvas', () => {
    render(<Palette catalog={testCatalog()} onAdd={() => {}} disabled={false} />);
    const setData = vi.fn();
    fireEvent.dragStart(screen.getByRole('option', { name: /Transform/ }), { dataTransfer: { setData, effectAllowed: '' } });
    expect(setData).toHaveBeenCalledWith('application/x-nex7-node-type', 'transform');
  });
});
