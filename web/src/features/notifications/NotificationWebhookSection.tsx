import { useState, type FormEvent } from 'react';
import type { ProjectView } from '../../api/client';
import { fieldErrors, formAlert, listFieldError } from '../../api/problem';
import { useActions } from '../../api/useActions';
import { useQuery } from '../../api/useQuery';
import { Alert } from '../../ui/Alert';
import { Badge, type BadgeTone } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { CheckboxGroup, TextField } from '../../ui/fields';
import { formatDateTime, timeAgo } from '../../ui/format';
import { Section } from '../../ui/Section';
import { isOwner } from '../projects/meta';
import {
  KINDS,
  deleteWebhook,
  loadWebhook,
  saveWebhook,
  testWebhook,
  type DeliveryView,
  type WebhookTestView,
  type WebhookView,
} from './notificationsApi';

const STATUS_TONE: Record<DeliveryView['status'], BadgeTone> = { pending: 'amber', delivered: 'green', failed: 'red' };
const kindLabel = (kind: string) => KINDS.find((k) => k.value === kind)?.label ?? (kind === 'test' ? 'Test' : kind);

function WebhookForm({ projectId, current, onSaved }: { projectId: string; current: WebhookView | null; onSaved: (saved: WebhookView) => void }) {
  const [url, setUrl] = useState(current?.url ?? '');
  const [enabled, setEnabled] = useState(current?.enabled ?? true);
  const [kinds, setKinds] = useState<string[]>(current?.kinds ?? KINDS.map((k) => k.value));
  const [rotate, setRotate] = useState(false);
  const { busy, problem, run } = useActions();
  const errors = fieldErrors(problem);
  const kindsError = listFieldError(problem, 'kinds', (i) => `“${kinds[i]}”`);
  const alert = formAlert(problem, ['url', ...Object.keys(errors).filter((field) => field.startsWith('kinds'))]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void run('save', async () => onSaved(await saveWebhook(projectId, { url: url.trim(), enabled, kinds, ...(rotate ? { rotateSecret: true } : {}) })));
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3 rounded-lg border border-zinc-200 bg-zinc-50 p-4 dark:border-zinc-800 dark:bg-zinc-950/40">
      {alert && <Alert>{alert}</Alert>}
      <TextField
        label="Webhook URL"
        type="url"
        placeholder="https://hooks.slack.com/services/…"
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        error={errors.url}
        hint="A Slack incoming webhook, or any https endpoint that accepts JSON."
      />
      <CheckboxGroup legend="Post when" options={KINDS} selected={kinds} onChange={setKinds} error={kindsError} />
      <label className="flex items-center gap-2 text-sm text-zinc-800 dark:text-zinc-200">
        <input type="checkbox" className="size-4 accent-indigo-600" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        Enabled
      </label>
      {current && (
        <label className="flex items-center gap-2 text-sm text-zinc-800 dark:text-zinc-200">
          <input type="checkbox" className="size-4 accent-indigo-600" checked={rotate} onChange={(e) => setRotate(e.target.checked)} />
          Make a new signing secret (the old one stops working)
        </label>
      )}
      <Button type="submit" busy={busy === 'save'}>
        {current ? 'Save webhook' : 'Add webhook'}
      </Button>
    </form>
  );
}

function NewSecret({ secret, onDone }: { secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div role="status" className="space-y-2 rounded-lg border border-emerald-300 bg-emerald-50 p-3 dark:border-emerald-800 dark:bg-emerald-950/40">
      <p className="text-sm font-medium text-emerald-900 dark:text-emerald-200">Signing secret — copy it now, it is not shown again:</p>
      <div className="flex flex-wrap items-center gap-2">
        <code aria-label="Signing secret" className="min-w-0 flex-1 break-all rounded bg-white px-2 py-1.5 font-mono text-xs text-zinc-900 dark:bg-zinc-900 dark:text-zinc-100">
          {secret}
        </code>
        <Button size="sm" variant="secondary" onClick={() => void navigator.clipboard?.writeText(secret).then(() => setCopied(true))}>
          {copied ? 'Copied' : 'Copy'}
        </Button>
        <Button size="sm" variant="ghost" onClick={onDone}>
          Done
        </Button>
      </div>
    </div>
  );
}

