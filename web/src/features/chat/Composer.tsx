import { useEffect, useId, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Button } from '../../ui/Button';
import { cx } from '../../ui/cx';
import { AgentAvatar, AgentName } from './AgentAvatar';
import { addressedAgent, lookOf, mentionAt, suggestAgents } from './agents';
import type { AgentView } from './chatApi';
import { MAX_MESSAGE_LENGTH } from './turnProtocol';

interface ComposerProps {
  value: string;
  onChange: (value: string) => void;
  onSend: (text: string) => void;
  onStop: () => void;
  agents: readonly AgentView[];
  currentAgentId: string | null;
  /** A turn is running: the Stop button replaces Send. */
  streaming: boolean;
  stopping: boolean;
  /** Why the person cannot write now (a turn runs, a confirmation waits, no model); null when they can. */
  blockedBecause: string | null;
}

/**
 * The message box: Enter sends, Shift+Enter starts a new line; `@` suggests agents to address.
 * While a turn runs it is disabled and Stop ends the answer where it is.
 */
export function Composer({ value, onChange, onSend, onStop, agents, currentAgentId, streaming, stopping, blockedBecause }: ComposerProps) {
  const box = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const hintId = useId();
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const pendingCaret = useRef<number | null>(null);
  const disabled = blockedBecause !== null;

  const mention = disabled ? null : mentionAt(value, caret);
  const suggestions = mention && dismissed !== mention.start ? suggestAgents(agents, mention.query) : [];
  const open = suggestions.length > 0;
  const activeIndex = Math.min(active, Math.max(suggestions.length - 1, 0));
  const addressed = addressedAgent(value, agents);
  const answering = lookOf(agents, addressed?.id ?? currentAgentId);
  const text = value.trim();

  // Give the box its focus back once a turn is over, unless the person has moved on.
  const wasDisabled = useRef(disabled);
  useEffect(() => {
    if (wasDisabled.current && !disabled && (document.activeElement === document.body || document.activeElement === null)) box.current?.focus();
    wasDisabled.current = disabled;
  }, [disabled]);

  function pick(agent: AgentView) {
    if (!mention) return;
    const before = value.slice(0, mention.start);
    const after = value.slice(caret).replace(/^\S*/, '');
    const inserted = `@${agent.id} `;
    onChange(before + inserted + after.replace(/^\s/, ''));
    const at = before.length + inserted.length;
    setCaret(at);
    pendingCaret.current = at;
  }

  // Put the caret after an inserted @mention once the new value is in the box.
  useLayoutEffect(() => {
    if (pendingCaret.current === null) return;
    box.current?.setSelectionRange(pendingCaret.current, pendingCaret.current);
    pendingCaret.current = null;
  }, [value]);

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (disabled || !text) return;
    onSend(text);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (open) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((activeIndex + step + suggestions.length) % suggestions.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        const agent = suggestions[activeIndex];
        if (agent) {
          event.preventDefault();
          pick(agent);
          return;
        }
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setDismissed(mention?.start ?? null);
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  }

  return (
    <form onSubmit={submit} className="border-t border-zinc-200 bg-white px-3 py-3 sm:px-4 dark:border-zinc-800 dark:bg-zinc-950">
      <div className="relative">
        {open && (
          <ul id={listId} role="listbox" aria-label="Agents" className="absolute bottom-full left-0 z-10 mb-2 w-64 overflow-hidden rounded-lg border border-zinc-200 bg-white py-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
            {suggestions.map((agent, i) => (
              <li
                key={agent.id}
                id={`${listId}-${agent.id}`}
                role="option"
                aria-selected={i === activeIndex}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(agent);
                }}
                className={cx('flex cursor-pointer items-center gap-2 px-3 py-1.5 text-sm', i === activeIndex ? 'bg-indigo-50 dark:bg-indigo-950/60' : 'hover:bg-zinc-50 dark:hover:bg-zinc-800')}
              >
                <AgentAvatar look={lookOf(agents, agent.id)} size="sm" />
                <span className="font-medium">{agent.name}</span>
                <span className="truncate text-xs text-zinc-500">@{agent.id}</span>
              </li>
            ))}
          </ul>
        )}
        <div className="flex items-end gap-2">
          <label htmlFor={`${listId}-box`} className="sr-only">
            Message
          </label>
          <textarea
            id={`${listId}-box`}
            ref={box}
            rows={2}
            value={value}
            disabled={disabled}
            maxLength={MAX_MESSAGE_LENGTH}
            placeholder={`Message ${answering.name}… (@ to address an agent)`}
            aria-describedby={hintId}
            aria-autocomplete="list"
            aria-controls={open ? listId : undefined}
            aria-activedescendant={open && suggestions[activeIndex] ? `${listId}-${suggestions[activeIndex].id}` : undefined}
            onChange={(e) => {
              onChange(e.target.value);
              setCaret(e.target.selectionStart);
              setActive(0);
            }}
            onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
            onKeyDown={onKeyDown}
            className="block max-h-48 min-h-11 w-full resize-y rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm text-zinc-900 shadow-sm placeholder:text-zinc-400 focus:outline-2 focus:outline-offset-0 focus:outline-indigo-500 disabled:cursor-not-allowed disabled:bg-zinc-100 disabled:text-zinc-500 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:disabled:bg-zinc-800/60"
          />
          {streaming ? (
            <Button variant="secondary" onClick={onStop} busy={stopping}>
              Stop
            </Button>
          ) : (
            <Button type="submit" disabled={disabled || !text}>
              Send
            </Button>
          )}
        </div>
      </div>
      <p id={hintId} className="mt-1.5 flex flex-wrap items-center gap-x-1.5 gap-y-1 text-xs text-zinc-500 dark:text-zinc-400">
        {blockedBecause ?? (
          <>
            <span className="inline-flex items-center gap-1.5">
              <AgentName look={answering} /> answers{addressed ? ' (addressed directly)' : ''}
            </span>
            <span className="hidden sm:inline">· Enter sends, Shift+Enter for a new line</span>
          </>
        )}
        {value.length > MAX_MESSAGE_LENGTH - 1000 && (
          <span className="ml-auto">
            {value.length.toLocaleString()} / {MAX_MESSAGE_LENGTH.toLocaleString()}
          </span>
        )}
      </p>
    </form>
  );
}
