import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockServer, problem } from '../../../test/fetchMock';
import { renderAt } from '../../../test/render';
import { ApprovalsPage } from './ApprovalsPage';

const page = (items: unknown[]) => ({ items, page: 0, size: 20, totalItems: items.length, totalPages: 1 });
const pending = {
  executionId: 'e1',
  workflowId: 'w1',
  workflowName: 'Purchases',
  projectId: 'p1',
  nodeId: 'ask',
  nodeName: 'Approve request',
  message: 'Approve "new laptop" for 1200?',
  approverRole: 'editor',
  input: { amount: 1200 },
  requestedAt: '2025-02-01T09:00:00Z',
  timeoutAt: '2025-02-02T09:00:00Z',
  canDecide: true,
};

describe('the approvals page', () => {
  it('approves with a comment and refreshes the list', async () => {
    const server = mockServer({
      'GET /api/approvals': [() => json(200, page([pending])), () => json(200, page([]))],
      'POST /api/executions/e1/approvals/ask': () => json(200, { decision: 'approve' }),
    });
    const { user } = renderAt('/approvals', <ApprovalsPage />);
    const card = await screen.findByRole('listitem', { name: 'Purchases · Approve request' });
    expect(card).toHaveTextContent('Approve "new laptop" for 1200?');
    await user.type(within(card).getByLabelText('Comment (optional)'), 'within budget');
    await user.click(within(card).getByRole('button', { name: 'Approve' }));
    expect(await screen.findByText('Approved: Purchases · Approve request.')).toBeInTheDocument();
    expect(await screen.findByText('Nothing is waiting for a decision.')).toBeInTheDocument();
    await expect(server.calls('POST /api/executions/e1/approvals/ask')[0]?.json()).resolves.toEqual({ decision: 'approve', comment: 'within budget' });
  });

  it('says clearly when someone else decided first', async () => {
    mockServer({
      'GET /api/approvals': [() => json(200, page([pending])), () => json(200, page([]))],
      'POST /api/executions/e1/approvals/ask': () => problem(409, 'Conflict', { detail: 'Node ask has already been decided.' }),
    });
    const { user } = renderAt('/approvals', <ApprovalsPage />);
    await user.click(await screen.findByRole('button', { name: 'Reject' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Someone has already decided this approval');
    await waitFor(() => expect(screen.queryByRole('listitem')).not.toBeInTheDocument());
  });

  it('shows approvals the caller may not decide without buttons', async () => {
    mockServer({ 'GET /api/approvals': () => json(200, page([{ ...pending, canDecide: false, approverRole: 'owner' }])) });
    renderAt('/approvals', <ApprovalsPage />);
    const card = await screen.findByRole('listitem', { name: 'Purchases · Approve request' });
    expect(within(card).queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
    expect(card).toHaveTextContent('only owners of the project can decide');
  });
});
