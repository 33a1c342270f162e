package dev.nex7.credential;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.nex7.credential.persistence.StoredCredential;
import dev.nex7.platform.ApiProblem.FieldError;
import dev.nex7.platform.WebAddress;
import dev.nex7.platform.secret.SecretBox;
import dev.nex7.platform.secret.Sealed;
import dev.nex7.project.ProjectId;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A credential's field values, checked against its kind and split into the non-secret fields
 * (stored as JSON) and the secret ones (sealed as one JSON object). Error messages name the field
 * and what is expected, never the value that was given.
 *
 * @param fields non-secret values by field name: strings, and integers for integer fields
 * @param secrets secret values by field name
 */
record CredentialData(Map<String, Object> fields, Map<String, String> secrets) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    static final CredentialData NONE = new CredentialData(Map.of(), Map.of());

    CredentialData {
        // Sorted, so the stored JSON (part of the sealed value's context) is the same for the same values.
        fields = new TreeMap<>(fields);
        secrets = new TreeMap<>(secrets);
    }

    /**
     * {@code base} with the values {@code input} gives: a given value replaces the field's value,
     * {@code null} (or a blank string) clears it, a field left out keeps it, or on a new credential
     * gets the field's default. Problems go to {@code errors} with paths like {@code data.port}.
     */
    static CredentialData apply(CredentialKind kind, CredentialData base, Map<String, Object> input, boolean creating,
            List<FieldError> errors) {
        Map<String, Object> fields = new TreeMap<>(base.fields());
        Map<String, String> secrets = new TreeMap<>(base.secrets());
        Set<String> invalid = new HashSet<>();
        input.keySet().stream().filter(name -> kind.field(name).isEmpty()).sorted()
                .forEach(name -> errors.add(new FieldError("data." + name, "is not a field of " + kind.id())));
        for (CredentialField field : kind.fields()) {
            boolean given = input.containsKey(field.name());
            if (!given && !(creating && field.defaultValue() != null)) {
                continue;
            }
            Object value = given ? input.get(field.name()) : field.defaultValue();
            fields.remove(field.name());
            secrets.remove(field.name());
            if (value == null || value instanceof String text && text.isBlank()) {
                continue;
            }
            String problem = problem(field, value);
            if (problem != null) {
                errors.add(new FieldError("data." + field.name(), problem));
                invalid.add(field.name());
            } else if (field.secret()) {
                secrets.put(field.name(), (String) value);
            } else {
                fields.put(field.name(), value instanceof String text ? text.strip() : ((Number) value).intValue());
            }
        }
        for (CredentialField field : kind.fields()) {
            if (field.required() && !invalid.contains(field.name()) && !fields.containsKey(field.name())
                    && !secrets.containsKey(field.name())) {
                errors.add(new FieldError("data." + field.name(), "is required"));
            }
        }
        return new CredentialData(fields, secrets);
    }

    /** What is wrong with {@code value} for {@code field}, or null when it fits. */
    private static String problem(CredentialField field, Object value) {
        if (field.type() == CredentialField.Type.INTEGER) {
            boolean whole = value instanceof Integer || value instanceof Long || value instanceof Short
                    || value instanceof BigInteger;
            long number = whole ? ((Number) value).longValue() : 0;
            return whole && number >= field.min() && number <= field.max() ? null
                    : "must be a whole number from " + field.min() + " to " + field.max();
        }
        if (field.type() == CredentialField.Type.ENUM) {
            return field.values().contains(value) ? null : "must be one of " + String.join(", ", field.values());
        }
        if (!(value instanceof String raw)) {
            return "must be a string";
        }
        String text = field.secret() ? raw : raw.strip();
        if (text.length() > field.maxLength()) {
            return "must be at most " + field.maxLength() + " characters";
        }
        return switch (field.type()) {
            case URL -> WebAddress.isHttp(text) ? null : "must be an http or https URL";
            case EMAIL -> EMAIL.matcher(text).matches() ? null : "must be an email address";
            default -> field.pattern() == null || text.matches(field.pattern()) ? null
                    : "is not a valid " + field.label().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** Names of the secret fields that are set, in the kind's field order. */
    List<String> secretFieldsSet(CredentialKind kind) {
        List<String> names = new ArrayList<>();
        kind.fields().stream().filter(f -> secrets.containsKey(f.name())).forEach(f -> names.add(f.name()));
        return names;
    }

    /** The non-secret fields in the kind's field order, for the API. */
    static Map<String, Object> ordered(CredentialKind kind, Map<String, Object> fields) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        kind.fields().stream().filter(f -> fields.containsKey(f.name())).forEach(f -> ordered.put(f.name(), fields.get(f.name())));
        return ordered;
    }

    String fieldsJson() {
        return JSON.writeValueAsString(fields);
    }

    byte[] secretsJson() {
        return JSON.writeValueAsBytes(secrets);
    }

    static Map<String, Object> fieldsOf(StoredCredential credential) {
        return JSON.readValue(credential.fields(), new TypeReference<Map<String, Object>>() { });
    }

    /**
     * The stored values, secrets opened.
     *
     * @throws dev.nex7.platform.secret.SecretUnreadable when the secrets do not open
     */
    static CredentialData open(StoredCredential credential, SecretBox box) {
        Map<String, String> secrets = JSON.readValue(box.open(credential.secrets(), credential.sealContext()),
                new TypeReference<Map<String, String>>() { });
        return new CredentialData(fieldsOf(credential), secrets);
    }

    /** The secrets sealed for a credential whose other columns are given. */
    Sealed seal(SecretBox box, CredentialId id, ProjectId project, CredentialKind kind) {
        return box.seal(secretsJson(),
                StoredCredential.sealContext(id, project, kind.id(), fieldsJson(), secretFieldsSet(kind)));
    }

    /** Every value as a string, for a running node. */
    Map<String, String> asStrings() {
        Map<String, String> all = new TreeMap<>(secrets);
        fields.forEach((name, value) -> all.put(name, String.valueOf(value)));
        return all;
    }

    @Override
    public String toString() {
        return "CredentialData[fields=" + fields.keySet() + ", secrets=" + secrets.keySet() + "]";
    }
}
