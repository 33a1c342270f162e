package dev.nex7.plugin.node;

import java.util.List;
import java.util.Objects;

/**
 * A place on a node where a credential from the project's vault can be chosen.
 *
 * @param name the key in the node definition's {@code credentials} object
 * @param kinds the credential kinds accepted here (for example {@code http-bearer}, {@code smtp})
 * @param required whether the node cannot run without one
 */
public record CredentialSlot(String name, List<String> kinds, boolean required) {

    public CredentialSlot {
        Objects.requireNonNull(name, "name");
        kinds = List.copyOf(kinds);
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("A credential slot accepts at least one kind");
        }
    }
}
