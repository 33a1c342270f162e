package dev.nex7.project;

import dev.nex7.identity.UserId;

/** How other modules check a user's rights in a project. */
public interface ProjectAccess {

    /**
     * Returns the user's role when it includes {@code needed}. A user who is not a member gets
     * {@link ProjectNotFound} (no existence leak); a member with too low a role gets
     * {@link ProjectRoleTooLow}.
     */
    ProjectRole require(ProjectId project, UserId user, ProjectRole needed);

    /** The project as its member sees it; {@link ProjectNotFound} for anyone else. */
    Project describe(ProjectId project, UserId user);

    /**
     * The project's longest-standing owner, for work NEX7 does on the project's behalf (a recovery's
     * model calls are metered to them); empty when the project does not exist.
     */
    java.util.Optional<UserId> firstOwner(ProjectId project);

    /** Every project the user is a member of, with any role. */
    java.util.List<ProjectId> projectsOf(UserId user);
}
