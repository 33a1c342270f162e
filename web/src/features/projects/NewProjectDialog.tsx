import type { ProjectView } from '../../api/client';
import { unwrap } from '../../api/problem';
import { api } from '../auth/session';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { EMPTY_PROJECT, ProjectForm, toCreateRequest } from './ProjectForm';

export function NewProjectDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (project: ProjectView) => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="New project" description="You will be the owner and can invite teammates afterwards." size="lg">
      <ProjectForm
        initial={EMPTY_PROJECT}
        submitLabel="Create project"
        onSubmit={async (values) => {
          const created = unwrap(await api.POST('/api/projects', { body: toCreateRequest(values) }));
          onCreated(created);
        }}
        secondary={
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
        }
      />
    </Dialog>
  );
}
