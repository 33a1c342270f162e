import { useState, type FormEvent } from 'react';
import type { ProjectView } from '../../api/client';
import { useActions } from '../../api/useActions';
import { useQuery } from '../../api/useQuery';
import { ProblemAlert } from '../../ui/Alert';
import { Badge } from '../../ui/Badge';
import { Button, Spinner } from '../../ui/Button';
import { TextAreaField } from '../../ui/fields';
import { timeAgo } from '../../ui/format';
import { canEdit } from '../projects/meta';
import { lookOf } from './agents';
import { addFact, deleteFact, editFact, listFacts, loadSummary, type AgentView, type FactView, type SummaryView } from './chatApi';

const FACT_MAX = 1000;

/** The rolling summary of the older messages, read only when asked for. */
function SummarySection({ conversationId }: { conversationId: string }) {
  const [summary, setSummary] = useState<SummaryView | null>(null);
  const { busy, problem, run } = useActions();
  return (
    <section aria-labelledby="chat-summary-heading" className="space-y-2">
      <h3 id="chat-summary-heading" className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
        Conversation summary
      </h3>
      {problem && <ProblemAlert problem={problem} />}
      {summary ? (
        summary.text ? (
          <p className="rounded-md bg-zinc-50 p-2 text-sm whitespace-pre-wrap text-zinc-700 dark:bg-zinc-900 dark:text-zinc-300">{summary.text}</p>
        ) : (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">No summary yet: the agents still read the whole conversation.</p>
        )
      ) : (
        <Button variant="secondary" size="sm" busy={busy === 'summary'} onClick={() => void run('summary', async () => setSummary(await loadSummary(conversationId)))}>
          Show summary
        </Button>
      )}
      {summary?.text && <p className="text-xs text-zinc-500">Covers the messages up to #{summary.throughSeq}; newer ones are read in full.</p>}
    </section>
  );
}

function FactItem({ fact, agents, editable, onSave, onDelete, busy }: {
  fact: FactView;
  agents: readonly AgentView[];
  editable: boolean;
  onSave: (text: string) => Promise<boolean>;
  onDelete: () => void;
  busy: string | null;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const origin = fact.source === 'agent' ? `learned by ${lookOf(agents, fact.agentId).name}` : 'added by a person';
  if (draft !== null) {
    return (
      <form
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          void onSave(draft.trim()).then((saved) => saved && setDraft(null));
        }}
      >
        <TextAreaField label="Edit fact" value={draft} maxLength={FACT_MAX} onChange={(e) => setDraft(e.target.value)} data-autofocus />
        <div className="flex gap-2">
          <Button type="submit" size="sm" busy={busy === `save:${fact.id}`} disabled={!draft.trim()}>
            Save
          </Button>
          <Button variant="ghost" size="sm" onClick={() => setDraft(null)}>
            Cancel
          </Button>
        </div>
      </form>
    );
  }
  return (
    <div className="space-y-1">
      <p className="text-sm whitespace-pre-wrap text-zinc-800 dark:text-zinc-200">{fact.text}</p>
      <p className="flex flex-wrap items-center gap-2 text-xs text-zinc-500 dark:text-zinc-400">
        <Badge tone={fact.source === 'agent' ? 'indigo' : 'neutral'}>{origin}</Badge>
        <span>{timeAgo(fact.updatedAt)}</span>
        {editable && (
          <span className="ml-auto flex gap-1">
            <Button variant="ghost" size="sm" onClick={() => setDraft(fact.text)} aria-label={`Edit fact: ${fact.text}`}>
              Edit
            </Button>
            <Button variant="ghost" size="sm" busy={busy === `delete:${fact.id}`} onClick={onDelete} aria-label={`Delete fact: ${fact.text}`}>
              Delete
            </Button>
          </span>
        )}
      </p>
    </div>
  );
}

/** What the agents remember of a project; editors and owners change it, viewers read it. */
function ProjectFacts({ project, agents }: { project: ProjectView; agents: readonly AgentView[] }) {
  const facts = useQuery<FactView[]>(`facts:${project.id}`, () => listFacts(project.id));
  const { busy, problem, run } = useActions();
  const [text, setText] = useState('');
  const editable = canEdit(project.myRole);
  const list = facts.data ?? [];

  function add(event: FormEvent) {
    event.preventDefault();
    void run('add', async () => {
      const fact = await addFact(project.id, text.trim());
      facts.setData([...list, fact]);
      setText('');
    });
  }

  async function save(fact: FactView, next: string): Promise<boolean> {
    let saved = false;
    await run(`save:${fact.id}`, async () => {
      const updated = await editFact(project.id, fact.id, next);
      facts.setData(list.map((f) => (f.id === updated.id ? updated : f)));
      saved = true;
    });
    return saved;
  }

  return (
    <section aria-labelledby="chat-facts-heading" className="space-y-3">
      <div>
        <h3 id="chat-facts-heading" className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
          Project memory · {project.name}
        </h3>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          {editable ? 'Facts every agent keeps in mind in this project’s conversations.' : 'You can read this project’s memory; editors and owners can change it.'}
        </p>
      </div>
      {problem && <ProblemAlert problem={problem} />}
      {facts.problem && <ProblemAlert problem={facts.problem} />}
      {facts.loading && !facts.data ? (
        <p className="flex items-center gap-2 text-sm text-zinc-500" role="status">
          <Spinner /> Loading memory…
        </p>
      ) : list.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">Nothing remembered yet.</p>
      ) : (
        <ul aria-label="Memory facts" className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {list.map((fact) => (
            <li key={fact.id} className="py-2">
              <FactItem
                fact={fact}
                agents={agents}
                editable={editable}
                busy={busy}
                onSave={(next) => save(fact, next)}
                onDelete={() =>
                  void run(`delete:${fact.id}`, async () => {
                    await deleteFact(project.id, fact.id);
                    facts.setData(list.filter((f) => f.id !== fact.id));
                  })
                }
              />
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <form onSubmit={add} className="space-y-2">
          <TextAreaField label="New fact" placeholder="The API is versioned under /v2." value={text} maxLength={FACT_MAX} onChange={(e) => setText(e.target.value)} />
          <Button type="submit" size="sm" busy={busy === 'add'} disabled={!text.trim()}>
            Add fact
          </Button>
        </form>
      )}
    </section>
  );
}

/** The memory panel: the conversation's summary on demand and, for a project-bound one, the project's facts. */
export function MemoryPanel({ conversationId, project, agents, onClose }: { conversationId: string; project: ProjectView | null; agents: readonly AgentView[]; onClose: () => void }) {
  return (
    <aside aria-label="Memory" className="fixed inset-0 z-40 flex flex-col bg-white lg:static lg:z-auto lg:w-80 lg:shrink-0 lg:border-l lg:border-zinc-200 dark:bg-zinc-950 dark:lg:border-zinc-800">
      <div className="flex items-center justify-between border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
        <h2 className="text-base font-semibold text-zinc-900 dark:text-zinc-50">Memory</h2>
        <Button variant="ghost" size="sm" onClick={onClose}>
          Close
        </Button>
      </div>
      <div className="min-h-0 flex-1 space-y-6 overflow-y-auto p-4">
        <SummarySection conversationId={conversationId} />
        {project ? <ProjectFacts project={project} agents={agents} /> : <p className="text-sm text-zinc-500 dark:text-zinc-400">Bind this conversation to a project to see and edit what the agents remember about it.</p>}
      </div>
    </aside>
  );
}
