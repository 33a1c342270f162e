import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import type { Problem, Schemas } from '../../../api/client';
import { asProblem, unwrap } from '../../../api/problem';
import { useQuery } from '../../../api/useQuery';
import { api } from '../../auth/session';
import { Alert } from '../../../ui/Alert';
import { Badge } from '../../../ui/Badge';
import { Button, Spinner, focusRing } from '../../../ui/Button';
import { cx } from '../../../ui/cx';
import { Dialog } from '../../../ui/Dialog';
import { TextField } from '../../../ui/fields';

export type WorkflowTemplate = Schemas['WorkflowTemplate'];

/** Templates whose name, description or category contain every word of `query`, in `category` when one is chosen. */
export function filterTemplates(templates: readonly WorkflowTemplate[], query: string, category: string | null): WorkflowTemplate[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return templates.filter((template) => {
    if (category && template.category !== category) return false;
    const text = `${template.name} ${template.description} ${template.category}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

/** The categories in the order their first template comes. */
export const categoriesOf = (templates: readonly WorkflowTemplate[]): string[] => [...new Set(templates.map((t) => t.category ?? 'other'))];

/** "New from template": a searchable gallery; choosing one creates the workflow and opens the editor. */
export function TemplateGallery({ projectId, open, onClose }: { projectId: string; open: boolean; onClose: () => void }) {
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState<string | null>(null);
  const [creating, setCreating] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const templates = useQuery(open ? 'templates' : 'closed', async () => (open ? unwrap(await api.GET('/api/workflow-templates')) : []));
  const all = templates.data ?? [];
  const shown = useMemo(() => filterTemplates(all, query, category), [all, query, category]);

  async function use(template: WorkflowTemplate) {
    if (!template.id) return;
    setCreating(template.id);
    setProblem(null);
    try {
      const created = unwrap(
        await api.POST('/api/projects/{projectId}/workflows', { params: { path: { projectId } }, body: { templateId: template.id } }),
      );
      navigate(`/workflows/${created.id}`);
    } catch (error) {
      setProblem(asProblem(error));
      setCreating(null);
    }
  }

  return (
    <Dialog open={open} size="lg" title="New from template" description="Start from a ready-made workflow; you can change everything afterwards." onClose={() => !creating && onClose()}>
      <div className="space-y-4">
        {problem && <Alert>{problem.status === 403 ? 'Viewers cannot create workflows.' : (problem.detail ?? problem.title)}</Alert>}
        {templates.problem && <Alert>{templates.problem.detail ?? templates.problem.title}</Alert>}
        <TextField label="Search templates" type="search" value={query} onChange={(e) => setQuery(e.target.value)} data-autofocus />
        <div role="group" aria-label="Category" className="flex flex-wrap gap-1.5">
          {[null, ...categoriesOf(all)].map((c) => (
            <button
              key={c ?? 'all'}
              type="button"
              aria-pressed={category === c}
              onClick={() => setCategory(c)}
              className={cx(
                'rounded-full border px-2.5 py-0.5 text-xs',
                focusRing,
                category === c ? 'border-indigo-600 bg-indigo-50 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200' : 'border-zinc-300 text-zinc-600 dark:border-zinc-700 dark:text-zinc-300',
              )}
            >
              {c ?? 'All'}
            </button>
          ))}
        </div>
        {templates.loading && !templates.data && (
          <p role="status" className="flex items-center gap-2 text-sm text-zinc-500">
            <Spinner /> Loading templates…
          </p>
        )}
        {templates.data && shown.length === 0 && <p className="text-sm text-zinc-500">No template matches.</p>}
        <ul aria-label="Templates" className="grid max-h-[55vh] gap-3 overflow-y-auto sm:grid-cols-2">
          {shown.map((template) => (
            <li key={template.id} className="flex flex-col gap-2 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
              <div className="flex items-start justify-between gap-2">
                <h3 className="text-sm font-medium text-zinc-900 dark:text-zinc-50">{template.name}</h3>
                <Badge>{template.category}</Badge>
              </div>
              <p className="flex-1 text-xs text-zinc-600 dark:text-zinc-400">{template.description}</p>
              {(template.setup?.length ?? 0) > 0 && (
                <details className="text-xs text-zinc-500">
                  <summary className="cursor-pointer">After creating</summary>
                  <ul className="mt-1 list-disc space-y-0.5 pl-4">
                    {template.setup?.map((step) => <li key={step}>{step}</li>)}
                  </ul>
                </details>
              )}
              <Button size="sm" onClick={() => void use(template)} busy={creating === template.id} disabled={creating !== null} aria-label={`Use template ${template.name}`}>
                Use template
              </Button>
            </li>
          ))}
        </ul>
      </div>
    </Dialog>
  );
}
