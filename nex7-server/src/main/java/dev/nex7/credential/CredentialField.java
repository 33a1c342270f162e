package dev.nex7.credential;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.nex7.platform.LowerCaseIds;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One field of a credential kind, as the form that edits it and the validation that checks it
 * both see it.
 *
 * @param name the key in the credential's {@code data}
 * @param label what a form calls it
 * @param type the value's type
 * @param secret whether the value is a secret: sealed at rest and never returned by the API
 * @param required whether a credential of the kind must have it
 * @param values the allowed values of an {@code enum} field
 * @param defaultValue the value a new credential gets when the field is left out
 * @param min the smallest value of an {@code integer} field
 * @param max the largest value of an {@code integer} field
 * @param maxLength the longest text value
 * @param pattern a regular expression a text value must match entirely
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CredentialField(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String label,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"string", "integer", "enum", "url", "email"}) Type type,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean secret,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean required,
        List<String> values,
        @Schema(description = "A string, or an integer for integer fields") Object defaultValue,
        Integer min,
        Integer max,
        Integer maxLength,
        String pattern) {

    /** The type of a field's value. */
    public enum Type {
        STRING, INTEGER, ENUM, URL, EMAIL;

        @JsonValue
        public String id() {
            return LowerCaseIds.id(this);
        }
    }

    static CredentialField text(String name, String label) {
        return new CredentialField(name, label, Type.STRING, false, true, null, null, null, null, 255, null);
    }

    static CredentialField secret(String name, String label) {
        return new CredentialField(name, label, Type.STRING, true, true, null, null, null, null, 16_384, null);
    }

    static CredentialField port(int defaultPort) {
        return new CredentialField("port", "Port", Type.INTEGER, false, true, null, defaultPort, 1, 65_535, null, null);
    }

    static CredentialField choice(String name, String label, String defaultValue, String... values) {
        return new CredentialField(name, label, Type.ENUM, false, true, List.of(values), defaultValue, null, null, null,
                null);
    }

    static CredentialField url(String name, String label) {
        return new CredentialField(name, label, Type.URL, false, true, null, null, null, null, 2048, null);
    }

    static CredentialField email(String name, String label) {
        return new CredentialField(name, label, Type.EMAIL, false, true, null, null, null, null, 254, null);
    }

    CredentialField optional() {
        return new CredentialField(name, label, type, secret, false, values, defaultValue, min, max, maxLength, pattern);
    }

    CredentialField matching(String regex) {
        return new CredentialField(name, label, type, secret, required, values, defaultValue, min, max, maxLength, regex);
    }
}
