import type { ReactNode } from 'react';
import { Badge } from '../../ui/Badge';
import { TextField, type Option } from '../../ui/fields';
import { formatCount, formatUsd } from '../../ui/format';
import { AgentName } from '../chat/AgentAvatar';
import { lookOf } from '../chat/agents';
import { labelOf } from '../projects/meta';
import type { AgentView, GatewayStatus, ModelUsage, UsageGrouping, UsageSums } from './aiApi';

export const PROVIDER_LABELS: Record<string, string> = { anthropic: 'Anthropic', openai: 'OpenAI', compatible: 'OpenAI-compatible' };
export const providerLabel = (name: string): string => PROVIDER_LABELS[name] ?? name;

export const GROUPINGS: ReadonlyArray<Option<UsageGrouping>> = [
  { value: 'agent', label: 'Agent' },
  { value: 'model', label: 'Model' },
  { value: 'user', label: 'User' },
  { value: 'day', label: 'Day' },
];

/** This UTC month so far, as the usage endpoint counts days: first day and today (YYYY-MM-DD). */
export function thisMonth(now: Date = new Date()): { from: string; to: string } {
  const to = now.toISOString().slice(0, 10);
  return { from: `${to.slice(0, 8)}01`, to };
}

/** A monthly budget in US dollars, cents at most; the server checks the amount. */
export function BudgetField({ value, onChange, error, hint, className }: { value: string; onChange: (value: string) => void; error?: string; hint: string; className: string }) {
  return (
    <TextField
      label="Monthly budget (USD)"
      type="number"
      inputMode="decimal"
      min={0}
      step="0.01"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error}
      hint={hint}
      containerClassName={className}
    />
  );
}

const KEY_SOURCES: Record<string, string> = { instance: "the instance's key", project: "the project's own key", none: 'no key' };

/** Which providers calls can go to, in the order they are tried; how to configure one when none can. */
export function ProviderStatusList({ status }: { status: GatewayStatus }) {
  return (
    <div className="space-y-3">
      {!status.configured && (
        <div role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-200">
          <p className="font-medium">No model provider can be called, so agents cannot answer.</p>
          <p className="mt-1">{status.howToConfigure}</p>
        </div>
      )}
      {status.chain.length > 0 && (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Tried in this order: {status.chain.map(providerLabel).join(' → ')}</p>
      )}
      <ul aria-label="Model providers" className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {status.providers.map((p) => (
          <li key={p.name} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2.5 text-sm">
            <span className="min-w-36 font-medium text-zinc-900 dark:text-zinc-100">{providerLabel(p.name)}</span>
            {p.usable ? <Badge tone="green">Usable</Badge> : <Badge tone={p.enabled ? 'amber' : 'neutral'}>{p.enabled ? 'Not usable' : 'Off'}</Badge>}
            <span className="text-xs text-zinc-500 dark:text-zinc-400">
              {p.model ? <code className="font-mono">{p.model}</code> : 'no model'} · {KEY_SOURCES[p.keySource] ?? p.keySource}
              {p.circuit !== 'closed' && ` · circuit ${p.circuit}`}
            </span>
            {p.problem && <span className="basis-full text-xs text-zinc-600 dark:text-zinc-400">{p.problem}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

function UsageCells({ sums }: { sums: UsageSums }) {
  const cell = 'px-3 py-2 text-right tabular-nums';
  return (
    <>
      <td className={cell}>{formatCount(sums.calls)}</td>
      <td className={cell}>{formatCount(sums.inputTokens)}</td>
      <td className={cell}>{formatCount(sums.outputTokens)}</td>
      <td className={cell}>{formatUsd(sums.costUsd)}</td>
    </>
  );
}

/**
 * Usage sums per group with the total underneath. `agents` names agent groups; `userName` names
 * user groups (their key is the user's id).
 */
export function UsageTable({ usage, agents, userName, caption }: { usage: ModelUsage; agents: readonly AgentView[]; userName?: (id: string) => string | undefined; caption: string }) {
  const label = labelOf(GROUPINGS, usage.groupBy);
  const keyOf = (key: string | undefined): ReactNode => {
    if (usage.groupBy === 'agent') return key ? <AgentName look={lookOf(agents, key)} /> : 'No agent (workflow nodes)';
    if (usage.groupBy === 'user') return (key && userName?.(key)) ?? key ?? '—';
    if (usage.groupBy === 'model') return <code className="font-mono text-xs">{key}</code>;
    return key;
  };
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[32rem] text-left text-sm">
        <caption className="pb-2 text-left text-xs text-zinc-500 dark:text-zinc-400">{caption}</caption>
        <thead className="border-b border-zinc-200 text-xs font-medium text-zinc-500 uppercase dark:border-zinc-800 dark:text-zinc-400">
          <tr>
            <th scope="col" className="px-3 py-2">{label}</th>
            <th scope="col" className="px-3 py-2 text-right">Calls</th>
            <th scope="col" className="px-3 py-2 text-right">Tokens in</th>
            <th scope="col" className="px-3 py-2 text-right">Tokens out</th>
            <th scope="col" className="px-3 py-2 text-right">Cost</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {usage.groups.length === 0 && (
            <tr>
              <td colSpan={5} className="px-3 py-4 text-center text-zinc-500 dark:text-zinc-400">
                No model calls in this period.
              </td>
            </tr>
          )}
          {usage.groups.map((group) => (
            <tr key={group.key ?? ''}>
              <th scope="row" className="px-3 py-2 font-normal text-zinc-900 dark:text-zinc-100">{keyOf(group.key)}</th>
              <UsageCells sums={group} />
            </tr>
          ))}
        </tbody>
        <tfoot className="border-t-2 border-zinc-200 font-semibold text-zinc-900 dark:border-zinc-700 dark:text-zinc-100">
          <tr>
            <th scope="row" className="px-3 py-2">Total</th>
            <UsageCells sums={usage.total} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
