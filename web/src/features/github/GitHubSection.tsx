import { useState, type FormEvent } from 'react';
import type { Problem, ProjectView, Schemas } from '../../api/client';
import { asProblem, fieldErrors, formAlert, unwrap } from '../../api/problem';
import { useQuery } from '../../api/useQuery';
import { api } from '../auth/session';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/fields';
import { formatDateTime } from '../../ui/format';
import { Section } from '../../ui/Section';
import { isOwner } from '../projects/meta';
import { CredentialPicker, useCredentials } from '../workflows/inspector/CredentialPicker';

type LinkView = Schemas['GitHubLinkView'];
type Check = Schemas['GitHubCheck'];

/** The link's webhook address as GitHub must be given it: this server's origin plus the path. */
const webhookUrl = (path: string) => `${window.location.origin}${path}`;

async function loadLink(projectId: string): Promise<LinkView | null> {
  const result = await api.GET('/api/projects/{projectId}/github', { params: { path: { projectId } } });
  if (result.response.status === 404) return null;
  return unwrap(result);
}

function LinkForm({ projectId, current, onLinked }: { projectId: string; current: LinkView | null; onLinked: (link: LinkView) => void }) {
  const [owner, setOwner] = useState(current?.owner ?? '');
  const [repo, setRepo] = useState(current?.repo ?? '');
  const [credentialId, setCredentialId] = useState<string | undefined>(current?.credentialId ?? undefined);
  const [secret, setSecret] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const { credentials, kinds } = useCredentials(projectId);
  const errors = fieldErrors(problem);
  const alert = formAlert(problem, ['owner', 'repo', 'credentialId', 'webhookSecret']);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const body = { owner: owner.trim(), repo: repo.trim(), credentialId, webhookSecret: secret ? secret : undefined };
      onLinked(unwrap(await api.PUT('/api/projects/{projectId}/github', { params: { path: { projectId } }, body })));
      setSecret('');
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
        <TextField label="Owner" placeholder="acme" value={owner} onChange={(e) => setOwner(e.target.value)} error={errors.owner} containerClassName="min-w-40 flex-1" />
        <TextField label="Repository" placeholder="shop" value={repo} onChange={(e) => setRepo(e.target.value)} error={errors.repo} containerClassName="min-w-40 flex-1" />
      </div>
      <div>
        <CredentialPicker
          projectId={projectId}
          slot={{ name: 'GitHub token', kinds: ['github'] }}
          value={credentialId}
          onChange={setCredentialId}
          credentials={credentials.data ?? []}
          kinds={kinds.data ?? []}
          onCreated={credentials.reload}
        />
        {errors.credentialId && <p className="mt-1 text-xs font-medium text-red-600 dark:text-red-400">{errors.credentialId}</p>}
      </div>
      <TextField
        label="Webhook secret"
        type="password"
        autoComplete="off"
        value={secret}
        onChange={(e) => setSecret(e.target.value)}
        error={errors.webhookSecret}
        hint="Leave empty and NEX7 makes one, shown once."
      />
      <Button type="submit" busy={busy}>
        {current ? 'Save link' : 'Link repository'}
      </Button>
    </form>
  );
}

/** The project's linked GitHub repository: link (owners), the webhook to set up on GitHub, test, unlink. */
export function GitHubSection({ project }: { project: ProjectView }) {
  const owner = isOwner(project.myRole);
  const link = useQuery<LinkView | null>(`github:${project.id}`, () => loadLink(project.id));
  const [secret, setSecret] = useState<string | null>(null);
  const [check, setCheck] = useState<Check | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const current = link.data ?? null;

  async function act(key: string, action: () => Promise<void>) {
    setBusy(key);
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem(asProblem(error));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Section title="GitHub repository" description="Pushes, pull requests and releases of the linked repository reach NEX7 through a signed webhook: event triggers on github.push, github.pull_request and github.release start workflows.">
      <div className="space-y-4">
        {link.problem && <Alert>{link.problem.detail ?? link.problem.title}</Alert>}
        {problem && <Alert>{problem.detail ?? problem.title}</Alert>}
        {current && (
          <div className="space-y-2 text-sm">
            <p>
              <span className="font-medium text-zinc-900 dark:text-zinc-100">
                {current.owner}/{current.repo}
              </span>{' '}
              <span className="text-zinc-500 dark:text-zinc-400">linked {formatDateTime(current.linkedAt)}</span>
            </p>
            <p className="text-xs text-zinc-600 dark:text-zinc-400">
              On GitHub: Settings → Webhooks → Add webhook, payload URL <code className="font-mono">{webhookUrl(current.webhookUrl)}</code>, content
              type <code className="font-mono">application/json</code>, the secret below, events: pushes, pull requests, releases.
            </p>
            {secret && (
              <div role="status" className="rounded-lg border border-emerald-300 bg-emerald-50 p-3 dark:border-emerald-800 dark:bg-emerald-950/40">
                <p className="text-sm font-medium text-emerald-900 dark:text-emerald-200">Webhook secret — copy it now, it is not shown again:</p>
                <code aria-label="Webhook secret" className="mt-1 block break-all font-mono text-xs">
                  {secret}
                </code>
              </div>
            )}
            {check && (
              <Alert tone="info">
                GitHub confirms {check.fullName}
                {check.defaultBranch ? ` (default branch ${check.defaultBranch}` : ' ('}
                {check.privateRepository ? ', private)' : ', public)'}.
              </Alert>
            )}
            {owner && (
              <div className="flex flex-wrap gap-2">
                <Button size="sm" variant="secondary" busy={busy === 'test'} onClick={() => void act('test', async () => setCheck(unwrap(await api.POST('/api/projects/{projectId}/github/test', { params: { path: { projectId: project.id } } }))))}>
                  Test connection
                </Button>
                <Button size="sm" variant="ghost" onClick={() => setEditing((e) => !e)}>
                  {editing ? 'Cancel' : 'Change'}
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  busy={busy === 'unlink'}
                  onClick={() =>
                    void act('unlink', async () => {
                      unwrap(await api.DELETE('/api/projects/{projectId}/github', { params: { path: { projectId: project.id } } }));
                      setSecret(null);
                      setCheck(null);
                      link.setData(null);
                    })
                  }
                >
                  Unlink
                </Button>
              </div>
            )}
          </div>
        )}
        {!current && !link.loading && <p className="text-sm text-zinc-500 dark:text-zinc-400">No repository linked.</p>}
        {owner && (!current || editing) && !link.loading && (
          <LinkForm
            projectId={project.id}
            current={current}
            onLinked={(linked) => {
              setSecret(linked.webhookSecret ?? null);
              setEditing(false);
              setCheck(null);
              link.setData(linked);
            }}
          />
        )}
      </div>
    </Section>
  );
}
