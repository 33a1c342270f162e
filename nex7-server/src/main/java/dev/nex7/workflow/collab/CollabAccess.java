package dev.nex7.workflow.collab;

import org.springframework.stereotype.Component;

import dev.nex7.identity.UserId;
import dev.nex7.project.ProjectAccess;
import dev.nex7.project.ProjectRole;
import dev.nex7.workflow.WorkflowId;
import dev.nex7.workflow.definition.Workflow;
import dev.nex7.workflow.definition.WorkflowLibrary;

/** A user's role in a workflow's project, for tickets and handshakes. */
@Component
class CollabAccess {

    /** What a handshake established: who connects to which workflow, and whether they may edit. */
    record Grant(WorkflowId workflow, UserId user, boolean editor) {
    }

    private final WorkflowLibrary library;
    private final ProjectAccess projects;

    CollabAccess(WorkflowLibrary library, ProjectAccess projects) {
        this.library = library;
        this.projects = projects;
    }

    /** Refuses (403, or 404 for non-members) anyone below editor. */
    void requireEditor(WorkflowId workflow, UserId user) {
        library.require(workflow, user, ProjectRole.EDITOR);
    }

    /**
     * The user's role.
     *
     * @throws dev.nex7.workflow.WorkflowNotFound when there is no such workflow or the user is not a member
     */
    ProjectRole roleIn(WorkflowId workflow, UserId user) {
        Workflow found = library.require(workflow, user, ProjectRole.VIEWER);
        return projects.require(found.projectId(), user, ProjectRole.VIEWER);
    }
}
