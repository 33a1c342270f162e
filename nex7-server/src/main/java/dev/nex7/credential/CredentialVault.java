package dev.nex7.credential;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.stereotype.Service;

import dev.nex7.credential.persistence.Credentials;
import dev.nex7.credential.persistence.StoredCredential;
import dev.nex7.platform.PageQuery;
import dev.nex7.platform.secret.SecretBox;
import dev.nex7.platform.secret.SecretUnreadable;
import dev.nex7.plugin.node.Credential;
import dev.nex7.project.ProjectId;

/**
 * How the workflow engine and integrations get a credential's values. It checks that the
 * credential belongs to the project and is of an accepted kind; whether the caller may use the
 * project's credentials at all is the caller's check (a workflow of the project may).
 */
@Service
public class CredentialVault {

    private final Credentials credentials;
    private final SecretBox box;

    CredentialVault(Credentials credentials, SecretBox box) {
        this.credentials = credentials;
        this.box = box;
    }

    /**
     * Decrypts a credential for a node run.
     *
     * @param acceptedKinds the kinds the caller can use; empty accepts any kind
     * @return the credential with {@code id} the UUID string and {@code fields} every set field as a string
     * @throws CredentialUnavailable when it is not in the project, of another kind, or does not decrypt
     */
    public Credential open(ProjectId project, CredentialId id, Collection<String> acceptedKinds)
            throws CredentialUnavailable {
        StoredCredential stored = credentials.find(project, id).orElseThrow(() -> CredentialUnavailable.notFound(id));
        if (!acceptedKinds.isEmpty() && !acceptedKinds.contains(stored.kind())) {
            throw CredentialUnavailable.wrongKind(id, stored.kind(), acceptedKinds);
        }
        try {
            return new Credential(id.toString(), stored.kind(), CredentialData.open(stored, box).asStrings());
        } catch (SecretUnreadable e) {
            throw CredentialUnavailable.unreadable(id);
        }
    }

    /**
     * The project's credentials of {@code kind} whose non-secret field {@code field} holds
     * {@code value}, oldest first: how a build variable kept in the vault is found by its name.
     * Nothing is decrypted.
     */
    public List<CredentialSummary> findByField(ProjectId project, String kind, String field, String value) {
        List<CredentialSummary> found = new ArrayList<>();
        List<String> kinds = List.of(kind);
        long pages = (credentials.count(project, kinds) + PageQuery.MAX_SIZE - 1) / PageQuery.MAX_SIZE;
        for (int page = 0; page < pages; page++) {
            for (StoredCredential stored : credentials.page(project, kinds, new PageQuery(page, PageQuery.MAX_SIZE, "c.created_at", true))) {
                if (Objects.equals(String.valueOf(CredentialData.fieldsOf(stored).get(field)), value)) {
                    found.add(new CredentialSummary(stored.id(), stored.kind(), stored.name()));
                }
            }
        }
        return found;
    }

    /** The credential's id, kind and name, if the project has it. */
    public Optional<CredentialSummary> find(ProjectId project, CredentialId id) {
        return credentials.find(project, id).map(c -> new CredentialSummary(c.id(), c.kind(), c.name()));
    }
}
