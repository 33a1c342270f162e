import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockServer, problem, type Handler } from '../../test/fetchMock';
import { renderAt } from '../../test/render';
import { ChatPage } from './ChatPage';
import { AGENTS, CONVERSATION_ID, agentSays, conversation, liveStream, message, page, sse, userSays } from './testChat';

const base = `/api/conversations/${CONVERSATION_ID}`;
const usable = { providers: [{ name: 'anthropic', usable: true }], howToConfigure: '' };

/** The chat's server: agents, projects, one conversation and its messages, plus `routes`. */
function chatServer(routes: Record<string, Handler | Handler[]> = {}, messages: unknown[] = []) {
  return mockServer({
    'GET /api/agents': () => json(200, AGENTS),
    'GET /api/projects': () => json(200, page([])),
    'GET /api/conversations': () => json(200, page([conversation()])),
    [`GET ${base}`]: () => json(200, conversation()),
    [`GET ${base}/messages`]: () => json(200, messages),
    'GET /api/llm/status': () => json(200, usable),
    [`GET ${base}/turn`]: () => json(200, { running: false, waiting: [] }),
    ...routes,
  });
}

const openChat = () => renderAt(`/chat/${CONVERSATION_ID}`, <ChatPage />, '/chat/:conversationId?');
const log = () => screen.getByRole('log', { name: 'Messages' });
const composer = () => screen.getByRole('textbox', { name: 'Message' });
/** The message box once the conversation has loaded (it is disabled until then). */
async function readyComposer() {
  const box = await screen.findByRole('textbox', { name: 'Message' });
  await waitFor(() => expect(box).toBeEnabled());
  return box;
}

