import type { ConfirmEvent, DoneEvent, MessageView, TurnEvent } from './turnProtocol';

/** What the chat shows of a conversation, built from the stored messages and a turn's events. */
export interface Transcript {
  /** Every message by seq, a consultation's inner messages included (they carry `parentId`). */
  messages: MessageView[];
  /** Text that arrived for a message before the message itself (applied when it does). */
  early: Record<string, string>;
  currentAgentId: string | null;
  /** The tool use waiting for the person's approval. */
  confirm: ConfirmEvent | null;
  /** How the last turn ended. */
  done: DoneEvent | null;
  /** The answer that just stopped streaming, for the screen-reader announcement. */
  finished: MessageView | null;
}

export type TranscriptAction =
  | { type: 'loaded'; messages: MessageView[] }
  | { type: 'event'; event: TurnEvent }
  | { type: 'confirm-answered' }
  | { type: 'agent'; agentId: string };

export const emptyTranscript: Transcript = { messages: [], early: {}, currentAgentId: null, confirm: null, done: null, finished: null };

const bySeq = (a: MessageView, b: MessageView) => a.seq - b.seq;

/**
 * Puts a message in its place, replacing an older version of it. While a message streams, the
 * client may already hold more text than a version the server sent earlier: the longer text stays.
 */
function upsert(messages: MessageView[], incoming: MessageView): MessageView[] {
  const index = messages.findIndex((m) => m.id === incoming.id);
  if (index < 0) return [...messages, incoming].sort(bySeq);
  const existing = messages[index] as MessageView;
  const keepText = incoming.status === 'streaming' && existing.text.length > incoming.text.length && existing.text.startsWith(incoming.text);
  const next = [...messages];
  next[index] = keepText ? { ...incoming, text: existing.text } : incoming;
  return next;
}

function applyEvent(state: Transcript, event: TurnEvent): Transcript {
  switch (event.type) {
    case 'message': {
      const pending = state.early[event.message.id];
      const message = pending ? { ...event.message, text: event.message.text + pending } : event.message;
      const { [event.message.id]: _applied, ...early } = state.early;
      const before = state.messages.find((m) => m.id === message.id);
      const answered = message.role === 'assistant' && message.kind === 'message' && message.status !== 'streaming';
      const finished = answered && (!before || before.status === 'streaming') ? message : state.finished;
      return { ...state, early, messages: upsert(state.messages, message), finished };
    }
    case 'delta': {
      const index = state.messages.findIndex((m) => m.id === event.messageId);
      if (index < 0) return { ...state, early: { ...state.early, [event.messageId]: (state.early[event.messageId] ?? '') + event.text } };
      const messages = [...state.messages];
      const message = messages[index] as MessageView;
      messages[index] = { ...message, text: message.text + event.text };
      return { ...state, messages };
    }
    case 'agent':
      return { ...state, currentAgentId: event.agentId };
    case 'confirm': {
      const { type: _type, ...confirm } = event;
      return { ...state, confirm };
    }
    case 'done': {
      const { type: _type, ...done } = event;
      return { ...state, done, currentAgentId: done.currentAgentId || state.currentAgentId, confirm: done.status === 'awaiting-confirmation' ? state.confirm : null };
    }
  }
}

export function transcriptReducer(state: Transcript, action: TranscriptAction): Transcript {
  switch (action.type) {
    case 'loaded':
      return { ...emptyTranscript, messages: [...action.messages].sort(bySeq), currentAgentId: state.currentAgentId };
    case 'event':
      return applyEvent(state, action.event);
    case 'confirm-answered':
      return { ...state, confirm: null };
    case 'agent':
      return { ...state, currentAgentId: action.agentId };
  }
}

/** The conversation's own messages, and each consultation's inner messages by the consultation's id. */
export function threads(messages: readonly MessageView[]): { top: MessageView[]; inner: Map<string, MessageView[]> } {
  const top: MessageView[] = [];
  const inner = new Map<string, MessageView[]>();
  for (const message of messages) {
    if (!message.parentId) top.push(message);
    else {
      const list = inner.get(message.parentId);
      if (list) list.push(message);
      else inner.set(message.parentId, [message]);
    }
  }
  return { top, inner };
}
