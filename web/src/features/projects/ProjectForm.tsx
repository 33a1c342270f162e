import { useState, type FormEvent, type ReactNode } from 'react';
import type { CreateProjectRequest, Problem, ProjectStatus, ProjectType, ProjectView, UpdateProjectRequest } from '../../api/client';
import { asProblem, fieldErrors, formAlert } from '../../api/problem';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { STATUS_OPTIONS, TYPE_OPTIONS } from './meta';

export interface ProjectFormValues {
  name: string;
  description: string;
  type: ProjectType;
  status: ProjectStatus;
  repositoryUrl: string;
  deploymentUrl: string;
}

const FIELDS = ['name', 'description', 'type', 'status', 'repositoryUrl', 'deploymentUrl'] as const;

export const EMPTY_PROJECT: ProjectFormValues = {
  name: '',
  description: '',
  type: 'web',
  status: 'draft',
  repositoryUrl: '',
  deploymentUrl: '',
};

export function valuesOf(project: ProjectView): ProjectFormValues {
  return {
    name: project.name,
    description: project.description ?? '',
    type: project.type,
    status: project.status,
    repositoryUrl: project.repositoryUrl ?? '',
    deploymentUrl: project.deploymentUrl ?? '',
  };
}

/** Body for POST /api/projects: trimmed, with empty optional fields left out. */
export function toCreateRequest(values: ProjectFormValues): CreateProjectRequest {
  const request: CreateProjectRequest = { name: values.name.trim(), type: values.type, status: values.status };
  const description = values.description.trim();
  const repositoryUrl = values.repositoryUrl.trim();
  const deploymentUrl = values.deploymentUrl.trim();
  if (description) request.description = description;
  if (repositoryUrl) request.repositoryUrl = repositoryUrl;
  if (deploymentUrl) request.deploymentUrl = deploymentUrl;
  return request;
}

/** Body for PATCH /api/projects/{id}: only the fields that changed. */
export function toUpdateRequest(initial: ProjectFormValues, values: ProjectFormValues): UpdateProjectRequest {
  const request: UpdateProjectRequest = {};
  for (const field of FIELDS) {
    const before = initial[field].trim();
    const after = values[field].trim();
    if (before === after) continue;
    if (field === 'type') request.type = values.type;
    else if (field === 'status') request.status = values.status;
    else request[field] = after;
  }
  return request;
}

interface ProjectFormProps {
  initial: ProjectFormValues;
  submitLabel: 'Create project' | 'Save changes';
  readOnly?: boolean;
  onSubmit: (values: ProjectFormValues) => Promise<void>;
  secondary?: ReactNode;
}

export function ProjectForm({ initial, submitLabel, readOnly = false, onSubmit, secondary }: ProjectFormProps) {
  const [values, setValues] = useState<ProjectFormValues>(initial);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);
  const alert = formAlert(problem, FIELDS);
  const set = <K extends keyof ProjectFormValues>(key: K, value: ProjectFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!values.name.trim()) {
      setProblem({ type: 'about:blank', title: 'Invalid project', status: 400, errors: [{ field: 'name', message: 'Give the project a name.' }] });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await onSubmit(values);
    } catch (error) {
      setProblem(asProblem(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="space-y-4">
      {alert && <Alert>{alert}</Alert>}
      <fieldset disabled={readOnly} className="space-y-4">
        <TextField label="Name" name="name" required maxLength={100} value={values.name} onChange={(e) => set('name', e.target.value)} error={errors.name} data-autofocus />
        <TextAreaField label="Description" name="description" maxLength={2000} rows={3} value={values.description} onChange={(e) => set('description', e.target.value)} error={errors.description} />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField label="Type" name="type" options={TYPE_OPTIONS} value={values.type} onChange={(e) => set('type', TYPE_OPTIONS.find((o) => o.value === e.target.value)?.value ?? 'web')} error={errors.type} />
          <SelectField label="Status" name="status" options={STATUS_OPTIONS} value={values.status} onChange={(e) => set('status', STATUS_OPTIONS.find((o) => o.value === e.target.value)?.value ?? 'draft')} error={errors.status} />
        </div>
        <TextField label="Repository URL" name="repositoryUrl" type="url" inputMode="url" placeholder="https://github.com/acme/app" value={values.repositoryUrl} onChange={(e) => set('repositoryUrl', e.target.value)} error={errors.repositoryUrl} />
        <TextField label="Deployment URL" name="deploymentUrl" type="url" inputMode="url" placeholder="https://app.example.com" value={values.deploymentUrl} onChange={(e) => set('deploymentUrl', e.target.value)} error={errors.deploymentUrl} />
      </fieldset>
      {!readOnly && (
        <div className="flex items-center justify-end gap-2 pt-2">
          {secondary}
          <Button type="submit" busy={busy}>
            {submitLabel}
          </Button>
        </div>
      )}
    </form>
  );
}
