import { useState, type FormEvent } from 'react';
import type { Problem } from '../../api/client';
import { ProblemError, fieldErrors, formAlert } from '../../api/problem';
import { useActions } from '../../api/useActions';
import { useQuery } from '../../api/useQuery';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { TextField } from '../../ui/fields';
import { formatDateTime } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import {
  deleteTargetEnvironmentVariable,
  listTargetEnvironment,
  setTargetEnvironmentVariable,
  type TargetEnvironmentVariable,
} from './deploymentsApi';

const FIELDS = ['name', 'value'] as const;
/** POSIX: letters, digits and underscores, not starting with a digit (the server says the same). */
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function missing(name: string, value: string): Problem | null {
  const errors = [
    ...(NAME.test(name) ? [] : [{ field: 'name', message: 'Use letters, digits and underscores, not starting with a digit.' }]),
    ...(value ? [] : [{ field: 'value', message: 'Enter the value.' }]),
  ];
  return errors.length > 0 ? { type: 'about:blank', title: 'Some fields need attention', status: 0, errors } : null;
}

/**
 * The local target's environment variables, for editors: the names (values never come back), a form
 * that adds or replaces one (the value in a password field) and a delete button each.
 */
export function TargetEnvironment({ projectId }: { projectId: string }) {
  const state = useQuery<TargetEnvironmentVariable[]>(`local-target-environment:${projectId}`, () => listTargetEnvironment(projectId));
  const save = useActions();
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [deleting, setDeleting] = useState<string | null>(null);
  const errors = fieldErrors(save.problem);
  const alert = formAlert(save.problem, FIELDS);
  const variables = state.data ?? [];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const chosen = name.trim();
    void save.run('save', async () => {
      const problem = missing(chosen, value);
      if (problem) throw new ProblemError(problem);
      const saved = await setTargetEnvironmentVariable(projectId, chosen, value);
      state.setData([...variables.filter((variable) => variable.name !== saved.name), saved].sort((a, b) => a.name.localeCompare(b.name)));
      setName('');
      setValue('');
    });
  }

  return (
    <div className="space-y-3">
      <h3 className="text-sm font-medium text-zinc-900 dark:text-zinc-100">Environment variables</h3>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        Given to the install and build commands only. Values are stored encrypted, masked in build logs and never shown again.
      </p>
      {state.loading && !state.data && <Loading what="the environment variables" />}
      {state.problem && <ProblemAlert problem={state.problem} onRetry={state.reload} />}
      {state.data && variables.length === 0 && <p className="text-sm text-zinc-500 dark:text-zinc-400">No variables set.</p>}
      {variables.length > 0 && (
        <ul aria-label="Environment variables" className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {variables.map((variable) => (
            <li key={variable.name} className="flex items-center justify-between gap-3 px-3 py-2">
              <span className="min-w-0">
                <code className="font-mono text-xs break-all text-zinc-900 dark:text-zinc-100">{variable.name}</code>
                <span className="ml-2 text-xs text-zinc-500 dark:text-zinc-400">set {formatDateTime(variable.updatedAt)}</span>
              </span>
              <Button size="sm" variant="ghost" aria-label={`Delete ${variable.name}`} onClick={() => setDeleting(variable.name)}>
                Delete
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} noValidate aria-label="Environment variable" className="flex flex-wrap items-start gap-3">
        {alert && <Alert>{alert}</Alert>}
        <TextField label="Name" placeholder="API_URL" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} containerClassName="min-w-40 flex-1" spellCheck={false} autoComplete="off" />
        <TextField label="Value" type="password" value={value} onChange={(e) => setValue(e.target.value)} error={errors.value} containerClassName="min-w-40 flex-1" autoComplete="new-password" />
        <Button type="submit" className="mt-6" busy={save.busy !== null}>
          {variables.some((variable) => variable.name === name.trim()) ? 'Replace variable' : 'Add variable'}
        </Button>
      </form>
      {deleting && (
        <ConfirmDialog
          title={`Delete ${deleting}?`}
          description="The next build runs without it."
          confirmLabel="Delete"
          onCancel={() => setDeleting(null)}
          onConfirm={async () => {
            await deleteTargetEnvironmentVariable(projectId, deleting);
            state.setData(variables.filter((variable) => variable.name !== deleting));
            setDeleting(null);
          }}
        />
      )}
    </div>
  );
}
