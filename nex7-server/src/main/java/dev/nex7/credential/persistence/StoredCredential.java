package dev.nex7.credential.persistence;

import java.time.Instant;
import java.util.List;

import dev.nex7.credential.CredentialId;
import dev.nex7.identity.UserId;
import dev.nex7.project.ProjectId;
import dev.nex7.platform.secret.Sealed;

/**
 * A credential row.
 *
 * @param fields the non-secret fields as JSON, exactly as stored (they are part of the sealed value's context)
 * @param secretFields names of the secret fields inside {@code secrets}
 * @param secrets the secret fields as one JSON object, sealed
 */
public record StoredCredential(CredentialId id, ProjectId projectId, String kind, String name, String fields,
        List<String> secretFields, Sealed secrets, UserId createdBy, Instant createdAt, Instant updatedAt) {

    public StoredCredential {
        secretFields = List.copyOf(secretFields);
    }

    /**
     * The additional authenticated data of the sealed secrets: the row's identity and every column
     * that says what the secrets are for, so that pointing them at another host, project or kind in
     * the database makes them fail to open instead of leaking to the new target.
     */
    public static String sealContext(CredentialId id, ProjectId projectId, String kind, String fields,
            List<String> secretFields) {
        return "credential:" + id + "\nproject:" + projectId + "\nkind:" + kind + "\nfields:" + fields
                + "\nsecrets:" + String.join(",", secretFields);
    }

    public String sealContext() {
        return sealContext(id, projectId, kind, fields, secretFields);
    }
}
