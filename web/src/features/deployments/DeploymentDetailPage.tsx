import { useRef, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type { ProjectView } from '../../api/client';
import { unwrap } from '../../api/problem';
import { useActions } from '../../api/useActions';
import { useQuery } from '../../api/useQuery';
import { api } from '../auth/session';
import { ProblemAlert } from '../../ui/Alert';
import { Badge } from '../../ui/Badge';
import { Button, focusRing } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { cx } from '../../ui/cx';
import { Loading } from '../../ui/Loading';
import { Section } from '../../ui/Section';
import { formatDateTime, formatDuration } from '../../ui/format';
import { canEdit } from '../projects/meta';
import { DEPLOYMENT_STATUS, ENVIRONMENT_LABEL, TARGET_LABEL, triggerLabel, inProgress, isProving, shortSha, subjectOf } from './deploymentMeta';
import {
  getDeployment,
  followDeploymentLog,
  getDeploymentLog,
  listRecoveryAttempts,
  retryRecovery,
  rollBack,
  type Deployment,
  type DeploymentLog,
  type RecoveryAttempt,
} from './deploymentsApi';
import { deploymentPath } from './DeploymentsPage';
import { FindingList, LogLineLink, LogLines } from './LogFindings';
import { followed, humanize, place } from './logView';
import { RecoveryAttempts } from './RecoveryAttempts';
import { StatusBadge } from './StatusBadge';
import { LIVE_LOG_MILLIS, POLL_MILLIS, usePolling } from './usePolling';

/** After "Retry recovery", look this many times for the new attempts before giving up on them. */
const RETRY_POLLS = 10;

/** What the last action here set going, for the status line. */
type Outcome = { kind: 'recovery-started' } | { kind: 'rolling-back'; redeployment: Deployment };

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="mt-0.5 text-sm break-words text-zinc-900 dark:text-zinc-100">{children}</dd>
    </div>
  );
}

function Header({ deployment }: { deployment: Deployment }) {
  const sha = shortSha(deployment.commitSha);
  return (
    <div>
      <Link to={`/projects/${deployment.projectId}/deployments`} className={cx('rounded-sm text-sm text-zinc-500 hover:text-zinc-800 dark:text-zinc-400 dark:hover:text-zinc-200', focusRing)}>
        ← Deployments
      </Link>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="min-w-0 text-2xl font-semibold tracking-tight break-words text-zinc-900 dark:text-zinc-50">
          {subjectOf(deployment.commitMessage) ?? (sha ? `Commit ${sha}` : 'Deployment')}
        </h1>
        <StatusBadge look={DEPLOYMENT_STATUS[deployment.status]} moving={inProgress(deployment)} />
      </div>
      <dl className="mt-4 grid grid-cols-2 gap-x-6 gap-y-3 sm:grid-cols-3 lg:grid-cols-4">
        <Fact label="Commit">{sha ? <code title={deployment.commitSha}>{sha}</code> : '—'}</Fact>
        <Fact label="Branch">{deployment.branch ?? '—'}</Fact>
        <Fact label="Target">
          {TARGET_LABEL[deployment.target]} · {ENVIRONMENT_LABEL[deployment.environment]}
        </Fact>
        <Fact label="Trigger">{triggerLabel(deployment.trigger)}</Fact>
        <Fact label="Created">{formatDateTime(deployment.createdAt)}</Fact>
        <Fact label="Started">{formatDateTime(deployment.startedAt)}</Fact>
        <Fact label="Finished">{formatDateTime(deployment.finishedAt)}</Fact>
        <Fact label="Duration">{deployment.durationMillis !== undefined ? formatDuration(deployment.durationMillis) : '—'}</Fact>
      </dl>
      {deployment.url && (
        <a href={deployment.url} target="_blank" rel="noreferrer" className={cx('mt-3 inline-block rounded-sm text-sm font-medium break-all text-indigo-700 hover:underline dark:text-indigo-300', focusRing)}>
          {deployment.url}
          <span className="sr-only"> (opens in a new tab)</span>
        </a>
      )}
    </div>
  );
}

