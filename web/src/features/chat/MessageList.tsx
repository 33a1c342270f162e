import { memo, useId, useMemo, useState } from 'react';
import { Badge } from '../../ui/Badge';
import { focusRing } from '../../ui/Button';
import { cx } from '../../ui/cx';
import { formatDateTime } from '../../ui/format';
import { AgentAvatar, AgentName } from './AgentAvatar';
import { lookOf } from './agents';
import type { AgentView } from './chatApi';
import { Markdown } from './Markdown';
import { threads } from './transcript';
import type { MessageView } from './turnProtocol';

type Usage = NonNullable<MessageView['usage']>;

interface Context {
  agents: readonly AgentView[];
  /** Tool names by tool use id, so a result can say which tool it answers. */
  toolNames: ReadonlyMap<string, string>;
  inner: ReadonlyMap<string, MessageView[]>;
}

const count = new Intl.NumberFormat();

export function usageText(usage: Usage): string {
  const parts = [`${count.format(usage.inputTokens)} in · ${count.format(usage.outputTokens)} out tokens`];
  if (usage.costUsd !== undefined && usage.costUsd !== null) parts.push(`$${usage.costUsd < 0.01 ? usage.costUsd.toFixed(4) : usage.costUsd.toFixed(2)}`);
  const model = [usage.provider, usage.model].filter(Boolean).join(' ');
  if (model) parts.push(model);
  return parts.join(' · ');
}

const pretty = (value: unknown): string => JSON.stringify(value, null, 2) ?? String(value);

/** A tool result's content as indented JSON when it is JSON, as it is otherwise. */
function prettyResult(content: string): string {
  try {
    return pretty(JSON.parse(content));
  } catch {
    return content;
  }
}

function StatusBadge({ status }: { status: MessageView['status'] }) {
  if (status === 'streaming') return <Badge tone="indigo">Writing…</Badge>;
  if (status === 'stopped') return <Badge tone="amber">Stopped</Badge>;
  if (status === 'failed') return <Badge tone="red">Failed</Badge>;
  return null;
}

function UserMessage({ message }: { message: MessageView }) {
  return (
    <div className="flex justify-end">
      <div className="max-w-[85%] rounded-2xl rounded-br-sm bg-indigo-600 px-3.5 py-2 text-sm whitespace-pre-wrap text-white shadow-sm dark:bg-indigo-500">
        <span className="sr-only">You: </span>
        {message.text}
      </div>
    </div>
  );
}

function AgentMessage({ message, agents }: { message: MessageView; agents: readonly AgentView[] }) {
  const look = lookOf(agents, message.agentId);
  const streaming = message.status === 'streaming';
  return (
    <div className="flex gap-3" aria-busy={streaming || undefined}>
      <AgentAvatar look={look} />
      <div className="min-w-0 flex-1">
        <p className="mb-1 flex flex-wrap items-center gap-2 text-xs text-zinc-500 dark:text-zinc-400">
          <span className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">{look.name}</span>
          <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>
          <StatusBadge status={message.status} />
        </p>
        {message.text ? <Markdown text={message.text} /> : streaming ? <p className="animate-pulse text-sm text-zinc-500">Thinking…</p> : null}
        {message.usage && <p className="mt-1.5 text-[11px] text-zinc-500 dark:text-zinc-400">{usageText(message.usage)}</p>}
      </div>
    </div>
  );
}

function Handoff({ message, agents }: { message: MessageView; agents: readonly AgentView[] }) {
  const from = lookOf(agents, message.agentId);
  const to = lookOf(agents, message.targetAgentId);
  const said = `${from.name} handed this to ${to.name}${message.text ? `: ${message.text}` : ''}`;
  return (
    <p role="note" aria-label={said} className="rounded-lg border border-dashed border-zinc-300 bg-zinc-50 px-3 py-1.5 text-sm leading-7 text-zinc-700 dark:border-zinc-700 dark:bg-zinc-900/60 dark:text-zinc-300">
      <AgentName look={from} /> handed this to <AgentName look={to} />
      {message.text ? `: ${message.text}` : ''}
    </p>
  );
}

