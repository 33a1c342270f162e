package dev.nex7.credential.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.nex7.credential.CredentialCatalog;
import dev.nex7.credential.CredentialDetails;
import dev.nex7.credential.CredentialId;
import dev.nex7.identity.AuthenticatedUser;
import dev.nex7.platform.PageQuery;
import dev.nex7.platform.PageView;
import dev.nex7.project.ProjectId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** A project's credentials: viewers read, editors write. Non-members get 404. */
@RestController
@RequestMapping("/api/projects/{projectId}/credentials")
@Tag(name = "Credentials")
class CredentialsController {

    private final CredentialCatalog catalog;

    CredentialsController(CredentialCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    @Operation(operationId = "listCredentials", summary = "The project's credentials",
            description = "Sortable by name, kind, createdAt, updatedAt; kind (repeatable) keeps those kinds only.")
    @ApiResponse(responseCode = "200", description = "A page of credentials")
    @ApiResponse(responseCode = "400", description = "Invalid page, size, sort or kind")
    @ApiResponse(responseCode = "404", description = "No such project, or you are not a member")
    PageView<CredentialView> list(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
            @RequestParam(required = false) String sort, @RequestParam(required = false) List<String> kind) {
        PageView<CredentialDetails> found = catalog.list(new ProjectId(projectId), user.id(), kind,
                PageQuery.parse(page, size, sort, CredentialCatalog.SORTS, "name,asc"));
        return new PageView<>(found.items().stream().map(CredentialView::of).toList(), found.page(), found.size(),
                found.totalItems(), found.totalPages());
    }

    @PostMapping
    @Operation(operationId = "createCredential", summary = "Create a credential (editor or owner)")
    @ApiResponse(responseCode = "201", description = "Created; secret values are not returned")
    @ApiResponse(responseCode = "400", description = "Invalid fields (every problem listed in errors)")
    @ApiResponse(responseCode = "403", description = "Viewers cannot create")
    @ApiResponse(responseCode = "404", description = "No such project, or you are not a member")
    @ApiResponse(responseCode = "409", description = "The project has a credential of this name")
    ResponseEntity<CredentialView> create(@AuthenticationPrincipal AuthenticatedUser user,
            @PathVariable UUID projectId, @RequestBody CreateCredentialRequest request) {
        CredentialView created = CredentialView.of(catalog.create(new ProjectId(projectId), user.id(), request.kind(),
                request.name(), request.data()));
        return ResponseEntity.created(URI.create("/api/projects/" + projectId + "/credentials/" + created.id()))
                .body(created);
    }

    @GetMapping("/{credentialId}")
    @Operation(operationId = "getCredential", summary = "A credential")
    @ApiResponse(responseCode = "200", description = "The credential, without secret values")
    @ApiResponse(responseCode = "404", description = "No such project or credential, or you are not a member")
    CredentialView get(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId,
            @PathVariable UUID credentialId) {
        return CredentialView.of(catalog.get(new ProjectId(projectId), new CredentialId(credentialId), user.id()));
    }

    @PatchMapping("/{credentialId}")
    @Operation(operationId = "updateCredential", summary = "Change a credential (editor or owner)",
            description = "Fields in data replace those fields; left-out fields, secret ones included, keep their values.")
    @ApiResponse(responseCode = "200", description = "The updated credential, without secret values")
    @ApiResponse(responseCode = "400", description = "Invalid or unknown fields")
    @ApiResponse(responseCode = "403", description = "Viewers cannot edit")
    @ApiResponse(responseCode = "404", description = "No such project or credential, or you are not a member")
    @ApiResponse(responseCode = "409", description = "The project has a credential of this name")
    @ApiResponse(responseCode = "422", description = "Its secrets cannot be decrypted: give every secret field anew")
    CredentialView update(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId,
            @PathVariable UUID credentialId, @RequestBody UpdateCredentialRequest request) {
        return CredentialView.of(catalog.update(new ProjectId(projectId), new CredentialId(credentialId), user.id(),
                request.changes()));
    }

    @DeleteMapping("/{credentialId}")
    @Operation(operationId = "deleteCredential", summary = "Delete a credential (editor or owner)")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "403", description = "Viewers cannot delete")
    @ApiResponse(responseCode = "404", description = "No such project or credential, or you are not a member")
    ResponseEntity<Void> delete(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId,
            @PathVariable UUID credentialId) {
        catalog.delete(new ProjectId(projectId), new CredentialId(credentialId), user.id());
        return ResponseEntity.noContent().build();
    }
}
