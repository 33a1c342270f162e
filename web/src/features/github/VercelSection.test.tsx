import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockServer, noContent, problem } from '../../test/fetchMock';
import { renderAt } from '../../test/render';
import { VercelSection } from './VercelSection';

const projectId = '10000000-0000-4000-8000-000000000007';
const project = { id: projectId, name: 'Shop', type: 'web', status: 'active', myRole: 'owner', createdAt: '2026-01-01T10:00:00Z', updatedAt: '2026-01-01T10:00:00Z' } as never;
const base = `/api/projects/${projectId}`;

describe('Vercel section', () => {
  it('links a Vercel project with its webhook secret and unlinks it', async () => {
    const server = mockServer({
      [`GET ${base}/vercel`]: () => problem(404, 'No Vercel project linked'),
      [`GET ${base}/credentials`]: () => json(200, { items: [], page: 0, size: 100, totalItems: 0, totalPages: 0 }),
      'GET /api/credential-kinds': () => json(200, []),
      [`PUT ${base}/vercel`]: () => json(200, { vercelProjectId: 'prj_123', teamId: 'team_9', signed: true, linkedAt: '2026-11-25T10:00:00Z', webhookUrl: '/api/webhooks/vercel' }),
      [`DELETE ${base}/vercel`]: () => noContent(),
    });
    const { user } = renderAt(`/projects/${projectId}`, <VercelSection project={project} />);

    await user.type(await screen.findByLabelText('Vercel project id'), 'prj_123');
    await user.type(screen.getByLabelText('Team id'), 'team_9');
    await user.type(screen.getByLabelText('Vercel webhook secret'), 'the-secret-vercel-showed');
    await user.click(screen.getByRole('button', { name: 'Link Vercel project' }));

    expect(await screen.findByText('Webhook secret set')).toBeInTheDocument();
    await expect(server.calls(`PUT ${base}/vercel`)[0]?.json()).resolves.toEqual({ vercelProjectId: 'prj_123', teamId: 'team_9', webhookSecret: 'the-secret-vercel-showed' });
    expect(document.body.textContent).not.toContain('the-secret-vercel-showed');

    await user.click(screen.getByRole('button', { name: 'Unlink Vercel' }));
    expect(await screen.findByText('No Vercel project linked.')).toBeInTheDocument();
  });
});
