package dev.nex7.credential;

import java.util.List;
import java.util.Optional;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A kind of credential and its fields.
 *
 * @param id the kind's stable name ({@code http-bearer}, {@code postgres}...), see {@link CredentialKinds}
 * @param label what the UI calls it
 * @param fields its fields, in form order
 */
public record CredentialKind(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String id,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String label,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<CredentialField> fields) {

    public CredentialKind {
        fields = List.copyOf(fields);
    }

    public Optional<CredentialField> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
