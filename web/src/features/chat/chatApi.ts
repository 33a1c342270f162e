import type { Schemas } from '../../api/client';
import { ProblemError, toProblem, unwrap } from '../../api/problem';
import { readServerEvents } from '../../api/sse';
import { api, session } from '../auth/session';
import { decodeLlmStatus, decodeTurnEvent, turnPaths, type LlmStatus, type MessageView, type TurnEvent } from './turnProtocol';

export type ConversationView = Schemas['ConversationView'];
export type ConversationPage = Schemas['PageViewConversationView'];
export type AgentView = Schemas['AgentView'];
export type FactView = Schemas['FactView'];
export type SummaryView = Schemas['SummaryView'];

const PAGE_OF_MESSAGES = 200;

const url = (path: string): string => `${globalThis.location?.origin ?? ''}${path}`;

async function problemOf(response: Response): Promise<ProblemError> {
  const body: unknown = await response.json().catch(() => undefined);
  return new ProblemError(toProblem(body, response));
}

export async function listConversations(query: { q?: string; projectId?: string; page: number; size: number }): Promise<ConversationPage> {
  return unwrap(await api.GET('/api/conversations', { params: { query } }));
}

export async function getConversation(conversationId: string): Promise<ConversationView> {
  return unwrap(await api.GET('/api/conversations/{conversationId}', { params: { path: { conversationId } } }));
}

export async function createConversation(body: Schemas['CreateConversationRequest']): Promise<ConversationView> {
  return unwrap(await api.POST('/api/conversations', { body }));
}

/** Renames, or binds to a project; `projectId: null` unbinds (the schema cannot say nullable). */
export async function updateConversation(conversationId: string, changes: { title?: string; projectId?: string | null }): Promise<ConversationView> {
  const body = changes as Schemas['UpdateConversationRequest'];
  return unwrap(await api.PATCH('/api/conversations/{conversationId}', { params: { path: { conversationId } }, body }));
}

export async function deleteConversation(conversationId: string): Promise<void> {
  unwrap(await api.DELETE('/api/conversations/{conversationId}', { params: { path: { conversationId } } }));
}

/** Every message, oldest first, read in pages. */
/** Whether an answer is being written and which tool call waits for the person (after a reload). */
export async function loadTurnState(conversationId: string): Promise<Schemas['TurnView']> {
  return unwrap(await api.GET('/api/conversations/{conversationId}/turn', { params: { path: { conversationId } } }));
}

export async function loadMessages(conversationId: string): Promise<MessageView[]> {
  const all: MessageView[] = [];
  for (let afterSeq = 0; ; ) {
    const page = unwrap(await api.GET('/api/conversations/{conversationId}/messages', { params: { path: { conversationId }, query: { afterSeq, limit: PAGE_OF_MESSAGES } } }));
    all.push(...page);
    const last = page[page.length - 1];
    if (page.length < PAGE_OF_MESSAGES || !last) return all;
    afterSeq = last.seq;
  }
}

export async function loadSummary(conversationId: string): Promise<SummaryView> {
  return unwrap(await api.GET('/api/conversations/{conversationId}/summary', { params: { path: { conversationId } } }));
}

export async function exportMarkdown(conversationId: string): Promise<string> {
  return unwrap(await api.GET('/api/conversations/{conversationId}/export', { params: { path: { conversationId } }, parseAs: 'text' }));
}

export async function listAgents(projectId: string | undefined): Promise<AgentView[]> {
  return unwrap(await api.GET('/api/agents', { params: { query: projectId ? { projectId } : {} } }));
}

/** The projects a conversation can be bound to (the first hundred, most recently active first). */
export async function listProjects(): Promise<Schemas['ProjectView'][]> {
  return unwrap(await api.GET('/api/projects', { params: { query: { page: 0, size: 100, sort: 'updatedAt,desc' } } })).items;
}

export async function getProject(projectId: string): Promise<Schemas['ProjectView']> {
  return unwrap(await api.GET('/api/projects/{projectId}', { params: { path: { projectId } } }));
}

export async function listFacts(projectId: string): Promise<FactView[]> {
  return unwrap(await api.GET('/api/projects/{projectId}/memory', { params: { path: { projectId } } }));
}

export async function addFact(projectId: string, text: string): Promise<FactView> {
  return unwrap(await api.POST('/api/projects/{projectId}/memory', { params: { path: { projectId } }, body: { text } }));
}

export async function editFact(projectId: string, factId: string, text: string): Promise<FactView> {
  return unwrap(await api.PATCH('/api/projects/{projectId}/memory/{factId}', { params: { path: { projectId, factId } }, body: { text } }));
}

export async function deleteFact(projectId: string, factId: string): Promise<void> {
  unwrap(await api.DELETE('/api/projects/{projectId}/memory/{factId}', { params: { path: { projectId, factId } } }));
}

/**
 * Whether a model provider can answer. Null when the server cannot say (an older server without
 * the endpoint, or a failure): the chat then lets the person try, and shows what sending answers.
 */
export async function loadLlmStatus(projectId: string | undefined): Promise<LlmStatus | null> {
  try {
    const query = projectId ? `?projectId=${encodeURIComponent(projectId)}` : '';
    const response = await session.fetch(new Request(url(turnPaths.llmStatus + query), { headers: { Accept: 'application/json' }, credentials: 'same-origin' }));
    return response.ok ? decodeLlmStatus(await response.json()) : null;
  } catch {
    return null;
  }
}

/**
 * POSTs `body` to a turn endpoint and hands each event of the answering stream to `onEvent` until
 * the server ends it. A refused request (a Problem) is thrown as a ProblemError before any event.
 * Uses fetch and a stream reader, not EventSource, which can neither POST nor send the bearer token.
 */
export async function streamTurn(path: string, body: unknown, onEvent: (event: TurnEvent) => void, signal: AbortSignal): Promise<void> {
  const response = await session.fetch(
    new Request(url(path), {
      method: 'POST',
      headers: { Accept: 'text/event-stream', 'Content-Type': 'application/json' },
      body: JSON.stringify(body ?? {}),
      credentials: 'same-origin',
      signal,
    }),
  );
  if (!response.ok) throw await problemOf(response);
  if (!response.body) return;
  await readServerEvents(
    response.body,
    (event) => {
      const decoded = decodeTurnEvent(event);
      if (decoded) onEvent(decoded);
    },
    signal,
  );
}

/** Asks the server to stop the running turn; false when nothing was running (409). */
export async function stopTurn(conversationId: string): Promise<boolean> {
  const response = await session.fetch(new Request(url(turnPaths.stop(conversationId)), { method: 'POST', credentials: 'same-origin' }));
  if (response.status === 409) return false;
  if (!response.ok) throw await problemOf(response);
  return true;
}
