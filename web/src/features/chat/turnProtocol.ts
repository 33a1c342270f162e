import type { Schemas } from '../../api/client';
import type { ServerEvent } from '../../api/sse';

/*
 * The wire contract of a chat turn's event stream (sending a message, answering a confirmation,
 * retrying): server-sent events, which OpenAPI does not describe, so their types live here, in this
 * one file. Everything the OpenAPI document describes (MessageView, the turn state, the gateway's
 * status) comes from the generated schema.
 */

export type MessageView = Schemas['MessageView'];

/** The longest message the server takes (POST …/messages, `text`: 1 to 20,000 characters). */
export const MAX_MESSAGE_LENGTH = 20_000;

export const turnPaths = {
  /** POST `{text}`: the person's message; answers with the turn's event stream. */
  send: (conversationId: string) => `/api/conversations/${conversationId}/messages`,
  /** POST `{approve}`: the answer to a `confirm` event; the turn's stream continues. */
  confirm: (conversationId: string, toolUseId: string) => `/api/conversations/${conversationId}/confirmations/${encodeURIComponent(toolUseId)}`,
  /** POST: 202 and the streaming answer ends as `stopped`; 409 when nothing runs. */
  stop: (conversationId: string) => `/api/conversations/${conversationId}/stop`,
  /** POST: the last user message is answered again, as an event stream. */
  retry: (conversationId: string) => `/api/conversations/${conversationId}/retry`,
  /** GET `[?projectId=]`: which model providers can be used. */
  llmStatus: '/api/llm/status',
} as const;

export interface SendMessageRequest {
  text: string;
}

export interface ConfirmationRequest {
  approve: boolean;
}

/** Text appended to a streaming message. */
export interface DeltaEvent {
  messageId: string;
  text: string;
}

/** An agent wants to use a tool that changes something; the turn waits for the person. */
export interface ConfirmEvent {
  messageId: string;
  toolUseId: string;
  tool: string;
  input: unknown;
  description: string;
}

export type TurnEndStatus = 'complete' | 'stopped' | 'failed' | 'awaiting-confirmation';

/** The stream's last event. */
export interface DoneEvent {
  status: TurnEndStatus;
  currentAgentId: string;
}

/** One event of a turn's stream, decoded. */
export type TurnEvent =
  | { type: 'message'; message: MessageView }
  | ({ type: 'delta' } & DeltaEvent)
  | { type: 'agent'; agentId: string }
  | ({ type: 'confirm' } & ConfirmEvent)
  | ({ type: 'done' } & DoneEvent);

/** A provider as the gateway's status reports it (more fields may come; only these are read). */
export interface ProviderStatus {
  name: string;
  usable: boolean;
}

/** GET /api/llm/status. */
export interface LlmStatus {
  providers: ProviderStatus[];
  howToConfigure: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isString = (value: unknown): value is string => typeof value === 'string';
const END_STATUSES: readonly string[] = ['complete', 'stopped', 'failed', 'awaiting-confirmation'];

function isMessage(value: unknown): value is MessageView {
  return isRecord(value) && isString(value.id) && typeof value.seq === 'number' && isString(value.role) && isString(value.kind) && isString(value.status);
}

/**
 * Decodes one server-sent event of a turn. Unknown event names and data that does not have the
 * expected shape are skipped (null), so a newer server cannot break an older page.
 */
export function decodeTurnEvent({ event, data }: ServerEvent): TurnEvent | null {
  let body: unknown;
  try {
    body = JSON.parse(data);
  } catch {
    return null;
  }
  if (!isRecord(body)) return null;
  switch (event) {
    case 'message':
      return isMessage(body) ? { type: 'message', message: { ...body, text: body.text ?? '', content: body.content ?? [] } } : null;
    case 'delta':
      return isString(body.messageId) && isString(body.text) ? { type: 'delta', messageId: body.messageId, text: body.text } : null;
    case 'agent':
      return isString(body.agentId) ? { type: 'agent', agentId: body.agentId } : null;
    case 'confirm':
      return isString(body.toolUseId)
        ? {
            type: 'confirm',
            messageId: isString(body.messageId) ? body.messageId : '',
            toolUseId: body.toolUseId,
            tool: isString(body.tool) ? body.tool : 'tool',
            input: body.input ?? {},
            description: isString(body.description) ? body.description : '',
          }
        : null;
    case 'done':
      return isString(body.status) && END_STATUSES.includes(body.status)
        ? { type: 'done', status: body.status as TurnEndStatus, currentAgentId: isString(body.currentAgentId) ? body.currentAgentId : '' }
        : null;
    default:
      return null;
  }
}

/** Reads GET /api/llm/status; null when the answer does not look like one. */
export function decodeLlmStatus(body: unknown): LlmStatus | null {
  if (!isRecord(body) || !Array.isArray(body.providers)) return null;
  const providers = body.providers.filter(isRecord).map((p) => ({ name: isString(p.name) ? p.name : '?', usable: p.usable === true }));
  return { providers, howToConfigure: isString(body.howToConfigure) ? body.howToConfigure : '' };
}

export const hasUsableProvider = (status: LlmStatus): boolean => status.providers.some((p) => p.usable);
