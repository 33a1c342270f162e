import { useState } from 'react';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import type { ProjectView } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { Button } from '../../ui/Button';
import { listAgents, listProjects, type AgentView } from './chatApi';
import { ConversationPane } from './Conversation';
import { ConversationList } from './ConversationList';
import { NewConversationDialog } from './NewConversationDialog';

/**
 * The chat: the conversation list beside the open conversation. On a phone one of the two is
 * shown at a time: the list at /chat, the conversation at /chat/:id with a way back.
 */
export function ChatPage() {
  const { conversationId } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const [version, setVersion] = useState(0);
  const [creating, setCreating] = useState(false);
  const agents = useQuery<AgentView[]>('agents', () => listAgents(undefined));
  const projects = useQuery<ProjectView[]>('projects', listProjects);
  const projectList = projects.data ?? [];
  const refresh = () => setVersion((v) => v + 1);

  return (
    <div className="flex min-h-0 flex-1">
      <ConversationList
        selectedId={conversationId}
        agents={agents.data ?? []}
        projects={projectList}
        version={version}
        onNew={() => setCreating(true)}
        className={conversationId ? 'hidden md:flex' : 'flex w-full'}
      />
      {conversationId ? (
        <ConversationPane
          key={conversationId}
          conversationId={conversationId}
          projects={projectList}
          backSearch={location.search}
          onChanged={refresh}
          onDeleted={() => {
            refresh();
            navigate(`/chat${location.search}`, { replace: true });
          }}
        />
      ) : (
        <div className="hidden flex-1 flex-col items-center justify-center gap-3 p-8 text-center md:flex">
          <p className="text-4xl" aria-hidden="true">
            💬
          </p>
          <h2 className="text-lg font-semibold text-zinc-900 dark:text-zinc-50">Ask the agents for help</h2>
          <p className="max-w-sm text-sm text-zinc-600 dark:text-zinc-400">Nexy guides you and hands over to Dev, Designer, Teacher or Debugger when their skills fit better.</p>
          <Button onClick={() => setCreating(true)}>Start a conversation</Button>
        </div>
      )}
      <NewConversationDialog
        open={creating}
        projects={projectList}
        initialProjectId={params.get('project') ?? ''}
        onClose={() => setCreating(false)}
        onCreated={(conversation) => {
          setCreating(false);
          refresh();
          navigate(`/chat/${conversation.id}${location.search}`);
        }}
      />
    </div>
  );
}
