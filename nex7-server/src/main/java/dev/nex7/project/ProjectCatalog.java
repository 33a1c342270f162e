package dev.nex7.project;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.nex7.identity.UserId;
import dev.nex7.platform.ApiProblem.FieldError;
import dev.nex7.platform.InvalidRequest;
import dev.nex7.platform.PageQuery;
import dev.nex7.platform.PageView;
import dev.nex7.platform.WebAddress;
import dev.nex7.project.ProjectEvents.ProjectCreated;
import dev.nex7.project.ProjectEvents.ProjectDeleted;
import dev.nex7.project.persistence.ProjectMembers;
import dev.nex7.project.persistence.Projects;
import dev.nex7.project.persistence.Projects.WithRole;

/** Creating, reading, changing and deleting projects, each checked against the caller's role. */
@Service
public class ProjectCatalog implements ProjectAccess {

    /** Sort fields the project list accepts, mapped to columns. */
    public static final Map<String, String> SORTS = Map.of("name", "lower(p.name)", "createdAt", "p.created_at",
            "updatedAt", "p.updated_at", "status", "p.status", "type", "p.type");

    private final Projects projects;
    private final ProjectMembers members;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ProjectCatalog(Projects projects, ProjectMembers members, ApplicationEventPublisher events, Clock clock) {
        this.projects = projects;
        this.members = members;
        this.events = events;
        this.clock = clock;
    }

    /** The fields a caller sets; on update {@code null} means "keep", an empty Optional "clear". */
    public record Changes(Optional<String> name, Optional<String> description, Optional<ProjectType> type,
            Optional<ProjectStatus> status, Optional<String> repositoryUrl, Optional<String> deploymentUrl) {
    }

    @Transactional
    public WithRole create(UserId creator, Changes fields) {
        Instant now = now();
        Project blank = new Project(ProjectId.random(), null, null, null, ProjectStatus.DRAFT, null, null, creator,
                now, now);
        Project project = apply(blank, fields, true);
        projects.insert(project);
        members.add(project.id(), creator, ProjectRole.OWNER, now);
        events.publishEvent(new ProjectCreated(project.id(), creator));
        return new WithRole(project, ProjectRole.OWNER);
    }

    public WithRole get(ProjectId id, UserId user) {
        return projects.findForMember(id, user).orElseThrow(ProjectNotFound::new);
    }

    @Override
    public Project describe(ProjectId id, UserId user) {
        return get(id, user).project();
    }

    public PageView<WithRole> list(UserId user, String nameContains, PageQuery query) {
        if (nameContains != null && nameContains.length() > 100) {
            throw new InvalidRequest("q", "must be at most 100 characters");
        }
        return PageView.of(projects.pageForMember(user, nameContains, query), query,
                projects.countForMember(user, nameContains));
    }

    @Transactional
    public WithRole update(ProjectId id, UserId user, Changes changes) {
        require(id, user, ProjectRole.EDITOR);
        WithRole current = get(id, user);
        Project updated = apply(current.project(), changes, false);
        projects.update(updated);
        return new WithRole(updated, current.role());
    }

    @Transactional
    public void delete(ProjectId id, UserId user) {
        require(id, user, ProjectRole.OWNER);
        projects.delete(id);
        events.publishEvent(new ProjectDeleted(id, user));
    }

    @Override
    public java.util.Optional<UserId> firstOwner(ProjectId project) {
        return members.all(project).stream().filter(member -> member.role() == ProjectRole.OWNER).map(member -> member.userId()).findFirst();
    }

    @Override
    public java.util.List<ProjectId> projectsOf(UserId user) {
        return members.projectsOf(user);
    }

    @Override
    public ProjectRole require(ProjectId project, UserId user, ProjectRole needed) {
        ProjectRole role = members.roleOf(project, user).orElseThrow(ProjectNotFound::new);
        if (!role.includes(needed)) {
            throw new ProjectRoleTooLow(needed);
        }
        return role;
    }

    /** Applies the changes, collecting every invalid field before failing. */
    private Project apply(Project base, Changes changes, boolean creating) {
        List<FieldError> errors = new ArrayList<>();
        String name = pick(changes.name(), base.name());
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            errors.add(new FieldError("name", "must be 1 to 100 characters"));
        }
        String description = pick(changes.description(), base.description());
        if (description != null && description.length() > 2000) {
            errors.add(new FieldError("description", "must be at most 2000 characters"));
        }
        ProjectType type = changes.type() == null ? base.type() : changes.type().orElse(null);
        if (type == null) {
            errors.add(new FieldError("type", creating && changes.type() == null ? "is required" : "must not be null"));
        }
        ProjectStatus status = changes.status() == null ? base.status() : changes.status().orElse(null);
        if (status == null) {
            errors.add(new FieldError("status", "must not be null"));
        }
        String repositoryUrl = url("repositoryUrl", pick(changes.repositoryUrl(), base.repositoryUrl()), errors);
        String deploymentUrl = url("deploymentUrl", pick(changes.deploymentUrl(), base.deploymentUrl()), errors);
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        return new Project(base.id(), name.strip(), description, type, status, repositoryUrl, deploymentUrl,
                base.createdBy(), base.createdAt(), creating ? base.updatedAt() : now());
    }

    private static String pick(Optional<String> change, String current) {
        if (change == null) {
            return current;
        }
        return change.map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
    }

    private static String url(String field, String value, List<FieldError> errors) {
        if (value != null && !WebAddress.isHttp(value)) {
            errors.add(new FieldError(field, "must be an http or https URL"));
        }
        return value;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
