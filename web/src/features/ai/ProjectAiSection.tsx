import type { ProjectView } from '../../api/client';
import { useActions } from '../../api/useActions';
import { useQuery, type QueryState } from '../../api/useQuery';
import { ProblemAlert } from '../../ui/Alert';
import { Badge } from '../../ui/Badge';
import { Loading } from '../../ui/Loading';
import { Section } from '../../ui/Section';
import { Switch } from '../../ui/Switch';
import { AgentName } from '../chat/AgentAvatar';
import { lookOf } from '../chat/agents';
import { isOwner } from '../projects/meta';
import { getModelUsage, listAgents, switchAgent, type AgentView, type ModelUsage } from './aiApi';
import { ProjectModelSettingsPanel } from './ProjectModelSettings';
import { UsageTable } from './usage';

/** Nexy routes every request to the others, so the server refuses to switch it off. */
const ROUTER = 'nexy';

function ProjectAgents({ projectId, owner, agents }: { projectId: string; owner: boolean; agents: QueryState<AgentView[]> }) {
  const toggle = useActions();
  const list = agents.data ?? [];
  const set = (agent: AgentView, enabled: boolean) =>
    toggle.run(agent.id, async () => {
      const changed = await switchAgent(projectId, agent.id, enabled);
      agents.setData(list.map((a) => (a.id === agent.id ? { ...a, enabled: changed.enabled } : a)));
    });

  return (
    <div className="space-y-3">
      <h3 className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">Agents</h3>
      {agents.problem && <ProblemAlert problem={agents.problem} onRetry={agents.reload} />}
      {toggle.problem && <ProblemAlert problem={toggle.problem} />}
      {!agents.data && !agents.problem && <Loading what="agents" />}
      {agents.data && (
        <ul aria-label="Agents in this project" className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {list.map((agent) => (
            <li key={agent.id} className="flex items-center gap-3 py-2.5">
              <div className="min-w-0 flex-1">
                <AgentName look={lookOf(list, agent.id)} />
                <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">{agent.persona}</p>
              </div>
              {owner ? (
                <Switch
                  label={agent.name}
                  checked={agent.enabled}
                  disabled={agent.id === ROUTER}
                  busy={toggle.busy === agent.id}
                  description={agent.id === ROUTER ? `${agent.name} routes requests to the other agents and is always on.` : undefined}
                  onChange={(enabled) => void set(agent, enabled)}
                />
              ) : (
                <Badge tone={agent.enabled ? 'green' : 'neutral'}>{agent.enabled ? 'On' : 'Off'}</Badge>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ProjectUsage({ projectId, agents }: { projectId: string; agents: readonly AgentView[] }) {
  // Without dates the server reports this UTC month.
  const usage = useQuery<ModelUsage>(`project-usage:${projectId}`, () => getModelUsage({ projectId, groupBy: 'agent' }));
  const data = usage.data;
  return (
    <div className="space-y-3">
      <h3 className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">Usage this month</h3>
      {usage.problem && <ProblemAlert problem={usage.problem} onRetry={usage.reload} />}
      {data && (
        <UsageTable
          usage={data}
          agents={agents}
          caption={`${data.scope === 'own' ? 'Your calls' : 'All calls'} in this project by agent, ${data.from} to ${data.to}`}
        />
      )}
    </div>
  );
}

/**
 * A project's AI settings: which agents answer in it, the models they use and its budget (owners
 * change them; other members read them), and this month's usage by agent.
 */
export function ProjectAiSection({ project }: { project: ProjectView }) {
  const owner = isOwner(project.myRole);
  const agents = useQuery<AgentView[]>(`project-agents:${project.id}`, () => listAgents(project.id));
  return (
    <Section title="AI" description={owner ? 'Which agents answer in this project, the models they use and what they may spend.' : 'Which agents answer in this project and the models they use; only owners change these.'}>
      <div className="space-y-8">
        <ProjectAgents projectId={project.id} owner={owner} agents={agents} />
        <ProjectModelSettingsPanel projectId={project.id} owner={owner} />
        <ProjectUsage projectId={project.id} agents={agents.data ?? []} />
      </div>
    </Section>
  );
}
