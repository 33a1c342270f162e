import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { MemberView, Problem, ProjectRole, ProjectView } from '../../api/client';
import { asProblem, fieldErrors, formAlert, unwrap } from '../../api/problem';
import { useQuery } from '../../api/useQuery';
import { api } from '../auth/session';
import { useSession } from '../auth/useSession';
import { Alert } from '../../ui/Alert';
import { Badge } from '../../ui/Badge';
import { Button, Spinner } from '../../ui/Button';
import { SelectField, TextField } from '../../ui/fields';
import { formatDateTime } from '../../ui/format';
import { Section } from '../../ui/Section';
import { ROLE_OPTIONS, isOwner, labelOf } from './meta';

const toRole = (value: string): ProjectRole => ROLE_OPTIONS.find((o) => o.value === value)?.value ?? 'viewer';

function AddMemberForm({ projectId, onAdded }: { projectId: string; onAdded: (member: MemberView) => void }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<ProjectRole>('editor');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);
  // A 404 here means "no user with that email": show it on the email field.
  const emailError = errors.email ?? (problem && (problem.status === 404 || problem.status === 409) ? (problem.detail ?? problem.title) : undefined);
  const alert = emailError && !errors.email ? null : formAlert(problem, ['email', 'role']);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const member = unwrap(await api.POST('/api/projects/{projectId}/members', { params: { path: { projectId } }, body: { email: email.trim(), role } }));
      setEmail('');
      onAdded(member);
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
        <TextField label="Member email" type="email" autoComplete="off" required placeholder="teammate@example.com" value={email} onChange={(e) => setEmail(e.target.value)} error={emailError} containerClassName="min-w-56 flex-1" />
        <SelectField label="Role" options={ROLE_OPTIONS} value={role} onChange={(e) => setRole(toRole(e.target.value))} error={errors.role} containerClassName="w-36" />
        <Button type="submit" busy={busy} className="sm:mt-6.5">
          Add member
        </Button>
      </div>
    </form>
  );
}

function MemberRow({ member, project, isMe, onChanged, onRemoved, onProblem }: {
  member: MemberView;
  project: ProjectView;
  isMe: boolean;
  onChanged: (member: MemberView) => void;
  onRemoved: (member: MemberView) => void;
  onProblem: (problem: Problem | null) => void;
}) {
  const [busy, setBusy] = useState(false);
  const manage = isOwner(project.myRole);
  const path = { projectId: project.id, userId: member.userId };

  async function run(action: () => Promise<void>) {
    setBusy(true);
    onProblem(null);
    try {
      await action();
    } catch (error) {
      onProblem(asProblem(error));
    } finally {
      setBusy(false);
    }
  }

  const changeRole = (role: ProjectRole) =>
    run(async () => onChanged(unwrap(await api.PATCH('/api/projects/{projectId}/members/{userId}', { params: { path }, body: { role } }))));
  const remove = () =>
    run(async () => {
      unwrap(await api.DELETE('/api/projects/{projectId}/members/{userId}', { params: { path } }));
      onRemoved(member);
    });

  return (
    <li className="flex flex-wrap items-center gap-3 py-3">
      <div className="min-w-0 flex-1">
        <p className="flex items-center gap-2 truncate text-sm font-medium text-zinc-900 dark:text-zinc-100">
          {member.name}
          {isMe && <Badge>You</Badge>}
        </p>
        <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">
          {member.email} · added {formatDateTime(member.addedAt)}
        </p>
      </div>
      {manage ? (
        <SelectField
          label={`Role for ${member.name}`}
          containerClassName="w-32 [&>label]:sr-only"
          options={ROLE_OPTIONS}
          value={member.role}
          disabled={busy}
          onChange={(e) => void changeRole(toRole(e.target.value))}
        />
      ) : (
        <Badge tone={member.role === 'owner' ? 'indigo' : 'neutral'}>{labelOf(ROLE_OPTIONS, member.role)}</Badge>
      )}
      {(manage || isMe) && (
        <Button variant="ghost" size="sm" busy={busy} onClick={() => void remove()} aria-label={isMe ? 'Leave project' : `Remove ${member.name}`}>
          {isMe ? 'Leave' : 'Remove'}
        </Button>
      )}
    </li>
  );
}

export function MembersSection({ project }: { project: ProjectView }) {
  const navigate = useNavigate();
  const state = useSession();
  const myId = state.status === 'authenticated' ? state.user.id : null;
  const [problem, setProblem] = useState<Problem | null>(null);
  const members = useQuery<MemberView[]>(`members:${project.id}`, async () =>
    unwrap(await api.GET('/api/projects/{projectId}/members', { params: { path: { projectId: project.id } } })),
  );
  const list = members.data ?? [];
  const replace = (member: MemberView) => members.setData(list.map((m) => (m.userId === member.userId ? member : m)));

  return (
    <Section
      title="Members"
      description={isOwner(project.myRole) ? 'Invite people by the email they signed up with, and decide what they can do.' : 'People who can access this project.'}
    >
      <div className="space-y-4">
        {isOwner(project.myRole) && <AddMemberForm projectId={project.id} onAdded={(m) => members.setData([...list.filter((x) => x.userId !== m.userId), m])} />}
        {problem && <Alert>{problem.detail ?? problem.title}</Alert>}
        {members.problem && <Alert>{members.problem.detail ?? members.problem.title}</Alert>}
        {members.loading && !members.data ? (
          <p className="flex items-center gap-2 text-sm text-zinc-500" role="status">
            <Spinner /> Loading members…
          </p>
        ) : (
          <ul aria-label="Project members" className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {list.map((m) => (
              <MemberRow
                key={m.userId}
                member={m}
                project={project}
                isMe={m.userId === myId}
                onChanged={replace}
                onProblem={setProblem}
                onRemoved={(removed) => {
                  if (removed.userId === myId) navigate('/projects', { replace: true });
                  else members.setData(list.filter((x) => x.userId !== removed.userId));
                }}
              />
            ))}
          </ul>
        )}
      </div>
    </Section>
  );
}