function Consultation({ message, context }: { message: MessageView; context: Context }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const inner = context.inner.get(message.id) ?? [];
  return (
    <div className="rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900/60">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((o) => !o)}
        className={cx('flex w-full flex-wrap items-center gap-x-1.5 gap-y-1 rounded-lg px-3 py-2 text-left text-sm text-zinc-700 hover:bg-zinc-50 dark:text-zinc-300 dark:hover:bg-zinc-800/60', focusRing)}
      >
        <span aria-hidden="true" className={cx('text-xs text-zinc-400 transition-transform', open && 'rotate-90')}>▶</span>
        <AgentName look={lookOf(context.agents, message.agentId)} /> consulted <AgentName look={lookOf(context.agents, message.targetAgentId)} />{' '}
        <span className="text-xs text-zinc-500">
          ({inner.length} {inner.length === 1 ? 'message' : 'messages'})
        </span>
        <StatusBadge status={message.status} />
      </button>
      {open && (
        <div id={panelId} className="space-y-3 border-t border-zinc-200 px-3 py-3 dark:border-zinc-800">
          {message.text && (
            <div className="text-sm">
              <p className="mb-1 text-xs font-medium text-zinc-500">Question</p>
              <Markdown text={message.text} />
            </div>
          )}
          <ol className="space-y-3">
            {inner.map((m) => (
              <li key={m.id}>
                <MessageItem message={m} context={context} />
              </li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}

const detailsClass = 'rounded-lg border border-zinc-200 bg-zinc-50 text-sm dark:border-zinc-800 dark:bg-zinc-900/60';
const summaryClass = cx('cursor-pointer rounded-lg px-3 py-1.5 text-zinc-700 select-none dark:text-zinc-300', focusRing);
const jsonClass = 'max-h-80 overflow-auto border-t border-zinc-200 px-3 py-2 font-mono text-xs whitespace-pre dark:border-zinc-800';

function ToolCall({ message, agents }: { message: MessageView; agents: readonly AgentView[] }) {
  const uses = message.content.filter((block) => block.type === 'tool_use');
  const who = lookOf(agents, message.agentId).name;
  if (uses.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">{message.text}</p>;
  return (
    <div className="space-y-1">
      {uses.map((use) => (
        <details key={use.id} className={detailsClass}>
          <summary className={summaryClass}>
            🔧 {who} used <code className="font-mono">{use.name}</code>
          </summary>
          <pre className={jsonClass}>{pretty(use.input)}</pre>
        </details>
      ))}
    </div>
  );
}

function ToolResult({ message, toolNames }: { message: MessageView; toolNames: ReadonlyMap<string, string> }) {
  const results = message.content.filter((block) => block.type === 'tool_result');
  if (results.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">{message.text}</p>;
  return (
    <div className="space-y-1">
      {results.map((result) => (
        <details key={result.toolUseId} className={cx(detailsClass, result.error && 'border-red-200 dark:border-red-900/60')}>
          <summary className={summaryClass}>
            {result.error ? '⚠️ Error from' : '📄 Result of'} <code className="font-mono">{toolNames.get(result.toolUseId) ?? 'a tool'}</code>
          </summary>
          <pre className={jsonClass}>{prettyResult(result.content)}</pre>
        </details>
      ))}
    </div>
  );
}

function Notice({ message }: { message: MessageView }) {
  const error = message.kind === 'error';
  return (
    <div
      role="note"
      className={cx(
        'flex gap-2 rounded-lg border px-3 py-2 text-sm whitespace-pre-wrap',
        error ? 'border-red-200 bg-red-50 text-red-800 dark:border-red-900/60 dark:bg-red-950/50 dark:text-red-200' : 'border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-200',
      )}
    >
      <span aria-hidden="true">{error ? '⚠️' : 'ℹ️'}</span>
      <span>
        <span className="sr-only">{error ? 'Error: ' : 'Notice: '}</span>
        {message.text}
      </span>
    </div>
  );
}

const MessageItem = memo(function MessageItem({ message, context }: { message: MessageView; context: Context }) {
  switch (message.kind) {
    case 'handoff':
      return <Handoff message={message} agents={context.agents} />;
    case 'consultation':
      return <Consultation message={message} context={context} />;
    case 'tool-call':
      return <ToolCall message={message} agents={context.agents} />;
    case 'tool-result':
      return <ToolResult message={message} toolNames={context.toolNames} />;
    case 'notice':
    case 'error':
      return <Notice message={message} />;
    default:
      return message.role === 'user' ? <UserMessage message={message} /> : <AgentMessage message={message} agents={context.agents} />;
  }
});

/** The conversation: answers, handoffs inline, consultations collapsed, tool calls and results as details. */
export function MessageList({ messages, agents }: { messages: readonly MessageView[]; agents: readonly AgentView[] }) {
  const { top, inner } = useMemo(() => threads(messages), [messages]);
  const toolNames = useMemo(() => {
    const names = new Map<string, string>();
    for (const message of messages) for (const block of message.content) if (block.type === 'tool_use') names.set(block.id, block.name);
    return names;
  }, [messages]);
  const context = useMemo(() => ({ agents, toolNames, inner }), [agents, toolNames, inner]);
  return (
    <ol className="space-y-4">
      {top.map((message) => (
        <li key={message.id}>
          <MessageItem message={message} context={context} />
        </li>
      ))}
    </ol>
  );
}
