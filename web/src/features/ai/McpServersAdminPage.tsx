import { useId, useState, type FormEvent } from 'react';
import type { Problem } from '../../api/client';
import { asProblem, fieldErrors, formAlert } from '../../api/problem';
import { useActions } from '../../api/useActions';
import { useQuery } from '../../api/useQuery';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Loading } from '../../ui/Loading';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { CheckboxGroup, TextField } from '../../ui/fields';
import { formatDateTime, timeAgo } from '../../ui/format';
import { Section } from '../../ui/Section';
import { AdminPage } from '../admin/AdminPage';
import { AgentName } from '../chat/AgentAvatar';
import { lookOf } from '../chat/agents';
import { allowMcpTools, deleteMcpServer, listAgents, listMcpServers, listMcpServerTools, registerMcpServer, type AgentView, type McpServer } from './aiApi';

/** Where a blocked address is opened: there is no page for the outbound allow-list yet. */
function AllowListNote() {
  return (
    <>
      A server on this machine or a private network is blocked by NEX7&apos;s outbound guard until its host is on the outbound allow-list. There is no page for
      that list yet: set <code className="font-mono">NEX7_INTEGRATION_ALLOWED_HOSTS</code> (host or host:port) or add an entry with{' '}
      <code className="font-mono">POST /api/admin/outbound-allow-list</code>.
    </>
  );
}

const EMPTY = { name: '', url: '', authHeader: '', authValue: '' };

