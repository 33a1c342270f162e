import { Badge } from '../../../ui/Badge';
import { Button } from '../../../ui/Button';
import { useEditorState } from '../editorStore';

/** The run in view, its status and what can be done with it. */
export function RunBar({ onRetry, onClear }: { onRetry: () => void; onClear: () => void }) {
  const run = useEditorState((s) => s.run);
  if (run.phase === 'idle') return null;
  const status = run.phase === 'live' || run.phase === 'finished' ? run.execution.status : undefined;
  return (
    <div role="status" aria-live="polite" className="flex items-center gap-2 text-xs">
      {run.phase === 'starting' && <span>Starting the run…</span>}
      {run.phase === 'error' && <span className="text-red-700 dark:text-red-400">Run refused: {run.message}</span>}
      {(run.phase === 'live' || run.phase === 'finished') && (
        <>
          <span>Run</span>
          <Badge tone={status === 'succeeded' ? 'green' : status === 'failed' ? 'red' : status === 'running' ? 'indigo' : 'neutral'}>
            <span data-testid="run-status">{run.phase === 'live' && status !== 'running' ? (status ?? 'queued') : (status ?? '')}</span>
          </Badge>
          {run.phase === 'finished' && run.execution.durationMillis !== undefined && <span className="text-zinc-500">{run.execution.durationMillis} ms</span>}
          {run.phase === 'finished' && status === 'failed' && (
            <Button size="sm" variant="secondary" onClick={onRetry}>
              Retry from failed node
            </Button>
          )}
        </>
      )}
      {run.phase !== 'starting' && run.phase !== 'live' && (
        <Button size="sm" variant="ghost" onClick={onClear} aria-label="Clear the run overlay">
          ✕
        </Button>
      )}
    </div>
  );
}