function Deliveries({ deliveries }: { deliveries: DeliveryView[] }) {
  if (deliveries.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">No calls yet.</p>;
  return (
    <table className="w-full text-sm">
      <caption className="pb-2 text-left text-xs font-medium text-zinc-500 dark:text-zinc-400">Recent calls</caption>
      <thead>
        <tr className="text-left text-xs text-zinc-500 dark:text-zinc-400">
          <th scope="col" className="py-1.5 font-medium">When</th>
          <th scope="col" className="py-1.5 font-medium">What</th>
          <th scope="col" className="py-1.5 font-medium">Outcome</th>
          <th scope="col" className="py-1.5 font-medium">Attempts</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {deliveries.map((delivery) => (
          <tr key={delivery.id}>
            <td className="py-1.5">
              <time dateTime={delivery.createdAt} title={formatDateTime(delivery.createdAt)}>
                {timeAgo(delivery.createdAt)}
              </time>
            </td>
            <td className="py-1.5">{kindLabel(delivery.kind)}</td>
            <td className="py-1.5">
              <Badge tone={STATUS_TONE[delivery.status]}>{delivery.status}</Badge>{' '}
              <span className="text-xs text-zinc-600 dark:text-zinc-400">
                {delivery.lastError ?? (delivery.lastStatus ? `HTTP ${delivery.lastStatus}` : '')}
                {delivery.status === 'pending' && delivery.nextAttemptAt ? ` · next try ${timeAgo(delivery.nextAttemptAt)}` : ''}
              </span>
            </td>
            <td className="py-1.5">{delivery.attempts}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TestOutcome({ outcome }: { outcome: WebhookTestView }) {
  return outcome.delivered ? (
    <Alert tone="info">Test delivered: the webhook answered HTTP {outcome.status} in {outcome.durationMillis} ms.</Alert>
  ) : (
    <Alert>Test not delivered: {outcome.error ?? 'no answer'}.</Alert>
  );
}

/**
 * The project's outgoing notification webhook: owners add, change, test and remove it and see its
 * signing secret once; members see where it posts (not the URL's path) and its recent calls.
 */
export function NotificationWebhookSection({ project }: { project: ProjectView }) {
  const owner = isOwner(project.myRole);
  const query = useQuery<WebhookView | null>(`notification-webhook:${project.id}`, () => loadWebhook(project.id));
  const [secret, setSecret] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<WebhookTestView | null>(null);
  const [editing, setEditing] = useState(false);
  const { busy, problem, run } = useActions();
  const current = query.data ?? null;

  return (
    <Section
      title="Notification webhook"
      description="NEX7 posts the project's deployment failures, fixes and rollbacks to this URL: a Slack-compatible JSON body, signed with a secret."
    >
      <div className="space-y-4">
        {query.problem && <Alert>{query.problem.detail ?? query.problem.title}</Alert>}
        {problem && <Alert>{problem.detail ?? problem.title}</Alert>}
        {secret && <NewSecret secret={secret} onDone={() => setSecret(null)} />}
        {current && (
          <div className="space-y-3 text-sm">
            <p className="flex flex-wrap items-center gap-2">
              <code className="break-all font-mono text-xs text-zinc-900 dark:text-zinc-100">{current.url}</code>
              <Badge tone={current.enabled ? 'green' : 'neutral'}>{current.enabled ? 'Enabled' : 'Disabled'}</Badge>
            </p>
            <p className="text-xs text-zinc-600 dark:text-zinc-400">
              Posts: {current.kinds.length ? current.kinds.map(kindLabel).join(', ') : 'nothing (no kind chosen)'}.
            </p>
            {outcome && <TestOutcome outcome={outcome} />}
            {owner && (
              <div className="flex flex-wrap gap-2">
                <Button
                  size="sm"
                  variant="secondary"
                  busy={busy === 'test'}
                  onClick={() =>
                    void run('test', async () => {
                      setOutcome(await testWebhook(project.id));
                      query.reload();
                    })
                  }
                >
                  Send a test
                </Button>
                <Button size="sm" variant="ghost" onClick={() => setEditing((e) => !e)}>
                  {editing ? 'Cancel' : 'Change'}
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  busy={busy === 'remove'}
                  onClick={() =>
                    void run('remove', async () => {
                      await deleteWebhook(project.id);
                      setSecret(null);
                      setOutcome(null);
                      query.setData(null);
                    })
                  }
                >
                  Remove
                </Button>
              </div>
            )}
            <details className="text-xs text-zinc-600 dark:text-zinc-400">
              <summary className="cursor-pointer">Checking that a call comes from NEX7</summary>
              <p className="mt-1">
                Each call carries <code className="font-mono">X-Nex7-Timestamp</code> (unix seconds) and{' '}
                <code className="font-mono">X-Nex7-Signature: sha256=…</code>, the hex HMAC-SHA256 of the timestamp, a full stop and the raw body,
                keyed with the signing secret. Recompute it, compare in constant time, and refuse timestamps more than a few minutes old.{' '}
                <code className="font-mono">X-Nex7-Delivery</code> is the same on every retry of a call.
              </p>
            </details>
            <Deliveries deliveries={current.deliveries} />
          </div>
        )}
        {!current && !query.loading && !query.problem && <p className="text-sm text-zinc-500 dark:text-zinc-400">No webhook.</p>}
        {owner && (!current || editing) && !query.loading && (
          <WebhookForm
            key={current?.updatedAt ?? 'new'}
            projectId={project.id}
            current={current}
            onSaved={(saved) => {
              setSecret(saved.secret ?? null);
              setEditing(false);
              setOutcome(null);
              query.setData(saved);
            }}
          />
        )}
      </div>
    </Section>
  );
}
