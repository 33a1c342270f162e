import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockServer, noContent } from '../../test/fetchMock';
import { renderAt } from '../../test/render';
import { ChatPage } from './ChatPage';
import { AGENTS, CONVERSATION_ID, PROJECT_ID, conversation, fact, page, project } from './testChat';

const base = `/api/conversations/${CONVERSATION_ID}`;
const memory = `/api/projects/${PROJECT_ID}/memory`;
const stack = fact('1', 'The shop runs on Spring Boot 4.');
const learned = fact('2', 'Payments go through Stripe.', { source: 'agent', agentId: 'dev' });

function memoryServer(myRole: 'editor' | 'viewer') {
  let facts = [stack, learned];
  return mockServer({
    'GET /api/agents': () => json(200, AGENTS),
    'GET /api/projects': () => json(200, page([project(myRole)])),
    [`GET /api/projects/${PROJECT_ID}`]: () => json(200, project(myRole)),
    'GET /api/conversations': () => json(200, page([conversation({ projectId: PROJECT_ID })])),
    [`GET ${base}`]: () => json(200, conversation({ projectId: PROJECT_ID, hasSummary: true })),
    [`GET ${base}/messages`]: () => json(200, []),
    [`GET ${base}/summary`]: () => json(200, { text: 'Alice is moving the shop to Spring Boot 4.', throughSeq: 40 }),
    'GET /api/llm/status': () => json(200, { providers: [{ name: 'anthropic', usable: true }], howToConfigure: '' }),
    [`GET ${memory}`]: () => json(200, facts),
    [`POST ${memory}`]: async (req) => {
      const added = fact('3', ((await req.json()) as { text: string }).text);
      facts = [...facts, added];
      return json(201, added);
    },
    [`PATCH ${memory}/${stack.id}`]: async (req) => json(200, { ...stack, text: ((await req.json()) as { text: string }).text }),
    [`DELETE ${memory}/${learned.id}`]: () => noContent(),
  });
}

async function openMemory() {
  const rendered = renderAt(`/chat/${CONVERSATION_ID}`, <ChatPage />, '/chat/:conversationId?');
  await rendered.user.click(await screen.findByRole('button', { name: 'Memory' }));
  const panel = screen.getByRole('complementary', { name: 'Memory' });
  return { ...rendered, panel, facts: await within(panel).findByRole('list', { name: 'Memory facts' }) };
}

describe('the memory panel', () => {
  it("lets an editor add, edit and delete the project's facts", async () => {
    const server = memoryServer('editor');
    const { user, panel, facts } = await openMemory();
    expect(within(facts).getByText('learned by Dev')).toBeInTheDocument();

    await user.type(within(panel).getByRole('textbox', { name: 'New fact' }), 'Deploys happen on Fridays.');
    await user.click(within(panel).getByRole('button', { name: 'Add fact' }));
    expect(await within(facts).findByText('Deploys happen on Fridays.')).toBeInTheDocument();
    await expect(server.calls(`POST ${memory}`)[0]?.json()).resolves.toEqual({ text: 'Deploys happen on Fridays.' });

    await user.click(within(facts).getByRole('button', { name: `Edit fact: ${stack.text}` }));
    const edit = within(facts).getByRole('textbox', { name: 'Edit fact' });
    await user.clear(edit);
    await user.type(edit, 'The shop runs on Spring Boot 4.1.');
    await user.click(within(facts).getByRole('button', { name: 'Save' }));
    expect(await within(facts).findByText('The shop runs on Spring Boot 4.1.')).toBeInTheDocument();
    await expect(server.calls(`PATCH ${memory}/${stack.id}`)[0]?.json()).resolves.toEqual({ text: 'The shop runs on Spring Boot 4.1.' });

    await user.click(within(facts).getByRole('button', { name: `Delete fact: ${learned.text}` }));
    await waitFor(() => expect(within(panel).queryByText(learned.text)).not.toBeInTheDocument());
    expect(within(panel).getByText('Deploys happen on Fridays.')).toBeInTheDocument();
    expect(server.calls(`DELETE ${memory}/${learned.id}`)).toHaveLength(1);
  });

  it('shows a viewer the facts without the controls to change them', async () => {
    memoryServer('viewer');
    const { panel, facts } = await openMemory();

    expect(within(facts).getByText(stack.text)).toBeInTheDocument();
    expect(within(panel).queryByRole('button', { name: /Edit fact/ })).not.toBeInTheDocument();
    expect(within(panel).queryByRole('button', { name: /Delete fact/ })).not.toBeInTheDocument();
    expect(within(panel).queryByRole('textbox', { name: 'New fact' })).not.toBeInTheDocument();
    expect(within(panel).getByText(/editors and owners can change it/)).toBeInTheDocument();
  });

  it('shows the conversation summary on demand', async () => {
    const server = memoryServer('viewer');
    const { user, panel } = await openMemory();
    expect(server.calls(`GET ${base}/summary`)).toHaveLength(0);

    await user.click(within(panel).getByRole('button', { name: 'Show summary' }));

    expect(await within(panel).findByText('Alice is moving the shop to Spring Boot 4.')).toBeInTheDocument();
    expect(within(panel).getByText(/up to #40/)).toBeInTheDocument();
  });
});
