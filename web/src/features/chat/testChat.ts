import type { AgentView, ConversationView, FactView } from './chatApi';
import type { MessageView } from './turnProtocol';

/*
 * Test fixtures for the chat, shaped like the server's answers (AgentView, ConversationView,
 * MessageView) and its turn streams (text/event-stream).
 */

const agent = (id: string, name: string, avatar: string, color: string, persona: string): AgentView => ({
  id, name, avatar, color, persona, enabled: true, handsOffTo: [], models: [], source: 'builtin', systemPrompt: '', tools: [],
});

export const AGENTS: AgentView[] = [
  agent('nexy', 'Nexy', '🧭', '#6366f1', 'Your guide to NEX7.'),
  agent('dev', 'Dev', '🛠️', '#2563eb', 'Code review and architecture.'),
  agent('designer', 'Designer', '🎨', '#db2777', 'UI, UX and copy.'),
  agent('teacher', 'Teacher', '🎓', '#16a34a', 'Explains step by step.'),
  agent('debugger', 'Debugger', '🐞', '#dc2626', 'Finds root causes.'),
];

export const CONVERSATION_ID = 'c0000000-0000-4000-8000-000000000001';
export const PROJECT_ID = 'b0000000-0000-4000-8000-000000000001';

export const conversation = (changes: Partial<ConversationView> = {}): ConversationView => ({
  id: CONVERSATION_ID, title: 'Login trouble', currentAgentId: 'nexy', hasSummary: false, lastSeq: 0,
  createdAt: '2026-11-20T09:00:00Z', updatedAt: new Date().toISOString(), ...changes,
});

export const page = <T>(items: T[]) => ({ items, page: 0, size: 50, totalItems: items.length, totalPages: items.length ? 1 : 0 });

export const project = (myRole: 'owner' | 'editor' | 'viewer') => ({
  id: PROJECT_ID, name: 'Storefront', type: 'web', status: 'active', myRole, createdAt: '2026-01-01T10:00:00Z', updatedAt: '2026-11-01T10:00:00Z',
});

let nextSeq = 1;

/** A message; ids and seqs count up unless given. */
export function message(changes: Partial<MessageView> & Pick<MessageView, 'role'>): MessageView {
  const seq = changes.seq ?? nextSeq++;
  const text = changes.text ?? '';
  return {
    id: `m0000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    seq, kind: 'message', status: 'complete', content: text ? [{ type: 'text', text }] : [], text,
    createdAt: '2026-11-20T09:00:00Z', ...changes,
  };
}

export const userSays = (text: string, seq?: number) => message({ role: 'user', text, seq });
export const agentSays = (agentId: string, text: string, changes: Partial<MessageView> = {}) => message({ role: 'assistant', agentId, text, ...changes });

export const fact = (id: string, text: string, changes: Partial<FactView> = {}): FactView => ({
  id: `f0000000-0000-4000-8000-00000000000${id}`, text, source: 'user', createdBy: 'u1', createdAt: '2026-11-01T10:00:00Z', updatedAt: '2026-11-01T10:00:00Z', ...changes,
});

const encoder = new TextEncoder();
const frame = (name: string, data: unknown) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
const streamHeaders = { 'Content-Type': 'text/event-stream' };

/**
 * A finished turn stream, cut into 7-byte chunks so events (and multi-byte characters) arrive in
 * pieces, with a keep-alive comment first.
 */
export function sse(...events: Array<[string, unknown]>): Response {
  const bytes = encoder.encode(`: keep-alive\n\n${events.map(([name, data]) => frame(name, data)).join('')}`);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 7) controller.enqueue(bytes.slice(i, i + 7));
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: streamHeaders });
}

/** A turn stream the test writes to as it goes. */
export function liveStream() {
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  return {
    respond: () => new Response(body, { status: 200, headers: streamHeaders }),
    send: (name: string, data: unknown) => controller?.enqueue(encoder.encode(frame(name, data))),
    close: () => controller?.close(),
  };
}
