import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { ProjectView } from '../../api/client';
import { fieldErrors, formAlert } from '../../api/problem';
import { useActions } from '../../api/useActions';
import { Alert, ProblemAlert } from '../../ui/Alert';
import { Button, focusRing } from '../../ui/Button';
import { cx } from '../../ui/cx';
import { download } from '../../ui/download';
import { Dialog } from '../../ui/Dialog';
import { TextField } from '../../ui/fields';
import { AgentName } from './AgentAvatar';
import type { AgentLook } from './agents';
import { deleteConversation, exportMarkdown, updateConversation, type ConversationView } from './chatApi';

/** A file name from a title, as the server's export names its download. */
export const fileNameOf = (title: string): string => `${title.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'conversation'}.md`;

function RenameDialog({ conversation, open, onClose, onRenamed }: { conversation: ConversationView; open: boolean; onClose: () => void; onRenamed: (c: ConversationView) => void }) {
  const [title, setTitle] = useState(conversation.title);
  const { busy, problem, run } = useActions();
  const errors = fieldErrors(problem);
  const alert = formAlert(problem, ['title']);
  function submit(event: FormEvent) {
    event.preventDefault();
    void run('rename', async () => onRenamed(await updateConversation(conversation.id, { title: title.trim() })));
  }
  return (
    <Dialog open={open} title="Rename conversation" size="sm" onClose={() => !busy && onClose()}>
      <form onSubmit={submit} className="space-y-4" noValidate>
        {alert && <Alert>{alert}</Alert>}
        <TextField label="Title" value={title} required maxLength={200} onChange={(e) => setTitle(e.target.value)} error={errors.title} data-autofocus />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose} disabled={busy !== null}>
            Cancel
          </Button>
          <Button type="submit" busy={busy === 'rename'} disabled={!title.trim()}>
            Save
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function DeleteDialog({ conversation, open, onClose, onDeleted }: { conversation: ConversationView; open: boolean; onClose: () => void; onDeleted: () => void }) {
  const { busy, problem, run } = useActions();
  return (
    <Dialog
      open={open}
      role="alertdialog"
      size="sm"
      title={`Delete “${conversation.title}”?`}
      description="The conversation and all its messages are removed. Project memory stays. This cannot be undone."
      onClose={() => !busy && onClose()}
    >
      {problem && <ProblemAlert problem={problem} className="mb-4" />}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose} disabled={busy !== null} data-autofocus>
          Cancel
        </Button>
        <Button variant="danger" busy={busy === 'delete'} onClick={() => void run('delete', async () => {
          await deleteConversation(conversation.id);
          onDeleted();
        })}>
          Delete
        </Button>
      </div>
    </Dialog>
  );
}

interface HeaderProps {
  conversation: ConversationView;
  answering: AgentLook;
  projects: readonly ProjectView[];
  memoryOpen: boolean;
  /** The list's query string, kept on the way back. */
  backSearch: string;
  onChanged: (conversation: ConversationView) => void;
  onDeleted: () => void;
  onToggleMemory: () => void;
}

/** Title, who answers, the project binding, and the conversation's actions (rename, export, delete, memory). */
export function ConversationHeader({ conversation, answering, projects, memoryOpen, backSearch, onChanged, onDeleted, onToggleMemory }: HeaderProps) {
  const [dialog, setDialog] = useState<'rename' | 'delete' | null>(null);
  const { busy, problem, run } = useActions();
  const bindingId = useId();
  const bound = conversation.projectId ?? '';
  // A project the person can no longer list still shows as the binding rather than disappearing.
  const options: Array<{ id: string; name: string }> = bound && !projects.some((p) => p.id === bound) ? [...projects, { id: bound, name: 'Another project' }] : [...projects];

  return (
    <header className="space-y-2 border-b border-zinc-200 px-3 py-2.5 sm:px-4 dark:border-zinc-800">
      <div className="flex items-center gap-2">
        <Link to={`/chat${backSearch}`} className={cx('rounded-md px-1.5 py-1 text-sm text-zinc-600 hover:bg-zinc-100 md:hidden dark:text-zinc-400 dark:hover:bg-zinc-800', focusRing)} aria-label="Back to conversations">
          ←
        </Link>
        <h2 className="min-w-0 flex-1 truncate text-base font-semibold text-zinc-900 dark:text-zinc-50">{conversation.title}</h2>
        <span className="hidden text-xs text-zinc-500 sm:inline dark:text-zinc-400">
          <AgentName look={answering} /> answers
        </span>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={bindingId} className="sr-only">
          Project
        </label>
        <select
          id={bindingId}
          value={bound}
          disabled={busy === 'bind'}
          onChange={(e) => {
            const projectId = e.target.value || null;
            void run('bind', async () => onChanged(await updateConversation(conversation.id, { projectId })));
          }}
          className="h-8 max-w-48 rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 focus:outline-2 focus:outline-indigo-500 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
        >
          <option value="">No project</option>
          {options.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <div className="ml-auto flex flex-wrap gap-1">
          <Button variant="ghost" size="sm" onClick={() => setDialog('rename')}>
            Rename
          </Button>
          <Button variant="ghost" size="sm" busy={busy === 'export'} onClick={() => void run('export', async () => download(fileNameOf(conversation.title), await exportMarkdown(conversation.id), 'text/markdown;charset=utf-8'))}>
            Export
          </Button>
          <Button variant="ghost" size="sm" onClick={() => setDialog('delete')}>
            Delete
          </Button>
          <Button variant={memoryOpen ? 'secondary' : 'ghost'} size="sm" aria-expanded={memoryOpen} onClick={onToggleMemory}>
            Memory
          </Button>
        </div>
      </div>
      {problem && <ProblemAlert problem={problem} />}
      {dialog === 'rename' && (
        <RenameDialog
          conversation={conversation}
          open
          onClose={() => setDialog(null)}
          onRenamed={(c) => {
            setDialog(null);
            onChanged(c);
          }}
        />
      )}
      <DeleteDialog conversation={conversation} open={dialog === 'delete'} onClose={() => setDialog(null)} onDeleted={onDeleted} />
    </header>
  );
}
