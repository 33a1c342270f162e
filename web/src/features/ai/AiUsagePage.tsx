import { useState, type FormEvent } from 'react';
import type { UserView } from '../../api/client';
import { fieldErrors, unwrap } from '../../api/problem';
import { useActions } from '../../api/useActions';
import { useQuery } from '../../api/useQuery';
import { ProblemAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Loading } from '../../ui/Loading';
import { SelectField, TextField } from '../../ui/fields';
import { formatDateTime, formatUsd } from '../../ui/format';
import { Section } from '../../ui/Section';
import { AdminPage } from '../admin/AdminPage';
import { api } from '../auth/session';
import { getModelStatus, getModelUsage, getUserBudget, listAgents, setUserBudget, type AgentView, type GatewayStatus, type ModelUsage, type UsageGrouping, type UserModelBudget } from './aiApi';
import { BudgetField, GROUPINGS, ProviderStatusList, UsageTable, thisMonth } from './usage';

function Providers() {
  const status = useQuery<GatewayStatus>('llm-status', () => getModelStatus());
  return (
    <Section title="Model providers" description="Which providers the instance can call. Projects may bring their own keys in their AI settings.">
      {status.problem && <ProblemAlert problem={status.problem} onRetry={status.reload} />}
      {status.data ? <ProviderStatusList status={status.data} /> : !status.problem && <Loading what="providers" />}
    </Section>
  );
}

const toGrouping = (value: string): UsageGrouping => GROUPINGS.find((g) => g.value === value)?.value ?? 'agent';

function Usage({ agents, users }: { agents: readonly AgentView[]; users: readonly UserView[] }) {
  const [range, setRange] = useState(thisMonth);
  const [groupBy, setGroupBy] = useState<UsageGrouping>('agent');
  const usage = useQuery<ModelUsage>(`llm-usage:${range.from}:${range.to}:${groupBy}`, () => getModelUsage({ ...range, groupBy }));
  const data = usage.data;
  const userName = (id: string) => users.find((u) => u.id === id)?.name;
  return (
    <Section title="Usage" description="Tokens and estimated cost of every model call, by day in UTC; both days included.">
      <div className="flex flex-wrap items-start gap-3">
        <TextField label="From" type="date" value={range.from} max={range.to} onChange={(e) => setRange((r) => ({ ...r, from: e.target.value }))} containerClassName="w-44" />
        <TextField label="To" type="date" value={range.to} min={range.from} onChange={(e) => setRange((r) => ({ ...r, to: e.target.value }))} containerClassName="w-44" />
        <SelectField label="Group by" options={GROUPINGS} value={groupBy} onChange={(e) => setGroupBy(toGrouping(e.target.value))} containerClassName="w-40" />
      </div>
      <div className="mt-4">
        {usage.problem && <ProblemAlert problem={usage.problem} onRetry={usage.reload} />}
        {usage.loading && !data && <Loading what="usage" />}
        {data && !usage.problem && (
          <div aria-busy={usage.loading || undefined}>
            <UsageTable usage={data} agents={agents} userName={userName} caption={`By ${groupBy}, ${data.from} to ${data.to}`} />
          </div>
        )}
      </div>
    </Section>
  );
}

const SOURCES: Record<UserModelBudget['source'], string> = { user: 'their own budget', default: "the instance's default budget", none: 'no budget: no limit' };

function UserBudget({ user }: { user: UserView }) {
  const budget = useQuery<UserModelBudget>(`budget:${user.id}`, () => getUserBudget(user.id));
  const [amount, setAmount] = useState<string | null>(null);
  const save = useActions();
  const current = budget.data;
  const shown = amount ?? (current?.source === 'user' && current.monthlyBudgetUsd !== undefined ? String(current.monthlyBudgetUsd) : '');
  const errors = fieldErrors(save.problem);

  const put = (monthlyBudgetUsd: number | null) =>
    save.run(monthlyBudgetUsd === null ? 'clear' : 'save', async () => {
      budget.setData(await setUserBudget(user.id, monthlyBudgetUsd));
      setAmount(null);
    });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void put(Number(shown));
  };

  if (budget.problem) return <ProblemAlert problem={budget.problem} onRetry={budget.reload} />;
  if (!current) return <Loading what="the budget" />;
  return (
    <form onSubmit={submit} noValidate className="space-y-3">
      <p role="status" className="text-sm text-zinc-700 dark:text-zinc-300">
        {user.name} has spent {formatUsd(current.spentThisMonthUsd)} this month
        {current.monthlyBudgetUsd !== undefined && ` of ${formatUsd(current.monthlyBudgetUsd)}`} under {SOURCES[current.source]}. It resets {formatDateTime(current.resetsAt)}.
      </p>
      {save.problem && !errors.monthlyBudgetUsd && <ProblemAlert problem={save.problem} />}
      <div className="flex flex-wrap items-start gap-3">
        <BudgetField value={shown} onChange={setAmount} error={errors.monthlyBudgetUsd} hint="Calls are refused once it is spent, until the month ends (UTC)." className="w-56" />
        <div className="flex gap-2 sm:mt-6.5">
          <Button type="submit" busy={save.busy === 'save'} disabled={shown.trim() === ''}>
            Save budget
          </Button>
          {current.source === 'user' && (
            <Button variant="secondary" busy={save.busy === 'clear'} onClick={() => void put(null)}>
              Remove budget
            </Button>
          )}
        </div>
      </div>
    </form>
  );
}

function UserBudgets({ users }: { users: readonly UserView[] }) {
  const [userId, setUserId] = useState('');
  const user = users.find((u) => u.id === userId);
  const options = [{ value: '', label: 'Choose a user…' }, ...users.map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }))];
  return (
    <Section title="User budgets" description="A user's monthly spending limit on model calls. Without one, the instance's default applies.">
      <div className="space-y-4">
        <SelectField label="User" options={options} value={userId} onChange={(e) => setUserId(e.target.value)} containerClassName="max-w-md" />
        {user && <UserBudget key={user.id} user={user} />}
      </div>
    </Section>
  );
}

function AiUsage() {
  const agents = useQuery<AgentView[]>('admin-agents', () => listAgents());
  // The first hundred users by name: enough to name the usage rows and to pick whose budget to set.
  const users = useQuery<UserView[]>('admin-users-by-name', async () =>
    unwrap(await api.GET('/api/admin/users', { params: { query: { page: 0, size: 100, sort: 'name,asc' } } })).items,
  );
  return (
    <>
      <Providers />
      <Usage agents={agents.data ?? []} users={users.data ?? []} />
      {users.problem && <ProblemAlert problem={users.problem} onRetry={users.reload} />}
      <UserBudgets users={users.data ?? []} />
    </>
  );
}

/** Admin → AI usage: which providers work, what model calls used and cost, and users' budgets. */
export function AiUsagePage() {
  return (
    <AdminPage title="AI usage" description="Model providers, what calls used and cost, and how much each user may spend.">
      <AiUsage />
    </AdminPage>
  );
}
