import { useLayoutEffect, useRef, useState } from 'react';
import type { ProjectView } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { ProblemAlert } from '../../ui/Alert';
import { Button, Spinner } from '../../ui/Button';
import { AgentName } from './AgentAvatar';
import { lookOf } from './agents';
import { getConversation, getProject, listAgents, loadLlmStatus, type AgentView, type ConversationView } from './chatApi';
import { Composer } from './Composer';
import { ConversationHeader } from './ConversationHeader';
import { Markdown } from './Markdown';
import { MemoryPanel } from './MemoryPanel';
import { MessageList } from './MessageList';
import { threads, type Transcript } from './transcript';
import { hasUsableProvider, type ConfirmEvent, type LlmStatus } from './turnProtocol';
import { useChat } from './useChat';

function ConfirmCard({ confirm, agents, transcript, onAnswer }: { confirm: ConfirmEvent; agents: readonly AgentView[]; transcript: Transcript; onAnswer: (approve: boolean) => void }) {
  const asking = transcript.messages.find((m) => m.id === confirm.messageId)?.agentId ?? transcript.currentAgentId;
  return (
    <div role="group" aria-label="Confirm the action" className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100">
      <p className="leading-7">
        <AgentName look={lookOf(agents, asking)} /> wants to use <code className="font-mono">{confirm.tool}</code>
        {confirm.description ? `: ${confirm.description}` : ''}
      </p>
      <details>
        <summary className="cursor-pointer text-xs">Input</summary>
        <pre className="mt-1 max-h-60 overflow-auto rounded bg-white/70 p-2 font-mono text-xs dark:bg-zinc-900">{JSON.stringify(confirm.input, null, 2)}</pre>
      </details>
      <div className="flex gap-2">
        <Button size="sm" onClick={() => onAnswer(true)}>
          Approve
        </Button>
        <Button size="sm" variant="secondary" onClick={() => onAnswer(false)}>
          Reject
        </Button>
      </div>
    </div>
  );
}

function NotConfigured({ status }: { status: LlmStatus }) {
  return (
    <div role="note" className="space-y-2 rounded-lg border border-zinc-300 bg-white p-4 text-sm dark:border-zinc-700 dark:bg-zinc-900">
      <p className="font-semibold text-zinc-900 dark:text-zinc-100">No AI model is configured yet</p>
      <p className="text-zinc-600 dark:text-zinc-400">The agents need a model provider to answer. Everything else in NEX7 works without one.</p>
      {status.howToConfigure && <Markdown text={status.howToConfigure} />}
    </div>
  );
}

/** The screen-reader announcement of the answer that just ended (never each streamed token). */
function announcementOf(transcript: Transcript, agents: readonly AgentView[]): string {
  const message = transcript.finished;
  if (!message) return '';
  const name = lookOf(agents, message.agentId).name;
  if (message.status === 'stopped') return `${name} stopped: ${message.text.slice(0, 300)}`;
  if (message.status === 'failed') return `${name}'s answer failed.`;
  return `${name} answered: ${message.text.slice(0, 300)}`;
}

