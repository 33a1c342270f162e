import { useId, useState, type FormEvent } from 'react';
import type { ProjectView } from '../../api/client';
import { ProblemError, fieldErrors, formAlert } from '../../api/problem';
import { useActions } from '../../api/useActions';
import { useQuery } from '../../api/useQuery';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/fields';
import { Loading } from '../../ui/Loading';
import { Section } from '../../ui/Section';
import { isOwner } from '../projects/meta';
import { CheckField } from './CheckField';
import { percent } from './deploymentMeta';
import { getRecoveryCalibration, getRecoveryPolicy, saveRecoveryPolicy, type RecoveryCalibration, type RecoveryPolicy } from './deploymentsApi';

const FIELDS = ['enabled', 'threshold', 'modelFixes', 'autoRollback', 'maxAttempts'] as const;

/** The policy's on/off choices, in the order the form shows them. */
const SWITCHES: ReadonlyArray<{ key: 'enabled' | 'modelFixes' | 'autoRollback'; label: string; hint: string }> = [
  { key: 'enabled', label: 'Recover failed deployments', hint: 'NEX7 proposes fixes for failed builds and proves each with a real build.' },
  { key: 'modelFixes', label: 'Model-made fixes', hint: 'When no rule fits, the Dev and Debugger agents may write a patch, limited to the files the findings name.' },
  { key: 'autoRollback', label: 'Roll back automatically', hint: 'When no fix is proven, redeploy the last good deployment without asking.' },
];

