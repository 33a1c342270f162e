package dev.nex7.plugin.node;

import java.util.Map;
import java.util.Objects;

/**
 * A decrypted credential handed to a running node. Its field values are secrets: the engine removes
 * any of them it finds in a node's output, error or log lines before they are stored, but a node
 * should never copy them into its output in the first place.
 *
 * @param id the credential's id in the vault
 * @param kind the credential kind, one of the slot's accepted kinds
 * @param fields the decrypted fields (for example {@code token}, or {@code username} and {@code password})
 */
public record Credential(String id, String kind, Map<String, String> fields) {

    public Credential {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        fields = Map.copyOf(fields);
    }

    /** A field's value, or an exception naming the missing field (never its value). */
    public String require(String field) {
        String value = fields.get(field);
        if (value == null) {
            throw new IllegalStateException("Credential " + id + " (" + kind + ") has no field '" + field + "'");
        }
        return value;
    }

    @Override
    public String toString() {
        return "Credential[id=" + id + ", kind=" + kind + ", fields=" + fields.keySet() + "]";
    }
}
