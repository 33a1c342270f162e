import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockServer } from '../../../test/fetchMock';
import { renderAt } from '../../../test/render';
import { WorkflowsPage } from '../list/WorkflowsPage';
import { filterTemplates, type WorkflowTemplate } from './TemplateGallery';

const P = '10000000-0000-4000-8000-000000000001';
const page = (items: unknown[]) => ({ items, page: 0, size: 20, totalItems: items.length, totalPages: 1 });
const templates: WorkflowTemplate[] = [
  { id: 'webhook-transform-respond', name: 'Webhook → transform → respond', category: 'api', description: 'An HTTP endpoint that reshapes JSON.' },
  { id: 'approval-flow', name: 'Approval flow', category: 'flow', description: 'Waits for an editor to approve.', setup: ['Decide on the Approvals page.'] },
  { id: 'error-workflow', name: 'Error workflow', category: 'monitoring', description: 'Emails when a workflow fails.' },
];

describe('the template gallery', () => {
  it('filters by every word of the search and by category', () => {
    expect(filterTemplates(templates, 'http json', null).map((t) => t.id)).toEqual(['webhook-transform-respond']);
    expect(filterTemplates(templates, '', 'monitoring').map((t) => t.id)).toEqual(['error-workflow']);
    expect(filterTemplates(templates, 'approve', 'api')).toEqual([]);
  });

  it('creates a workflow from the chosen template and opens it', async () => {
    const server = mockServer({
      [`GET /api/projects/${P}`]: () => json(200, { id: P, name: 'Shop', myRole: 'owner' }),
      [`GET /api/projects/${P}/workflows`]: () => json(200, page([])),
      'GET /api/workflow-templates': () => json(200, templates),
      [`POST /api/projects/${P}/workflows`]: () => json(201, { id: 'new-flow', name: 'Approval flow' }),
    });
    const { user } = renderAt(`/projects/${P}/workflows`, <WorkflowsPage />, '/projects/:projectId/workflows');
    await user.click(await screen.findByRole('button', { name: 'New from template' }));
    const list = await screen.findByRole('list', { name: 'Templates' });
    expect(within(list).getAllByRole('heading')).toHaveLength(3);
    await user.click(screen.getByRole('button', { name: 'flow' }));
    expect(within(list).getAllByRole('heading')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Use template Approval flow' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/workflows/new-flow'));
    await expect(server.calls(`POST /api/projects/${P}/workflows`)[0]?.json()).resolves.toEqual({ templateId: 'approval-flow' });
  });

  it('says why a viewer cannot create from a template', async () => {
    mockServer({
      [`GET /api/projects/${P}`]: () => json(200, { id: P, name: 'Shop', myRole: 'viewer' }),
      [`GET /api/projects/${P}/workflows`]: () => json(200, page([])),
      'GET /api/workflow-templates': () => json(200, templates),
      [`POST /api/projects/${P}/workflows`]: () => json(403, { type: 'about:blank', title: 'Forbidden', status: 403 }),
    });
    const { user } = renderAt(`/projects/${P}/workflows`, <WorkflowsPage />, '/projects/:projectId/workflows');
    await user.click(await screen.findByRole('button', { name: 'New from template' }));
    await user.type(await screen.findByLabelText('Search templates'), 'error');
    await user.click(screen.getByRole('button', { name: 'Use template Error workflow' }));
    expect(await screen.findByText('Viewers cannot create workflows.')).toBeInTheDocument();
  });
});
