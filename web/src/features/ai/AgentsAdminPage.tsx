import { useState } from 'react';
import { useQuery } from '../../api/useQuery';
import { ProblemAlert } from '../../ui/Alert';
import { Badge, type BadgeTone } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Loading } from '../../ui/Loading';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Dialog } from '../../ui/Dialog';
import { AdminPage } from '../admin/AdminPage';
import { AgentAvatar } from '../chat/AgentAvatar';
import { lookOf } from '../chat/agents';
import { AgentForm } from './AgentForm';
import { deleteAgent, listAgents, listAgentTools, type AgentView } from './aiApi';

/** Built-in, custom or the plugin an agent came from. */
export function SourceBadge({ source }: { source: string }) {
  const [label, tone]: [string, BadgeTone] =
    source === 'builtin' ? ['Built-in', 'neutral'] : source === 'custom' ? ['Custom', 'indigo'] : [`Plugin: ${source.replace(/^plugin:/, '')}`, 'amber'];
  return <Badge tone={tone}>{label}</Badge>;
}

const isCustom = (agent: AgentView) => agent.source === 'custom';

/** A built-in or plugin agent's definition, which nobody can change here. */
function AgentDefinition({ agent, agents }: { agent: AgentView; agents: readonly AgentView[] }) {
  const listed = (items: string[]) => (items.length > 0 ? items.join(', ') : 'none');
  return (
    <div className="space-y-4 text-sm">
      <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[auto_1fr]">
        <dt className="font-medium text-zinc-700 dark:text-zinc-300">Tools</dt>
        <dd className="font-mono text-xs break-words text-zinc-600 dark:text-zinc-400">{listed(agent.tools)}</dd>
        <dt className="font-medium text-zinc-700 dark:text-zinc-300">Models</dt>
        <dd className="font-mono text-xs break-words text-zinc-600 dark:text-zinc-400">{agent.models.length > 0 ? agent.models.join(' → ') : "the instance's chain"}</dd>
        <dt className="font-medium text-zinc-700 dark:text-zinc-300">Hands off to</dt>
        <dd className="text-zinc-600 dark:text-zinc-400">{listed(agent.handsOffTo.map((id) => lookOf(agents, id).name))}</dd>
      </dl>
      <div>
        <h3 className="font-medium text-zinc-700 dark:text-zinc-300">System prompt</h3>
        <pre aria-label={`System prompt of ${agent.name}`} tabIndex={0} className="mt-1.5 max-h-80 overflow-auto rounded-md bg-zinc-50 p-3 font-mono text-xs whitespace-pre-wrap text-zinc-800 dark:bg-zinc-950 dark:text-zinc-200">
          {agent.systemPrompt}
        </pre>
      </div>
    </div>
  );
}

function AgentRow({ agent, onView, onEdit, onDelete }: { agent: AgentView; onView: () => void; onEdit: () => void; onDelete: () => void }) {
  return (
    <li className="flex flex-wrap items-start gap-3 py-4">
      <AgentAvatar look={lookOf([agent], agent.id)} size="lg" />
      <div className="min-w-0 flex-1 basis-56">
        <p className="flex flex-wrap items-center gap-2">
          <span className="font-medium text-zinc-900 dark:text-zinc-100">{agent.name}</span>
          <code className="font-mono text-xs text-zinc-500">@{agent.id}</code>
          <SourceBadge source={agent.source} />
        </p>
        <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">{agent.persona}</p>
        <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
          {agent.tools.length} {agent.tools.length === 1 ? 'tool' : 'tools'} · {agent.models.length > 0 ? agent.models.join(' → ') : "instance's model chain"}
        </p>
      </div>
      <div className="flex gap-2">
        {isCustom(agent) ? (
          <>
            <Button variant="secondary" size="sm" onClick={onEdit} aria-label={`Edit ${agent.name}`}>
              Edit
            </Button>
            <Button variant="ghost" size="sm" onClick={onDelete} aria-label={`Delete ${agent.name}`}>
              Delete
            </Button>
          </>
        ) : (
          <Button variant="secondary" size="sm" onClick={onView} aria-label={`View ${agent.name}`}>
            View
          </Button>
        )}
      </div>
    </li>
  );
}

