import { useState, type FormEvent } from 'react';
import type { Problem, Schemas } from '../../api/client';
import { asProblem, fieldErrors, formAlert, unwrap } from '../../api/problem';
import { useQuery } from '../../api/useQuery';
import { api } from '../auth/session';
import { Alert } from '../../ui/Alert';
import { Badge } from '../../ui/Badge';
import { Button, Spinner } from '../../ui/Button';
import { SelectField, TextField, type Option } from '../../ui/fields';
import { formatDateTime, timeAgo } from '../../ui/format';
import { Section } from '../../ui/Section';

type TokenView = Schemas['TokenView'];
type IssuedView = Schemas['IssuedView'];
type ToolView = Schemas['ToolView'];

const LIFETIMES: ReadonlyArray<Option<string>> = [
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: '', label: 'No expiry' },
];

/** The address MCP clients connect to: this server's /mcp. */
export const mcpEndpoint = (): string => `${window.location.origin}/mcp`;

async function listTokens(projectId: string | undefined): Promise<TokenView[]> {
  return projectId
    ? unwrap(await api.GET('/api/projects/{projectId}/mcp/tokens', { params: { path: { projectId } } }))
    : unwrap(await api.GET('/api/mcp/tokens'));
}

async function issueToken(projectId: string | undefined, name: string, expiresInDays: number | undefined): Promise<IssuedView> {
  const body = { name, expiresInDays };
  return projectId
    ? unwrap(await api.POST('/api/projects/{projectId}/mcp/tokens', { params: { path: { projectId } }, body }))
    : unwrap(await api.POST('/api/mcp/tokens', { body }));
}

async function revokeToken(projectId: string | undefined, tokenId: string): Promise<void> {
  if (projectId) unwrap(await api.DELETE('/api/projects/{projectId}/mcp/tokens/{tokenId}', { params: { path: { projectId, tokenId } } }));
  else unwrap(await api.DELETE('/api/mcp/tokens/{tokenId}', { params: { path: { tokenId } } }));
}

