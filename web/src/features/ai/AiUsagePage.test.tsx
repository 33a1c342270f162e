import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockServer } from '../../test/fetchMock';
import { renderAt } from '../../test/render';
import { AiUsagePage } from './AiUsagePage';
import { AGENTS, alice, me, signIn } from './testAi';

const bob = { ...alice, id: '00000000-0000-4000-8000-000000000002', name: 'Bob Builder', email: 'bob@example.com' };
const users = { items: [alice, bob], page: 0, size: 100, totalItems: 2, totalPages: 1 };
const usable = {
  configured: true, chain: ['anthropic', 'openai'], howToConfigure: '',
  providers: [
    { name: 'anthropic', enabled: true, usable: true, keySource: 'instance', model: 'claude-sonnet-4-5', circuit: 'closed' },
    { name: 'openai', enabled: true, usable: false, keySource: 'none', model: 'gpt-4.1', circuit: 'closed', problem: 'No API key is set.' },
  ],
};
const sums = (key: string | undefined, calls: number, inputTokens: number, outputTokens: number, costUsd: number) => ({ key, calls, inputTokens, outputTokens, costUsd });

/** Answers like the server: the groups for the groupBy asked, over the days asked. */
function usageAnswer(request: Request) {
  const query = new URL(request.url).searchParams;
  const groupBy = query.get('groupBy') ?? 'model';
  const groups = {
    agent: [sums('dev', 3, 1200, 300, 0.0123), sums('nexy', 2, 800, 100, 0.004)],
    model: [sums('anthropic:claude-sonnet-4-5', 5, 2000, 400, 0.0163)],
    user: [sums(bob.id, 4, 1500, 350, 0.015), sums(alice.id, 1, 500, 50, 0.0013)],
    day: [sums('2026-11-02', 5, 2000, 400, 0.0163)],
  }[groupBy];
  return json(200, { from: query.get('from'), to: query.get('to'), groupBy, scope: 'all', total: sums(undefined, 5, 2000, 400, 0.0163), groups });
}

async function renderPage(routes: Parameters<typeof mockServer>[0]) {
  const server = mockServer({
    ...me(),
    'GET /api/agents': () => json(200, AGENTS),
    'GET /api/admin/users': () => json(200, users),
    'GET /api/llm/status': () => json(200, usable),
    'GET /api/llm/usage': usageAnswer,
    ...routes,
  });
  await signIn();
  return { server, ...renderAt('/admin/ai', <AiUsagePage />) };
}

const params = (request: Request | undefined) => Object.fromEntries(new URL(request?.url ?? 'http://x').searchParams);

describe('Admin → AI usage', () => {
  it('shows which providers are usable, and how to configure one when none is', async () => {
    await renderPage({});
    const providers = await screen.findByRole('list', { name: 'Model providers' });
    expect(within(providers).getByText('Anthropic').closest('li')).toHaveTextContent('Usable');
    expect(within(providers).getByText('OpenAI').closest('li')).toHaveTextContent('Not usable');
    expect(within(providers).getByText('No API key is set.')).toBeInTheDocument();
    expect(screen.getByText('Tried in this order: Anthropic → OpenAI')).toBeInTheDocument();
    expect(screen.queryByText(/No model provider can be called/)).not.toBeInTheDocument();
  });

  it('says how to configure a provider when none is usable', async () => {
    const howToConfigure = 'Set an API key for Anthropic (NEX7_LLM_ANTHROPIC_API_KEY, property nex7.llm.anthropic.api-key).';
    await renderPage({ 'GET /api/llm/status': () => json(200, { ...usable, configured: false, chain: [], howToConfigure, providers: usable.providers.map((p) => ({ ...p, usable: false })) }) });
    expect(await screen.findByText(/No model provider can be called/)).toBeInTheDocument();
    expect(screen.getByText(howToConfigure)).toBeInTheDocument();
  });

  it('asks for usage grouped and dated as chosen, and shows each group with the totals', async () => {
    const { server, user } = await renderPage({});
    const today = new Date().toISOString().slice(0, 10);

    const table = await screen.findByRole('table', { name: /^By agent/ });
    expect(params(server.calls('GET /api/llm/usage')[0])).toEqual({ groupBy: 'agent', from: `${today.slice(0, 8)}01`, to: today });
    const dev = within(table).getByRole('rowheader', { name: 'Dev' }).closest('tr');
    expect(dev).toHaveTextContent(/3\s*1,200\s*300\s*\$0\.0123/);
    const total = within(table).getByRole('rowheader', { name: 'Total' }).closest('tr');
    expect(total).toHaveTextContent(/5\s*2,000\s*400\s*\$0\.0163/);

    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-11-01' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-11-15' } });
    await user.selectOptions(screen.getByLabelText('Group by'), 'user');

    const byUser = await screen.findByRole('table', { name: 'By user, 2026-11-01 to 2026-11-15' });
    expect(params(server.calls('GET /api/llm/usage').at(-1))).toEqual({ groupBy: 'user', from: '2026-11-01', to: '2026-11-15' });
    expect((await within(byUser).findByRole('rowheader', { name: 'Bob Builder' })).closest('tr')).toHaveTextContent('$0.015');
    expect(within(byUser).getByRole('columnheader', { name: 'User' })).toBeInTheDocument();
  });

  it("sets a user's monthly budget, and removes it so the default applies", async () => {
    const budget = (source: string, monthlyBudgetUsd?: number) => ({ userId: bob.id, source, monthlyBudgetUsd, spentThisMonthUsd: 3.5, resetsAt: '2026-12-01T00:00:00Z' });
    const { server, user } = await renderPage({
      [`GET /api/admin/llm/users/${bob.id}/budget`]: () => json(200, budget('default', 50)),
      [`PUT /api/admin/llm/users/${bob.id}/budget`]: [() => json(200, budget('user', 25)), () => json(200, budget('default', 50))],
    });

    await screen.findByRole('option', { name: 'Bob Builder (bob@example.com)' });
    await user.selectOptions(screen.getByLabelText('User'), bob.id);
    expect(await screen.findByText(/has spent \$3\.50 this month of \$50\.00 under the instance's default budget/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Remove budget' })).not.toBeInTheDocument();
    const amount = screen.getByLabelText('Monthly budget (USD)');
    await user.type(amount, '25');
    await user.click(screen.getByRole('button', { name: 'Save budget' }));

    expect(await screen.findByText(/of \$25\.00 under their own budget/)).toBeInTheDocument();
    await expect(server.calls(`PUT /api/admin/llm/users/${bob.id}/budget`)[0]?.json()).resolves.toEqual({ monthlyBudgetUsd: 25 });
    expect(amount).toHaveValue(25);

    await user.click(screen.getByRole('button', { name: 'Remove budget' }));
    await waitFor(() => expect(server.calls(`PUT /api/admin/llm/users/${bob.id}/budget`)).toHaveLength(2));
    await expect(server.calls(`PUT /api/admin/llm/users/${bob.id}/budget`)[1]?.json()).resolves.toEqual({ monthlyBudgetUsd: null });
    expect(await screen.findByText(/under the instance's default budget/)).toBeInTheDocument();
    expect(amount).toHaveValue(null);
  });
});
