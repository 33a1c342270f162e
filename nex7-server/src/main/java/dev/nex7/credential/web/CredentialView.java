package dev.nex7.credential.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.nex7.credential.CredentialDetails;
import io.swagger.v3.oas.annotations.media.Schema;

/** A credential as the API shows it: never a secret value, only which secret fields are set. */
public record CredentialView(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID id,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "See GET /api/credential-kinds") String kind,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The non-secret fields that are set")
        Map<String, Object> data,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Names of the secret fields that hold a value")
        List<String> secretFieldsSet,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant createdAt,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant updatedAt,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID createdBy) {

    static CredentialView of(CredentialDetails c) {
        return new CredentialView(c.id().value(), c.kind(), c.name(), c.fields(), c.secretFieldsSet(), c.createdAt(),
                c.updatedAt(), c.createdBy().value());
    }
}
