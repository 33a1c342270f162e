import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { json, mockServer } from '../../../test/fetchMock';
import { VersionsDialog } from './VersionsDialog';

const W = 'w1';
const definition = { nodes: [{ id: 'a', type: 'set', typeVersion: 1 }], edges: [], notes: [] };

function setUp() {
  const server = mockServer({
    [`GET /api/workflows/${W}/versions`]: () => json(200, [{ version: 2, message: 'Second' }, { version: 1, message: 'First' }]),
    [`GET /api/workflows/${W}/versions/1/diff`]: () =>
      json(200, { addedNodes: ['new'], removedNodes: ['old'], changedNodes: [{ nodeId: 'a', changes: ['parameters'] }], addedEdges: [], removedEdges: [] }),
    [`GET /api/workflows/${W}/versions/1`]: () => json(200, { version: 1, definition }),
  });
  const props = { flush: vi.fn(async () => true), onCompare: vi.fn(), onRestore: vi.fn(), onClose: vi.fn() };
  render(<VersionsDialog workflowId={W} activeVersion={2} readOnly={false} {...props} />);
  return { server, ...props };
}

describe('versions', () => {
  it('lists the versions, newest first, marking the active one', async () => {
    setUp();
    expect(await screen.findByText('Second · —', { exact: false })).toBeInTheDocument();
    expect(screen.getByText('Version 2').textContent).toContain('active');
  });

  it('saves the draft, then compares a version with it', async () => {
    const user = userEvent.setup();
    const { flush, onCompare } = setUp();
    await user.click(await screen.findByRole('button', { name: 'Compare version 1 with the draft' }));
    await waitFor(() => expect(onCompare).toHaveBeenCalledWith({ version: 1, added: ['new'], removed: ['old'], changed: { a: ['parameters'] } }));
    expect(flush).toHaveBeenCalled();
  });

  it('restores a version by handing its definition to the editor', async () => {
    const user = userEvent.setup();
    const { onRestore } = setUp();
    await user.click(await screen.findByRole('button', { name: 'Restore version 1' }));
    await waitFor(() => expect(onRestore).toHaveBeenCalledWith({ version: 1, definition }));
  });
});
