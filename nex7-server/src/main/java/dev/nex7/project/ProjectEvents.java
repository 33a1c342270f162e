package dev.nex7.project;

import dev.nex7.identity.UserId;

/** What happens to projects, for other modules to react to. */
public final class ProjectEvents {

    private ProjectEvents() {
    }

    public record ProjectCreated(ProjectId projectId, UserId createdBy) {
    }

    public record ProjectDeleted(ProjectId projectId, UserId deletedBy) {
    }

    public record MemberAdded(ProjectId projectId, UserId userId, ProjectRole role) {
    }

    public record MemberRoleChanged(ProjectId projectId, UserId userId, ProjectRole role) {
    }

    public record MemberRemoved(ProjectId projectId, UserId userId) {
    }
}
