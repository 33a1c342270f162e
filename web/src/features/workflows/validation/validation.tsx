import { useEffect } from 'react';
import type { ApiClient } from '../../../api/client';
import { unwrap } from '../../../api/problem';
import { cx } from '../../../ui/cx';
import type { ValidationProblem } from '../api';
import { useEditorState, type EditorStore } from '../editorStore';
import type { NodeRecord, WorkflowDoc } from '../model/workflowDoc';
import { docToDefinition } from '../model/workflowDoc';

export const isError = (problem: ValidationProblem): boolean => problem.error ?? problem.severity !== 'warning';

/** Asks the server to validate the doc's definition; the problems go to the editor store. */
export async function validateNow(api: ApiClient, workflowId: string, model: WorkflowDoc, store: EditorStore): Promise<readonly ValidationProblem[]> {
  store.update({ validating: true });
  try {
    const view = unwrap(
      await api.POST('/api/workflows/{workflowId}/validate', { params: { path: { workflowId } }, body: docToDefinition(model.doc) }),
    );
    const problems = view.problems ?? [];
    store.update({ problems, validating: false });
    return problems;
  } catch {
    store.update({ validating: false });
    return store.get().problems;
  }
}

/** Validates once on open and again each time edits settle for `delayMs`. */
export function useValidation(api: ApiClient, workflowId: string, model: WorkflowDoc, store: EditorStore, delayMs = 800): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const schedule = () => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => void validateNow(api, workflowId, model, store), delayMs);
    };
    void validateNow(api, workflowId, model, store);
    model.doc.on('update', schedule);
    return () => {
      if (timer !== null) clearTimeout(timer);
      model.doc.off('update', schedule);
    };
  }, [api, workflowId, model, store, delayMs]);
}

/** Every problem of the draft; choosing one selects its node on the canvas. */
export function ProblemsPanel({ nodes, onSelect }: { nodes: ReadonlyMap<string, NodeRecord>; onSelect: (nodeId: string) => void }) {
  const problems = useEditorState((s) => s.problems);
  const validating = useEditorState((s) => s.validating);
  const errors = problems.filter(isError).length;
  return (
    <section aria-label="Problems" className="flex h-full min-h-0 flex-col">
      <h2 className="flex items-center gap-2 border-b border-zinc-200 px-3 py-1.5 text-xs font-semibold dark:border-zinc-800">
        Problems
        <span className={cx('rounded-full px-1.5 text-[10px]', errors > 0 ? 'bg-red-600 text-white' : 'bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300')}>
          {problems.length}
        </span>
        {validating && <span className="font-normal text-zinc-500">checking…</span>}
      </h2>
      {problems.length === 0 ? (
        <p className="px-3 py-2 text-xs text-zinc-500">No problems: the draft is valid.</p>
      ) : (
        <ul className="min-h-0 flex-1 overflow-y-auto">
          {problems.map((problem, i) => {
            const node = problem.nodeId ? nodes.get(problem.nodeId) : undefined;
            return (
              <li key={`${problem.pointer}-${i}`}>
                <button
                  type="button"
                  disabled={!node}
                  onClick={() => problem.nodeId && onSelect(problem.nodeId)}
                  className="flex w-full items-start gap-2 px-3 py-1 text-left text-xs hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 disabled:cursor-default dark:hover:bg-zinc-800"
                >
                  <span aria-hidden="true" className={isError(problem) ? 'text-red-600' : 'text-amber-600'}>
                    {isError(problem) ? '●' : '▲'}
                  </span>
                  <span className="sr-only">{isError(problem) ? 'Error' : 'Warning'}:</span>
                  {node && <span className="font-medium">{node.name || node.id}:</span>}
                  <span>{problem.message}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
