package dev.nex7.workflow.definition;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.nex7.identity.UserId;
import dev.nex7.platform.InvalidRequest;
import dev.nex7.platform.PageQuery;
import dev.nex7.platform.PageView;
import dev.nex7.project.ProjectAccess;
import dev.nex7.project.ProjectEvents.ProjectDeleted;
import dev.nex7.project.ProjectId;
import dev.nex7.project.ProjectRole;
import dev.nex7.workflow.WorkflowEvents;
import dev.nex7.workflow.WorkflowId;
import dev.nex7.workflow.WorkflowNotFound;
import dev.nex7.workflow.catalog.ValidationProblem;
import dev.nex7.workflow.catalog.WorkflowValidator;
import dev.nex7.workflow.persistence.WorkflowVersions;
import dev.nex7.workflow.persistence.Workflows;

/**
 * Workflows of projects: create, edit the draft under optimistic locking, save and restore versions,
 * diff, import and export. Project roles apply: viewers read, editors edit, owners delete.
 */
@Service
public class WorkflowLibrary {

    public static final Map<String, String> SORTS = Map.of("name", "name", "createdAt", "created_at", "updatedAt", "updated_at");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Workflows workflows;
    private final WorkflowVersions versions;
    private final ProjectAccess access;
    private final WorkflowValidator validator;
    private final CredentialCheck credentials;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    /** Resolves credential ids to kinds within a project, for validation. */
    public interface CredentialCheck {
        WorkflowValidator.CredentialKinds in(ProjectId project);
    }

    WorkflowLibrary(Workflows workflows, WorkflowVersions versions, ProjectAccess access, WorkflowValidator validator,
            CredentialCheck credentials, Clock clock, ApplicationEventPublisher events) {
        this.workflows = workflows;
        this.versions = versions;
        this.access = access;
        this.validator = validator;
        this.credentials = credentials;
        this.events = events;
        this.clock = clock;
    }

    /** The workflow, when the user has at least {@code role} in its project; otherwise not found / too low. */
    public Workflow require(WorkflowId id, UserId user, ProjectRole role) {
        Workflow workflow = workflows.find(id).orElseThrow(WorkflowNotFound::new);
        try {
            access.require(workflow.projectId(), user, role);
        } catch (dev.nex7.project.ProjectNotFound notMember) {
            throw new WorkflowNotFound();
        }
        return workflow;
    }

    public PageView<Workflow> list(ProjectId project, UserId user, String query, PageQuery page) {
        access.require(project, user, ProjectRole.VIEWER);
        String q = query == null || query.isBlank() ? null : query.strip();
        long total = workflows.count(project, q);
        return new PageView<>(workflows.list(project, q, page), page.page(), page.size(), total,
                (int) ((total + page.size() - 1) / page.size()));
    }

    @Transactional
    public Workflow create(ProjectId project, UserId user, String name, String description, WorkflowDefinition definition) {
        access.require(project, user, ProjectRole.EDITOR);
        var now = clock.instant();
        Workflow workflow = new Workflow(WorkflowId.random(), project, checkName(name), checkDescription(description),
                definition == null ? WorkflowDefinition.empty() : definition, 1, null, newWebhookToken(), user, now, user, now);
        workflows.insert(workflow);
        return workflow;
    }

    /** Replaces the draft (and optionally name/description) if {@code ifMatch} is the current ETag. */
    @Transactional
    public Workflow saveDraft(WorkflowId id, UserId user, String ifMatch, String name, String description, WorkflowDefinition draft) {
        return save(id, user, ifMatch, name, description, draft, false);
    }

    /**
     * Saves the merged state of the collaborative document as the draft, attributed to the last person
     * who edited it: the same checks and revision bump as {@link #saveDraft}, but the {@link DraftSaved}
     * event says it came from the document, so the collaboration server does not relay it back.
     */
    @Transactional
    public Workflow saveMergedDraft(WorkflowId id, UserId user, String ifMatch, WorkflowDefinition draft) {
        return save(id, user, ifMatch, null, null, draft, true);
    }

    private Workflow save(WorkflowId id, UserId user, String ifMatch, String name, String description, WorkflowDefinition draft,
            boolean merged) {
        Workflow current = require(id, user, ProjectRole.EDITOR);
        long expected = revision(ifMatch, current);
        Workflow changed = new Workflow(current.id(), current.projectId(), name == null ? current.name() : checkName(name),
                description == null ? current.description() : checkDescription(description),
                draft == null ? current.draft() : draft, expected + 1, current.activeVersion(), current.webhookToken(),
                current.createdBy(), current.createdAt(), user, clock.instant());
        if (!workflows.updateDraft(changed, expected)) {
            throw new DraftChanged(workflows.find(id).map(Workflow::draftRevision).orElse(expected));
        }
        events.publishEvent(new DraftSaved(id, changed.draftRevision(), user, merged));
        return changed;
    }

