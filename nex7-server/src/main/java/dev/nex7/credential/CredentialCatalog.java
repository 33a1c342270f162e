package dev.nex7.credential;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.nex7.credential.persistence.Credentials;
import dev.nex7.credential.persistence.StoredCredential;
import dev.nex7.identity.UserId;
import dev.nex7.platform.ApiProblem.FieldError;
import dev.nex7.platform.InvalidRequest;
import dev.nex7.platform.PageQuery;
import dev.nex7.platform.PageView;
import dev.nex7.platform.secret.SecretBox;
import dev.nex7.platform.secret.SecretUnreadable;
import dev.nex7.project.ProjectAccess;
import dev.nex7.project.ProjectId;
import dev.nex7.project.ProjectRole;

/**
 * Creating, reading, changing and deleting a project's credentials: viewers read, editors write.
 * What it returns never holds a secret value.
 */
@Service
public class CredentialCatalog {

    /** Sort fields the credential list accepts, mapped to columns. */
    public static final Map<String, String> SORTS = Map.of("name", "lower(c.name)", "kind", "c.kind",
            "createdAt", "c.created_at", "updatedAt", "c.updated_at");

    private final Credentials credentials;
    private final ProjectAccess access;
    private final SecretBox box;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CredentialCatalog(Credentials credentials, ProjectAccess access, SecretBox box, ApplicationEventPublisher events,
            Clock clock) {
        this.credentials = credentials;
        this.access = access;
        this.box = box;
        this.events = events;
        this.clock = clock;
    }

    /**
     * A change: {@code null} keeps the name or every field; {@code data} replaces the fields it
     * names ({@code null} clears one) and keeps the others, secrets included.
     */
    public record Changes(Optional<String> name, Optional<Map<String, Object>> data) {

        /** Names the fields only: the values include secrets. */
        @Override
        public String toString() {
            return "Changes[name=" + name + ", data=" + (data == null ? null : data.map(Map::keySet)) + "]";
        }
    }

    @Transactional
    public CredentialDetails create(ProjectId project, UserId user, String kind, String name, Map<String, Object> data) {
        access.require(project, user, ProjectRole.EDITOR);
        List<FieldError> errors = new ArrayList<>();
        CredentialKind found = CredentialKinds.find(kind).orElse(null);
        if (found == null) {
            errors.add(new FieldError("kind", kind == null ? "is required" : "must be one of " + kindIds()));
        }
        String checkedName = name(Optional.ofNullable(name), errors);
        CredentialData values = found == null ? CredentialData.NONE
                : CredentialData.apply(found, CredentialData.NONE, data == null ? Map.of() : data, true, errors);
        throwIfAny(errors);
        CredentialId id = CredentialId.random();
        Instant now = now();
        StoredCredential credential = new StoredCredential(id, project, found.id(), checkedName, values.fieldsJson(),
                values.secretFieldsSet(found), values.seal(box, id, project, found), user, now, now);
        try {
            credentials.insert(credential);
        } catch (DuplicateKeyException e) {
            throw new CredentialNameTaken();
        }
        return details(credential);
    }

    public PageView<CredentialDetails> list(ProjectId project, UserId user, List<String> kinds, PageQuery query) {
        access.require(project, user, ProjectRole.VIEWER);
        List<String> wanted = kinds == null ? List.of() : kinds;
        for (String kind : wanted) {
            if (CredentialKinds.find(kind).isEmpty()) {
                throw new InvalidRequest("kind", "must be one of " + kindIds());
            }
        }
        return PageView.of(credentials.page(project, wanted, query).stream().map(CredentialCatalog::details).toList(),
                query, credentials.count(project, wanted));
    }

    public CredentialDetails get(ProjectId project, CredentialId id, UserId user) {
        access.require(project, user, ProjectRole.VIEWER);
        return details(credentials.find(project, id).orElseThrow(CredentialNotFound::new));
    }

    @Transactional
    public CredentialDetails update(ProjectId project, CredentialId id, UserId user, Changes changes) {
        access.require(project, user, ProjectRole.EDITOR);
        StoredCredential current = credentials.lock(project, id).orElseThrow(CredentialNotFound::new);
        CredentialKind kind = CredentialKinds.find(current.kind()).orElseThrow();
        List<FieldError> errors = new ArrayList<>();
        String name = changes.name() == null ? current.name() : name(changes.name(), errors);
        StoredCredential updated;
        if (changes.data() == null) {
            throwIfAny(errors);
            // The name is not part of the sealed value's context: a rename leaves the secrets sealed as they are.
            updated = new StoredCredential(id, project, current.kind(), name, current.fields(), current.secretFields(),
                    current.secrets(), current.createdBy(), current.createdAt(), now());
        } else {
            Map<String, Object> input = changes.data().orElse(null);
            if (input == null) {
                errors.add(new FieldError("data", "must be an object"));
                input = Map.of();
            }
            CredentialData values = CredentialData.apply(kind, currentValues(current, input), input, false, errors);
            throwIfAny(errors);
            // The non-secret fields are part of the sealed value's context, so any data change reseals.
            updated = new StoredCredential(id, project, kind.id(), name, values.fieldsJson(),
                    values.secretFieldsSet(kind), values.seal(box, id, project, kind), current.createdBy(),
                    current.createdAt(), now());
        }
        try {
            credentials.update(updated);
        } catch (DuplicateKeyException e) {
            throw new CredentialNameTaken();
        }
        return details(updated);
    }

    @Transactional
    public void delete(ProjectId project, CredentialId id, UserId user) {
        access.require(project, user, ProjectRole.EDITOR);
        if (!credentials.delete(project, id)) {
            throw new CredentialNotFound();
        }
        events.publishEvent(new CredentialDeleted(project, id));
    }

    /**
     * The stored values. The secrets are only opened when the change keeps one of them: a change
     * that gives every set secret anew also repairs a credential whose master key is lost.
     */
    private CredentialData currentValues(StoredCredential current, Map<String, Object> input) {
        if (input.keySet().containsAll(current.secretFields())) {
            return new CredentialData(CredentialData.fieldsOf(current), Map.of());
        }
        try {
            return CredentialData.open(current, box);
        } catch (SecretUnreadable e) {
            throw CredentialUnavailable.unreadable(current.id());
        }
    }

    private static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
    }

    private static String name(Optional<String> given, List<FieldError> errors) {
        String name = given.map(String::strip).orElse("");
        if (name.isEmpty() || name.length() > 100) {
            errors.add(new FieldError("name", "must be 1 to 100 characters"));
        }
        return name;
    }

    private static CredentialDetails details(StoredCredential credential) {
        CredentialKind kind = CredentialKinds.find(credential.kind()).orElseThrow();
        return new CredentialDetails(credential.id(), credential.projectId(), credential.kind(), credential.name(),
                CredentialData.ordered(kind, CredentialData.fieldsOf(credential)), credential.secretFields(),
                credential.createdBy(), credential.createdAt(), credential.updatedAt());
    }

    private static String kindIds() {
        return String.join(", ", CredentialKinds.all().stream().map(CredentialKind::id).toList());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
