import { useState, type FormEvent } from 'react';
import type { Problem } from '../../api/client';
import { asProblem, fieldErrors, formAlert, listFieldError, shownFields } from '../../api/problem';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { CheckboxGroup, TextAreaField, TextField } from '../../ui/fields';
import { AgentAvatar } from '../chat/AgentAvatar';
import { safeColor } from '../chat/agents';
import { createAgent, updateAgent, type AgentRequest, type AgentView } from './aiApi';

const FIELDS = ['id', 'name', 'persona', 'systemPrompt', 'tools', 'models', 'avatar', 'color', 'handsOffTo'];

interface Values {
  id: string;
  name: string;
  persona: string;
  systemPrompt: string;
  tools: string[];
  /** One provider:model per line. */
  models: string;
  avatar: string;
  color: string;
  handsOffTo: string[];
}

const valuesOf = (agent: AgentView | undefined): Values => ({
  id: agent?.id ?? '',
  name: agent?.name ?? '',
  persona: agent?.persona ?? '',
  systemPrompt: agent?.systemPrompt ?? '',
  tools: agent?.tools ?? [],
  models: (agent?.models ?? []).join('\n'),
  avatar: agent?.avatar ?? '🤖',
  color: safeColor(agent?.color ?? '#0f766e'),
  handsOffTo: agent?.handsOffTo ?? [],
});

const requestOf = (values: Values): AgentRequest => ({
  name: values.name,
  persona: values.persona,
  systemPrompt: values.systemPrompt,
  tools: values.tools,
  models: values.models.split('\n').map((line) => line.trim()).filter(Boolean),
  avatar: values.avatar,
  color: values.color,
  handsOffTo: values.handsOffTo,
});

/**
 * Creates a custom agent, or replaces one's definition (`agent` given: its id cannot change).
 * The server checks every field; its errors are shown on the fields they name.
 */
export function AgentForm({ agent, agents, tools, onSaved, onCancel }: {
  agent?: AgentView;
  agents: readonly AgentView[];
  tools: readonly string[];
  onSaved: (agent: AgentView) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<Values>(() => valuesOf(agent));
  const [sent, setSent] = useState<AgentRequest | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(problem);
  // On create, a conflict means the id is taken: that is the id field's problem.
  const taken = !agent && problem?.status === 409 ? (problem.detail ?? problem.title) : undefined;
  const alert = taken ? null : formAlert(problem, shownFields(problem, FIELDS));
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const quoted = (list: string[] | undefined) => (i: number) => `“${list?.[i] ?? ''}”`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const id = values.id.trim();
    const body = requestOf(values);
    setSent(body);
    if (!id) {
      // An empty id would address the collection, not an agent: say so without asking the server.
      setProblem({ type: 'about:blank', title: 'Invalid agent', status: 400, errors: [{ field: 'id', message: 'is required' }] });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      onSaved(agent ? await updateAgent(agent.id, body) : await createAgent(id, body));
    } catch (error) {
      setProblem(asProblem(error));
      setBusy(false);
    }
  }

  const others = agents.filter((a) => a.id !== (agent?.id ?? values.id.trim()));
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      {alert && <Alert>{alert}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Id"
          required
          value={values.id}
          disabled={Boolean(agent)}
          onChange={(e) => set('id', e.target.value)}
          error={errors.id ?? taken}
          hint={agent ? 'The id cannot change.' : '2 to 32 lower-case letters, digits and single hyphens, starting with a letter; people write @id in the chat.'}
          maxLength={32}
          autoComplete="off"
          spellCheck={false}
        />
        <TextField label="Name" required value={values.name} maxLength={40} onChange={(e) => set('name', e.target.value)} error={errors.name} />
      </div>
      <TextField label="Persona" required value={values.persona} maxLength={200} onChange={(e) => set('persona', e.target.value)} error={errors.persona} hint="One line: what this agent is for." />
      <div className="flex flex-wrap items-start gap-4">
        <TextField label="Avatar" required value={values.avatar} maxLength={16} onChange={(e) => set('avatar', e.target.value)} error={errors.avatar} hint="An emoji or short text." containerClassName="w-36" />
        <TextField label="Colour" type="color" value={values.color} onChange={(e) => set('color', e.target.value)} error={errors.color} className="w-16 p-1" containerClassName="w-24" />
        <div className="space-y-1.5">
          <p className="text-sm font-medium text-zinc-700 dark:text-zinc-300" aria-hidden="true">
            Preview
          </p>
          <AgentAvatar look={{ id: values.id, name: values.name, avatar: values.avatar || '🤖', color: safeColor(values.color) }} size="lg" />
        </div>
      </div>
      <TextAreaField
        label="System prompt"
        required
        rows={12}
        value={values.systemPrompt}
        maxLength={32000}
        onChange={(e) => set('systemPrompt', e.target.value)}
        error={errors.systemPrompt}
        className="font-mono text-xs"
      />
      <CheckboxGroup
        legend="Tools"
        options={tools.map((t) => ({ value: t, label: t }))}
        selected={values.tools}
        onChange={(selected) => set('tools', selected)}
        error={listFieldError(problem, 'tools', quoted(sent?.tools))}
        hint="What the agent may do for the person it helps. MCP tools are allowed per server, on the MCP servers page."
      />
      <TextAreaField
        label="Model preferences"
        rows={3}
        value={values.models}
        onChange={(e) => set('models', e.target.value)}
        error={listFieldError(problem, 'models', quoted(sent?.models))}
        hint="One provider:model per line, tried in order (anthropic:claude-sonnet-4-5, openai:gpt-4.1). Empty: the instance's chain."
        className="font-mono text-xs"
        spellCheck={false}
      />
      <CheckboxGroup
        legend="Hands off to"
        options={others.map((a) => ({ value: a.id, label: a.name }))}
        selected={values.handsOffTo}
        onChange={(selected) => set('handsOffTo', selected)}
        error={listFieldError(problem, 'handsOffTo', quoted(sent?.handsOffTo))}
        hint="Agents it passes requests outside its role to."
      />
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
        <Button type="submit" busy={busy}>
          {agent ? 'Save agent' : 'Create agent'}
        </Button>
      </div>
    </form>
  );
}
