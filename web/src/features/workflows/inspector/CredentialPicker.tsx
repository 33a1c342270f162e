import { useId, useState } from 'react';
import type { Problem } from '../../../api/client';
import { asProblem, fieldErrors, unwrap } from '../../../api/problem';
import { useQuery } from '../../../api/useQuery';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { SelectField, TextField } from '../../../ui/fields';
import { api } from '../../auth/session';
import type { CredentialField, CredentialKind, CredentialView } from '../api';

type Slot = { name?: string; required?: boolean; kinds?: string[] };

/** The project's credentials and the credential kinds, read once per editor. */
export function useCredentials(projectId: string) {
  const credentials = useQuery<CredentialView[]>(`credentials:${projectId}`, async () =>
    unwrap(await api.GET('/api/projects/{projectId}/credentials', { params: { path: { projectId }, query: { size: 100 } } })).items ?? [],
  );
  const kinds = useQuery<CredentialKind[]>('credential-kinds', async () => unwrap(await api.GET('/api/credential-kinds')));
  return { credentials, kinds };
}

function NewCredentialDialog({ projectId, kinds, open, onClose, onCreated }: {
  projectId: string;
  kinds: CredentialKind[];
  open: boolean;
  onClose: () => void;
  onCreated: (credential: CredentialView) => void;
}) {
  const [kindId, setKindId] = useState(kinds[0]?.id ?? '');
  const [name, setName] = useState('');
  const [data, setData] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const kind = kinds.find((k) => k.id === kindId) ?? kinds[0];
  const errors = fieldErrors(problem);

  const valueOf = (field: CredentialField): string | number | undefined => {
    const text = data[field.name];
    if (text === undefined || text === '') return undefined;
    return field.type === 'integer' ? Number.parseInt(text, 10) : text;
  };

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!kind) return;
    setBusy(true);
    setProblem(null);
    try {
      const body = {
        kind: kind.id,
        name: name.trim(),
        data: Object.fromEntries(kind.fields.flatMap((f) => (valueOf(f) === undefined ? [] : [[f.name, valueOf(f)]]))),
      };
      const created = unwrap(await api.POST('/api/projects/{projectId}/credentials', { params: { path: { projectId } }, body }));
      onCreated(created);
    } catch (error) {
      setProblem(asProblem(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={open} title="New credential" description="Secrets are stored encrypted in the project's vault and never shown again." onClose={() => !busy && onClose()}>
      <form onSubmit={submit} className="space-y-3">
        {problem && !problem.errors?.length && <Alert>{problem.detail ?? problem.title}</Alert>}
        {kinds.length > 1 && (
          <SelectField label="Kind" value={kindId} onChange={(e) => setKindId(e.target.value)} options={kinds.map((k) => ({ value: k.id, label: k.label }))} />
        )}
        <TextField label="Credential name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} error={errors.name} data-autofocus />
        {kind?.fields.map((field) =>
          field.type === 'enum' ? (
            <SelectField
              key={field.name}
              label={field.label}
              value={data[field.name] ?? String(field.defaultValue ?? field.values?.[0] ?? '')}
              onChange={(e) => setData({ ...data, [field.name]: e.target.value })}
              options={(field.values ?? []).map((v) => ({ value: v, label: v }))}
              error={errors[`data.${field.name}`]}
            />
          ) : (
            <TextField
              key={field.name}
              label={field.label}
              type={field.secret ? 'password' : field.type === 'integer' ? 'number' : field.type === 'url' ? 'url' : field.type === 'email' ? 'email' : 'text'}
              autoComplete={field.secret ? 'new-password' : 'off'}
              required={field.required}
              value={data[field.name] ?? (field.defaultValue !== undefined && field.defaultValue !== null ? String(field.defaultValue) : '')}
              onChange={(e) => setData({ ...data, [field.name]: e.target.value })}
              error={errors[`data.${field.name}`]}
            />
          ),
        )}
        <div className="flex justify-end gap-2 pt-2">
          <Button variant="secondary" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" busy={busy} disabled={!name.trim() || !kind}>
            Create credential
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** One credential slot of a node: the project's credentials of the slot's kinds, or a new one. */
export function CredentialPicker({ projectId, slot, value, onChange, credentials, kinds, onCreated, disabled }: {
  projectId: string;
  slot: Slot;
  value: string | undefined;
  onChange: (credentialId: string | undefined) => void;
  credentials: readonly CredentialView[];
  kinds: readonly CredentialKind[];
  onCreated: () => void;
  disabled?: boolean;
}) {
  const id = useId();
  const [creating, setCreating] = useState(false);
  const allowed = slot.kinds ?? [];
  const matching = credentials.filter((c) => allowed.length === 0 || allowed.includes(c.kind));
  const creatable = kinds.filter((k) => allowed.length === 0 || allowed.includes(k.id));
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-zinc-700 dark:text-zinc-300">
        Credential: {slot.name}
        {slot.required && <span className="text-red-600"> *</span>}
      </label>
      <div className="flex gap-2">
        <select
          id={id}
          disabled={disabled}
          value={value ?? ''}
          onChange={(e) => onChange(e.target.value || undefined)}
          className="block h-8 w-full min-w-0 rounded-md border border-zinc-300 bg-white px-2 text-sm focus:outline-2 focus:outline-indigo-500 dark:border-zinc-700 dark:bg-zinc-900"
        >
          <option value="">{slot.required ? 'Choose a credential…' : 'None'}</option>
          {matching.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.kind})
            </option>
          ))}
          {value && !matching.some((c) => c.id === value) && <option value={value}>Unknown credential</option>}
        </select>
        <Button size="sm" variant="secondary" onClick={() => setCreating(true)} disabled={disabled || creatable.length === 0}>
          Create new
        </Button>
      </div>
      <p className="text-[11px] text-zinc-500">Kinds: {allowed.join(', ') || 'any'}</p>
      {creating && (
        <NewCredentialDialog
          projectId={projectId}
          kinds={creatable}
          open
          onClose={() => setCreating(false)}
          onCreated={(credential) => {
            setCreating(false);
            onCreated();
            onChange(credential.id);
          }}
        />
      )}
    </div>
  );
}
