import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockServer, noContent } from '../../../test/fetchMock';
import { renderAt } from '../../../test/render';
import { WorkflowsPage } from './WorkflowsPage';

const P = '10000000-0000-4000-8000-000000000001';
const W = '20000000-0000-4000-8000-000000000002';
const project = { id: P, name: 'Storefront', myRole: 'owner' };
const page = (items: unknown[]) => ({ items, page: 0, size: 20, totalItems: items.length, totalPages: 1 });
const ADA = '30000000-0000-4000-8000-000000000003';
const greeter = { id: W, name: 'Greeter', nodeCount: 3, activeVersion: 2, updatedAt: '2025-02-01T10:00:00Z', updatedBy: ADA };
const file = { format: 'nex7/workflow@1', name: 'Greeter', definition: { nodes: [], edges: [] } };

const routes = (extra: Parameters<typeof mockServer>[0] = {}) => ({
  [`GET /api/projects/${P}`]: () => json(200, project),
  [`GET /api/projects/${P}/workflows`]: () => json(200, page([greeter])),
  'GET /api/executions': () => json(200, page([{ id: 'e1', status: 'failed', createdAt: '2025-02-01T09:00:00Z' }])),
  [`GET /api/projects/${P}/members`]: () => json(200, [{ userId: ADA, name: 'Ada Lovelace', email: 'ada@example.com', role: 'owner' }]),
  ...extra,
});

describe('a project’s workflows', () => {
  it('lists name, active version, last run, node count and who edited it last', async () => {
    const server = mockServer(routes());
    renderAt(`/projects/${P}/workflows`, <WorkflowsPage />, '/projects/:projectId/workflows');
    const row = (await screen.findByRole('link', { name: 'Greeter' })).closest('tr');
    expect(row).not.toBeNull();
    if (!row) return;
    expect(row).toHaveTextContent('Active · v2');
    expect(row).toHaveTextContent('3 nodes');
    expect(await within(row).findByText('by Ada Lovelace')).toBeInTheDocument();
    expect(await within(row).findByText('failed')).toBeInTheDocument();
    expect(new URL(server.calls('GET /api/executions')[0]?.url ?? '').searchParams.get('workflowId')).toBe(W);
  });

  it('creates a workflow and opens it in the editor', async () => {
    const server = mockServer(routes({ [`POST /api/projects/${P}/workflows`]: () => json(201, { id: W, name: 'New one' }) }));
    const { user } = renderAt(`/projects/${P}/workflows`, <WorkflowsPage />, '/projects/:projectId/workflows');
    await user.click(await screen.findByRole('button', { name: 'New workflow' }));
    await user.type(screen.getByLabelText('Workflow name'), 'New one');
    await user.click(screen.getByRole('button', { name: 'Create workflow' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(`/workflows/${W}`));
    await expect(server.calls(`POST /api/projects/${P}/workflows`)[0]?.json()).resolves.toEqual({ name: 'New one' });
  });

  it('duplicates by exporting and importing the file under a new name', async () => {
    const server = mockServer(
      routes({
        [`GET /api/workflows/${W}/export`]: () => json(200, file),
        [`POST /api/projects/${P}/workflows/import`]: () => json(201, { id: 'copy', name: 'Greeter (copy)' }),
      }),
    );
    const { user } = renderAt(`/projects/${P}/workflows`, <WorkflowsPage />, '/projects/:projectId/workflows');
    await user.click(await screen.findByRole('button', { name: 'Duplicate Greeter' }));
    await waitFor(() => expect(server.calls(`POST /api/projects/${P}/workflows/import`)).toHaveLength(1));
    const request = server.calls(`POST /api/projects/${P}/workflows/import`)[0];
    expect(request?.headers.get('Content-Type')).toBe('application/json');
    await expect(request?.json()).resolves.toEqual({ ...file, name: 'Greeter (copy)' });
  });

  it('imports a YAML file as YAML', async () => {
    const server = mockServer(routes({ [`POST /api/projects/${P}/workflows/import`]: () => json(201, { id: 'imported', name: 'From file' }) }));
    const { user } = renderAt(`/projects/${P}/workflows`, <WorkflowsPage />, '/projects/:projectId/workflows');
    await screen.findByRole('link', { name: 'Greeter' });
    await user.upload(screen.getByLabelText('Workflow file to import'), new File(['name: From file\n'], 'flow.nex7.yaml', { type: 'application/yaml' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/workflows/imported'));
    const request = server.calls(`POST /api/projects/${P}/workflows/import`)[0];
    expect(request?.headers.get('Content-Type')).toBe('application/yaml');
    await expect(request?.text()).resolves.toBe('name: From file\n');
  });

  it('deletes after confirmation', async () => {
    const server = mockServer(routes({ [`DELETE /api/workflows/${W}`]: () => noContent() }));
    const { user } = renderAt(`/projects/${P}/workflows`, <WorkflowsPage />, '/projects/:projectId/workflows');
    await user.click(await screen.findByRole('button', { name: 'Delete Greeter' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete “Greeter”?' });
    expect(server.calls(`DELETE /api/workflows/${W}`)).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(server.calls(`DELETE /api/workflows/${W}`)).toHaveLength(1));
    await waitFor(() => expect(server.calls(`GET /api/projects/${P}/workflows`)).toHaveLength(2));
  });
});
