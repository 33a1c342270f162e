import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockServer, noContent, problem } from '../../test/fetchMock';
import { renderAt } from '../../test/render';
import { GitHubSection } from './GitHubSection';

const projectId = '10000000-0000-4000-8000-000000000009';
const project = (myRole: 'owner' | 'editor' | 'viewer') => ({
  id: projectId, name: 'Shop', type: 'web', status: 'active', myRole, createdAt: '2026-01-01T10:00:00Z', updatedAt: '2026-01-01T10:00:00Z',
}) as never;
const base = `/api/projects/${projectId}`;
const linked = { owner: 'acme', repo: 'shop', linkedAt: '2026-11-25T10:00:00Z', webhookUrl: '/api/webhooks/github' };

describe('GitHub repository section', () => {
  it('links a repository, shows the webhook secret once with where to put it, and tests the connection', async () => {
    const server = mockServer({
      [`GET ${base}/github`]: () => problem(404, 'No GitHub repository linked'),
      [`GET ${base}/credentials`]: () => json(200, { items: [], page: 0, size: 100, totalItems: 0, totalPages: 0 }),
      'GET /api/credential-kinds': () => json(200, []),
      [`PUT ${base}/github`]: () => json(200, { ...linked, webhookSecret: 's3cr3t-made-by-nex7' }),
      [`POST ${base}/github/test`]: () => json(200, { fullName: 'acme/shop', defaultBranch: 'main', privateRepository: true }),
    });
    const { user } = renderAt(`/projects/${projectId}`, <GitHubSection project={project('owner')} />);

    expect(await screen.findByText('No repository linked.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Owner'), 'acme');
    await user.type(screen.getByLabelText('Repository'), 'shop');
    await user.click(screen.getByRole('button', { name: 'Link repository' }));

    expect(await screen.findByLabelText('Webhook secret', { selector: 'code' })).toHaveTextContent('s3cr3t-made-by-nex7');
    expect(screen.getByText(/\/api\/webhooks\/github/)).toBeInTheDocument();
    await expect(server.calls(`PUT ${base}/github`)[0]?.json()).resolves.toEqual({ owner: 'acme', repo: 'shop' });

    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText(/GitHub confirms acme\/shop \(default branch main, private\)/)).toBeInTheDocument();
  });

  it('shows members the link without controls, and owners can unlink', async () => {
    mockServer({ [`GET ${base}/github`]: () => json(200, linked) });
    const { unmount } = renderAt(`/projects/${projectId}`, <GitHubSection project={project('viewer')} />);
    expect(await screen.findByText('acme/shop')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Unlink' })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Owner')).not.toBeInTheDocument();
    unmount();

    const server = mockServer({ [`GET ${base}/github`]: () => json(200, linked), [`DELETE ${base}/github`]: () => noContent() });
    const { user } = renderAt(`/projects/${projectId}`, <GitHubSection project={project('owner')} />);
    const section = await screen.findByRole('region', { name: 'GitHub repository' });
    await user.click(within(section).getByRole('button', { name: 'Unlink' }));
    expect(await screen.findByText('No repository linked.')).toBeInTheDocument();
    expect(server.calls(`DELETE ${base}/github`)).toHaveLength(1);
  });
});