/** A new token's secret, shown once, with the client configuration that uses it. */
function NewSecret({ issued, onDone }: { issued: IssuedView; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const secret = issued.secret ?? '';
  const config = JSON.stringify({ mcpServers: { nex7: { type: 'http', url: mcpEndpoint(), headers: { Authorization: `Bearer ${secret}` } } } }, null, 2);
  return (
    <div className="space-y-3 rounded-lg border border-emerald-300 bg-emerald-50 p-4 dark:border-emerald-800 dark:bg-emerald-950/40" role="status">
      <p className="text-sm font-medium text-emerald-900 dark:text-emerald-200">
        Token “{issued.token?.name}” created. Copy it now: it is not shown again.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <code aria-label="New MCP token" className="min-w-0 flex-1 truncate rounded bg-white px-2 py-1.5 font-mono text-xs text-zinc-900 dark:bg-zinc-900 dark:text-zinc-100">
          {secret}
        </code>
        <Button
          size="sm"
          variant="secondary"
          onClick={() => {
            void navigator.clipboard?.writeText(secret).then(() => setCopied(true));
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </Button>
        <Button size="sm" variant="ghost" onClick={onDone}>
          Done
        </Button>
      </div>
      <details className="text-xs text-zinc-700 dark:text-zinc-300">
        <summary className="cursor-pointer">Client configuration (Claude Desktop, Cursor, VS Code)</summary>
        <pre className="mt-2 overflow-x-auto rounded bg-white p-2 font-mono dark:bg-zinc-900">{config}</pre>
      </details>
    </div>
  );
}

function IssueForm({ projectId, onIssued }: { projectId?: string; onIssued: (issued: IssuedView) => void }) {
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);
  const alert = formAlert(problem, ['name', 'expiresInDays']);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      onIssued(await issueToken(projectId, name.trim(), days ? Number(days) : undefined));
      setName('');
    } catch (error) {
      setProblem(asProblem(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3 rounded-lg border border-zinc-200 bg-zinc-50 p-4 dark:border-zinc-800 dark:bg-zinc-950/40">
      {alert && <Alert>{alert}</Alert>}
      <div className="flex flex-wrap items-start gap-3">
        <TextField label="Token name" required placeholder="Claude Desktop on my laptop" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} error={errors.name} containerClassName="min-w-56 flex-1" />
        <SelectField label="Expires" options={LIFETIMES} value={days} onChange={(e) => setDays(e.target.value)} error={errors.expiresInDays} containerClassName="w-36" />
        <Button type="submit" busy={busy} className="sm:mt-6.5">
          Create token
        </Button>
      </div>
    </form>
  );
}

/**
 * MCP tokens: personal ones (no project) or a project's (owners). Lists them by name and prefix,
 * creates one (its secret shown once) and revokes.
 */
export function McpTokensSection({ projectId }: { projectId?: string }) {
  const [issued, setIssued] = useState<IssuedView | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null);
  const tokens = useQuery<TokenView[]>(`mcp-tokens:${projectId ?? 'me'}`, () => listTokens(projectId));
  const list = tokens.data ?? [];

  async function revoke(token: TokenView) {
    if (!token.id) return;
    setRevoking(token.id);
    setProblem(null);
    try {
      await revokeToken(projectId, token.id);
      tokens.setData(list.filter((t) => t.id !== token.id));
    } catch (error) {
      setProblem(asProblem(error));
    } finally {
      setRevoking(null);
    }
  }

  return (
    <Section
      title="MCP tokens"
      description={
        projectId
          ? "Let MCP clients (Claude Desktop, IDEs, other agents) call this project's published workflows, acting as you."
          : 'Let MCP clients (Claude Desktop, IDEs, other agents) call the published workflows of every project where you are an editor or owner.'
      }
    >
      <div className="space-y-4">
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          Endpoint: <code className="font-mono">{mcpEndpoint()}</code> · header <code className="font-mono">Authorization: Bearer &lt;token&gt;</code>
        </p>
        {issued ? <NewSecret issued={issued} onDone={() => setIssued(null)} /> : <IssueForm projectId={projectId} onIssued={(i) => { setIssued(i); tokens.reload(); }} />}
        {problem && <Alert>{problem.detail ?? problem.title}</Alert>}
        {tokens.problem && <Alert>{tokens.problem.detail ?? tokens.problem.title}</Alert>}
        {tokens.loading && !tokens.data ? (
          <p className="flex items-center gap-2 text-sm text-zinc-500" role="status">
            <Spinner /> Loading tokens…
          </p>
        ) : list.length === 0 ? (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">No tokens yet.</p>
        ) : (
          <ul aria-label="MCP tokens" className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {list.map((token) => (
              <li key={token.id} className="flex flex-wrap items-center gap-3 py-3">
                <div className="min-w-0 flex-1">
                  <p className="flex items-center gap-2 truncate text-sm font-medium text-zinc-900 dark:text-zinc-100">
                    {token.name} <code className="font-mono text-xs text-zinc-500">{token.prefix}…</code>
                    {token.expiresAt && new Date(token.expiresAt).getTime() < Date.now() && <Badge tone="red">Expired</Badge>}
                  </p>
                  <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">
                    created {formatDateTime(token.createdAt)} · {token.expiresAt ? `expires ${formatDateTime(token.expiresAt)}` : 'no expiry'} ·{' '}
                    {token.lastUsedAt ? `last used ${timeAgo(token.lastUsedAt)}` : 'never used'}
                  </p>
                </div>
                <Button variant="ghost" size="sm" busy={revoking === token.id} onClick={() => void revoke(token)} aria-label={`Revoke ${token.name ?? 'token'}`}>
                  Revoke
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Section>
  );
}

/** The published workflows MCP clients see as tools. */
export function McpToolsSection({ projectId }: { projectId?: string }) {
  const tools = useQuery<ToolView[]>(`mcp-tools:${projectId ?? 'me'}`, async () =>
    unwrap(await api.GET('/api/mcp/tools', { params: { query: projectId ? { projectId } : {} } })),
  );
  return (
    <Section title="Tools MCP clients see" description="A workflow is published when it has an active version with a manual trigger; its trigger's input schema is the tool's parameters.">
      {tools.problem && <Alert>{tools.problem.detail ?? tools.problem.title}</Alert>}
      {tools.data && tools.data.length === 0 && <p className="text-sm text-zinc-500 dark:text-zinc-400">No published workflows yet.</p>}
      {tools.data && tools.data.length > 0 && (
        <ul aria-label="MCP tools" className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {tools.data.map((tool) => (
            <li key={tool.workflowId} className="py-2 text-sm">
              <code className="font-mono text-indigo-700 dark:text-indigo-300">{tool.name}</code>{' '}
              <span className="text-zinc-600 dark:text-zinc-400">
                — {tool.workflowName} (version {tool.version})
              </span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
