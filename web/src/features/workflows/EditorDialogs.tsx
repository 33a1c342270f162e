import { useState } from 'react';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { TextField } from '../../ui/fields';
import type { Json } from './api';
import { SHORTCUTS } from './canvas/shortcuts';
import { parseJsonField } from './inspector/schemaFields';

/** The keyboard shortcut help panel (?). */
export function ShortcutsHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} title="Keyboard shortcuts" onClose={onClose}>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
        {SHORTCUTS.map((s) => (
          <div key={s.action} className="contents">
            <dt>
              <kbd className="rounded border border-zinc-300 bg-zinc-50 px-1.5 py-0.5 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-800">{s.keys}</kbd>
            </dt>
            <dd className="text-zinc-700 dark:text-zinc-300">{s.label}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 text-xs text-zinc-500">On a Mac, Cmd works wherever Ctrl is listed. Drag with Shift to select several nodes.</p>
      <div className="mt-4 flex justify-end">
        <Button variant="secondary" onClick={onClose} data-autofocus>
          Close
        </Button>
      </div>
    </Dialog>
  );
}

/** Starts a run of the draft, with optional JSON input for the trigger. */
export function RunDialog({ open, onClose, onRun }: { open: boolean; onClose: () => void; onRun: (input: Json | undefined) => void }) {
  const [text, setText] = useState('');
  const parsed = parseJsonField(text);
  return (
    <Dialog open={open} title="Run the workflow" description="The draft runs now. Pinned node outputs are used instead of running those nodes." onClose={onClose}>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (parsed.ok) onRun(parsed.value);
        }}
      >
        <label htmlFor="run-input" className="block text-sm font-medium">
          Input (JSON, optional)
        </label>
        <textarea
          id="run-input"
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={6}
          aria-invalid={!parsed.ok || undefined}
          aria-describedby={!parsed.ok ? 'run-input-error' : undefined}
          placeholder='{"body": {"name": "Ada"}}'
          className="block w-full rounded-md border border-zinc-300 bg-white p-2 font-mono text-xs focus:outline-2 focus:outline-indigo-500 dark:border-zinc-700 dark:bg-zinc-900"
        />
        {!parsed.ok && (
          <p id="run-input-error" role="alert" className="text-xs text-red-600">
            {parsed.error}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={!parsed.ok}>
            Start run
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** Saves the draft as a version with a message; onSave answers the reason it was refused, or null. */
export function SaveVersionDialog({ open, onClose, onSave }: { open: boolean; onClose: () => void; onSave: (message: string) => Promise<string | null> }) {
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog open={open} title="Save a version" description="A version is what triggers run once activated. An invalid draft cannot be saved as a version." onClose={() => !busy && onClose()}>
      <form
        className="space-y-3"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(await onSave(message.trim()));
          setBusy(false);
        }}
      >
        {error && <Alert>{error}</Alert>}
        <TextField label="Message" value={message} onChange={(e) => setMessage(e.target.value)} maxLength={500} placeholder="What changed?" data-autofocus />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" busy={busy}>
            Save version
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
