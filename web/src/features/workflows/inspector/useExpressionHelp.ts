import { useEffect, useMemo, useState } from 'react';
import { api } from '../../auth/session';
import { isJsonObject, type ExecutionDetail, type Json } from '../api';
import { useStoreState, type EditorStore } from '../editorStore';
import type { WorkflowSnapshot } from '../model/useWorkflowSnapshot';
import type { ExpressionHelp, PreviewResult } from './ExpressionField';
import { suggestionsOf, type RunData } from './expressions';

const mainOf = (output: unknown): Json | undefined => {
  if (!isJsonObject(output)) return undefined;
  if ('main' in output) return output.main;
  return Object.values(output)[0];
};

/** What `nodeId` had in `detail`: its main input (recorded, or from the nodes connected to it) and every other node's output by name. */
export function runDataOf(detail: ExecutionDetail | null, nodeId: string, snapshot: Pick<WorkflowSnapshot, 'edges' | 'byId'>): RunData {
  const runs = detail?.nodes ?? [];
  const own = runs.find((run) => run.nodeId === nodeId);
  let input: Json | undefined = isJsonObject(own?.input) ? own.input.main : undefined;
  for (const edge of snapshot.edges) {
    if (input !== undefined) break;
    if (edge.target !== nodeId) continue;
    const source = runs.find((run) => run.nodeId === edge.source);
    if (isJsonObject(source?.output) && edge.sourcePort in source.output) input = source.output[edge.sourcePort];
  }
  const nodes: Record<string, Json> = {};
  for (const run of runs) {
    if (!run.nodeId || run.nodeId === nodeId) continue;
    const value = mainOf(run.output);
    if (value === undefined) continue;
    const record = snapshot.byId.get(run.nodeId);
    nodes[record?.name?.trim() ? record.name : run.nodeId] = value;
  }
  return { input, nodes };
}

/** The run the completions come from: the one in view in the editor, else the workflow's latest execution. */
function useLastRun(store: EditorStore, workflowId: string, wanted: boolean): ExecutionDetail | null {
  const inView = useStoreState(store, (s) => (s.run.phase === 'finished' ? s.run.detail : null));
  const [latest, setLatest] = useState<ExecutionDetail | null>(null);
  useEffect(() => {
    if (inView || !wanted || latest) return;
    let current = true;
    void (async () => {
      const list = await api.GET('/api/executions', { params: { query: { workflowId, size: 1 } } });
      const id = list.data?.items[0]?.id;
      if (!id) return;
      const detail = await api.GET('/api/executions/{executionId}', { params: { path: { executionId: id } } });
      if (current && detail.data) setLatest(detail.data);
    })().catch(() => undefined);
    return () => {
      current = false;
    };
  }, [workflowId, inView, wanted, latest]);
  return inView ?? latest;
}

/** Completions and live preview for the expression fields of `nodeId`, or undefined when there is no node. */
export function useExpressionHelp(store: EditorStore, workflowId: string, nodeId: string | undefined, snapshot: WorkflowSnapshot): ExpressionHelp | undefined {
  const detail = useLastRun(store, workflowId, nodeId !== undefined);
  const suggestionsKey = nodeId ? JSON.stringify(suggestionsOf(runDataOf(detail, nodeId, snapshot))) : '';
  const preview = useMemo(
    () =>
      async (expression: string): Promise<PreviewResult> => {
        if (!nodeId) return { ok: false, message: 'No node.' };
        const result = await api.POST('/api/workflows/{workflowId}/expressions/preview', { params: { path: { workflowId } }, body: { expression, nodeId } });
        if (result.data) return { ok: true, value: (result.data.value ?? null) as Json, fromRun: Boolean(result.data.executionId) };
        const problem = result.error as { detail?: string; title?: string } | undefined;
        return { ok: false, message: problem?.detail ?? problem?.title ?? 'The expression cannot be evaluated.' };
      },
    [workflowId, nodeId],
  );
  return useMemo(
    () => (nodeId ? { suggestions: JSON.parse(suggestionsKey || '[]') as string[], preview } : undefined),
    [nodeId, suggestionsKey, preview],
  );
}
