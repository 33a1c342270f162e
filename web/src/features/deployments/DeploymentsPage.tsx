import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { ProjectView } from '../../api/client';
import { unwrap } from '../../api/problem';
import { useActions } from '../../api/useActions';
import { useQuery } from '../../api/useQuery';
import { api } from '../auth/session';
import { ProblemAlert } from '../../ui/Alert';
import { Button, focusRing } from '../../ui/Button';
import { cx } from '../../ui/cx';
import { SelectField } from '../../ui/fields';
import { Loading } from '../../ui/Loading';
import { formatDateTime, formatDuration, timeAgo } from '../../ui/format';
import { canEdit } from '../projects/meta';
import { DEPLOYMENT_STATUS, ENVIRONMENT_LABEL, STATUS_FILTER, TARGET_LABEL, triggerLabel, inProgress, isDeploymentStatus, shortSha, subjectOf } from './deploymentMeta';
import { deployNow, getLocalTarget, type Deployment } from './deploymentsApi';
import { StatusBadge } from './StatusBadge';
import { POLL_MILLIS, usePolling } from './usePolling';
import { useTimeline } from './useTimeline';

export const deploymentPath = (projectId: string, deploymentId: string) => `/projects/${projectId}/deployments/${deploymentId}`;

function DeploymentRow({ deployment }: { deployment: Deployment }) {
  const sha = shortSha(deployment.commitSha);
  const title = subjectOf(deployment.commitMessage) ?? (sha ? `Commit ${sha}` : 'Deployment');
  const duration = deployment.durationMillis !== undefined ? formatDuration(deployment.durationMillis) : undefined;
  return (
    <li className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:gap-4">
      <div className="shrink-0 sm:w-28">
        <StatusBadge look={DEPLOYMENT_STATUS[deployment.status]} moving={inProgress(deployment)} />
      </div>
      <div className="min-w-0 flex-1">
        <Link
          to={deploymentPath(deployment.projectId, deployment.id)}
          className={cx('block truncate rounded-sm font-medium text-zinc-900 hover:text-indigo-700 hover:underline dark:text-zinc-100 dark:hover:text-indigo-300', focusRing)}
        >
          {title}
        </Link>
        <p className="mt-0.5 flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-zinc-500 dark:text-zinc-400">
          {sha && <code className="font-mono text-zinc-700 dark:text-zinc-300">{sha}</code>}
          {deployment.branch && <span>on {deployment.branch}</span>}
          <span>{TARGET_LABEL[deployment.target]}</span>
          <span>{ENVIRONMENT_LABEL[deployment.environment]}</span>
          <span>{triggerLabel(deployment.trigger)}</span>
        </p>
      </div>
      <div className="flex shrink-0 gap-3 text-xs text-zinc-500 tabular-nums sm:flex-col sm:items-end sm:gap-0.5 dark:text-zinc-400">
        <time dateTime={deployment.createdAt} title={formatDateTime(deployment.createdAt)}>
          {timeAgo(deployment.createdAt)}
        </time>
        {duration && <span>took {duration}</span>}
      </div>
    </li>
  );
}

/** A project's deployments, newest first: filter by status, page back, deploy the local target; refreshed while any is under way. */
export function DeploymentsPage() {
  const { projectId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const status = isDeploymentStatus(statusParam) ? statusParam : undefined;
  const project = useQuery<ProjectView>(projectId, async () => unwrap(await api.GET('/api/projects/{projectId}', { params: { path: { projectId } } })));
  const localTarget = useQuery(`local-target:${projectId}`, () => getLocalTarget(projectId));
  const timeline = useTimeline(projectId, status);
  const deploy = useActions();
  const [started, setStarted] = useState<Deployment | null>(null);
  const moving = timeline.items.filter(inProgress).length;
  usePolling(moving > 0, timeline.refresh);

  const mayDeploy = project.data !== null && canEdit(project.data.myRole) && localTarget.data?.kind === 'linked';

  function setStatus(value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set('status', value);
    else next.delete('status');
    setParams(next, { replace: true });
  }

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <Link to={`/projects/${projectId}`} className={cx('rounded-sm text-sm text-zinc-500 hover:text-zinc-800 dark:text-zinc-400 dark:hover:text-zinc-200', focusRing)}>
            ← {project.data?.name ?? 'Project'}
          </Link>
          <h1 className="mt-2 text-2xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">Deployments</h1>
        </div>
        {mayDeploy && (
          <Button
            busy={deploy.busy === 'deploy'}
            onClick={() =>
              void deploy.run('deploy', async () => {
                const deployment = await deployNow(projectId);
                setStarted(deployment);
                timeline.add(deployment);
              })
            }
          >
            Deploy now
          </Button>
        )}
      </div>

      {deploy.problem && <ProblemAlert problem={deploy.problem} />}

      <div className="flex flex-wrap items-end justify-between gap-4">
        <SelectField label="Status" containerClassName="w-48" value={status ?? ''} onChange={(e) => setStatus(e.target.value)} options={[{ value: '', label: 'Any status' }, ...STATUS_FILTER]} />
        <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
          {started && (
            <>
              Deployment queued.{' '}
              <Link to={deploymentPath(projectId, started.id)} className={cx('rounded-sm font-medium text-indigo-700 underline dark:text-indigo-300', focusRing)}>
                Follow it
              </Link>
              {moving > 0 && ' · '}
            </>
          )}
          {moving > 0 && `${moving} under way; this list refreshes every ${POLL_MILLIS / 1000} seconds.`}
        </p>
      </div>

      {timeline.problem && <ProblemAlert problem={timeline.problem} />}
      {timeline.loading && <Loading what="deployments" />}
      {!timeline.loading && !timeline.problem && timeline.items.length === 0 && (
        <div className="rounded-xl border border-dashed border-zinc-300 p-10 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          {status ? 'No deployments with this status.' : 'No deployments yet. They appear here when a linked target builds.'}
        </div>
      )}
      {timeline.items.length > 0 && (
        <div className="rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
          <ol aria-label="Deployments" className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {timeline.items.map((deployment) => (
              <DeploymentRow key={deployment.id} deployment={deployment} />
            ))}
          </ol>
          {timeline.hasMore && (
            <div className="border-t border-zinc-200 px-4 py-3 text-center dark:border-zinc-800">
              <Button variant="secondary" size="sm" busy={timeline.loadingMore} onClick={() => void timeline.loadMore()}>
                Load more
              </Button>
            </div>
          )}
        </div>
      )}
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        Have a log from elsewhere?{' '}
        <Link to="/deployments/analyze" className={cx('rounded-sm underline', focusRing)}>
          Analyze a build log
        </Link>
      </p>
    </div>
  );
}
