import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockServer, noContent, problem } from '../../test/fetchMock';
import { aiSectionRoutes } from '../ai/testAi';
import { deploymentSectionRoutes } from '../deployments/testDeployments';
import { renderAt } from '../../test/render';
import { ProjectDetailPage } from './ProjectDetailPage';

const id = '10000000-0000-4000-8000-000000000001';
const project = (myRole: 'owner' | 'editor' | 'viewer') => ({
  id,
  name: 'Storefront',
  description: null,
  type: 'web',
  status: 'active',
  repositoryUrl: null,
  deploymentUrl: null,
  createdAt: '2025-02-01T10:00:00Z',
  updatedAt: '2025-02-01T10:00:00Z',
  myRole,
});
const owner = { userId: '00000000-0000-4000-8000-000000000001', email: 'alice@example.com', name: 'Alice', role: 'owner', addedAt: '2025-02-01T10:00:00Z' };
const bob = { userId: '00000000-0000-4000-8000-000000000002', email: 'bob@example.com', name: 'Bob', role: 'editor', addedAt: '2025-02-02T10:00:00Z' };

/** What the page reads for a viewer of a project with nothing linked. */
const viewerPage = {
  ...aiSectionRoutes(id),
  ...deploymentSectionRoutes(id),
  [`GET /api/projects/${id}`]: () => json(200, project('viewer')),
  [`GET /api/projects/${id}/github`]: () => problem(404, 'No GitHub repository linked'),
  [`GET /api/projects/${id}/vercel`]: () => problem(404, 'No Vercel project linked'),
  [`GET /api/projects/${id}/notification-webhook`]: () => problem(404, 'No notification webhook'),
  [`GET /api/projects/${id}/members`]: () => json(200, [owner]),
};

const renderProject = () => renderAt(`/projects/${id}`, <ProjectDetailPage />, '/projects/:id');