function RootCause({ deployment, log }: { deployment: Deployment; log: DeploymentLog | null }) {
  const root = log?.findings.find((f) => f.root);
  const category = deployment.rootCategory ?? root?.category;
  const cause = deployment.rootCause ?? root?.message;
  if (!category && !cause) return null;
  const where = root ? place(root) : null;
  return (
    <section aria-labelledby="root-cause" className="rounded-xl border border-red-300 bg-red-50/60 p-5 dark:border-red-900 dark:bg-red-950/30">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="root-cause" className="text-base font-semibold text-zinc-900 dark:text-zinc-50">
          Root cause
        </h2>
        {category && <Badge tone="red">{humanize(category)}</Badge>}
      </div>
      {cause && <p className="mt-2 text-sm break-words whitespace-pre-wrap text-zinc-800 dark:text-zinc-200">{cause}</p>}
      {root && (
        <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
          {where && <><code className="break-all text-zinc-900 dark:text-zinc-100">{where}</code> · </>}
          {log?.text ? <LogLineLink line={root.logLine}>{`Show log line ${root.logLine}`}</LogLineLink> : `log line ${root.logLine}`}
        </p>
      )}
    </section>
  );
}

const noLog = (deployment: Deployment) => (inProgress(deployment) ? 'The log appears as the build writes it.' : 'No build log was kept for this deployment.');

function LogPart({ deployment, log, loading, missing }: { deployment: Deployment; log: DeploymentLog | null; loading: boolean; missing: boolean }) {
  if (!log) {
    if (loading) return <Loading what="the log" />;
    return missing ? <Section title="Log" description={noLog(deployment)} /> : null;
  }
  const count = log.findings.length;
  return (
    <>
      {count > 0 && (
        <Section title="Findings" description={`${count} finding${count === 1 ? '' : 's'} in the build log, the root cause first.`}>
          <FindingList findings={log.findings} />
        </Section>
      )}
      {log.text ? (
        <LogLines log={log.text} findings={log.findings} live={running(log.status)} />
      ) : (
        <Section title="Log" description={noLog(deployment)} />
      )}
    </>
  );
}

/**
 * The deployment's log. While the build runs it is followed every `LIVE_LOG_MILLIS`: each read
 * brings only what was written since the last (or all of it again when the server rewrote the
 * kept log), until a read says the deployment ended; that read brings the findings.
 */
function useLiveLog(deploymentId: string) {
  const log = useQuery<DeploymentLog>(deploymentId, () => getDeploymentLog(deploymentId));
  const shown = log.data;
  usePolling(shown !== null && running(shown.status), async () => {
    if (!shown) return;
    log.setData(followed(shown, await followDeploymentLog(deploymentId, shown.cursor)));
  }, LIVE_LOG_MILLIS);
  return log;
}

const running = (status: DeploymentLog['status']) => status === 'queued' || status === 'building';

/** One deployment: what it built, why it failed, the log with its findings, the fixes tried, and retry or roll back. */
export function DeploymentDetailPage() {
  const { projectId = '', deploymentId = '' } = useParams();
  // A link to another deployment (the rollback, a redeployment) starts afresh: no outcome or dialog carried over.
  return <DeploymentView key={deploymentId} projectId={projectId} deploymentId={deploymentId} />;
}

