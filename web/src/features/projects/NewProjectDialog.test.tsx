import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { json, mockServer, problem } from '../../test/fetchMock';
import { renderAt } from '../../test/render';
import { NewProjectDialog } from './NewProjectDialog';

const created = {
  id: '10000000-0000-4000-8000-000000000001',
  name: 'Storefront',
  description: 'Customer web shop',
  type: 'mobile',
  status: 'active',
  repositoryUrl: 'https://github.com/acme/storefront',
  deploymentUrl: null,
  createdAt: '2025-02-01T10:00:00Z',
  updatedAt: '2025-02-01T10:00:00Z',
  myRole: 'owner',
};

describe('new project form', () => {
  it('sends the entered fields as CreateProjectRequest, leaving out empty optional ones', async () => {
    const server = mockServer({ 'POST /api/projects': () => json(201, created) });
    const onCreated = vi.fn();
    const { user } = renderAt('/projects', <NewProjectDialog open onClose={() => {}} onCreated={onCreated} />);

    await user.type(screen.getByLabelText('Name'), '  Storefront ');
    await user.type(screen.getByLabelText('Description'), 'Customer web shop');
    await user.selectOptions(screen.getByLabelText('Type'), 'mobile');
    await user.selectOptions(screen.getByLabelText('Status'), 'active');
    await user.type(screen.getByLabelText('Repository URL'), 'https://github.com/acme/storefront');
    await user.click(screen.getByRole('button', { name: 'Create project' }));

    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(created));
    const [request] = server.calls('POST /api/projects');
    await expect(request?.json()).resolves.toEqual({
      name: 'Storefront',
      description: 'Customer web shop',
      type: 'mobile',
      status: 'active',
      repositoryUrl: 'https://github.com/acme/storefront',
    });
  });

  it('defaults to a web project in draft', async () => {
    const server = mockServer({ 'POST /api/projects': () => json(201, created) });
    const { user } = renderAt('/projects', <NewProjectDialog open onClose={() => {}} onCreated={() => {}} />);

    await user.type(screen.getByLabelText('Name'), 'Minimal');
    await user.click(screen.getByRole('button', { name: 'Create project' }));

    await waitFor(() => expect(server.calls('POST /api/projects')).toHaveLength(1));
    await expect(server.calls('POST /api/projects')[0]?.json()).resolves.toEqual({ name: 'Minimal', type: 'web', status: 'draft' });
  });

  it('shows a server validation error next to the field it names', async () => {
    mockServer({
      'POST /api/projects': () => problem(400, 'Validation failed', { errors: [{ field: 'deploymentUrl', message: 'must be a valid URL' }] }),
    });
    const onCreated = vi.fn();
    const { user } = renderAt('/projects', <NewProjectDialog open onClose={() => {}} onCreated={onCreated} />);

    await user.type(screen.getByLabelText('Name'), 'Broken');
    await user.type(screen.getByLabelText('Deployment URL'), 'not a url');
    await user.click(screen.getByRole('button', { name: 'Create project' }));

    await waitFor(() => expect(screen.getByLabelText('Deployment URL')).toHaveAccessibleDescription('must be a valid URL'));
    expect(onCreated).not.toHaveBeenCalled();
  });

  it('closes on Escape', async () => {
    const onClose = vi.fn();
    const { user } = renderAt('/projects', <NewProjectDialog open onClose={onClose} onCreated={() => {}} />);

    expect(screen.getByRole('dialog', { name: 'New project' })).toContainElement(document.activeElement as HTMLElement);
    await user.keyboard('{Escape}');

    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('keeps Tab focus inside the dialog', async () => {
    const { user } = renderAt('/projects', <NewProjectDialog open onClose={() => {}} onCreated={() => {}} />);
    const dialog = screen.getByRole('dialog', { name: 'New project' });

    for (let i = 0; i < 12; i++) {
      await user.tab();
      expect(dialog).toContainElement(document.activeElement as HTMLElement);
    }
  });
});
