import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockServer, noContent, problem } from '../../test/fetchMock';
import { renderAt } from '../../test/render';
import { McpServersAdminPage } from './McpServersAdminPage';
import { AGENTS, me, signIn } from './testAi';

const SERVER_ID = 'd0000000-0000-4000-8000-000000000001';
const docs = { id: SERVER_ID, name: 'docs', url: 'https://mcp.example.com/mcp', authHeader: 'X-API-Key', createdAt: '2026-11-20T09:00:00Z', tools: [], agentTools: {} };
const listed = {
  ...docs,
  toolsListedAt: '2026-11-20T10:00:00Z',
  tools: [
    { name: 'search', description: 'Searches the docs', qualifiedName: 'docs__search', server: 'docs', inputSchema: { type: 'object' } },
    { name: 'fetch', description: 'Reads one page', qualifiedName: 'docs__fetch', server: 'docs', inputSchema: { type: 'object' } },
  ],
  agentTools: { dev: ['search'] },
};
const secret = 'key-9f8e7d6c5b4a-never-shown';

async function renderPage(routes: Parameters<typeof mockServer>[0]) {
  const server = mockServer({ ...me(), 'GET /api/agents': () => json(200, AGENTS), ...routes });
  await signIn();
  return { server, ...renderAt('/admin/mcp', <McpServersAdminPage />) };
}

describe('Admin → MCP servers', () => {
  it('registers a server with an auth header whose value is sent once and not shown afterwards', async () => {
    const { server, user } = await renderPage({
      'GET /api/admin/mcp/servers': () => json(200, []),
      'POST /api/admin/mcp/servers': () => json(201, docs),
    });

    expect(await screen.findByText('No MCP servers registered yet.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Name'), 'docs');
    await user.type(screen.getByLabelText('URL'), 'https://mcp.example.com/mcp');
    await user.type(screen.getByLabelText('Auth header name'), 'X-API-Key');
    const value = screen.getByLabelText('Auth header value');
    expect(value).toHaveAttribute('type', 'password');
    await user.type(value, secret);
    await user.click(screen.getByRole('button', { name: 'Register server' }));

    const card = await screen.findByRole('article', { name: /docs/ });
    expect(within(card).getByText('sends X-API-Key')).toBeInTheDocument();
    expect(screen.getByText(/Registered “docs”/)).toHaveTextContent('is not shown again');
    expect(screen.getByLabelText('Auth header value')).toHaveValue('');
    expect(document.body).not.toHaveTextContent(secret);
    expect(Array.from(document.querySelectorAll('input')).some((input) => input.value === secret)).toBe(false);
    await expect(server.calls('POST /api/admin/mcp/servers')[0]?.json()).resolves.toEqual({
      name: 'docs', url: 'https://mcp.example.com/mcp', authHeader: 'X-API-Key', authValue: secret,
    });
  });

  it('lists a server’s tools, and says why when the server cannot be reached', async () => {
    const { server, user } = await renderPage({
      'GET /api/admin/mcp/servers': () => json(200, [docs]),
      [`POST /api/admin/mcp/servers/${SERVER_ID}/tools`]: [
        () => problem(502, 'MCP server unreachable', { detail: 'MCP server docs could not be reached: the address 10.0.0.5 is private.' }),
        () => json(200, listed),
      ],
    });

    await user.click(await screen.findByRole('button', { name: 'List tools of docs' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not list the tools of “docs”.');
    expect(alert).toHaveTextContent('MCP server docs could not be reached: the address 10.0.0.5 is private.');
    expect(alert).toHaveTextContent('outbound allow-list');
    expect(alert).toHaveTextContent('There is no page for that list yet');

    await user.click(screen.getByRole('button', { name: 'List tools of docs' }));
    const tools = await screen.findByRole('list', { name: 'Tools of docs' });
    expect(within(tools).getByText('search')).toBeInTheDocument();
    expect(within(tools).getByText(/Reads one page/)).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByText(/tools listed/)).toBeInTheDocument();
    expect(server.calls(`POST /api/admin/mcp/servers/${SERVER_ID}/tools`)).toHaveLength(2);
  });

  it("saves one agent's allowed tools with the whole list it may now use", async () => {
    const { server, user } = await renderPage({
      'GET /api/admin/mcp/servers': () => json(200, [listed]),
      [`PUT /api/admin/mcp/servers/${SERVER_ID}/agents/dev`]: () => json(200, { ...listed, agentTools: { dev: ['search', 'fetch'] } }),
    });

    const devTools = await screen.findByRole('group', { name: 'Tools Dev may use' });
    expect(within(devTools).getByRole('checkbox', { name: 'search' })).toBeChecked();
    const save = screen.getByRole('button', { name: 'Save tools for Dev' });
    expect(save).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Save tools for Nexy' })).toBeDisabled();

    await user.click(within(devTools).getByRole('checkbox', { name: 'fetch' }));
    expect(save).toBeEnabled();
    await user.click(save);

    expect(await screen.findByText('Saved')).toBeInTheDocument();
    await expect(server.calls(`PUT /api/admin/mcp/servers/${SERVER_ID}/agents/dev`)[0]?.json()).resolves.toEqual({ tools: ['search', 'fetch'] });
    expect(within(devTools).getByRole('checkbox', { name: 'fetch' })).toBeChecked();
    expect(save).toBeDisabled();
  });

  it('deletes a server only after confirming', async () => {
    const { server, user } = await renderPage({
      'GET /api/admin/mcp/servers': () => json(200, [docs]),
      [`DELETE /api/admin/mcp/servers/${SERVER_ID}`]: () => noContent(),
    });

    await user.click(await screen.findByRole('button', { name: 'Delete docs' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Delete “docs”?' });
    expect(server.calls(`DELETE /api/admin/mcp/servers/${SERVER_ID}`)).toHaveLength(0);
    await user.click(within(confirm).getByRole('button', { name: 'Delete' }));

    await waitFor(() => expect(screen.queryByRole('article')).not.toBeInTheDocument());
    expect(server.calls(`DELETE /api/admin/mcp/servers/${SERVER_ID}`)).toHaveLength(1);
  });

  it('shows a name that is taken on the Name field', async () => {
    const { user } = await renderPage({
      'GET /api/admin/mcp/servers': () => json(200, [docs]),
      'POST /api/admin/mcp/servers': () => problem(409, 'MCP server name taken', { detail: 'An MCP server is already named docs.' }),
    });

    await user.type(await screen.findByLabelText('Name'), 'docs');
    await user.type(screen.getByLabelText('URL'), 'https://other.example.com/mcp');
    await user.click(screen.getByRole('button', { name: 'Register server' }));

    await waitFor(() => expect(screen.getByLabelText('Name')).toHaveAccessibleDescription('An MCP server is already named docs.'));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