describe('project page', () => {
  it('is read-only for viewers, without delete or member management', async () => {
    mockServer(viewerPage);
    renderProject();

    expect(await screen.findByLabelText('Name')).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Save changes' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete project' })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Member email')).not.toBeInTheDocument();
  });

  it('links to the deployments and shows the local target and recovery policy', async () => {
    mockServer(viewerPage);
    renderProject();

    expect(await screen.findByRole('link', { name: 'Open deployments →' })).toHaveAttribute('href', `/projects/${id}/deployments`);
    expect(await within(screen.getByRole('region', { name: 'Local deployment target' })).findByText('No local target linked.')).toBeInTheDocument();
    expect(await within(screen.getByRole('region', { name: 'Recovery policy' })).findByLabelText('Recover failed deployments')).toBeDisabled();
  });

  it('saves only the changed fields', async () => {
    const server = mockServer({
      ...aiSectionRoutes(id),
      ...deploymentSectionRoutes(id),
      'GET /api/projects/10000000-0000-4000-8000-000000000001': () => json(200, project('editor')),
      'PATCH /api/projects/10000000-0000-4000-8000-000000000001': () => json(200, { ...project('editor'), name: 'Shop' }),
      'GET /api/projects/10000000-0000-4000-8000-000000000001/github': () => problem(404, 'No GitHub repository linked'),
      'GET /api/projects/10000000-0000-4000-8000-000000000001/vercel': () => problem(404, 'No Vercel project linked'),
      'GET /api/projects/10000000-0000-4000-8000-000000000001/notification-webhook': () => problem(404, 'No notification webhook'),
      'GET /api/projects/10000000-0000-4000-8000-000000000001/members': () => json(200, [owner]),
    });
    const { user } = renderProject();

    const name = await screen.findByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'Shop');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await screen.findByRole('heading', { name: 'Shop' });
    await expect(server.calls('PATCH /api/projects/10000000-0000-4000-8000-000000000001')[0]?.json()).resolves.toEqual({ name: 'Shop' });
  });

  it('lets the owner delete after confirming', async () => {
    const server = mockServer({
      ...aiSectionRoutes(id),
      ...deploymentSectionRoutes(id),
      'GET /api/projects/10000000-0000-4000-8000-000000000001': () => json(200, project('owner')),
      'GET /api/projects/10000000-0000-4000-8000-000000000001/mcp/tokens': () => json(200, []),
      'DELETE /api/projects/10000000-0000-4000-8000-000000000001': () => noContent(),
      'GET /api/projects/10000000-0000-4000-8000-000000000001/github': () => problem(404, 'No GitHub repository linked'),
      'GET /api/projects/10000000-0000-4000-8000-000000000001/vercel': () => problem(404, 'No Vercel project linked'),
      'GET /api/projects/10000000-0000-4000-8000-000000000001/notification-webhook': () => problem(404, 'No notification webhook'),
      'GET /api/projects/10000000-0000-4000-8000-000000000001/members': () => json(200, [owner]),
    });
    const { user } = renderProject();

    await user.click(await screen.findByRole('button', { name: 'Delete project' }));
    const dialog = screen.getByRole('alertdialog');
    expect(server.calls('DELETE /api/projects/10000000-0000-4000-8000-000000000001')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));

    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/projects$/));
    expect(server.calls('DELETE /api/projects/10000000-0000-4000-8000-000000000001')).toHaveLength(1);
  });

  it('adds a member by email and role', async () => {
    const server = mockServer({
      ...aiSectionRoutes(id),
      ...deploymentSectionRoutes(id),
      'GET /api/projects/10000000-0000-4000-8000-000000000001': () => json(200, project('owner')),
      'GET /api/projects/10000000-0000-4000-8000-000000000001/mcp/tokens': () => json(200, []),
      'GET /api/projects/10000000-0000-4000-8000-000000000001/github': () => problem(404, 'No GitHub repository linked'),
      'GET /api/projects/10000000-0000-4000-8000-000000000001/vercel': () => problem(404, 'No Vercel project linked'),
      'GET /api/projects/10000000-0000-4000-8000-000000000001/notification-webhook': () => problem(404, 'No notification webhook'),
      'GET /api/projects/10000000-0000-4000-8000-000000000001/members': () => json(200, [owner]),
      'POST /api/projects/10000000-0000-4000-8000-000000000001/members': () => json(201, { ...bob, role: 'viewer' }),
    });
    const { user } = renderProject();

    await user.type(await screen.findByLabelText('Member email'), 'bob@example.com');
    await user.selectOptions(screen.getByLabelText('Role'), 'viewer');
    await user.click(screen.getByRole('button', { name: 'Add member' }));

    const list = screen.getByRole('list', { name: 'Project members' });
    expect(await within(list).findByText('Bob')).toBeInTheDocument();
    await expect(server.calls('POST /api/projects/10000000-0000-4000-8000-000000000001/members')[0]?.json()).resolves.toEqual({
      email: 'bob@example.com',
      role: 'viewer',
    });
  });

  it("shows the server's reason when a member change is refused", async () => {
    mockServer({
      ...aiSectionRoutes(id),
      ...deploymentSectionRoutes(id),
      'GET /api/projects/10000000-0000-4000-8000-000000000001': () => json(200, project('owner')),
      'GET /api/projects/10000000-0000-4000-8000-000000000001/mcp/tokens': () => json(200, []),
      'GET /api/projects/10000000-0000-4000-8000-000000000001/github': () => problem(404, 'No GitHub repository linked'),
      'GET /api/projects/10000000-0000-4000-8000-000000000001/vercel': () => problem(404, 'No Vercel project linked'),
      'GET /api/projects/10000000-0000-4000-8000-000000000001/notification-webhook': () => problem(404, 'No notification webhook'),
      'GET /api/projects/10000000-0000-4000-8000-000000000001/members': () => json(200, [owner, bob]),
      'PATCH /api/projects/10000000-0000-4000-8000-000000000001/members/00000000-0000-4000-8000-000000000001': () =>
        problem(409, 'Conflict', { detail: 'A project needs at least one owner.' }),
    });
    const { user } = renderProject();

    await user.selectOptions(await screen.findByLabelText('Role for Alice'), 'editor');

    expect(await screen.findByRole('alert')).toHaveTextContent('A project needs at least one owner.');
    expect(screen.getByLabelText('Role for Alice')).toHaveValue('owner');
  });

  it('treats a project the user cannot see as not found', async () => {
    mockServer({ 'GET /api/projects/10000000-0000-4000-8000-000000000001': () => problem(404, 'Not Found') });
    renderProject();

    expect(await screen.findByRole('heading', { name: 'Project not found' })).toBeInTheDocument();
  });
});
