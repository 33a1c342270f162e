import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { json, mockServer, noContent } from '../../test/fetchMock';
import { renderAt } from '../../test/render';
import { ChatPage } from './ChatPage';
import { byActivity } from './ConversationList';
import { AGENTS, CONVERSATION_ID, PROJECT_ID, conversation, page, project } from './testChat';

const base = `/api/conversations/${CONVERSATION_ID}`;
const older = conversation({ id: 'c0000000-0000-4000-8000-000000000002', title: 'Colours for the dashboard', currentAgentId: 'designer', updatedAt: '2026-01-02T10:00:00Z' });

function listServer(extra: Parameters<typeof mockServer>[0] = {}) {
  let title = 'Login trouble';
  let bound: string | null = null;
  let deleted = false;
  const current = () => conversation({ title, ...(bound ? { projectId: bound } : {}) });
  const server = mockServer({
    'GET /api/agents': () => json(200, AGENTS),
    'GET /api/projects': () => json(200, page([project('editor')])),
    [`GET /api/projects/${PROJECT_ID}`]: () => json(200, project('editor')),
    'GET /api/conversations': (req) => {
      const q = new URL(req.url).searchParams.get('q');
      const all = deleted ? [older] : [current(), older];
      return json(200, page(q ? all.filter((c) => c.title.toLowerCase().includes(q)) : all));
    },
    [`GET ${base}`]: () => json(200, current()),
    [`GET ${base}/messages`]: () => json(200, []),
    [`PATCH ${base}`]: async (req) => {
      const body = (await req.json()) as { title?: string; projectId?: string | null };
      if (body.title !== undefined) title = body.title;
      if (body.projectId !== undefined) bound = body.projectId;
      return json(200, current());
    },
    [`DELETE ${base}`]: () => {
      deleted = true;
      return noContent();
    },
    'GET /api/llm/status': () => json(200, { providers: [{ name: 'anthropic', usable: true }], howToConfigure: '' }),
    ...extra,
  });
  return server;
}

