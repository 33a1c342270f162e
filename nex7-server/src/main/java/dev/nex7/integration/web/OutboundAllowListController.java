package dev.nex7.integration.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.nex7.identity.AuthenticatedUser;
import dev.nex7.integration.allowlist.OutboundAllowList;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/**
 * The hosts outbound HTTP may reach although they are private, loopback or otherwise blocked. The
 * security chain admits admins only ({@code /api/admin/**}).
 */
@RestController
@RequestMapping("/api/admin/outbound-allow-list")
@Tag(name = "Administration")
class OutboundAllowListController {

    private final OutboundAllowList allowList;

    OutboundAllowListController(OutboundAllowList allowList) {
        this.allowList = allowList;
    }

    @GetMapping
    @Operation(summary = "The outbound allow-list",
            description = "Entries from nex7.integration.allowed-hosts (source settings, no id) and those admins added.")
    @ApiResponse(responseCode = "200", description = "Every entry in force")
    @ApiResponse(responseCode = "403", description = "Not an admin")
    List<AllowedHostView> listAllowedHosts() {
        return allowList.entries().stream().map(AllowedHostView::of).toList();
    }

    @PostMapping
    @Operation(summary = "Open a host for outbound HTTP",
            description = "host or host:port; an IPv6 address in brackets. Applies to the next call.")
    @ApiResponse(responseCode = "201", description = "Added")
    @ApiResponse(responseCode = "400", description = "Not a host or host:port")
    @ApiResponse(responseCode = "403", description = "Not an admin")
    @ApiResponse(responseCode = "409", description = "Already on the allow-list")
    ResponseEntity<AllowedHostView> addAllowedHost(@AuthenticationPrincipal AuthenticatedUser admin,
            @Valid @RequestBody AddAllowedHostRequest request) {
        AllowedHostView added = AllowedHostView.of(allowList.add(request.entry(), admin.id()));
        return ResponseEntity.created(URI.create("/api/admin/outbound-allow-list/" + added.id())).body(added);
    }

    @DeleteMapping("/{entryId}")
    @Operation(summary = "Close a host an admin opened", description = "Configured entries cannot be removed here.")
    @ApiResponse(responseCode = "204", description = "Removed")
    @ApiResponse(responseCode = "403", description = "Not an admin")
    @ApiResponse(responseCode = "404", description = "No such entry")
    ResponseEntity<Void> removeAllowedHost(@AuthenticationPrincipal AuthenticatedUser admin, @PathVariable UUID entryId) {
        allowList.remove(entryId, admin.id());
        return ResponseEntity.noContent().build();
    }
}