function DeploymentView({ projectId, deploymentId }: { projectId: string; deploymentId: string }) {
  const project = useQuery<ProjectView>(projectId, async () => unwrap(await api.GET('/api/projects/{projectId}', { params: { path: { projectId } } })));
  const deployment = useQuery<Deployment>(deploymentId, () => getDeployment(deploymentId));
  const log = useLiveLog(deploymentId);
  const recovery = useQuery<RecoveryAttempt[]>(deploymentId, () => listRecoveryAttempts(deploymentId));
  const actions = useActions();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [confirmRollback, setConfirmRollback] = useState(false);
  // After a retry, recovery starts on the server a moment later: look for its attempts a few times.
  const retryWatch = useRef<{ baseline: number; looksLeft: number } | null>(null);
  const [awaitingRetry, setAwaitingRetry] = useState(false);

  const current = deployment.data?.id === deploymentId ? deployment.data : null;
  const attempts = recovery.data ?? [];
  const proving = attempts.some(isProving);
  usePolling((current !== null && inProgress(current)) || proving || awaitingRetry, async () => {
    const [fresh, freshAttempts] = await Promise.all([getDeployment(deploymentId), listRecoveryAttempts(deploymentId)]);
    deployment.setData(fresh);
    recovery.setData(freshAttempts);
    const watch = retryWatch.current;
    if (watch) {
      watch.looksLeft -= 1;
      if (watch.looksLeft <= 0 || freshAttempts.length > watch.baseline) {
        retryWatch.current = null;
        setAwaitingRetry(false);
      }
    }
  });

  if (deployment.loading && !current) return <Loading what="the deployment" />;
  if (!current) {
    const problem = deployment.problem;
    return (
      <div className="mx-auto max-w-md py-16 text-center">
        <h1 className="text-lg font-semibold text-zinc-900 dark:text-zinc-50">{problem?.status === 404 ? 'Deployment not found' : 'Could not load the deployment'}</h1>
        {problem && <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{problem.detail ?? problem.title}</p>}
        <Link to={`/projects/${projectId}/deployments`} className={cx('mt-6 inline-block rounded-sm text-sm font-medium text-indigo-600 dark:text-indigo-400', focusRing)}>
          ← Back to deployments
        </Link>
      </div>
    );
  }

  const failed = current.status === 'error';
  const editor = project.data !== null && canEdit(project.data.myRole);

  return (
    <div className="space-y-6">
      <Header deployment={current} />

      {failed && editor && (
        <div className="flex flex-wrap gap-2">
          <Button
            variant="secondary"
            busy={actions.busy === 'retry'}
            onClick={() =>
              void actions.run('retry', async () => {
                await retryRecovery(current.id);
                setOutcome({ kind: 'recovery-started' });
                retryWatch.current = { baseline: attempts.length, looksLeft: RETRY_POLLS };
                setAwaitingRetry(true);
                recovery.reload();
              })
            }
          >
            Retry recovery
          </Button>
          <Button variant="danger" onClick={() => setConfirmRollback(true)}>
            Roll back
          </Button>
        </div>
      )}
      {actions.problem && <ProblemAlert problem={actions.problem} />}
      <p role="status" className="text-sm text-zinc-600 empty:hidden dark:text-zinc-400">
        {outcome?.kind === 'recovery-started' && 'Recovery started: new attempts appear below. '}
        {outcome?.kind === 'rolling-back' && (
          <>
            Rolling back: redeploying {shortSha(outcome.redeployment.commitSha) ?? 'the last good deployment'}.{' '}
            <Link to={deploymentPath(projectId, outcome.redeployment.id)} className={cx('rounded-sm font-medium text-indigo-700 underline dark:text-indigo-300', focusRing)}>
              Follow the rollback
            </Link>{' '}
          </>
        )}
        {inProgress(current) &&
          `The build is ${current.status === 'queued' ? 'queued' : 'running'}; this page refreshes every ${POLL_MILLIS / 1000} seconds and its log as it is written.`}
        {!inProgress(current) && proving && `A fix is being proven; this page refreshes every ${POLL_MILLIS / 1000} seconds.`}
      </p>
      {confirmRollback && (
        <ConfirmDialog
          title="Roll back?"
          description="NEX7 redeploys the last deployment that was ready before this one. The failed commit stays in the repository."
          confirmLabel="Roll back"
          onCancel={() => setConfirmRollback(false)}
          onConfirm={async () => {
            const redeployment = await rollBack(current.id);
            setConfirmRollback(false);
            setOutcome({ kind: 'rolling-back', redeployment });
          }}
        />
      )}

      <RootCause deployment={current} log={log.data} />

      {log.problem && log.problem.status !== 404 && <ProblemAlert problem={log.problem} onRetry={log.reload} />}
      <LogPart deployment={current} log={log.data} loading={log.loading} missing={log.problem?.status === 404} />

      <Section title="Recovery" description="Fixes NEX7 tried, each proven by a real build before it is proposed.">
        {recovery.problem && <ProblemAlert problem={recovery.problem} onRetry={recovery.reload} />}
        {recovery.loading && !recovery.data && <Loading what="the recovery attempts" />}
        {recovery.data && attempts.length === 0 && (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">{failed ? 'No fixes tried yet.' : 'Nothing to recover: this deployment did not fail.'}</p>
        )}
        {attempts.length > 0 && <RecoveryAttempts attempts={attempts} projectId={projectId} logShown={Boolean(log.data?.text)} />}
      </Section>
    </div>
  );
}
