import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockServer, noContent, problem } from '../../test/fetchMock';
import { renderAt } from '../../test/render';
import { AgentsAdminPage } from './AgentsAdminPage';
import { AGENTS, TOOLS, alice, customAgent, me, signIn } from './testAi';

const withPrompt = AGENTS.map((a) => (a.id === 'nexy' ? { ...a, systemPrompt: 'You are Nexy, the guide to NEX7.\nRoute people to the right agent.' } : a));

async function renderPage(routes: Parameters<typeof mockServer>[0], user?: typeof alice) {
  const server = mockServer({ ...me(user), 'GET /api/agents': () => json(200, withPrompt), 'GET /api/agent-tools': () => json(200, TOOLS), ...routes });
  await signIn();
  return { server, ...renderAt('/admin/agents', <AgentsAdminPage />) };
}

describe('Admin → Agents', () => {
  it("creates a custom agent, first showing the server's field errors on the fields they name", async () => {
    const { server, user } = await renderPage({
      'POST /api/agents/reviewer': [
        () => problem(400, 'Invalid agent', { errors: [{ field: 'models[0]', message: 'must look like provider:model' }, { field: 'persona', message: 'must be one line of 1 to 200 characters' }] }),
        () => json(201, customAgent({ tools: ['repo.read'], handsOffTo: ['dev'] })),
      ],
    });

    await user.click(await screen.findByRole('button', { name: 'New agent' }));
    const dialog = screen.getByRole('dialog', { name: 'New agent' });
    await user.type(within(dialog).getByLabelText('Id'), 'reviewer');
    await user.type(within(dialog).getByLabelText('Name'), 'Reviewer');
    await user.type(within(dialog).getByLabelText('Persona'), 'Reviews pull requests.');
    await user.type(within(dialog).getByLabelText('System prompt'), 'You review code.');
    await user.click(within(dialog).getByRole('checkbox', { name: 'repo.read' }));
    await user.click(within(within(dialog).getByRole('group', { name: 'Hands off to' })).getByRole('checkbox', { name: 'Dev' }));
    await user.type(within(dialog).getByLabelText('Model preferences'), 'gpt-4.1');
    await user.click(within(dialog).getByRole('button', { name: 'Create agent' }));

    const models = within(dialog).getByLabelText('Model preferences');
    await waitFor(() => expect(models).toHaveAccessibleDescription('“gpt-4.1” must look like provider:model'));
    expect(models).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByLabelText('Persona')).toHaveAccessibleDescription('must be one line of 1 to 200 characters');
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();

    await user.clear(models);
    await user.type(models, 'openai:gpt-4.1');
    await user.click(within(dialog).getByRole('button', { name: 'Create agent' }));

    const list = await screen.findByRole('list', { name: 'Agents' });
    expect(await within(list).findByText('Reviewer')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(within(list).getByRole('button', { name: 'Edit Reviewer' })).toBeInTheDocument();
    const sent = await server.calls('POST /api/agents/reviewer')[1]?.json();
    expect(sent).toEqual({
      name: 'Reviewer', persona: 'Reviews pull requests.', systemPrompt: 'You review code.', tools: ['repo.read'],
      models: ['openai:gpt-4.1'], avatar: '🤖', color: '#0f766e', handsOffTo: ['dev'],
    });
  });

  it('shows built-in agents read-only, with their system prompt', async () => {
    const { user } = await renderPage({});

    const list = await screen.findByRole('list', { name: 'Agents' });
    const nexy = within(list).getByText('Nexy').closest('li');
    if (!nexy) throw new Error('no Nexy row');
    expect(within(nexy).getByText('Built-in')).toBeInTheDocument();
    expect(within(list).queryByRole('button', { name: /^(Edit|Delete) / })).not.toBeInTheDocument();

    await user.click(within(nexy).getByRole('button', { name: 'View Nexy' }));
    const dialog = screen.getByRole('dialog', { name: 'Nexy' });
    expect(within(dialog).getByLabelText('System prompt of Nexy')).toHaveTextContent('You are Nexy, the guide to NEX7. Route people to the right agent.');
    expect(within(dialog).queryByRole('textbox')).not.toBeInTheDocument();
    expect(dialog).toHaveAccessibleDescription(/Read-only: it ships with NEX7/);
  });

  it('edits a custom agent under its fixed id, and deletes one only after confirming', async () => {
    const reviewer = customAgent();
    const { server, user } = await renderPage({
      'GET /api/agents': () => json(200, [...withPrompt, reviewer]),
      'PUT /api/agents/reviewer': () => json(200, { ...reviewer, name: 'Code reviewer' }),
      'DELETE /api/agents/reviewer': () => noContent(),
    });

    await user.click(await screen.findByRole('button', { name: 'Edit Reviewer' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit Reviewer' });
    expect(within(dialog).getByLabelText('Id')).toBeDisabled();
    expect(within(dialog).getByRole('checkbox', { name: 'repo.read' })).toBeChecked();
    const name = within(dialog).getByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'Code reviewer');
    await user.click(within(dialog).getByRole('button', { name: 'Save agent' }));
    await user.click(await screen.findByRole('button', { name: 'Delete Code reviewer' }));
    await expect(server.calls('PUT /api/agents/reviewer')[0]?.json()).resolves.toMatchObject({ name: 'Code reviewer', models: ['openai:gpt-4.1'], handsOffTo: ['dev'] });

    const confirm = screen.getByRole('alertdialog', { name: 'Delete “Code reviewer”?' });
    expect(server.calls('DELETE /api/agents/reviewer')).toHaveLength(0);
    await user.click(within(confirm).getByRole('button', { name: 'Delete' }));

    await waitFor(() => expect(screen.queryByText('Code reviewer')).not.toBeInTheDocument());
    expect(server.calls('DELETE /api/agents/reviewer')).toHaveLength(1);
  });

  it('sends people who are not admins to their projects', async () => {
    await renderPage({}, alice);
    expect(screen.getByText('Elsewhere')).toBeInTheDocument();
  });
});
