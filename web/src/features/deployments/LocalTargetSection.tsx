import { useState, type FormEvent } from 'react';
import type { Problem, ProjectView } from '../../api/client';
import { ProblemError, fieldErrors, formAlert } from '../../api/problem';
import { useActions } from '../../api/useActions';
import { useQuery } from '../../api/useQuery';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { TextField } from '../../ui/fields';
import { formatDateTime } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { Section } from '../../ui/Section';
import { canEdit, isOwner } from '../projects/meta';
import { CheckField } from './CheckField';
import { shortSha } from './deploymentMeta';
import { TargetEnvironment } from './TargetEnvironment';
import {
  getLocalTarget,
  isProblemType,
  saveLocalTarget,
  testLocalTarget,
  unlinkLocalTarget,
  type LocalTarget,
  type LocalTargetCheck,
  type LocalTargetRequest,
  type LocalTargetState,
} from './deploymentsApi';

const FIELDS = ['repository', 'branch', 'installCommand', 'buildCommand', 'watch'] as const;

/** What the form checks before sending: the two fields a build cannot do without. */
function missingFields(body: LocalTargetRequest): Problem | null {
  const errors = [
    ...(body.repository ? [] : [{ field: 'repository', message: 'Enter the repository path or URL.' }]),
    ...(body.buildCommand ? [] : [{ field: 'buildCommand', message: 'Enter the command that builds the project.' }]),
  ];
  return errors.length > 0 ? { type: 'about:blank', title: 'Some fields need attention', status: 0, errors } : null;
}

