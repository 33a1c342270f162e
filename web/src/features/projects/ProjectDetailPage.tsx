import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Problem, ProjectView } from '../../api/client';
import { asProblem, unwrap } from '../../api/problem';
import { useQuery } from '../../api/useQuery';
import { api } from '../auth/session';
import { Alert } from '../../ui/Alert';
import { Badge } from '../../ui/Badge';
import { Button, Spinner, focusRing } from '../../ui/Button';
import { cx } from '../../ui/cx';
import { Dialog } from '../../ui/Dialog';
import { Section } from '../../ui/Section';
import { formatDateTime } from '../../ui/format';
import { ProjectAiSection } from '../ai/ProjectAiSection';
import { LocalTargetSection } from '../deployments/LocalTargetSection';
import { RecoveryPolicySection } from '../deployments/RecoveryPolicySection';
import { GitHubSection } from '../github/GitHubSection';
import { VercelSection } from '../github/VercelSection';
import { McpTokensSection } from '../mcp/McpTokensSection';
import { NotificationWebhookSection } from '../notifications/NotificationWebhookSection';
import { MembersSection } from './MembersSection';
import { ROLE_OPTIONS, STATUS_OPTIONS, STATUS_TONE, canEdit, isOwner, labelOf } from './meta';
import { ProjectForm, toUpdateRequest, valuesOf } from './ProjectForm';


function DeleteProject({ project }: { project: ProjectView }) {
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  async function confirm() {
    setBusy(true);
    setProblem(null);
    try {
      unwrap(await api.DELETE('/api/projects/{projectId}', { params: { path: { projectId: project.id } } }));
      navigate('/projects', { replace: true });
    } catch (error) {
      setProblem(asProblem(error));
      setBusy(false);
    }
  }

  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Delete project
      </Button>
      <Dialog
        open={open}
        role="alertdialog"
        size="sm"
        title={`Delete “${project.name}”?`}
        description="The project and its member list are removed for everyone. This cannot be undone."
        onClose={() => !busy && setOpen(false)}
      >
        {problem && <Alert className="mb-4">{problem.detail ?? problem.title}</Alert>}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setOpen(false)} disabled={busy} data-autofocus>
            Cancel
          </Button>
          <Button variant="danger" onClick={confirm} busy={busy}>
            Delete
          </Button>
        </div>
      </Dialog>
    </>
  );
}

export function ProjectDetailPage() {
  const { id = '' } = useParams();
  const [saved, setSaved] = useState(0);
  const query = useQuery<ProjectView>(id, async () => unwrap(await api.GET('/api/projects/{projectId}', { params: { path: { projectId: id } } })));
  const project = query.data;

  if (query.loading && !project) {
    return (
      <div className="flex items-center gap-3 text-sm text-zinc-500" role="status">
        <Spinner /> Loading project…
      </div>
    );
  }
  if (query.problem && (!project || project.id !== id)) {
    const notFound = query.problem.status === 404 || query.problem.status === 400;
    return (
      <div className="mx-auto max-w-md py-16 text-center">
        <h1 className="text-lg font-semibold text-zinc-900 dark:text-zinc-50">{notFound ? 'Project not found' : 'Could not load the project'}</h1>
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
          {notFound ? 'It may have been deleted, or you are not a member of it.' : (query.problem.detail ?? query.problem.title)}
        </p>
        <Link to="/projects" className={cx('mt-6 inline-block text-sm font-medium text-indigo-600 dark:text-indigo-400', focusRing)}>
          ← Back to projects
        </Link>
      </div>
    );
  }
  if (!project) return null;

  const editable = canEdit(project.myRole);
  const initial = valuesOf(project);

  return (
    <div className="space-y-6">
      <div>
        <Link to="/projects" className={cx('rounded-sm text-sm text-zinc-500 hover:text-zinc-800 dark:text-zinc-400 dark:hover:text-zinc-200', focusRing)}>
          ← Projects
        </Link>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">{project.name}</h1>
          <Badge tone={STATUS_TONE[project.status]}>{labelOf(STATUS_OPTIONS, project.status)}</Badge>
          <Badge tone="indigo">You are {labelOf(ROLE_OPTIONS, project.myRole).toLowerCase()}</Badge>
        </div>
        <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
          Created {formatDateTime(project.createdAt)} · Updated {formatDateTime(project.updatedAt)}
        </p>
      </div>

      <Section title="Details" description={editable ? 'Edit the project settings.' : 'You have view access; ask an owner or editor to make changes.'}>
        {saved > 0 && (
          <Alert tone="info" className="mb-4">
            Changes saved.
          </Alert>
        )}
        <ProjectForm
          key={`${project.id}:${project.updatedAt}`}
          initial={initial}
          readOnly={!editable}
          submitLabel="Save changes"
          onSubmit={async (values) => {
            const body = toUpdateRequest(initial, values);
            if (Object.keys(body).length === 0) {
              setSaved((n) => n + 1);
              return;
            }
            const updated = unwrap(await api.PATCH('/api/projects/{projectId}', { params: { path: { projectId: project.id } }, body }));
            query.setData(updated);
            setSaved((n) => n + 1);
          }}
        />
      </Section>

      <Section
        title="Workflows"
        description="Automations of this project, built on the canvas."
        actions={
          <Link to={`/projects/${project.id}/workflows`} className={cx('text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400', focusRing)}>
            Open workflows →
          </Link>
        }
      />

      <MembersSection project={project} />

      <GitHubSection project={project} />

      <VercelSection project={project} />

      <LocalTargetSection project={project} />

      <Section
        title="Deployments"
        description="Builds of the linked targets, their logs, and the fixes NEX7 proved for failed ones."
        actions={
          <Link to={`/projects/${project.id}/deployments`} className={cx('text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400', focusRing)}>
            Open deployments →
          </Link>
        }
      />

      <RecoveryPolicySection project={project} />

      <NotificationWebhookSection project={project} />

      <ProjectAiSection project={project} />

      {isOwner(project.myRole) && <McpTokensSection projectId={project.id} />}

      {isOwner(project.myRole) && (
        <Section title="Danger zone" description="Deleting a project removes it for every member." actions={<DeleteProject project={project} />} />
      )}
    </div>
  );
}
