import type { Schemas } from '../../../api/client';
import { unwrap } from '../../../api/problem';
import { useActions } from '../../../api/useActions';
import { useQuery } from '../../../api/useQuery';
import { Alert } from '../../../ui/Alert';
import { Button, Spinner } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { formatDateTime } from '../../../ui/format';
import { api } from '../../auth/session';
import type { VersionComparison } from '../editorStore';

type VersionView = Schemas['VersionView'];

export interface VersionsDialogProps {
  workflowId: string;
  activeVersion: number | undefined;
  readOnly: boolean;
  onClose: () => void;
  /** Saves the draft first: the server compares versions with the saved draft. */
  flush: () => Promise<boolean>;
  onCompare: (comparison: VersionComparison) => void;
  onRestore: (version: VersionView) => void;
}

/** The saved versions: compare one with the draft (highlighted on the canvas) or restore it into the draft. */
export function VersionsDialog({ workflowId, activeVersion, readOnly, onClose, flush, onCompare, onRestore }: VersionsDialogProps) {
  const versions = useQuery(`versions:${workflowId}`, async () =>
    unwrap(await api.GET('/api/workflows/{workflowId}/versions', { params: { path: { workflowId } } })),
  );
  const { busy, problem, run: act } = useActions();

  const compare = (version: number) =>
    act(`compare:${version}`, async () => {
      await flush();
      const diff = unwrap(
        await api.GET('/api/workflows/{workflowId}/versions/{version}/diff', { params: { path: { workflowId, version } } }),
      );
      onCompare({
        version,
        added: diff.addedNodes ?? [],
        removed: diff.removedNodes ?? [],
        changed: Object.fromEntries((diff.changedNodes ?? []).map((c) => [c.nodeId ?? '', c.changes ?? []])),
      });
    });

  const restore = (version: number) =>
    act(`restore:${version}`, async () => {
      onRestore(unwrap(await api.GET('/api/workflows/{workflowId}/versions/{version}', { params: { path: { workflowId, version } } })));
    });

  return (
    <Dialog open title="Versions" description="Compare a version with the draft, or restore it into the draft (undo with Ctrl Z)." size="lg" onClose={onClose}>
      {problem && <Alert className="mb-3">{problem.detail ?? problem.title}</Alert>}
      {versions.loading && !versions.data && (
        <p role="status" className="flex items-center gap-2 text-sm text-zinc-500">
          <Spinner /> Loading versions…
        </p>
      )}
      {versions.data?.length === 0 && <p className="text-sm text-zinc-600 dark:text-zinc-400">No versions yet. Save one from the toolbar.</p>}
      <ul className="max-h-96 divide-y divide-zinc-100 overflow-y-auto dark:divide-zinc-800">
        {(versions.data ?? []).map((v) => {
          const number = v.version ?? 0;
          return (
            <li key={number} className="flex items-center gap-3 py-2">
              <div className="min-w-0 flex-1">
                <p className="text-sm font-medium">
                  Version {number}
                  {number === activeVersion && <span className="ml-2 text-xs font-normal text-emerald-700 dark:text-emerald-400">active</span>}
                </p>
                <p className="truncate text-xs text-zinc-500">
                  {v.message || 'No message'} · {formatDateTime(v.createdAt)}
                </p>
              </div>
              <Button size="sm" variant="secondary" busy={busy === `compare:${number}`} onClick={() => void compare(number)} aria-label={`Compare version ${number} with the draft`}>
                Compare
              </Button>
              <Button size="sm" variant="secondary" disabled={readOnly} busy={busy === `restore:${number}`} onClick={() => void restore(number)} aria-label={`Restore version ${number}`}>
                Restore
              </Button>
            </li>
          );
        })}
      </ul>
      <div className="mt-4 flex justify-end">
        <Button variant="secondary" onClick={onClose}>
          Close
        </Button>
      </div>
    </Dialog>
  );
}
