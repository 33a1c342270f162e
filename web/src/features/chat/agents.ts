import type { AgentView } from './chatApi';

/** How an agent looks in the chat: also for an id the registry no longer knows (a deleted custom agent). */
export interface AgentLook {
  id: string;
  name: string;
  avatar: string;
  color: string;
}

const FALLBACK_COLOR = '#71717a';
const HEX_COLOR = /^#[0-9a-f]{6}$/i;

/** Only a #rrggbb colour reaches a style attribute. */
export const safeColor = (color: string | undefined): string => (color && HEX_COLOR.test(color) ? color : FALLBACK_COLOR);

export function lookOf(agents: readonly AgentView[], id: string | null | undefined): AgentLook {
  const agent = id ? agents.find((a) => a.id === id) : undefined;
  if (agent) return { id: agent.id, name: agent.name, avatar: agent.avatar || '🤖', color: safeColor(agent.color) };
  const name = id ? id.charAt(0).toUpperCase() + id.slice(1) : 'NEX7';
  return { id: id ?? '', name, avatar: '🤖', color: FALLBACK_COLOR };
}

/** The `@word` the caret is in (or just after), with where it starts; null when there is none. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)@([\w-]*)$/.exec(text.slice(0, caret));
  if (!match) return null;
  const query = match[2] ?? '';
  return { start: caret - query.length - 1, query };
}

const matches = (agent: AgentView, query: string): boolean => {
  const q = query.toLowerCase();
  return agent.id.toLowerCase().startsWith(q) || agent.name.toLowerCase().startsWith(q);
};

/** The enabled agents an `@query` could mean. */
export const suggestAgents = (agents: readonly AgentView[], query: string): AgentView[] => agents.filter((a) => a.enabled && matches(a, query));

/** The agent a message addresses directly by starting with `@id` (or `@name`), if any. */
export function addressedAgent(text: string, agents: readonly AgentView[]): AgentView | null {
  const match = /^\s*@([\w-]+)/.exec(text);
  if (!match?.[1]) return null;
  const word = match[1].toLowerCase();
  return agents.find((a) => a.enabled && (a.id.toLowerCase() === word || a.name.toLowerCase() === word)) ?? null;
}
