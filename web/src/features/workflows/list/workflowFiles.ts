import { ProblemError, toProblem, unwrap } from '../../../api/problem';
import { api } from '../../auth/session';
import type { ExecutionSummary, WorkflowView } from '../api';
import { isJsonObject } from '../api';

export type FileFormat = 'json' | 'yaml';

/** The workflow file (GET …/export) as text: what a person downloads and what duplicate re-imports. */
export async function exportWorkflow(workflowId: string, format: FileFormat = 'json'): Promise<string> {
  const result = await api.GET('/api/workflows/{workflowId}/export', {
    params: { path: { workflowId }, query: { format } },
    parseAs: 'text',
  });
  if (!result.response.ok) throw new ProblemError(toProblem(undefined, result.response));
  return result.data ?? '';
}

/** Creates a workflow from file text; YAML is recognised by the file name. */
export async function importWorkflow(projectId: string, text: string, format: FileFormat): Promise<WorkflowView> {
  const contentType = format === 'yaml' ? 'application/yaml' : 'application/json';
  return unwrap(
    await api.POST('/api/projects/{projectId}/workflows/import', {
      params: { path: { projectId }, header: { 'Content-Type': contentType } },
      body: text,
      bodySerializer: (body: string) => body,
      headers: { 'Content-Type': contentType },
    }),
  );
}

export const formatOf = (fileName: string): FileFormat => (/\.ya?ml$/i.test(fileName) ? 'yaml' : 'json');

/** Duplicate = export, rename, import: the copy gets its own id, versions and history. */
export async function duplicateWorkflow(projectId: string, workflowId: string, name: string): Promise<WorkflowView> {
  const file: unknown = JSON.parse(await exportWorkflow(workflowId, 'json'));
  const renamed = isJsonObject(file) ? { ...file, name: `${name} (copy)` } : file;
  return importWorkflow(projectId, JSON.stringify(renamed), 'json');
}

export const fileNameFor = (name: string, format: FileFormat) =>
  `${name.replace(/[^A-Za-z0-9._-]+/g, '-')}.nex7.${format}`;

/** The newest execution of a workflow, or null when it never ran. */
export async function lastRun(workflowId: string): Promise<ExecutionSummary | null> {
  const page = unwrap(await api.GET('/api/executions', { params: { query: { workflowId, size: 1, sort: 'createdAt,desc' } } }));
  return page.items?.[0] ?? null;
}
