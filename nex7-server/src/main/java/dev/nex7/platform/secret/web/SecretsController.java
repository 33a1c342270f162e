package dev.nex7.platform.secret.web;

import java.util.List;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.nex7.platform.secret.SecretRotation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Master key rotation; the security chain admits admins only under {@code /api/admin}. */
@RestController
@RequestMapping("/api/admin/secrets")
@Tag(name = "Administration")
class SecretsController {

    private final SecretRotation rotation;

    SecretsController(SecretRotation rotation) {
        this.rotation = rotation;
    }

    /** What a rotation did; key ids are fingerprints, never keys. */
    record RotationView(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String activeKeyId,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) int resealedRecords,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<String> retiredKeyIds) {
    }

    @PostMapping("/rotate")
    @Operation(operationId = "rotateMasterKey", summary = "Rotate the master key",
            description = "Generates a new master key, re-encrypts every stored secret with it in one transaction and"
                    + " retires the old key. Only when the key lives in NEX7's key file.")
    @ApiResponse(responseCode = "200", description = "Rotated")
    @ApiResponse(responseCode = "403", description = "Not an admin")
    @ApiResponse(responseCode = "409", description = "The key comes from NEX7_MASTER_KEY: rotate it there")
    @ApiResponse(responseCode = "503", description = "Secrets were being written; try again")
    RotationView rotate() {
        SecretRotation.Outcome outcome = rotation.rotate();
        return new RotationView(outcome.activeKeyId(), outcome.resealedRecords(), outcome.retiredKeyIds());
    }
}