    @Transactional
    public void delete(WorkflowId id, UserId user) {
        Workflow deleted = require(id, user, ProjectRole.OWNER);
        // Whatever listens to activations (webhook routes, schedules) lets go of it.
        events.publishEvent(new WorkflowEvents.WorkflowActivated(id, deleted.projectId(), null));
        workflows.delete(id);
    }

    public List<ValidationProblem> validate(Workflow workflow, WorkflowDefinition definition) {
        return validator.validate(definition, credentials.in(workflow.projectId()));
    }

    /** Fails with every problem when the definition has errors; returns the warnings otherwise. */
    public List<ValidationProblem> requireValid(Workflow workflow, WorkflowDefinition definition) {
        List<ValidationProblem> problems = validate(workflow, definition);
        if (problems.stream().anyMatch(ValidationProblem::isError)) {
            throw new DefinitionInvalid(problems);
        }
        return problems;
    }

    /** Saves the current draft as the next version, if it is valid. */
    @Transactional
    public WorkflowVersion saveVersion(WorkflowId id, UserId user, String message) {
        require(id, user, ProjectRole.EDITOR);
        Workflow locked = workflows.lock(id).orElseThrow(WorkflowNotFound::new);
        requireValid(locked, locked.draft());
        if (message != null && message.length() > 500) {
            throw new InvalidRequest("message", "A version message has at most 500 characters.");
        }
        WorkflowVersion version = new WorkflowVersion(versions.next(id), locked.draft(), message == null ? "" : message.strip(),
                user, clock.instant());
        versions.insert(id, version);
        return version;
    }

    public List<WorkflowVersion> versions(WorkflowId id, UserId user) {
        require(id, user, ProjectRole.VIEWER);
        return versions.list(id);
    }

    public WorkflowVersion version(WorkflowId id, UserId user, int number) {
        require(id, user, ProjectRole.VIEWER);
        return versions.find(id, number).orElseThrow(() -> new WorkflowNotFound("Workflow " + id + " has no version " + number + "."));
    }

    /** The changes from version {@code from} to version {@code to} ({@code null} = the draft). */
    public DefinitionDiff diff(WorkflowId id, UserId user, int from, Integer to) {
        Workflow workflow = require(id, user, ProjectRole.VIEWER);
        WorkflowDefinition base = version(id, user, from).definition();
        WorkflowDefinition other = to == null ? workflow.draft() : version(id, user, to).definition();
        return DefinitionDiff.between(base, other);
    }

    /** Makes a version's definition the draft again (a new draft revision; versions are untouched). */
    @Transactional
    public Workflow restore(WorkflowId id, UserId user, int number, String ifMatch) {
        WorkflowVersion version = version(id, user, number);
        return saveDraft(id, user, ifMatch, null, null, version.definition());
    }

    /** Chooses the version that webhook, schedule and event triggers run; {@code null} deactivates. */
    @Transactional
    public Workflow activate(WorkflowId id, UserId user, Integer number) {
        require(id, user, ProjectRole.EDITOR);
        if (number != null) {
            version(id, user, number);
        }
        workflows.activate(id, number);
        Workflow activated = workflows.find(id).orElseThrow(WorkflowNotFound::new);
        events.publishEvent(new WorkflowEvents.WorkflowActivated(id, activated.projectId(), number));
        return activated;
    }

    @ApplicationModuleListener
    void on(ProjectDeleted event) {
        workflows.deleteProject(event.projectId());
    }

    private static long revision(String ifMatch, Workflow current) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new RevisionRequired();
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (!tag.equals(current.etag())) {
            throw new DraftChanged(current.draftRevision());
        }
        return current.draftRevision();
    }

    private static String checkName(String name) {
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw new InvalidRequest("name", "A workflow name has 1 to 200 characters.");
        }
        return name.strip();
    }

    private static String checkDescription(String description) {
        if (description != null && description.length() > 2000) {
            throw new InvalidRequest("description", "A description has at most 2000 characters.");
        }
        return description == null ? "" : description;
    }

    private static String newWebhookToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