describe('the conversation list', () => {
  it('groups conversations by recent activity and searches them with ?q=', async () => {
    const server = listServer();
    const { user } = renderAt('/chat', <ChatPage />, '/chat/:conversationId?');

    const list = await screen.findByRole('list', { name: 'Conversations' });
    expect(within(list).getByRole('heading', { name: 'Today' })).toBeInTheDocument();
    expect(within(list).getByRole('heading', { name: 'Older' })).toBeInTheDocument();
    expect(within(list).getAllByRole('link').map((a) => a.textContent)).toEqual([expect.stringContaining('Login trouble'), expect.stringContaining('Colours for the dashboard')]);

    await user.type(screen.getByRole('searchbox', { name: 'Search conversations' }), 'colour');

    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Conversations' })).getAllByRole('link')).toHaveLength(1));
    expect(screen.getByTestId('location')).toHaveTextContent('/chat?q=colour');
    expect(new URL(server.calls('GET /api/conversations').at(-1)?.url ?? '').searchParams.get('q')).toBe('colour');

    const filter = screen.getByRole('combobox', { name: 'Filter by project' });
    await within(filter).findByRole('option', { name: 'Storefront' });
    await user.selectOptions(filter, 'Storefront');
    await waitFor(() => expect(new URL(server.calls('GET /api/conversations').at(-1)?.url ?? '').searchParams.get('projectId')).toBe(PROJECT_ID));
    expect(screen.getByTestId('location')).toHaveTextContent(`project=${PROJECT_ID}`);
  });

  it('renames the open conversation and the list follows', async () => {
    const server = listServer();
    const { user } = renderAt(`/chat/${CONVERSATION_ID}`, <ChatPage />, '/chat/:conversationId?');

    await user.click(await screen.findByRole('button', { name: 'Rename' }));
    const dialog = screen.getByRole('dialog', { name: 'Rename conversation' });
    const title = within(dialog).getByRole('textbox', { name: 'Title' });
    await user.clear(title);
    await user.type(title, 'Login after upgrade');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('heading', { name: 'Login after upgrade' })).toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Conversations' });
    expect(await within(list).findByText('Login after upgrade')).toBeInTheDocument();
    await expect(server.calls(`PATCH ${base}`)[0]?.json()).resolves.toEqual({ title: 'Login after upgrade' });
  });

  it('deletes the open conversation after confirming, and goes back to the list', async () => {
    const server = listServer();
    const { user } = renderAt(`/chat/${CONVERSATION_ID}`, <ChatPage />, '/chat/:conversationId?');

    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Delete “Login trouble”?' });
    expect(server.calls(`DELETE ${base}`)).toHaveLength(0);
    await user.click(within(confirm).getByRole('button', { name: 'Delete' }));

    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/chat$/));
    expect(server.calls(`DELETE ${base}`)).toHaveLength(1);
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Conversations' })).queryByText('Login trouble')).not.toBeInTheDocument());
  });

  it('binds the open conversation to a project and unbinds it', async () => {
    const server = listServer();
    const { user } = renderAt(`/chat/${CONVERSATION_ID}`, <ChatPage />, '/chat/:conversationId?');
    const binding = await screen.findByRole('combobox', { name: 'Project' });
    await within(binding).findByRole('option', { name: 'Storefront' });

    await user.selectOptions(binding, 'Storefront');
    await waitFor(() => expect(binding).toHaveValue(PROJECT_ID));
    await user.selectOptions(binding, 'No project');
    await waitFor(() => expect(binding).toHaveValue(''));

    const patches = await Promise.all(server.calls(`PATCH ${base}`).map((r) => r.json()));
    expect(patches).toEqual([{ projectId: PROJECT_ID }, { projectId: null }]);
    // Agents are asked for again with the project: a project may switch some off.
    expect(server.calls('GET /api/agents').some((r) => new URL(r.url).searchParams.get('projectId') === PROJECT_ID)).toBe(true);
  });

  it('exports the conversation as a Markdown download', async () => {
    const createObjectURL = vi.fn((_blob: Blob) => 'blob:conversation');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    listServer({ [`GET ${base}/export`]: () => new Response('# Login trouble\n', { status: 200, headers: { 'Content-Type': 'text/markdown' } }) });
    const { user } = renderAt(`/chat/${CONVERSATION_ID}`, <ChatPage />, '/chat/:conversationId?');

    await user.click(await screen.findByRole('button', { name: 'Export' }));

    await waitFor(() => expect(click).toHaveBeenCalled());
    expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe('Login-trouble.md');
    await expect(createObjectURL.mock.calls[0]?.[0].text()).resolves.toBe('# Login trouble\n');
  });

  it('starts a conversation with the agent picked', async () => {
    const created = conversation({ id: 'c0000000-0000-4000-8000-000000000009', title: 'New conversation', currentAgentId: 'debugger' });
    const server = listServer({ 'POST /api/conversations': () => json(201, created), [`GET /api/conversations/${created.id}`]: () => json(200, created), [`GET /api/conversations/${created.id}/messages`]: () => json(200, []) });
    const { user } = renderAt('/chat', <ChatPage />, '/chat/:conversationId?');

    await user.click(await screen.findByRole('button', { name: 'New conversation' }));
    const dialog = screen.getByRole('dialog', { name: 'New conversation' });
    expect(await within(dialog).findByRole('radio', { name: /Nexy/ })).toBeChecked();
    await user.click(within(dialog).getByRole('radio', { name: /Debugger/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Start conversation' }));

    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(`/chat/${created.id}`));
    await expect(server.calls('POST /api/conversations')[0]?.json()).resolves.toEqual({ agentId: 'debugger' });
  });

  it('puts each conversation under the right heading', () => {
    const now = new Date('2026-11-25T15:00:00');
    const at = (iso: string) => conversation({ id: iso, updatedAt: new Date(iso).toISOString() });
    const groups = byActivity([at('2026-11-25T08:00:00'), at('2026-11-24T23:00:00'), at('2026-11-20T10:00:00'), at('2026-11-01T10:00:00'), at('2025-11-01T10:00:00')], now);
    expect(groups.map((g) => [g.label, g.items.length])).toEqual([
      ['Today', 1],
      ['Yesterday', 1],
      ['Previous 7 days', 1],
      ['Previous 30 days', 1],
      ['Older', 1],
    ]);
  });
});
