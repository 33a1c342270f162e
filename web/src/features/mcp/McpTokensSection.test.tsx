import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockServer, noContent, problem } from '../../test/fetchMock';
import { renderAt } from '../../test/render';
import { McpTokensSection } from './McpTokensSection';

const laptop: Record<string, string | null> = { id: 'a0000000-0000-4000-8000-000000000001', name: 'Laptop', prefix: 'nex7_mcp_AbCd', createdAt: '2026-11-01T10:00:00Z', expiresAt: null, lastUsedAt: null };
const secret = 'nex7_mcp_Zy9-secret-value-shown-once';

describe('MCP tokens', () => {
  it('creates a token, shows its secret once with a client configuration, and lists it by prefix', async () => {
    const created = { id: 'a0000000-0000-4000-8000-000000000002', name: 'Claude Desktop', prefix: 'nex7_mcp_Zy9-', createdAt: '2026-11-25T10:00:00Z', expiresAt: '2027-02-23T10:00:00Z', lastUsedAt: null };
    let tokens = [laptop];
    const server = mockServer({
      'GET /api/mcp/tokens': () => json(200, tokens),
      'POST /api/mcp/tokens': () => {
        tokens = [created, laptop];
        return json(201, { token: created, secret });
      },
    });
    const { user } = renderAt('/settings', <McpTokensSection />);

    expect(await screen.findByText('Laptop')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Token name'), 'Claude Desktop');
    await user.click(screen.getByRole('button', { name: 'Create token' }));

    expect(await screen.findByLabelText('New MCP token')).toHaveTextContent(secret);
    expect(screen.getByText(/not shown again/)).toBeInTheDocument();
    expect(screen.getByText(/"Authorization": "Bearer nex7_mcp_Zy9-secret-value-shown-once"/)).toBeInTheDocument();
    await expect(server.calls('POST /api/mcp/tokens')[0]?.json()).resolves.toEqual({ name: 'Claude Desktop', expiresInDays: 90 });
    const list = await screen.findByRole('list', { name: 'MCP tokens' });
    expect(await within(list).findByText('Claude Desktop')).toBeInTheDocument();
    expect(list).not.toHaveTextContent(secret);

    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByLabelText('New MCP token')).not.toBeInTheDocument();
  });

  it("revokes a project's token and shows why a refused creation failed", async () => {
    const projectId = 'p0000000-0000-4000-8000-000000000001';
    const server = mockServer({
      [`GET /api/projects/${projectId}/mcp/tokens`]: () => json(200, [laptop]),
      [`DELETE /api/projects/${projectId}/mcp/tokens/${laptop.id ?? ""}`]: () => noContent(),
      [`POST /api/projects/${projectId}/mcp/tokens`]: () =>
        problem(409, 'Too many MCP tokens', { type: 'https://nex7.dev/problems/mcp-token-limit', detail: 'A user may hold at most 50 MCP tokens; revoke one first.' }),
    });
    const { user } = renderAt('/projects/x', <McpTokensSection projectId={projectId} />);

    await user.click(await screen.findByRole('button', { name: 'Revoke Laptop' }));
    expect(await screen.findByText('No tokens yet.')).toBeInTheDocument();
    expect(server.calls(`DELETE /api/projects/${projectId}/mcp/tokens/${laptop.id ?? ""}`)).toHaveLength(1);

    await user.type(screen.getByLabelText('Token name'), 'CI');
    await user.click(screen.getByRole('button', { name: 'Create token' }));
    expect(await screen.findByText(/at most 50 MCP tokens/)).toBeInTheDocument();
  });
});
