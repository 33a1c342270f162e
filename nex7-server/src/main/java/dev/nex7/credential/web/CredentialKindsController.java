package dev.nex7.credential.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.nex7.credential.CredentialKind;
import dev.nex7.credential.CredentialKinds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The credential kinds and their fields, which drive the credential form. */
@RestController
@Tag(name = "Credentials")
class CredentialKindsController {

    @GetMapping("/api/credential-kinds")
    @Operation(operationId = "listCredentialKinds", summary = "Credential kinds and their fields")
    @ApiResponse(responseCode = "200", description = "Every kind, with each field's type and whether it is secret or required")
    List<CredentialKind> kinds() {
        return CredentialKinds.all();
    }
}
