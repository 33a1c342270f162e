import { useId, useMemo, type ReactNode } from 'react';
import { Button } from '../../../ui/Button';
import type { CredentialKind, CredentialView, Json, NodeDescriptor, NodeRunView, OnError } from '../api';
import { formatDuration } from '../../../ui/format';
import { useEditorState } from '../editorStore';
import type { NodeRecord, WorkflowDoc } from '../model/workflowDoc';
import { DataView } from '../run/DataView';
import type { ExpressionHelp } from './ExpressionField';
import { CredentialPicker } from './CredentialPicker';
import { SchemaForm } from './SchemaForm';

const input = 'block h-8 w-full rounded-md border border-zinc-300 bg-white px-2.5 text-sm focus:outline-2 focus:outline-indigo-500 dark:border-zinc-700 dark:bg-zinc-900';

function Group({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="space-y-3 border-b border-zinc-200 px-4 py-4 dark:border-zinc-800">
      <h3 id={id} className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">
        {title}
      </h3>
      {children}
    </section>
  );
}

function LabeledInput({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-zinc-700 dark:text-zinc-300">
        {label}
      </label>
      {children(id)}
    </div>
  );
}

const numberOrUndefined = (text: string): number | undefined => (text === '' || Number.isNaN(Number(text)) ? undefined : Number(text));

/** Retry, timeout and on-error: how the engine treats this node's failures. */
function Settings({ model, node, disabled }: { model: WorkflowDoc; node: NodeRecord; disabled: boolean }) {
  const retry = node.retry;
  return (
    <Group title="Settings">
      <LabeledInput label="On error">
        {(id) => (
          <select
            id={id}
            className={input}
            disabled={disabled}
            value={node.onError ?? 'stop'}
            onChange={(e) => model.setSetting(node.id, { key: 'onError', value: e.target.value === 'stop' ? undefined : (e.target.value as OnError) })}
          >
            <option value="stop">Stop the workflow</option>
            <option value="continue">Continue (skip this node’s output)</option>
            <option value="route">Route to the error output</option>
          </select>
        )}
      </LabeledInput>
      <LabeledInput label="Timeout (ms)">
        {(id) => (
          <input id={id} type="number" min={1} max={86_400_000} placeholder="Engine default" className={input} disabled={disabled} value={node.timeout ?? ''}
            onChange={(e) => model.setSetting(node.id, { key: 'timeout', value: numberOrUndefined(e.target.value) })} />
        )}
      </LabeledInput>
      <div className="flex items-center gap-2">
        <input
          id={`${node.id}-retry`}
          type="checkbox"
          className="size-4 accent-indigo-600"
          disabled={disabled}
          checked={retry !== undefined}
          onChange={(e) => model.setSetting(node.id, { key: 'retry', value: e.target.checked ? { maxAttempts: 3, initialDelay: 1000, retryOn: 'retryable' } : undefined })}
        />
        <label htmlFor={`${node.id}-retry`} className="text-xs font-medium text-zinc-700 dark:text-zinc-300">
          Retry on failure
        </label>
      </div>
      {retry && (
        <div className="grid grid-cols-2 gap-2">
          <LabeledInput label="Max attempts">
            {(id) => (
              <input id={id} type="number" min={1} max={10} className={input} disabled={disabled} value={retry.maxAttempts ?? 3}
                onChange={(e) => model.setSetting(node.id, { key: 'retry', value: { ...retry, maxAttempts: numberOrUndefined(e.target.value) } })} />
            )}
          </LabeledInput>
          <LabeledInput label="First delay (ms)">
            {(id) => (
              <input id={id} type="number" min={0} className={input} disabled={disabled} value={retry.initialDelay ?? 1000}
                onChange={(e) => model.setSetting(node.id, { key: 'retry', value: { ...retry, initialDelay: numberOrUndefined(e.target.value) } })} />
            )}
          </LabeledInput>
          <LabeledInput label="Retry on">
            {(id) => (
              <select id={id} className={input} disabled={disabled} value={retry.retryOn ?? 'retryable'}
                onChange={(e) => model.setSetting(node.id, { key: 'retry', value: { ...retry, retryOn: e.target.value === 'any' ? 'any' : 'retryable' } })}>
                <option value="retryable">Retryable failures</option>
                <option value="any">Any failure</option>
              </select>
            )}
          </LabeledInput>
        </div>
      )}
    </Group>
  );
}

/**
 * What the node did in the run in view: input, output, error and the failed attempts before it.
 * Without onPin and onRerun (a past execution, read-only) it only shows.
 */
