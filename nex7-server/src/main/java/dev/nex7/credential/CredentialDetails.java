package dev.nex7.credential;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.nex7.identity.UserId;
import dev.nex7.project.ProjectId;

/**
 * A credential as the API shows it: no secret value, only the names of the secret fields that are set.
 *
 * @param fields the non-secret fields that are set (strings, and integers for integer fields)
 * @param secretFieldsSet names of the secret fields that hold a value, in the kind's field order
 */
public record CredentialDetails(CredentialId id, ProjectId projectId, String kind, String name,
        Map<String, Object> fields, List<String> secretFieldsSet, UserId createdBy, Instant createdAt,
        Instant updatedAt) {
}