function OpenConversation({ initial, projects, backSearch, onChanged, onDeleted }: {
  initial: ConversationView;
  projects: readonly ProjectView[];
  backSearch: string;
  onChanged: () => void;
  onDeleted: () => void;
}) {
  const [conversation, setConversation] = useState(initial);
  const [draft, setDraft] = useState('');
  const [memoryOpen, setMemoryOpen] = useState(false);
  const projectId = conversation.projectId ?? '';
  const agentsQuery = useQuery<AgentView[]>(`agents:${projectId}`, () => listAgents(projectId || undefined));
  const llm = useQuery<LlmStatus | null>(`llm:${projectId}`, () => loadLlmStatus(projectId || undefined));
  const project = useQuery<ProjectView | null>(`project:${projectId}`, async () => (projectId ? getProject(projectId) : null));
  // After a turn the server may have retitled the conversation; the list moves it to the top.
  const afterTurn = () => {
    void getConversation(initial.id).then(setConversation, () => undefined);
    onChanged();
  };
  const chat = useChat(conversation.id, conversation.currentAgentId, afterTurn);
  const { transcript, phase } = chat;
  const agents = agentsQuery.data ?? [];
  const log = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);

  // Follow the newest text unless the person scrolled up to read something older.
  useLayoutEffect(() => {
    const el = log.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [transcript.messages, transcript.confirm]);

  const unusable = llm.data ? !hasUsableProvider(llm.data) : false;
  const streaming = phase !== 'idle';
  const { top } = threads(transcript.messages);
  const last = top[top.length - 1];
  const canRetry = !streaming && !transcript.confirm && !unusable && top.some((m) => m.role === 'user') && last?.status !== 'streaming';
  const blockedBecause = chat.loading
    ? 'Loading the conversation…'
    : streaming
    ? 'An agent is answering. Stop it to write again.'
    : transcript.confirm
      ? 'Approve or reject the action above first.'
      : unusable
        ? 'Configure a model provider to chat (see above).'
        : null;

  async function send(text: string) {
    setDraft('');
    const accepted = await chat.send(text);
    if (!accepted) setDraft((current) => current || text);
  }

  function changed(next: ConversationView) {
    setConversation(next);
    if (next.currentAgentId !== conversation.currentAgentId) chat.setAgent(next.currentAgentId);
    onChanged();
  }

  return (
    <div className="flex min-h-0 min-w-0 flex-1">
      <section aria-label={conversation.title} className="flex min-h-0 min-w-0 flex-1 flex-col">
        <ConversationHeader
          conversation={conversation}
          answering={lookOf(agents, transcript.currentAgentId ?? conversation.currentAgentId)}
          projects={projects}
          memoryOpen={memoryOpen}
          backSearch={backSearch}
          onChanged={changed}
          onDeleted={onDeleted}
          onToggleMemory={() => setMemoryOpen((o) => !o)}
        />
        <div
          ref={log}
          role="log"
          aria-label="Messages"
          aria-live="off"
          tabIndex={0}
          onScroll={(e) => {
            const el = e.currentTarget;
            pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
          }}
          className="min-h-0 flex-1 space-y-4 overflow-y-auto px-3 py-4 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-500 sm:px-6"
        >
          {chat.loading && (
            <p className="flex items-center gap-2 text-sm text-zinc-500" role="status">
              <Spinner /> Loading messages…
            </p>
          )}
          {!chat.loading && transcript.messages.length === 0 && !unusable && (
            <p className="py-8 text-center text-sm text-zinc-500 dark:text-zinc-400">
              Ask anything. Start with <code className="font-mono">@</code> to address a specific agent.
            </p>
          )}
          <MessageList messages={transcript.messages} agents={agents} />
          {transcript.confirm && <ConfirmCard confirm={transcript.confirm} agents={agents} transcript={transcript} onAnswer={(approve) => void chat.answer(approve)} />}
          {unusable && llm.data && <NotConfigured status={llm.data} />}
          {canRetry && (
            <div className="flex justify-end">
              <Button variant="ghost" size="sm" onClick={() => void chat.retry()}>
                Retry
              </Button>
            </div>
          )}
        </div>
        <p role="status" className="sr-only">
          {announcementOf(transcript, agents)}
        </p>
        {chat.problem && (
          <div className="px-3 pb-2 sm:px-4">
            <ProblemAlert problem={chat.problem} />
          </div>
        )}
        <Composer
          value={draft}
          onChange={setDraft}
          onSend={(text) => void send(text)}
          onStop={() => void chat.stop()}
          agents={agents}
          currentAgentId={transcript.currentAgentId ?? conversation.currentAgentId}
          streaming={streaming}
          stopping={phase === 'stopping'}
          blockedBecause={blockedBecause}
        />
      </section>
      {memoryOpen && <MemoryPanel conversationId={conversation.id} project={project.data ?? null} agents={agents} onClose={() => setMemoryOpen(false)} />}
    </div>
  );
}

/** One conversation, loaded by id. */
export function ConversationPane({ conversationId, projects, backSearch, onChanged, onDeleted }: {
  conversationId: string;
  projects: readonly ProjectView[];
  backSearch: string;
  onChanged: () => void;
  onDeleted: () => void;
}) {
  const query = useQuery<ConversationView>(conversationId, () => getConversation(conversationId));
  if (query.problem) {
    const notFound = query.problem.status === 404 || query.problem.status === 400;
    return (
      <div className="mx-auto max-w-md flex-1 px-4 py-16 text-center">
        <h2 className="text-lg font-semibold">{notFound ? 'Conversation not found' : 'Could not load the conversation'}</h2>
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{notFound ? 'It may have been deleted.' : (query.problem.detail ?? query.problem.title)}</p>
      </div>
    );
  }
  if (!query.data || query.data.id !== conversationId) {
    return (
      <p className="flex flex-1 items-center justify-center gap-2 text-sm text-zinc-500" role="status">
        <Spinner /> Loading the conversation…
      </p>
    );
  }
  return <OpenConversation key={conversationId} initial={query.data} projects={projects} backSearch={backSearch} onChanged={onChanged} onDeleted={onDeleted} />;
}