describe('the chat', () => {
  it('streams an answer as Markdown, then shows its token usage and announces it once', async () => {
    const question = userSays('Hi there', 1);
    const answer = agentSays('nexy', '', { seq: 2, status: 'streaming' });
    const stream = liveStream();
    const server = chatServer({ [`POST ${base}/messages`]: () => stream.respond() });
    const { user } = openChat();

    await user.type(await readyComposer(), 'Hi there{Enter}');
    stream.send('message', question);
    stream.send('message', answer);
    stream.send('delta', { messageId: answer.id, text: 'Hello, ' });
    stream.send('delta', { messageId: answer.id, text: '**wörld** 👋' });

    expect(await within(log()).findByText('wörld', { selector: 'strong' })).toBeInTheDocument();
    expect(within(log()).getByText('Writing…')).toBeInTheDocument();
    expect(composer()).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Stop' })).toBeInTheDocument();
    expect(screen.queryByText(/Nexy answered/)).not.toBeInTheDocument();

    stream.send('message', { ...answer, text: 'Hello, **wörld** 👋', status: 'complete', usage: { inputTokens: 1200, outputTokens: 34, costUsd: 0.0042, provider: 'anthropic', model: 'claude-sonnet' } });
    stream.send('done', { status: 'complete', currentAgentId: 'nexy' });
    stream.close();

    expect(await screen.findByText('1,200 in · 34 out tokens · $0.0042 · anthropic claude-sonnet')).toBeInTheDocument();
    await waitFor(() => expect(composer()).toBeEnabled());
    expect(within(log()).queryByText('Writing…')).not.toBeInTheDocument();
    expect(screen.getByText('Nexy answered: Hello, **wörld** 👋')).toBeInTheDocument();
    const [sent] = server.calls(`POST ${base}/messages`);
    expect(sent?.headers.get('Accept')).toBe('text/event-stream');
    await expect(sent?.json()).resolves.toEqual({ text: 'Hi there' });
  });

  it('shows a handoff inline and switches who answers', async () => {
    chatServer({
      [`POST ${base}/messages`]: () =>
        sse(
          ['message', userSays('The login page fails since the upgrade', 1)],
          ['message', message({ role: 'assistant', kind: 'handoff', agentId: 'nexy', targetAgentId: 'debugger', text: 'Login fails after the upgrade; stack trace attached.', seq: 2 })],
          ['agent', { agentId: 'debugger' }],
          ['message', agentSays('debugger', 'Let us read the logs.', { seq: 3 })],
          ['done', { status: 'complete', currentAgentId: 'debugger' }],
        ),
    });
    const { user } = openChat();
    expect(await screen.findByPlaceholderText(/Message Nexy/)).toBeInTheDocument();

    await user.type(await readyComposer(), 'The login page fails since the upgrade{Enter}');

    expect(await within(log()).findByRole('note', { name: 'Nexy handed this to Debugger: Login fails after the upgrade; stack trace attached.' })).toBeInTheDocument();
    expect(await screen.findByPlaceholderText(/Message Debugger/)).toBeInTheDocument();
    expect(within(log()).getByText('Let us read the logs.')).toBeInTheDocument();
  });

  it('shows a consultation collapsed, and its inner messages when expanded', async () => {
    const consultation = message({ role: 'assistant', kind: 'consultation', agentId: 'dev', targetAgentId: 'designer', text: 'Is this button accessible?', seq: 2 });
    chatServer({}, [
      userSays('Review my button', 1),
      consultation,
      agentSays('designer', 'It needs a visible label.', { seq: 3, parentId: consultation.id }),
      agentSays('dev', 'Add a label; otherwise fine.', { seq: 4 }),
    ]);
    const { user } = openChat();

    const toggle = await screen.findByRole('button', { name: /Dev consulted Designer \(1 message\)/ });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByText('It needs a visible label.')).not.toBeInTheDocument();
    expect(screen.getByText('Add a label; otherwise fine.')).toBeInTheDocument();

    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText('It needs a visible label.')).toBeInTheDocument();
    expect(screen.getByText('Is this button accessible?')).toBeInTheDocument();
  });

  it('stops a streaming answer and keeps the text written so far', async () => {
    const answer = agentSays('dev', '', { seq: 2, status: 'streaming' });
    const stream = liveStream();
    const server = chatServer({
      [`POST ${base}/messages`]: () => stream.respond(),
      [`POST ${base}/stop`]: () => {
        stream.send('message', { ...answer, text: 'The first half', status: 'stopped' });
        stream.send('done', { status: 'stopped', currentAgentId: 'dev' });
        stream.close();
        return new Response(null, { status: 202 });
      },
    });
    const { user } = openChat();
    await user.type(await readyComposer(), 'Explain everything{Enter}');
    stream.send('message', userSays('Explain everything', 1));
    stream.send('message', answer);
    stream.send('delta', { messageId: answer.id, text: 'The first half' });
    expect(await within(log()).findByText('The first half')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Stop' }));

    expect(await within(log()).findByText('Stopped')).toBeInTheDocument();
    expect(within(log()).getByText('The first half')).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Send' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Stop' })).not.toBeInTheDocument();
    expect(server.calls(`POST ${base}/stop`)).toHaveLength(1);
  });

  it('asks before a tool changes something, and approving continues the turn', async () => {
    const toolCall = message({ role: 'assistant', kind: 'tool-call', agentId: 'dev', seq: 2, content: [{ type: 'tool_use', id: 'tu1', name: 'run_workflow', input: { workflowId: 'w1' } }], text: '' });
    const server = chatServer({
      [`POST ${base}/messages`]: () =>
        sse(
          ['message', userSays('Deploy it', 1)],
          ['message', toolCall],
          ['confirm', { messageId: toolCall.id, toolUseId: 'tu1', tool: 'run_workflow', input: { workflowId: 'w1' }, description: 'Run the workflow “Deploy”' }],
          ['done', { status: 'awaiting-confirmation', currentAgentId: 'dev' }],
        ),
      [`POST ${base}/confirmations/tu1`]: () =>
        sse(
          ['message', message({ role: 'tool', kind: 'tool-result', seq: 3, content: [{ type: 'tool_result', toolUseId: 'tu1', content: '{"status":"succeeded"}', error: false }], text: '' })],
          ['message', agentSays('dev', 'The workflow ran.', { seq: 4 })],
          ['done', { status: 'complete', currentAgentId: 'dev' }],
        ),
    });
    const { user } = openChat();
    await user.type(await readyComposer(), 'Deploy it{Enter}');

    const card = await screen.findByRole('group', { name: 'Confirm the action' });
    expect(card).toHaveTextContent('Dev wants to use run_workflow: Run the workflow “Deploy”');
    expect(composer()).toBeDisabled();
    expect(within(log()).getByText('run_workflow', { selector: 'summary code' })).toBeInTheDocument();

    await user.click(within(card).getByRole('button', { name: 'Approve' }));

    expect(await within(log()).findByText('The workflow ran.')).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Confirm the action' })).not.toBeInTheDocument();
    expect(within(log()).getByText(/Result of/)).toHaveTextContent('Result of run_workflow');
    await expect(server.calls(`POST ${base}/confirmations/tu1`)[0]?.json()).resolves.toEqual({ approve: true });
    await waitFor(() => expect(composer()).toBeEnabled());
  });

  it('after a reload, a question still waiting for the person comes back', async () => {
    const toolCall = message({ role: 'assistant', kind: 'tool-call', agentId: 'dev', seq: 2, content: [{ type: 'tool_use', id: 'tu9', name: 'workflows.run', input: { workflowId: 'w1' } }], text: '' });
    const server = chatServer(
      {
        [`GET ${base}/turn`]: () => json(200, { running: false, waiting: [{ messageId: toolCall.id, toolUseId: 'tu9', tool: 'workflows.run', input: { workflowId: 'w1' }, description: 'Run workflow w1' }] }),
        [`POST ${base}/confirmations/tu9`]: () => sse(['message', agentSays('dev', 'Declined, fine.', { seq: 4 })], ['done', { status: 'complete', currentAgentId: 'dev' }]),
      },
      [userSays('Run it', 1), toolCall],
    );
    const { user } = openChat();

    const card = await screen.findByRole('group', { name: 'Confirm the action' });
    expect(card).toHaveTextContent('Run workflow w1');
    await user.click(within(card).getByRole('button', { name: 'Reject' }));

    expect(await within(log()).findByText('Declined, fine.')).toBeInTheDocument();
    await expect(server.calls(`POST ${base}/confirmations/tu9`)[0]?.json()).resolves.toEqual({ approve: false });
  });

  it('rejecting posts the refusal and clears the card', async () => {
    const toolCall = message({ role: 'assistant', kind: 'tool-call', agentId: 'dev', seq: 2, content: [{ type: 'tool_use', id: 'tu2', name: 'run_workflow', input: {} }], text: '' });
    const server = chatServer({
      [`POST ${base}/messages`]: () =>
        sse(['message', toolCall], ['confirm', { messageId: toolCall.id, toolUseId: 'tu2', tool: 'run_workflow', input: {}, description: 'Run “Deploy”' }], ['done', { status: 'awaiting-confirmation', currentAgentId: 'dev' }]),
      [`POST ${base}/confirmations/tu2`]: () => sse(['message', agentSays('dev', 'Understood, I will not run it.', { seq: 3 })], ['done', { status: 'complete', currentAgentId: 'dev' }]),
    });
    const { user } = openChat();
    await user.type(await readyComposer(), 'Deploy it{Enter}');

    await user.click(within(await screen.findByRole('group', { name: 'Confirm the action' })).getByRole('button', { name: 'Reject' }));

    expect(await within(log()).findByText('Understood, I will not run it.')).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Confirm the action' })).not.toBeInTheDocument();
    await expect(server.calls(`POST ${base}/confirmations/tu2`)[0]?.json()).resolves.toEqual({ approve: false });
  });

  it('ends the stream when the person leaves the conversation', async () => {
    const stream = liveStream();
    const server = chatServer({ [`POST ${base}/messages`]: () => stream.respond() });
    const { user, unmount } = openChat();
    await user.type(await readyComposer(), 'Long question{Enter}');
    stream.send('message', userSays('Long question', 1));
    expect(await within(log()).findByText('Long question')).toBeInTheDocument();
    const [request] = server.calls(`POST ${base}/messages`);
    expect(request?.signal.aborted).toBe(false);

    unmount();

    expect(request?.signal.aborted).toBe(true);
  });

  it('shows how to configure a model instead of a composer when no provider is usable', async () => {
    const server = chatServer({
      'GET /api/llm/status': () => json(200, { providers: [{ name: 'anthropic', usable: false }], howToConfigure: 'Set `NEX7_LLM_ANTHROPIC_API_KEY` and restart.' }),
    });
    openChat();

    expect(await screen.findByText('No AI model is configured yet')).toBeInTheDocument();
    expect(screen.getByText('NEX7_LLM_ANTHROPIC_API_KEY', { selector: 'code' })).toBeInTheDocument();
    expect(composer()).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
    expect(server.calls(`POST ${base}/messages`)).toHaveLength(0);
  });

  it('renders HTML in an answer as text, tables and code blocks as such, and copies code', async () => {
    const markdown = 'Look: <script>alert(1)</script> <img src=x onerror="alert(2)">\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```js\nconst answer = 42;\n```\n\n[bad](javascript:alert(3))';
    chatServer({}, [userSays('Show me', 1), agentSays('dev', markdown, { seq: 2 })]);
    const { user } = openChat();

    expect(await within(await screen.findByRole('log', { name: 'Messages' })).findByText(/<script>alert\(1\)<\/script>/)).toBeInTheDocument();
    expect(log().querySelector('script')).toBeNull();
    expect(log().querySelector('img')).toBeNull();
    expect(within(log()).getByRole('table')).toBeInTheDocument();
    expect(within(log()).getByText('const', { selector: 'span' })).toBeInTheDocument();
    expect(within(log()).getByText('bad').closest('a')?.getAttribute('href') ?? '').not.toContain('javascript');

    await user.click(within(log()).getByRole('button', { name: 'Copy code' }));
    await expect(navigator.clipboard.readText()).resolves.toBe('const answer = 42;');
    expect(within(log()).getByRole('button', { name: 'Copied' })).toBeInTheDocument();
  });

  it('retries the last answer', async () => {
    const server = chatServer(
      { [`POST ${base}/retry`]: () => sse(['message', agentSays('nexy', 'A better answer.', { seq: 3 })], ['done', { status: 'complete', currentAgentId: 'nexy' }]) },
      [userSays('Help', 1), agentSays('nexy', 'Something went wrong.', { seq: 2, status: 'failed' })],
    );
    const { user } = openChat();
    expect(await within(await screen.findByRole('log', { name: 'Messages' })).findByText('Failed')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Retry' }));

    expect(await within(log()).findByText('A better answer.')).toBeInTheDocument();
    expect(server.calls(`POST ${base}/retry`)).toHaveLength(1);
  });

  it('gives the message back when the server refuses it, and says why', async () => {
    chatServer({ [`POST ${base}/messages`]: () => problem(409, 'A turn is running', { type: 'https://nex7.dev/problems/turn-running', detail: 'Wait for the answer or stop it.' }) });
    const { user } = openChat();
    await user.type(await readyComposer(), 'Again?{Enter}');

    expect(await screen.findByText('Wait for the answer or stop it.')).toBeInTheDocument();
    expect(composer()).toHaveValue('Again?');
  });

  it('suggests agents after @ and tells who will answer', async () => {
    chatServer();
    const { user } = openChat();
    await user.type(await readyComposer(), '@de');

    const options = within(screen.getByRole('listbox', { name: 'Agents' })).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['🛠️Dev@dev', '🎨Designer@designer', '🐞Debugger@debugger']);
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');

    expect(composer()).toHaveValue('@debugger ');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    expect(screen.getByText(/answers \(addressed directly\)/).textContent).toContain('Debugger answers');
    await user.keyboard('{Shift>}{Enter}{/Shift}why');
    expect(composer()).toHaveValue('@debugger \nwhy');
  });
});
