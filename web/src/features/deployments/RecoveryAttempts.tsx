import { useMemo } from 'react';
import { Link } from 'react-router';
import { Badge } from '../../ui/Badge';
import { focusRing } from '../../ui/Button';
import { cx } from '../../ui/cx';
import { formatDateTime, formatDuration } from '../../ui/format';
import { RECOVERY_STATUS, isProving, percent, shortSha } from './deploymentMeta';
import type { RecoveryAttempt } from './deploymentsApi';
import { diffLines, type DiffLineKind } from './diffView';
import { LogLineLink } from './LogFindings';
import { humanize, place } from './logView';
import { StatusBadge } from './StatusBadge';

const LINE_STYLE: Record<DiffLineKind, string> = {
  file: 'font-semibold text-zinc-100',
  hunk: 'text-sky-300',
  add: 'bg-emerald-900/60 text-emerald-100',
  remove: 'bg-red-900/60 text-red-100',
  context: 'text-zinc-300',
};

/**
 * A unified diff with added lines green and removed ones red. The `+`/`-` stay in the text and the
 * lines are `ins`/`del` elements, so the change does not rest on colour alone.
 */
export function DiffBlock({ diff, label }: { diff: string; label: string }) {
  const lines = useMemo(() => diffLines(diff), [diff]);
  return (
    <pre role="region" aria-label={label} tabIndex={0} className={cx('max-h-96 overflow-auto rounded-md bg-zinc-950 py-2 font-mono text-xs leading-5', focusRing)}>
      {lines.map((line, index) => {
        const className = cx('block px-3 whitespace-pre no-underline', LINE_STYLE[line.kind]);
        const text = line.text || ' ';
        if (line.kind === 'add') return <ins key={index} data-kind="add" className={className}>{text}</ins>;
        if (line.kind === 'remove') return <del key={index} data-kind="remove" className={className}>{text}</del>;
        return <span key={index} data-kind={line.kind} className={className}>{text}</span>;
      })}
    </pre>
  );
}

function AttemptItem({ attempt, projectId, logShown }: { attempt: RecoveryAttempt; projectId: string; logShown: boolean }) {
  const where = attempt.finding ? place(attempt.finding) : null;
  const name = humanize(attempt.strategy);
  return (
    <li aria-label={`${name} fix`} className="space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-sm font-semibold text-zinc-900 dark:text-zinc-50">
          <code>{attempt.strategy}</code>
        </h3>
        <StatusBadge look={RECOVERY_STATUS[attempt.status]} moving={isProving(attempt)} />
        <Badge tone={attempt.source === 'model' ? 'indigo' : 'neutral'}>{attempt.source === 'model' ? 'Model-made' : 'Rule'}</Badge>
        <span className="text-xs text-zinc-600 dark:text-zinc-400">{percent(attempt.confidence)} confident</span>
        {attempt.merged && <Badge tone="green">Merged</Badge>}
      </div>
      <p className="text-sm break-words text-zinc-800 dark:text-zinc-200">{attempt.rationale}</p>
      {attempt.finding && (
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          For {humanize(attempt.finding.category).toLowerCase()}
          {where && <> at <code className="break-all text-zinc-900 dark:text-zinc-100">{where}</code></>}
          {logShown && <> · <LogLineLink line={attempt.finding.logLine} /></>}
        </p>
      )}
      {attempt.detail && <p className="text-sm text-zinc-700 dark:text-zinc-300">{attempt.detail}</p>}
      {attempt.diff && <DiffBlock diff={attempt.diff} label={`Diff of the ${name} fix`} />}
      {attempt.buildOutput && (
        <details className="rounded-md border border-zinc-200 dark:border-zinc-800">
          <summary className={cx('cursor-pointer rounded-md px-3 py-2 text-sm font-medium text-zinc-700 dark:text-zinc-300', focusRing)}>
            Build output{attempt.buildMillis !== undefined && ` (${formatDuration(attempt.buildMillis)})`}
          </summary>
          <pre className="max-h-80 overflow-auto border-t border-zinc-200 bg-zinc-950 px-3 py-2 font-mono text-xs leading-5 whitespace-pre text-zinc-200 dark:border-zinc-800">
            {attempt.buildOutput}
          </pre>
        </details>
      )}
      <dl className="flex flex-wrap gap-x-6 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
        <div className="flex gap-1">
          <dt>Started</dt>
          <dd>{formatDateTime(attempt.createdAt)}</dd>
        </div>
        {attempt.proofMillis !== undefined && (
          <div className="flex gap-1">
            <dt>Proof took</dt>
            <dd>{formatDuration(attempt.proofMillis)}</dd>
          </div>
        )}
        {attempt.branch && (
          <div className="flex gap-1">
            <dt>Branch</dt>
            <dd><code>{attempt.branch}</code></dd>
          </div>
        )}
        {attempt.commitSha && (
          <div className="flex gap-1">
            <dt>Commit</dt>
            <dd><code title={attempt.commitSha}>{shortSha(attempt.commitSha)}</code></dd>
          </div>
        )}
      </dl>
      {(attempt.pullRequestUrl || attempt.redeploymentId) && (
        <div className="flex flex-wrap gap-4 text-sm">
          {attempt.pullRequestUrl && (
            <a href={attempt.pullRequestUrl} target="_blank" rel="noreferrer" className={cx('rounded-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300', focusRing)}>
              Open pull request{attempt.pullRequestNumber !== undefined && ` #${attempt.pullRequestNumber}`}
              <span className="sr-only"> (opens in a new tab)</span>
            </a>
          )}
          {attempt.redeploymentId && (
            <Link to={`/projects/${projectId}/deployments/${attempt.redeploymentId}`} className={cx('rounded-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300', focusRing)}>
              See the redeployment
            </Link>
          )}
        </div>
      )}
    </li>
  );
}

/** The fixes tried for a deployment, oldest first. */
export function RecoveryAttempts({ attempts, projectId, logShown }: { attempts: readonly RecoveryAttempt[]; projectId: string; logShown: boolean }) {
  return (
    <ol aria-label="Recovery attempts" className="space-y-3">
      {attempts.map((attempt) => (
        <AttemptItem key={attempt.id} attempt={attempt} projectId={projectId} logShown={logShown} />
      ))}
    </ol>
  );
}
