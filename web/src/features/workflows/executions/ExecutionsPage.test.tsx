import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockServer } from '../../../test/fetchMock';
import { renderAt } from '../../../test/render';
import { ExecutionsPage } from './ExecutionsPage';

const P = '10000000-0000-4000-8000-000000000001';
const W = '20000000-0000-4000-8000-000000000002';
const U = '30000000-0000-4000-8000-000000000003';
const page = (items: unknown[], totalPages = 1) => ({ items, page: 0, size: 20, totalItems: items.length, totalPages });
const runs = [
  { id: 'e1', workflowId: W, status: 'succeeded', mode: 'manual', startedBy: U, version: null, createdAt: '2025-02-01T09:00:00Z', startedAt: '2025-02-01T09:00:00Z', durationMillis: 1250 },
  { id: 'e2', workflowId: W, status: 'failed', mode: 'webhook', version: 2, createdAt: '2025-02-01T08:00:00Z', startedAt: '2025-02-01T08:00:00Z', durationMillis: 40 },
];

const routes = () => ({
  [`GET /api/projects/${P}`]: () => json(200, { id: P, name: 'Shop', myRole: 'owner' }),
  [`GET /api/projects/${P}/workflows`]: () => json(200, page([{ id: W, name: 'Greeter' }])),
  [`GET /api/projects/${P}/members`]: () => json(200, [{ userId: U, name: 'Ada Lovelace', email: 'ada@example.com', role: 'owner', addedAt: '2025-01-01T00:00:00Z' }]),
  'GET /api/executions': () => json(200, page(runs, 3)),
});

describe('a project’s executions', () => {
  it('lists status, workflow, duration, mode and who started each, linking to the execution', async () => {
    mockServer(routes());
    renderAt(`/projects/${P}/executions`, <ExecutionsPage />, '/projects/:projectId/executions');
    const rows = (await screen.findAllByRole('row')).slice(1);
    expect(rows).toHaveLength(2);
    const [first, second] = rows;
    if (!first || !second) return;
    await waitFor(() => expect(first).toHaveTextContent('Ada Lovelace'));
    expect(first).toHaveTextContent('succeeded');
    expect(first).toHaveTextContent('Greeter');
    expect(first).toHaveTextContent('1.3 s');
    expect(first).toHaveTextContent('Manual');
    expect(first).toHaveTextContent('Draft');
    expect(second).toHaveTextContent('Webhook');
    expect(second).toHaveTextContent('Trigger');
    expect(second).toHaveTextContent('Version 2');
    expect(within(first).getByRole('link', { name: 'Greeter' })).toHaveAttribute('href', '/executions/e1');
  });

  it('filters by workflow and status and pages, asking the server for that project only', async () => {
    const server = mockServer(routes());
    const { user } = renderAt(`/projects/${P}/executions?workflow=${W}`, <ExecutionsPage />, '/projects/:projectId/executions');
    await screen.findAllByRole('row');
    await user.selectOptions(screen.getByLabelText('Status'), 'failed');
    await user.click(await screen.findByRole('button', { name: 'Next' }));
    await waitFor(() => expect(server.calls('GET /api/executions').length).toBeGreaterThanOrEqual(3));
    const last = new URL(server.calls('GET /api/executions').at(-1)?.url ?? '').searchParams;
    expect(last.get('projectId')).toBe(P);
    expect(last.get('workflowId')).toBe(W);
    expect(last.get('status')).toBe('failed');
    expect(last.get('page')).toBe('1');
  });
});