export function RunData({ run, pinned, onPin, onRerun, canRerun }: { run: NodeRunView; pinned: boolean; onPin?: () => void; onRerun?: () => void; canRerun: boolean }) {
  const output = run.output as Json | undefined;
  return (
    <Group title="Last run">
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        <span className="font-semibold">{run.status}</span>
        {run.durationMillis !== undefined && ` · ${formatDuration(run.durationMillis)}`}
        {run.attempts !== undefined && run.attempts > 1 && ` · ${run.attempts} attempts`}
        {run.pinned && ' · pinned data'}
      </p>
      {run.error && (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-2 text-xs text-red-800 dark:border-red-900 dark:bg-red-950/50 dark:text-red-200">
          <DataView label="Error" value={run.error as Json} />
        </div>
      )}
      {(run.failedAttempts?.length ?? 0) > 0 && <DataView label={`Retry history (${run.failedAttempts?.length} failed attempts)`} value={run.failedAttempts as Json} />}
      <DataView label="Input" value={run.input as Json | undefined} />
      <DataView label="Output" value={output} />
      {(run.logs?.length ?? 0) > 0 && <DataView label="Logs" value={run.logs as Json} />}
      {onPin && onRerun && <div className="flex flex-wrap gap-2">
        <Button size="sm" variant="secondary" onClick={onPin} disabled={!pinned && (output === undefined || output === null)}>
          {pinned ? 'Unpin output' : 'Pin output'}
        </Button>
        <Button size="sm" variant="secondary" onClick={onRerun} disabled={!canRerun}>
          Re-run from here
        </Button>
      </div>}
    </Group>
  );
}

export interface InspectorProps {
  model: WorkflowDoc;
  node: NodeRecord;
  descriptor: NodeDescriptor | undefined;
  projectId: string;
  credentials: readonly CredentialView[];
  kinds: readonly CredentialKind[];
  onCredentialCreated: () => void;
  onPin: (nodeId: string, output: Json | undefined) => void;
  onRerun: (nodeId: string) => void;
  readOnly: boolean;
  /** Completions and preview for expression fields (editors only). */
  help?: ExpressionHelp;
}

/** The selected node: name, parameters (from the type's schema), credentials, settings and run data. */
export function Inspector({ model, node, descriptor, projectId, credentials, kinds, onCredentialCreated, onPin, onRerun, readOnly, help }: InspectorProps) {
  const run = useEditorState((s) => (s.run.phase === 'finished' ? s.run.detail?.nodes?.find((n) => n.nodeId === node.id) : undefined));
  const finished = useEditorState((s) => s.run.phase === 'finished');
  const pinned = useEditorState((s) => node.id in s.pinned);
  const allProblems = useEditorState((s) => s.problems);
  const problems = useMemo(() => allProblems.filter((p) => p.nodeId === node.id), [allProblems, node.id]);
  const slots = descriptor?.credentials ?? [];
  return (
    <aside aria-label="Inspector" className="flex h-full min-h-0 flex-col">
      <div className="border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
        <p className="text-xs text-zinc-500">{descriptor?.displayName ?? node.type} · {node.id}</p>
        {descriptor?.description && <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">{descriptor.description}</p>}
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto">
        {problems.length > 0 && (
          <ul className="space-y-1 border-b border-zinc-200 bg-red-50 px-4 py-2 text-xs text-red-800 dark:border-zinc-800 dark:bg-red-950/40 dark:text-red-200">
            {problems.map((p, i) => (
              <li key={i}>⚠ {p.message}</li>
            ))}
          </ul>
        )}
        {run && <RunData run={run} pinned={pinned} canRerun={finished && !readOnly} onPin={() => onPin(node.id, pinned ? undefined : ((run.output?.main ?? null) as Json))} onRerun={() => onRerun(node.id)} />}
        <Group title="Node">
          <LabeledInput label="Name">
            {(id) => (
              <input id={id} className={input} disabled={readOnly} value={node.name ?? ''} maxLength={200}
                onChange={(e) => model.setSetting(node.id, { key: 'name', value: e.target.value || undefined })} />
            )}
          </LabeledInput>
        </Group>
        <Group title="Parameters">
          <SchemaForm
            key={node.id}
            schema={descriptor?.parameterSchema}
            values={node.parameters}
            disabled={readOnly}
            help={readOnly ? undefined : help}
            onChange={(key, value) => model.setParameter(node.id, key, value)}
          />
        </Group>
        {slots.length > 0 && (
          <Group title="Credentials">
            {slots.map((slot) => (
              <CredentialPicker
                key={slot.name}
                projectId={projectId}
                slot={slot}
                value={node.credentials?.[slot.name ?? '']}
                credentials={credentials}
                kinds={kinds}
                disabled={readOnly}
                onCreated={onCredentialCreated}
                onChange={(credentialId) => {
                  const next = { ...(node.credentials ?? {}) };
                  if (credentialId) next[slot.name ?? ''] = credentialId;
                  else delete next[slot.name ?? ''];
                  model.setSetting(node.id, { key: 'credentials', value: Object.keys(next).length > 0 ? next : undefined });
                }}
              />
            ))}
          </Group>
        )}
        <Settings model={model} node={node} disabled={readOnly} />
      </div>
    </aside>
  );
}
