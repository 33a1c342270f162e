import { useEffect, useState, type FormEvent } from 'react';
import type { Problem, ProjectView } from '../../api/client';
import { asProblem } from '../../api/problem';
import { useQuery } from '../../api/useQuery';
import { ProblemAlert } from '../../ui/Alert';
import { Button, Spinner } from '../../ui/Button';
import { cx } from '../../ui/cx';
import { Dialog } from '../../ui/Dialog';
import { SelectField } from '../../ui/fields';
import { AgentAvatar } from './AgentAvatar';
import { lookOf } from './agents';
import { createConversation, listAgents, type AgentView, type ConversationView } from './chatApi';

const FIRST_CHOICE = 'nexy';

/** The agent picker: each enabled agent with its avatar, colour and persona, as a radio group. */
export function AgentPicker({ agents, value, onChange }: { agents: readonly AgentView[]; value: string; onChange: (id: string) => void }) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-zinc-700 dark:text-zinc-300">First agent</legend>
      <div className="mt-2 grid gap-2 sm:grid-cols-2">
        {agents.map((agent) => {
          const look = lookOf(agents, agent.id);
          const checked = agent.id === value;
          return (
            <label
              key={agent.id}
              className={cx(
                'flex cursor-pointer items-start gap-2.5 rounded-lg border p-2.5 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-500',
                checked ? 'border-indigo-500 bg-indigo-50 dark:bg-indigo-950/40' : 'border-zinc-200 hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-800/50',
              )}
            >
              <input type="radio" name="agent" value={agent.id} checked={checked} onChange={() => onChange(agent.id)} className="sr-only" />
              <AgentAvatar look={look} />
              <span className="min-w-0">
                <span className="block font-medium text-zinc-900 dark:text-zinc-100">{agent.name}</span>
                <span className="line-clamp-2 block text-xs text-zinc-500 dark:text-zinc-400">{agent.persona}</span>
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

/** Starts a conversation: which agent answers first, and optionally the project it is about. */
export function NewConversationDialog({ open, projects, initialProjectId, onClose, onCreated }: {
  open: boolean;
  projects: readonly ProjectView[];
  initialProjectId: string;
  onClose: () => void;
  onCreated: (conversation: ConversationView) => void;
}) {
  const [projectId, setProjectId] = useState(initialProjectId);
  const [agentId, setAgentId] = useState(FIRST_CHOICE);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const agents = useQuery<AgentView[]>(`agents:${projectId}`, () => listAgents(projectId || undefined));
  const enabled = (agents.data ?? []).filter((a) => a.enabled);

  useEffect(() => {
    if (open) {
      setProjectId(initialProjectId);
      setProblem(null);
    }
  }, [open, initialProjectId]);

  // Keep the choice valid when the project changes which agents are on.
  useEffect(() => {
    if (enabled.length > 0 && !enabled.some((a) => a.id === agentId)) setAgentId(enabled.find((a) => a.id === FIRST_CHOICE)?.id ?? enabled[0]?.id ?? FIRST_CHOICE);
  }, [agents.data]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      onCreated(await createConversation({ agentId, ...(projectId ? { projectId } : {}) }));
    } catch (error) {
      setProblem(asProblem(error));
    } finally {
      setBusy(false);
    }
  }

  const projectOptions = [{ value: '', label: 'No project' }, ...projects.map((p) => ({ value: p.id, label: p.name }))];
  return (
    <Dialog open={open} title="New conversation" description="Pick who answers first; the agents hand over to each other when a question is outside their role." onClose={() => !busy && onClose()} size="lg">
      <form onSubmit={submit} className="space-y-4">
        {problem && <ProblemAlert problem={problem} />}
        <SelectField label="Project" hint="Agents then see the project and can use its tools." options={projectOptions} value={projectId} onChange={(e) => setProjectId(e.target.value)} />
        {agents.problem && <ProblemAlert problem={agents.problem} />}
        {agents.loading && !agents.data ? (
          <p className="flex items-center gap-2 text-sm text-zinc-500" role="status">
            <Spinner /> Loading agents…
          </p>
        ) : (
          <AgentPicker agents={enabled} value={agentId} onChange={setAgentId} />
        )}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" busy={busy} disabled={enabled.length === 0}>
            Start conversation
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