type Open = { kind: 'create' } | { kind: 'edit' | 'view' | 'delete'; agent: AgentView } | null;

function Agents() {
  const agents = useQuery<AgentView[]>('admin-agents', () => listAgents());
  const tools = useQuery<string[]>('agent-tools', listAgentTools);
  const [open, setOpen] = useState<Open>(null);
  const list = agents.data ?? [];
  const close = () => setOpen(null);

  function saved(agent: AgentView) {
    const exists = list.some((a) => a.id === agent.id);
    agents.setData(exists ? list.map((a) => (a.id === agent.id ? agent : a)) : [...list, agent]);
    close();
  }

  if (agents.problem && !agents.data) return <ProblemAlert problem={agents.problem} onRetry={agents.reload} />;
  // The form needs the tool names: wait for both, unless the tool names cannot be read.
  if (!agents.data || (!tools.data && !tools.problem)) return <Loading what="agents" />;
  return (
    <div className="rounded-xl border border-zinc-200 bg-white px-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-zinc-100 py-4 dark:border-zinc-800">
        <h2 className="text-base font-semibold text-zinc-900 dark:text-zinc-50">
          {list.length} {list.length === 1 ? 'agent' : 'agents'}
        </h2>
        <Button onClick={() => setOpen({ kind: 'create' })} disabled={!tools.data}>
          New agent
        </Button>
      </div>
      {tools.problem && <ProblemAlert className="mt-4" problem={tools.problem} onRetry={tools.reload} />}
      <ul aria-label="Agents" className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {list.map((agent) => (
          <AgentRow
            key={agent.id}
            agent={agent}
            onView={() => setOpen({ kind: 'view', agent })}
            onEdit={() => setOpen({ kind: 'edit', agent })}
            onDelete={() => setOpen({ kind: 'delete', agent })}
          />
        ))}
      </ul>

      <Dialog open={open?.kind === 'create' || open?.kind === 'edit'} size="lg" title={open?.kind === 'edit' ? `Edit ${open.agent.name}` : 'New agent'} onClose={close}>
        {(open?.kind === 'create' || open?.kind === 'edit') && (
          <AgentForm agent={open.kind === 'edit' ? open.agent : undefined} agents={list} tools={tools.data ?? []} onSaved={saved} onCancel={close} />
        )}
      </Dialog>
      <Dialog
        open={open?.kind === 'view'}
        size="lg"
        title={open?.kind === 'view' ? open.agent.name : ''}
        description={open?.kind === 'view' ? `${open.agent.persona} Read-only: ${open.agent.source === 'builtin' ? 'it ships with NEX7' : 'a plugin provides it'}.` : undefined}
        onClose={close}
      >
        {open?.kind === 'view' && <AgentDefinition agent={open.agent} agents={list} />}
        <div className="mt-4 flex justify-end">
          <Button variant="secondary" onClick={close}>
            Close
          </Button>
        </div>
      </Dialog>
      {open?.kind === 'delete' && (
        <ConfirmDialog
          title={`Delete “${open.agent.name}”?`}
          description="Conversations it was answering are answered by Nexy instead. This cannot be undone."
          confirmLabel="Delete"
          onCancel={close}
          onConfirm={async () => {
            await deleteAgent(open.agent.id);
            agents.setData(list.filter((a) => a.id !== open.agent.id));
            close();
          }}
        />
      )}
    </div>
  );
}

/** Admin → Agents: every agent with its look and source; custom agents are created, edited and deleted here. */
export function AgentsAdminPage() {
  return (
    <AdminPage title="Agents" description="Who answers in the chat. Built-in and plugin agents are read-only; add custom agents of your own.">
      <Agents />
    </AdminPage>
  );
}
