import { useState, type FormEvent } from 'react';
import type { Problem } from '../../api/client';
import { asProblem, fieldErrors, formAlert, listFieldError, shownFields } from '../../api/problem';
import { useQuery } from '../../api/useQuery';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Loading } from '../../ui/Loading';
import { TextField } from '../../ui/fields';
import { formatUsd } from '../../ui/format';
import { CredentialPicker, useCredentials } from '../workflows/inspector/CredentialPicker';
import { credentialKindFor, getModelStatus, getProjectModelSettings, replaceProjectModelSettings, type GatewayStatus, type ProjectModelSettings, type ProjectModelSettingsRequest } from './aiApi';
import { BudgetField, PROVIDER_LABELS, ProviderStatusList, providerLabel } from './usage';

interface Values {
  chain: string[];
  models: Record<string, string>;
  credentials: Record<string, string>;
  budget: string;
}

const valuesOf = (settings: ProjectModelSettings): Values => ({
  chain: settings.chain,
  models: settings.models,
  credentials: settings.credentials,
  budget: settings.monthlyBudgetUsd === undefined ? '' : String(settings.monthlyBudgetUsd),
});

/** Only what is set: an empty model or key means the instance's applies. */
const filled = (record: Record<string, string>) => Object.fromEntries(Object.entries(record).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, v.trim()]));

const requestOf = (values: Values): ProjectModelSettingsRequest => ({
  chain: values.chain,
  models: filled(values.models),
  credentials: filled(values.credentials),
  monthlyBudgetUsd: values.budget.trim() === '' ? null : Number(values.budget),
});

const move = (list: readonly string[], index: number, by: -1 | 1): string[] => {
  const next = [...list];
  const [item] = next.splice(index, 1);
  if (item !== undefined) next.splice(index + by, 0, item);
  return next;
};

/** The order providers are tried in: moved with buttons, so it works from the keyboard. */
function ChainEditor({ chain, providers, onChange, error }: { chain: string[]; providers: readonly string[]; onChange: (chain: string[]) => void; error?: string }) {
  const absent = providers.filter((p) => !chain.includes(p));
  return (
    <fieldset className="space-y-2" aria-invalid={error ? true : undefined}>
      <legend className="text-sm font-medium text-zinc-700 dark:text-zinc-300">Provider order</legend>
      {chain.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">The instance&apos;s order. Add providers to choose this project&apos;s own.</p>
      ) : (
        <ol aria-label="Provider order" className="space-y-1.5">
          {chain.map((p, i) => (
            <li key={p} className="flex flex-wrap items-center gap-2 text-sm">
              <span className="min-w-40 text-zinc-900 dark:text-zinc-100">
                {i + 1}. {providerLabel(p)}
              </span>
              <Button size="sm" variant="ghost" disabled={i === 0} onClick={() => onChange(move(chain, i, -1))} aria-label={`Move ${providerLabel(p)} up`}>
                ↑
              </Button>
              <Button size="sm" variant="ghost" disabled={i === chain.length - 1} onClick={() => onChange(move(chain, i, 1))} aria-label={`Move ${providerLabel(p)} down`}>
                ↓
              </Button>
              <Button size="sm" variant="ghost" onClick={() => onChange(chain.filter((x) => x !== p))} aria-label={`Remove ${providerLabel(p)} from the order`}>
                Remove
              </Button>
            </li>
          ))}
        </ol>
      )}
      {absent.length > 0 && (
        <div className="flex flex-wrap gap-2">
          {absent.map((p) => (
            <Button key={p} size="sm" variant="secondary" onClick={() => onChange([...chain, p])}>
              Add {providerLabel(p)}
            </Button>
          ))}
        </div>
      )}
      {error && <p className="text-xs font-medium text-red-600 dark:text-red-400">{error}</p>}
    </fieldset>
  );
}

