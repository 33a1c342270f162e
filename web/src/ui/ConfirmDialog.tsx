import type { ReactNode } from 'react';
import { useActions } from '../api/useActions';
import { ProblemAlert } from './Alert';
import { Button } from './Button';
import { Dialog } from './Dialog';

/**
 * Asks before something that cannot be undone (mount it to open it). Cancel has the focus; a
 * refusal from the server is shown in the dialog, which stays open.
 */
export function ConfirmDialog({ title, description, confirmLabel, onConfirm, onCancel }: {
  title: string;
  description: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  onCancel: () => void;
}) {
  const action = useActions();
  const busy = action.busy !== null;
  return (
    <Dialog open role="alertdialog" size="sm" title={title} description={description} onClose={() => !busy && onCancel()}>
      {action.problem && <ProblemAlert className="mb-4" problem={action.problem} />}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel} disabled={busy} data-autofocus>
          Cancel
        </Button>
        <Button variant="danger" busy={busy} onClick={() => void action.run('confirm', onConfirm)}>
          {confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}