function LocalTargetForm({ projectId, current, onSaved, onCancel }: { projectId: string; current: LocalTarget | null; onSaved: (target: LocalTarget) => void; onCancel?: () => void }) {
  const [repository, setRepository] = useState(current?.repository ?? '');
  const [branch, setBranch] = useState(current?.branch ?? '');
  const [installCommand, setInstallCommand] = useState(current?.installCommand ?? '');
  const [buildCommand, setBuildCommand] = useState(current?.buildCommand ?? '');
  const [watch, setWatch] = useState(current?.watch ?? true);
  const save = useActions();
  const problem = save.problem;
  const errors = fieldErrors(problem);
  // The server could not read the repository: that is about the repository field.
  const unreadable = isProblemType(problem, 'local-target-unreadable') && !errors.repository;
  const alert = unreadable ? null : formAlert(problem, FIELDS);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body: LocalTargetRequest = {
      repository: repository.trim(),
      branch: branch.trim() || undefined,
      installCommand: installCommand.trim() || undefined,
      buildCommand: buildCommand.trim(),
      watch,
    };
    void save.run('save', async () => {
      const missing = missingFields(body);
      if (missing) throw new ProblemError(missing);
      onSaved(await saveLocalTarget(projectId, body));
    });
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Local target" className="space-y-3 rounded-lg border border-zinc-200 bg-zinc-50 p-4 dark:border-zinc-800 dark:bg-zinc-950/40">
      {alert && <Alert>{alert}</Alert>}
      <TextField
        label="Repository"
        placeholder="/srv/git/shop or https://git.example.com/shop.git"
        value={repository}
        onChange={(e) => setRepository(e.target.value)}
        error={errors.repository ?? (unreadable ? (problem?.detail ?? problem?.title) : undefined)}
        hint="A git repository path on the NEX7 server, or a URL it can clone."
        spellCheck={false}
      />
      <div className="flex flex-wrap items-start gap-3">
        <TextField label="Branch" placeholder="the default branch" value={branch} onChange={(e) => setBranch(e.target.value)} error={errors.branch} containerClassName="min-w-40 flex-1" spellCheck={false} />
        <TextField label="Install command" placeholder="npm ci" value={installCommand} onChange={(e) => setInstallCommand(e.target.value)} error={errors.installCommand} containerClassName="min-w-40 flex-1" spellCheck={false} />
        <TextField label="Build command" placeholder="npm run build" value={buildCommand} onChange={(e) => setBuildCommand(e.target.value)} error={errors.buildCommand} containerClassName="min-w-40 flex-1" spellCheck={false} />
      </div>
      <CheckField label="Deploy new commits" hint="NEX7 watches the branch and deploys each new commit." checked={watch} onChange={setWatch} error={errors.watch} />
      <div className="flex gap-2">
        <Button type="submit" busy={save.busy !== null}>
          {current ? 'Save target' : 'Link target'}
        </Button>
        {onCancel && (
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}

function TargetFacts({ target }: { target: LocalTarget }) {
  const facts: Array<[string, string | undefined]> = [
    ['Repository', target.repository],
    ['Branch', target.branch],
    ['Install command', target.installCommand],
    ['Build command', target.buildCommand],
    ['Deploys new commits', target.watch ? 'Yes' : 'No'],
    ['Last commit seen', shortSha(target.lastSeenSha)],
    ['Linked', formatDateTime(target.linkedAt)],
  ];
  return (
    <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
      {facts.map(([label, value]) => (
        <div key={label} className="min-w-0">
          <dt className="text-xs text-zinc-500 dark:text-zinc-400">{label}</dt>
          <dd className="font-mono text-xs break-all text-zinc-900 dark:text-zinc-100">{value ?? '—'}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The project's local deployment target: a git repository NEX7 installs and builds itself (owners link, test and unlink it;
 * editors manage its environment variables).
 */
export function LocalTargetSection({ project }: { project: ProjectView }) {
  const owner = isOwner(project.myRole);
  const state = useQuery<LocalTargetState>(`local-target:${project.id}`, () => getLocalTarget(project.id));
  const actions = useActions();
  const [check, setCheck] = useState<LocalTargetCheck | null>(null);
  const [editing, setEditing] = useState(false);
  const [confirmUnlink, setConfirmUnlink] = useState(false);
  const current = state.data;
  const saved = (target: LocalTarget) => {
    setEditing(false);
    setCheck(null);
    state.setData({ kind: 'linked', target });
  };

  return (
    <Section
      title="Local deployment target"
      description="A git repository NEX7 installs and builds on this server: deployments, proven fixes and rollbacks without any hosting account."
    >
      <div className="space-y-4">
        {state.loading && !current && <Loading what="the local target" />}
        {state.problem && <ProblemAlert problem={state.problem} onRetry={state.reload} />}
        {actions.problem && <ProblemAlert problem={actions.problem} />}
        {current?.kind === 'disabled' && (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">{current.problem.detail ?? 'Local deployment targets are turned off on this server.'}</p>
        )}
        {current?.kind === 'unlinked' && (
          <>
            <p className="text-sm text-zinc-500 dark:text-zinc-400">No local target linked.</p>
            {owner && <LocalTargetForm projectId={project.id} current={null} onSaved={saved} />}
          </>
        )}
        {current?.kind === 'linked' && (
          <>
            <TargetFacts target={current.target} />
            {check && (
              <Alert tone="info">
                The head of {check.branch} is <code className="font-mono">{shortSha(check.headSha)}</code>
                {check.headMessage ? `: ${check.headMessage}` : '.'}
              </Alert>
            )}
            {owner && !editing && (
              <div className="flex flex-wrap gap-2">
                <Button size="sm" variant="secondary" busy={actions.busy === 'test'} onClick={() => void actions.run('test', async () => setCheck(await testLocalTarget(project.id)))}>
                  Test target
                </Button>
                <Button size="sm" variant="ghost" onClick={() => setEditing(true)}>
                  Change
                </Button>
                <Button size="sm" variant="ghost" onClick={() => setConfirmUnlink(true)}>
                  Unlink
                </Button>
              </div>
            )}
            {owner && editing && <LocalTargetForm projectId={project.id} current={current.target} onSaved={saved} onCancel={() => setEditing(false)} />}
            {canEdit(project.myRole) && !editing && <TargetEnvironment projectId={project.id} />}
          </>
        )}
      </div>
      {confirmUnlink && (
        <ConfirmDialog
          title="Unlink the local target?"
          description="NEX7 stops building this repository. Its deployments stay in the timeline; the repository itself is not touched."
          confirmLabel="Unlink"
          onCancel={() => setConfirmUnlink(false)}
          onConfirm={async () => {
            await unlinkLocalTarget(project.id);
            setConfirmUnlink(false);
            setCheck(null);
            state.setData({ kind: 'unlinked' });
          }}
        />
      )}
    </Section>
  );
}