/** The confidence a fix needs before it is tried: a slider from 0 to 1, its value in words beside it. */
function ThresholdField({ value, onChange, disabled, error }: { value: number; onChange: (value: number) => void; disabled: boolean; error?: string }) {
  const id = useId();
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-zinc-700 dark:text-zinc-300">
        Confidence threshold
      </label>
      <div className="flex items-center gap-3">
        <input
          id={id}
          type="range"
          min={0}
          max={1}
          step={0.05}
          value={value}
          disabled={disabled}
          aria-valuetext={`${value.toFixed(2)}, ${percent(value)}`}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-note`}
          onChange={(e) => onChange(Number(e.target.value))}
          className="w-full max-w-xs accent-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
        />
        <output htmlFor={id} className="w-20 text-sm text-zinc-900 tabular-nums dark:text-zinc-100">
          {value.toFixed(2)} ({percent(value)})
        </output>
      </div>
      <p id={`${id}-note`} className={error ? 'text-xs font-medium text-red-600 dark:text-red-400' : 'text-xs text-zinc-500 dark:text-zinc-400'}>
        {error ?? 'Only fixes at least this confident are tried. The table below shows how confident each kind of fix deserves to be.'}
      </p>
    </div>
  );
}

function PolicyForm({ projectId, initial, readOnly, onSaved }: { projectId: string; initial: RecoveryPolicy; readOnly: boolean; onSaved: (policy: RecoveryPolicy) => void }) {
  const [policy, setPolicy] = useState(initial);
  const [attempts, setAttempts] = useState(String(initial.maxAttempts));
  const save = useActions();
  const [saved, setSaved] = useState(false);
  const errors = fieldErrors(save.problem);
  const alert = formAlert(save.problem, FIELDS);
  const change = (changes: Partial<RecoveryPolicy>) => {
    setSaved(false);
    setPolicy((p) => ({ ...p, ...changes }));
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const maxAttempts = Number(attempts);
    void save.run('save', async () => {
      if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 10) {
        throw new ProblemError({ type: 'about:blank', title: 'Some fields need attention', status: 0, errors: [{ field: 'maxAttempts', message: 'Enter a whole number from 1 to 10.' }] });
      }
      const stored = await saveRecoveryPolicy(projectId, { ...policy, maxAttempts });
      setPolicy(stored);
      setAttempts(String(stored.maxAttempts));
      onSaved(stored);
      setSaved(true);
    });
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Recovery policy" className="space-y-4">
      {alert && <Alert>{alert}</Alert>}
      {SWITCHES.map(({ key, label, hint }) => (
        <CheckField key={key} label={label} hint={hint} checked={policy[key]} disabled={readOnly} error={errors[key]} onChange={(on) => change({ [key]: on })} />
      ))}
      <ThresholdField value={policy.threshold} disabled={readOnly} error={errors.threshold} onChange={(threshold) => change({ threshold })} />
      <TextField
        label="Fixes tried per deployment"
        type="number"
        inputMode="numeric"
        min={1}
        max={10}
        step={1}
        value={attempts}
        disabled={readOnly}
        error={errors.maxAttempts}
        hint="From 1 to 10."
        containerClassName="w-48"
        onChange={(e) => {
          setSaved(false);
          setAttempts(e.target.value);
        }}
      />
      {!readOnly && (
        <div className="flex items-center gap-3">
          <Button type="submit" busy={save.busy !== null}>
            Save policy
          </Button>
          <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
            {saved ? 'Recovery policy saved.' : ''}
          </p>
        </div>
      )}
    </form>
  );
}

function rate(value: number | undefined): string {
  return value === undefined ? '—' : percent(value);
}

function CalibrationTable({ rows }: { rows: readonly RecoveryCalibration[] }) {
  if (rows.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">No fixes tried yet: the table fills as recovery runs.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">How each kind of fix fared in this project</caption>
        <thead className="border-b border-zinc-200 text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">Strategy</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Tried</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Proven</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Merged</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Skipped</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Mean confidence</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Proven rate</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Merged rate</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 tabular-nums dark:divide-zinc-800">
          {rows.map((row) => (
            <tr key={row.strategy}>
              <th scope="row" className="px-3 py-2 font-normal">
                <code className="text-zinc-900 dark:text-zinc-100">{row.strategy}</code>
              </th>
              <td className="px-3 py-2 text-right">{row.tried}</td>
              <td className="px-3 py-2 text-right">{row.proven}</td>
              <td className="px-3 py-2 text-right">{row.merged}</td>
              <td className="px-3 py-2 text-right">{row.skipped}</td>
              <td className="px-3 py-2 text-right">{percent(row.meanConfidence)}</td>
              <td className="px-3 py-2 text-right">{rate(row.provenRate)}</td>
              <td className="px-3 py-2 text-right">{rate(row.mergedRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** How the project recovers from failed deployments (owners change it), and how each kind of fix has fared. */
export function RecoveryPolicySection({ project }: { project: ProjectView }) {
  const owner = isOwner(project.myRole);
  const policy = useQuery<RecoveryPolicy>(`recovery-policy:${project.id}`, () => getRecoveryPolicy(project.id));
  const calibration = useQuery<RecoveryCalibration[]>(`recovery-calibration:${project.id}`, () => getRecoveryCalibration(project.id));
  return (
    <Section title="Recovery policy" description={owner ? 'When and how NEX7 fixes failed deployments.' : 'When and how NEX7 fixes failed deployments. Owners can change it.'}>
      <div className="space-y-6">
        {policy.problem && <ProblemAlert problem={policy.problem} onRetry={policy.reload} />}
        {policy.loading && !policy.data && <Loading what="the recovery policy" />}
        {policy.data && <PolicyForm projectId={project.id} initial={policy.data} readOnly={!owner} onSaved={policy.setData} />}
        <div>
          <h3 className="mb-2 text-sm font-semibold text-zinc-900 dark:text-zinc-50">Calibration</h3>
          {calibration.problem && <ProblemAlert problem={calibration.problem} onRetry={calibration.reload} />}
          {calibration.loading && !calibration.data && <Loading what="the calibration" />}
          {calibration.data && <CalibrationTable rows={calibration.data} />}
        </div>
      </div>
    </Section>
  );
}
