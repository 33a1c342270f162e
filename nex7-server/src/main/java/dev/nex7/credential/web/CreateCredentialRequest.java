package dev.nex7.credential.web;

import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** A new credential. Every invalid field is reported at once; no message repeats a value. */
public record CreateCredentialRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "A kind id from GET /api/credential-kinds")
        String kind,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = 100) String name,
        @Schema(description = "The kind's fields by name, secret ones included") Map<String, Object> data) {

    /** Names the fields only: the values include secrets. */
    @Override
    public String toString() {
        return "CreateCredentialRequest[kind=" + kind + ", name=" + name + ", data="
                + (data == null ? null : data.keySet()) + "]";
    }
}