function SettingsForm({ projectId, settings, providers, defaults, onSaved }: {
  projectId: string;
  settings: ProjectModelSettings;
  providers: readonly string[];
  defaults: GatewayStatus;
  onSaved: (settings: ProjectModelSettings) => void;
}) {
  const [values, setValues] = useState(() => valuesOf(settings));
  const [sent, setSent] = useState<ProjectModelSettingsRequest | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const { credentials, kinds } = useCredentials(projectId);
  const errors = fieldErrors(problem);
  const fields = ['chain', 'monthlyBudgetUsd', ...providers.flatMap((p) => [`models.${p}`, `credentials.${p}`])];
  const alert = formAlert(problem, shownFields(problem, fields));
  const setIn = (key: 'models' | 'credentials', provider: string, value: string) => setValues((v) => ({ ...v, [key]: { ...v[key], [provider]: value } }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = requestOf(values);
    setSent(body);
    setBusy(true);
    setProblem(null);
    setSaved(false);
    try {
      onSaved(await replaceProjectModelSettings(projectId, body));
      setSaved(true);
    } catch (error) {
      setProblem(asProblem(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      {alert && <Alert>{alert}</Alert>}
      {saved && <Alert tone="info">Model settings saved.</Alert>}
      <ChainEditor chain={values.chain} providers={providers} onChange={(chain) => setValues((v) => ({ ...v, chain }))} error={listFieldError(problem, 'chain', (i) => providerLabel(sent?.chain?.[i] ?? ''))} />
      <div className="space-y-4">
        {providers.map((p) => (
          <div key={p} className="grid gap-3 rounded-lg border border-zinc-200 p-3 sm:grid-cols-2 dark:border-zinc-800">
            <TextField
              label={`${providerLabel(p)} model`}
              value={values.models[p] ?? ''}
              placeholder={defaults.providers.find((s) => s.name === p)?.model ?? 'model name'}
              onChange={(e) => setIn('models', p, e.target.value)}
              error={errors[`models.${p}`]}
              hint="Empty: the instance's model."
              spellCheck={false}
            />
            <div>
              <CredentialPicker
                projectId={projectId}
                slot={{ name: `${providerLabel(p)} API key`, kinds: [credentialKindFor(p)] }}
                value={values.credentials[p] || undefined}
                onChange={(id) => setIn('credentials', p, id ?? '')}
                credentials={credentials.data ?? []}
                kinds={kinds.data ?? []}
                onCreated={credentials.reload}
              />
              {errors[`credentials.${p}`] && <p className="mt-1 text-xs font-medium text-red-600 dark:text-red-400">{errors[`credentials.${p}`]}</p>}
            </div>
          </div>
        ))}
        <p className="text-xs text-zinc-500 dark:text-zinc-400">No API key chosen: calls use the instance&apos;s key. A key chosen here is the project&apos;s own, from its credentials.</p>
      </div>
      <BudgetField
        value={values.budget}
        onChange={(budget) => setValues((v) => ({ ...v, budget }))}
        error={errors.monthlyBudgetUsd}
        hint={`Empty: the instance's default. Spent this month: ${formatUsd(settings.spentThisMonthUsd)}.`}
        className="max-w-xs"
      />
      <div className="flex justify-end">
        <Button type="submit" busy={busy}>
          Save model settings
        </Button>
      </div>
    </form>
  );
}

/** What members who are not owners see: the settings, without controls. */
function SettingsSummary({ projectId, settings }: { projectId: string; settings: ProjectModelSettings }) {
  const { credentials } = useCredentials(projectId);
  const credentialName = (id: string | undefined) => (id ? (credentials.data?.find((c) => c.id === id)?.name ?? 'a project credential') : "the instance's key");
  const providers = Array.from(new Set([...Object.keys(settings.models), ...Object.keys(settings.credentials)]));
  return (
    <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
      <dt className="font-medium text-zinc-700 dark:text-zinc-300">Provider order</dt>
      <dd className="text-zinc-600 dark:text-zinc-400">{settings.chain.length > 0 ? settings.chain.map(providerLabel).join(' → ') : "the instance's order"}</dd>
      {providers.map((p) => (
        <div key={p} className="contents">
          <dt className="font-medium text-zinc-700 dark:text-zinc-300">{providerLabel(p)}</dt>
          <dd className="text-zinc-600 dark:text-zinc-400">
            {settings.models[p] ? <code className="font-mono text-xs">{settings.models[p]}</code> : "the instance's model"}, with {credentialName(settings.credentials[p])}
          </dd>
        </div>
      ))}
      <dt className="font-medium text-zinc-700 dark:text-zinc-300">Monthly budget</dt>
      <dd className="text-zinc-600 dark:text-zinc-400">
        {settings.monthlyBudgetUsd === undefined ? "the instance's default" : formatUsd(settings.monthlyBudgetUsd)} · {formatUsd(settings.spentThisMonthUsd)} spent this month
      </dd>
    </dl>
  );
}

/** The project's providers, models, own keys and budget: owners change them, other members read them. */
export function ProjectModelSettingsPanel({ projectId, owner }: { projectId: string; owner: boolean }) {
  const settings = useQuery<ProjectModelSettings>(`project-llm:${projectId}`, () => getProjectModelSettings(projectId));
  const status = useQuery<GatewayStatus>(`llm-status:${projectId}`, () => getModelStatus(projectId));
  const providers = status.data?.providers.map((p) => p.name) ?? Object.keys(PROVIDER_LABELS);
  const problem = settings.problem ?? status.problem;

  return (
    <div className="space-y-4">
      <h3 className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">Models</h3>
      {problem && (
        <ProblemAlert
          problem={problem}
          onRetry={() => {
            settings.reload();
            status.reload();
          }}
        />
      )}
      {status.data && <ProviderStatusList status={status.data} />}
      {!settings.data || !status.data ? (
        !problem && <Loading what="model settings" />
      ) : owner ? (
        <SettingsForm projectId={projectId} settings={settings.data} providers={providers} defaults={status.data} onSaved={(s) => { settings.setData(s); status.reload(); }} />
      ) : (
        <SettingsSummary projectId={projectId} settings={settings.data} />
      )}
    </div>
  );
}
