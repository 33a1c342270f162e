import { useState, type FormEvent } from 'react';
import type { Problem, ProjectView, Schemas } from '../../api/client';
import { asProblem, fieldErrors, formAlert, unwrap } from '../../api/problem';
import { useQuery } from '../../api/useQuery';
import { api } from '../auth/session';
import { Alert } from '../../ui/Alert';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/fields';
import { formatDateTime } from '../../ui/format';
import { Section } from '../../ui/Section';
import { isOwner } from '../projects/meta';
import { CredentialPicker, useCredentials } from '../workflows/inspector/CredentialPicker';

type VercelLink = Schemas['VercelLinkView'];

async function loadLink(projectId: string): Promise<VercelLink | null> {
  const result = await api.GET('/api/projects/{projectId}/vercel', { params: { path: { projectId } } });
  if (result.response.status === 404) return null;
  return unwrap(result);
}

/** The project's Vercel deployment target: link (owners: project, team, token, the webhook secret Vercel showed), unlink. */
export function VercelSection({ project }: { project: ProjectView }) {
  const owner = isOwner(project.myRole);
  const link = useQuery<VercelLink | null>(`vercel:${project.id}`, () => loadLink(project.id));
  const { credentials, kinds } = useCredentials(project.id);
  const [vercelProjectId, setVercelProjectId] = useState('');
  const [teamId, setTeamId] = useState('');
  const [credentialId, setCredentialId] = useState<string | undefined>(undefined);
  const [secret, setSecret] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);
  const alert = formAlert(problem, ['vercelProjectId', 'teamId', 'credentialId', 'webhookSecret']);
  const current = link.data ?? null;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const body = { vercelProjectId: vercelProjectId.trim(), teamId: teamId.trim() || undefined, credentialId, webhookSecret: secret || undefined };
      link.setData(unwrap(await api.PUT('/api/projects/{projectId}/vercel', { params: { path: { projectId: project.id } }, body })));
      setSecret('');
    } catch (error) {
      setProblem(asProblem(error));
    } finally {
      setBusy(false);
    }
  }

  async function unlink() {
    setProblem(null);
    try {
      unwrap(await api.DELETE('/api/projects/{projectId}/vercel', { params: { path: { projectId: project.id } } }));
      link.setData(null);
    } catch (error) {
      setProblem(asProblem(error));
    }
  }

  return (
    <Section title="Vercel deployments" description="Vercel's deployment events reach NEX7 through a signed webhook (Team settings → Webhooks, deployment events).">
      <div className="space-y-4">
        {link.problem && <Alert>{link.problem.detail ?? link.problem.title}</Alert>}
        {alert && <Alert>{alert}</Alert>}
        {current ? (
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <span className="font-medium text-zinc-900 dark:text-zinc-100">{current.vercelProjectId}</span>
            {current.teamId && <span className="text-zinc-500">team {current.teamId}</span>}
            <Badge tone={current.signed ? 'green' : 'amber'}>{current.signed ? 'Webhook secret set' : 'No webhook secret: events are refused'}</Badge>
            <span className="text-xs text-zinc-500">linked {formatDateTime(current.linkedAt)}</span>
            <code className="font-mono text-xs">{`${window.location.origin}${current.webhookUrl}`}</code>
            {owner && (
              <Button size="sm" variant="ghost" onClick={() => void unlink()}>
                Unlink Vercel
              </Button>
            )}
          </div>
        ) : (
          !link.loading && <p className="text-sm text-zinc-500 dark:text-zinc-400">No Vercel project linked.</p>
        )}
        {owner && !current && !link.loading && (
          <form onSubmit={submit} noValidate className="space-y-3 rounded-lg border border-zinc-200 bg-zinc-50 p-4 dark:border-zinc-800 dark:bg-zinc-950/40">
            <div className="flex flex-wrap items-start gap-3">
              <TextField label="Vercel project id" placeholder="prj_…" value={vercelProjectId} onChange={(e) => setVercelProjectId(e.target.value)} error={errors.vercelProjectId} containerClassName="min-w-40 flex-1" />
              <TextField label="Team id" placeholder="team_… (optional)" value={teamId} onChange={(e) => setTeamId(e.target.value)} error={errors.teamId} containerClassName="min-w-40 flex-1" />
            </div>
            <CredentialPicker projectId={project.id} slot={{ name: 'Vercel token', kinds: ['vercel'] }} value={credentialId} onChange={setCredentialId} credentials={credentials.data ?? []} kinds={kinds.data ?? []} onCreated={credentials.reload} />
            <TextField label="Vercel webhook secret" type="password" autoComplete="off" value={secret} onChange={(e) => setSecret(e.target.value)} error={errors.webhookSecret} hint="The secret Vercel shows once when you create the webhook." />
            <Button type="submit" busy={busy}>
              Link Vercel project
            </Button>
          </form>
        )}
      </div>
    </Section>
  );
}
