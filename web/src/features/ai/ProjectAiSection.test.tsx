import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockServer, problem } from '../../test/fetchMock';
import { renderAt } from '../../test/render';
import { ProjectAiSection } from './ProjectAiSection';
import { AGENTS, ANTHROPIC_KEY_ID, PROJECT_ID, aiSectionRoutes, noProjectSettings, projectView } from './testAi';

const renderSection = (role: 'owner' | 'editor' | 'viewer', routes: Parameters<typeof mockServer>[0] = {}) => {
  const server = mockServer({ ...aiSectionRoutes(PROJECT_ID, role === 'owner' ? 'project' : 'own'), ...routes });
  return { server, ...renderAt(`/projects/${PROJECT_ID}`, <ProjectAiSection project={projectView(role)} />, '/projects/:id') };
};

describe("project page's AI section", () => {
  it('lets an owner switch an agent off in the project', async () => {
    const { server, user } = renderSection('owner', {
      [`PUT /api/projects/${PROJECT_ID}/agents/dev`]: () => json(200, { ...AGENTS[1], enabled: false }),
    });

    const dev = await screen.findByRole('switch', { name: 'Dev' });
    expect(dev).toHaveAttribute('aria-checked', 'true');
    await user.click(dev);

    await waitFor(() => expect(dev).toHaveAttribute('aria-checked', 'false'));
    await expect(server.calls(`PUT /api/projects/${PROJECT_ID}/agents/dev`)[0]?.json()).resolves.toEqual({ enabled: false });
    expect(new URL(server.calls('GET /api/agents')[0]?.url ?? '').searchParams.get('projectId')).toBe(PROJECT_ID);
  });

  it('keeps Nexy locked on, saying why', async () => {
    const { server, user } = renderSection('owner');

    const nexy = await screen.findByRole('switch', { name: 'Nexy' });
    expect(nexy).toBeDisabled();
    expect(nexy).toHaveAttribute('aria-checked', 'true');
    expect(nexy).toHaveAccessibleDescription('Nexy routes requests to the other agents and is always on.');
    await user.click(nexy);
    expect(server.calls(`PUT /api/projects/${PROJECT_ID}/agents/nexy`)).toHaveLength(0);
  });

  it('shows other members the settings and their own usage without any control', async () => {
    renderSection('viewer', { 'GET /api/agents': () => json(200, AGENTS.map((a) => (a.id === 'designer' ? { ...a, enabled: false } : a))) });

    const agents = await screen.findByRole('list', { name: 'Agents in this project' });
    expect((await within(agents).findByText('Designer')).closest('li')).toHaveTextContent('Off');
    expect(within(agents).getByText('Dev').closest('li')).toHaveTextContent('On');
    expect(await screen.findByText("the instance's order")).toBeInTheDocument();
    expect(await screen.findByRole('table', { name: /^Your calls in this project by agent/ })).toBeInTheDocument();
    expect(screen.queryByRole('switch')).not.toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Save|Add|Create/ })).not.toBeInTheDocument();
  });

  it("saves an owner's provider order, own key and budget, showing a refused amount on its field first", async () => {
    const saved = { ...noProjectSettings(PROJECT_ID), chain: ['anthropic'], credentials: { anthropic: ANTHROPIC_KEY_ID }, monthlyBudgetUsd: 100 };
    const { server, user } = renderSection('owner', {
      [`PUT /api/projects/${PROJECT_ID}/llm`]: [
        () => problem(400, 'Invalid settings', { errors: [{ field: 'monthlyBudgetUsd', message: 'must be an amount from 0 to 1000000000 with at most 2 decimals' }] }),
        () => json(200, saved),
      ],
    });

    await user.click(await screen.findByRole('button', { name: 'Add Anthropic' }));
    expect(within(screen.getByRole('list', { name: 'Provider order' })).getByText('1. Anthropic')).toBeInTheDocument();
    const key = screen.getByLabelText('Credential: Anthropic API key');
    await waitFor(() => expect(within(key).getAllByRole('option').map((o) => o.textContent)).toEqual(['None', 'Team Anthropic key (anthropic)']));
    await user.selectOptions(key, ANTHROPIC_KEY_ID);
    const budget = screen.getByLabelText('Monthly budget (USD)');
    await user.type(budget, '100.005');
    await user.click(screen.getByRole('button', { name: 'Save model settings' }));

    await waitFor(() => expect(budget).toHaveAccessibleDescription('must be an amount from 0 to 1000000000 with at most 2 decimals'));
    await user.clear(budget);
    await user.type(budget, '100');
    await user.click(screen.getByRole('button', { name: 'Save model settings' }));

    expect(await screen.findByText('Model settings saved.')).toBeInTheDocument();
    await expect(server.calls(`PUT /api/projects/${PROJECT_ID}/llm`)[1]?.json()).resolves.toEqual({
      chain: ['anthropic'], models: {}, credentials: { anthropic: ANTHROPIC_KEY_ID }, monthlyBudgetUsd: 100,
    });
  });

  it("shows the project's usage this month by agent", async () => {
    renderSection('owner');
    const table = await screen.findByRole('table', { name: 'All calls in this project by agent, 2026-11-01 to 2026-11-25' });
    expect(within(table).getByRole('rowheader', { name: 'Dev' }).closest('tr')).toHaveTextContent('$0.018');
    expect(within(table).getByRole('rowheader', { name: 'Total' }).closest('tr')).toHaveTextContent('$0.021');
  });
});