function RegisterForm({ onRegistered }: { onRegistered: (server: McpServer) => void }) {
  const [values, setValues] = useState(EMPTY);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [registered, setRegistered] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);
  // A conflict means the name is taken: that is the name field's problem.
  const taken = problem?.status === 409 ? (problem.detail ?? problem.title) : undefined;
  const alert = taken ? null : formAlert(problem, ['name', 'url', 'authHeader']);
  const set = (key: keyof typeof EMPTY, value: string) => setValues((v) => ({ ...v, [key]: value }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    setRegistered(null);
    try {
      const header = values.authHeader.trim();
      const server = await registerMcpServer({
        name: values.name.trim(),
        url: values.url.trim(),
        ...(header || values.authValue ? { authHeader: header, authValue: values.authValue } : {}),
      });
      // The header value leaves the page with the request: it is stored encrypted and never read back.
      setValues(EMPTY);
      setRegistered(server.name ?? '');
      onRegistered(server);
    } catch (error) {
      setProblem(asProblem(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      {alert && <Alert>{alert}</Alert>}
      {registered !== null && (
        <Alert tone="info">
          Registered “{registered}”. Its header value is stored encrypted and is not shown again. List its tools to let agents use them.
        </Alert>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Name" required value={values.name} maxLength={40} autoComplete="off" spellCheck={false} onChange={(e) => set('name', e.target.value)} error={errors.name ?? taken} hint="Lower-case letters, digits and '-'; agents see tools as name__tool." />
        <TextField label="URL" required type="url" inputMode="url" placeholder="https://mcp.example.com/mcp" value={values.url} onChange={(e) => set('url', e.target.value)} error={errors.url} hint="Its Streamable HTTP endpoint." />
        <TextField label="Auth header name" placeholder="Authorization" value={values.authHeader} autoComplete="off" onChange={(e) => set('authHeader', e.target.value)} error={errors.authHeader} hint="Optional: a header sent with every request." />
        <TextField label="Auth header value" type="password" autoComplete="new-password" value={values.authValue} onChange={(e) => set('authValue', e.target.value)} hint="Stored encrypted; never shown again." />
      </div>
      <div className="flex justify-end">
        <Button type="submit" busy={busy}>
          Register server
        </Button>
      </div>
    </form>
  );
}

const sameTools = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((t) => b.includes(t));

/** Which of the server's tools each agent may use; each agent's choice is saved on its own. */
function AllowList({ server, agents, onSaved }: { server: McpServer; agents: readonly AgentView[]; onSaved: (server: McpServer) => void }) {
  const [drafts, setDrafts] = useState<Record<string, string[]>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const save = useActions();
  const serverId = server.id ?? '';
  const options = (server.tools ?? []).map((t) => ({ value: t.name ?? '', label: t.name ?? '', description: t.description }));
  const allowed = (agentId: string) => server.agentTools?.[agentId] ?? [];

  const submit = (agent: AgentView, tools: string[]) =>
    save.run(agent.id, async () => {
      setSaved(null);
      onSaved(await allowMcpTools(serverId, agent.id, tools));
      setDrafts(({ [agent.id]: _done, ...rest }) => rest);
      setSaved(agent.id);
    });

  return (
    <div className="space-y-3">
      <h4 className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">Which agent may use which tool</h4>
      {save.problem && <ProblemAlert problem={save.problem} />}
      <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
        {agents.map((agent) => {
          const tools = drafts[agent.id] ?? allowed(agent.id);
          const dirty = !sameTools(tools, allowed(agent.id));
          return (
            <li key={agent.id} className="flex flex-wrap items-end gap-3 p-3">
              <div className="min-w-0 flex-1 basis-64">
                <AgentName look={lookOf(agents, agent.id)} />
                <CheckboxGroup
                  legend={`Tools ${agent.name} may use`}
                  className="mt-1 [&>legend]:sr-only"
                  options={options}
                  selected={tools}
                  onChange={(selected) => setDrafts((d) => ({ ...d, [agent.id]: selected }))}
                />
              </div>
              <div className="flex items-center gap-2">
                {saved === agent.id && !dirty && (
                  <span role="status" className="text-xs text-emerald-700 dark:text-emerald-400">
                    Saved
                  </span>
                )}
                <Button size="sm" variant="secondary" disabled={!dirty} busy={save.busy === agent.id} onClick={() => void submit(agent, tools)} aria-label={`Save tools for ${agent.name}`}>
                  Save
                </Button>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function ServerCard({ server, agents, onChanged, onDelete }: { server: McpServer; agents: readonly AgentView[]; onChanged: (server: McpServer) => void; onDelete: () => void }) {
  const headingId = useId();
  const listing = useActions();
  const name = server.name ?? '';
  const tools = server.tools ?? [];
  const listTools = () => listing.run('list', async () => onChanged(await listMcpServerTools(server.id ?? '')));

  return (
    <article aria-labelledby={headingId} className="space-y-4 rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 id={headingId} className="flex flex-wrap items-center gap-2 text-base font-semibold text-zinc-900 dark:text-zinc-50">
            {name}
            {server.authHeader && <Badge>sends {server.authHeader}</Badge>}
          </h3>
          <p className="mt-0.5 font-mono text-xs break-all text-zinc-600 dark:text-zinc-400">{server.url}</p>
          <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
            Registered {formatDateTime(server.createdAt)} · {server.toolsListedAt ? `tools listed ${timeAgo(server.toolsListedAt)}` : 'tools not listed yet'}
          </p>
        </div>
        <div className="flex gap-2">
          <Button size="sm" variant="secondary" busy={listing.busy === 'list'} onClick={() => void listTools()} aria-label={`List tools of ${name}`}>
            List tools
          </Button>
          <Button size="sm" variant="ghost" onClick={onDelete} aria-label={`Delete ${name}`}>
            Delete
          </Button>
        </div>
      </div>
      {listing.problem && (
        <Alert>
          <p className="font-medium">Could not list the tools of “{name}”.</p>
          <p className="mt-1">{listing.problem.detail ?? listing.problem.title}</p>
          {listing.problem.status === 502 && (
            <p className="mt-1">
              <AllowListNote />
            </p>
          )}
        </Alert>
      )}
      {tools.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">{server.toolsListedAt ? 'The server offers no tools.' : 'List its tools to choose which agents may use them. Listing runs none of them.'}</p>
      ) : (
        <>
          <ul aria-label={`Tools of ${name}`} className="space-y-1.5">
            {tools.map((tool) => (
              <li key={tool.name} className="text-sm">
                <code className="font-mono text-indigo-700 dark:text-indigo-300">{tool.name}</code>
                {tool.description && <span className="text-zinc-600 dark:text-zinc-400"> — {tool.description}</span>}
              </li>
            ))}
          </ul>
          <AllowList server={server} agents={agents} onSaved={onChanged} />
        </>
      )}
    </article>
  );
}

function McpServers() {
  const servers = useQuery<McpServer[]>('mcp-servers', listMcpServers);
  const agents = useQuery<AgentView[]>('admin-agents', () => listAgents());
  const [deleting, setDeleting] = useState<McpServer | null>(null);
  const headingId = useId();
  const list = servers.data ?? [];
  const replace = (server: McpServer) => servers.setData(list.map((s) => (s.id === server.id ? server : s)));

  return (
    <>
      <Section title="Register a server" description="HTTP transports only: NEX7 never starts local commands. Nothing is sent to the server until you list its tools.">
        <RegisterForm onRegistered={(server) => servers.setData([...list, server].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '')))} />
        <p className="mt-4 text-xs text-zinc-500 dark:text-zinc-400">
          <AllowListNote />
        </p>
      </Section>
      {servers.problem && <ProblemAlert problem={servers.problem} onRetry={servers.reload} />}
      {agents.problem && <ProblemAlert problem={agents.problem} onRetry={agents.reload} />}
      {servers.loading && !servers.data ? (
        <Loading what="MCP servers" />
      ) : (
        servers.data && (
          <section aria-labelledby={headingId} className="space-y-4">
            <h2 id={headingId} className="text-base font-semibold text-zinc-900 dark:text-zinc-50">
              Registered servers
            </h2>
            {list.length === 0 && <p className="text-sm text-zinc-500 dark:text-zinc-400">No MCP servers registered yet.</p>}
            {list.map((server) => (
              <ServerCard key={server.id} server={server} agents={agents.data ?? []} onChanged={replace} onDelete={() => setDeleting(server)} />
            ))}
          </section>
        )
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete “${deleting.name ?? ''}”?`}
          description="Agents lose every tool of this server. Its header value is destroyed."
          confirmLabel="Delete"
          onCancel={() => setDeleting(null)}
          onConfirm={async () => {
            await deleteMcpServer(deleting.id ?? '');
            servers.setData(list.filter((s) => s.id !== deleting.id));
            setDeleting(null);
          }}
        />
      )}
    </>
  );
}

/** Admin → MCP servers: register HTTP MCP servers, list their tools, choose which agent may use which. */
export function McpServersAdminPage() {
  return (
    <AdminPage title="MCP servers" description="Other MCP servers whose tools NEX7's agents may use, each agent only the tools you allow it.">
      <McpServers />
    </AdminPage>
  );
}
