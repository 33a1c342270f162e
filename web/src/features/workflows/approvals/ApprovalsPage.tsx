import { useState } from 'react';
import { Link } from 'react-router';
import type { Problem, Schemas } from '../../../api/client';
import { asProblem, unwrap } from '../../../api/problem';
import { useQuery } from '../../../api/useQuery';
import { api } from '../../auth/session';
import { Alert } from '../../../ui/Alert';
import { Badge } from '../../../ui/Badge';
import { Button, Spinner, focusRing } from '../../../ui/Button';
import { cx } from '../../../ui/cx';
import { TextAreaField } from '../../../ui/fields';
import { formatDateTime, timeAgo } from '../../../ui/format';
import { Pagination } from '../../../ui/Pagination';
import type { Json } from '../api';
import { DataView } from '../run/DataView';

export type PendingApproval = Schemas['ApprovalView'];
type Decision = 'approve' | 'reject';

const PAGE_SIZE = 20;

/** What a failed decision means to the person who made it. */
export function decisionFailure(problem: Problem): string {
  if (problem.status === 409) return 'Someone has already decided this approval (or it timed out). The list has been refreshed.';
  if (problem.status === 403) return 'Your role in this project does not allow deciding this approval.';
  if (problem.status === 404) return 'This execution no longer exists, or you are no longer a member of its project.';
  return problem.detail ?? problem.title ?? 'The decision was not recorded.';
}

function ApprovalCard({ approval, onDecided }: { approval: PendingApproval; onDecided: (outcome: { decided: boolean; message: string }) => void }) {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<Decision | null>(null);
  const title = `${approval.workflowName ?? 'Workflow'} · ${approval.nodeName ?? approval.nodeId}`;

  async function decide(decision: Decision) {
    if (!approval.executionId || !approval.nodeId) return;
    setBusy(decision);
    try {
      unwrap(
        await api.POST('/api/executions/{executionId}/approvals/{nodeId}', {
          params: { path: { executionId: approval.executionId, nodeId: approval.nodeId } },
          body: comment.trim() ? { decision, comment: comment.trim() } : { decision },
        }),
      );
      onDecided({ decided: true, message: `${decision === 'approve' ? 'Approved' : 'Rejected'}: ${title}.` });
    } catch (error) {
      onDecided({ decided: false, message: decisionFailure(asProblem(error)) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <li className="space-y-3 rounded-xl border border-zinc-200 bg-white p-4 shadow-sm dark:border-zinc-800 dark:bg-zinc-900" aria-label={title}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 className="text-sm font-semibold text-zinc-900 dark:text-zinc-50">{approval.message}</h2>
          <p className="mt-0.5 text-xs text-zinc-500">
            {title} ·{' '}
            <Link to={`/executions/${approval.executionId}`} className={cx('rounded-sm text-indigo-700 hover:underline dark:text-indigo-300', focusRing)}>
              open execution
            </Link>
          </p>
        </div>
        <div className="flex flex-wrap gap-1.5 text-xs">
          <Badge tone="amber">waiting</Badge>
          <Badge>{approval.approverRole === 'owner' ? 'Owners decide' : 'Editors decide'}</Badge>
        </div>
      </div>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        Requested <span title={formatDateTime(approval.requestedAt)}>{approval.requestedAt ? timeAgo(approval.requestedAt) : ''}</span>
        {approval.timeoutAt ? ` · times out ${formatDateTime(approval.timeoutAt)}` : ' · no timeout'}
      </p>
      <DataView label="Input" value={approval.input as Json | undefined} />
      {approval.canDecide ? (
        <div className="space-y-2">
          <TextAreaField label="Comment (optional)" value={comment} maxLength={2000} rows={2} onChange={(e) => setComment(e.target.value)} />
          <div className="flex gap-2">
            <Button size="sm" onClick={() => void decide('approve')} busy={busy === 'approve'} disabled={busy !== null}>
              Approve
            </Button>
            <Button size="sm" variant="danger" onClick={() => void decide('reject')} busy={busy === 'reject'} disabled={busy !== null}>
              Reject
            </Button>
          </div>
        </div>
      ) : (
        <p className="text-xs text-zinc-500">You can see this approval, but only {approval.approverRole === 'owner' ? 'owners' : 'editors and owners'} of the project can decide.</p>
      )}
    </li>
  );
}

/** Human approvals waiting in the caller's projects, with Approve / Reject. */
export function ApprovalsPage() {
  const [page, setPage] = useState(0);
  const [outcome, setOutcome] = useState<{ decided: boolean; message: string } | null>(null);
  const query = useQuery(`approvals|${page}`, async () => unwrap(await api.GET('/api/approvals', { params: { query: { page, size: PAGE_SIZE } } })));
  const items = query.data?.items ?? [];
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">Approvals</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Workflows waiting for a person to approve or reject, oldest first.</p>
        </div>
        <Button variant="secondary" onClick={query.reload}>
          Refresh
        </Button>
      </div>
      {outcome &&
        (outcome.decided ? (
          <div role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 dark:bg-emerald-950/50 dark:text-emerald-200">
            {outcome.message}
          </div>
        ) : (
          <Alert>{outcome.message}</Alert>
        ))}
      {query.problem && <Alert>{query.problem.detail ?? query.problem.title}</Alert>}
      {query.loading && !query.data && (
        <p role="status" className="flex items-center gap-2 text-sm text-zinc-500">
          <Spinner /> Loading approvals…
        </p>
      )}
      {query.data && items.length === 0 && (
        <div className="rounded-xl border border-dashed border-zinc-300 p-10 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          Nothing is waiting for a decision.
        </div>
      )}
      <ul aria-label="Pending approvals" className="space-y-3">
        {items.map((approval) => (
          <ApprovalCard
            key={`${approval.executionId}:${approval.nodeId}`}
            approval={approval}
            onDecided={(result) => {
              setOutcome(result);
              query.reload();
            }}
          />
        ))}
      </ul>
      {query.data && query.data.totalPages > 1 && (
        <Pagination page={page} totalPages={query.data.totalPages} totalItems={query.data.totalItems} noun="approval" onPage={setPage} />
      )}
    </div>
  );
}
