package dev.nex7.mcp.web;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.nex7.identity.AuthenticatedUser;
import dev.nex7.mcp.server.WorkflowTools;
import dev.nex7.mcp.token.McpToken;
import dev.nex7.mcp.token.McpTokens;
import dev.nex7.platform.InvalidRequest;
import dev.nex7.project.ProjectId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** MCP tokens (personal, and per project for its owners) and the tools they reach. */
@RestController
@Tag(name = "MCP")
class McpTokensController {

    private static final int MAX_DAYS = 3650;

    /** @param expiresInDays days until it stops working; absent for no expiry (when the server allows it) */
    record IssueRequest(String name, Integer expiresInDays) {
    }

    /** A token as listed. {@code prefix} is its first characters; the token itself is never shown again. */
    record TokenView(UUID id, String name, String prefix, UUID projectId, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {

        static TokenView of(McpToken token) {
            return new TokenView(token.id(), token.name(), token.prefix(), token.project() == null ? null : token.project().value(),
                    token.createdAt(), token.expiresAt(), token.lastUsedAt());
        }
    }

    /** A new token, with the secret shown this once. */
    record IssuedView(TokenView token, String secret) {
    }

    /** A published workflow as MCP clients see it. */
    record ToolView(String name, UUID workflowId, UUID projectId, String workflowName, int version, Object inputSchema) {
    }

    private final McpTokens tokens;
    private final WorkflowTools tools;

    McpTokensController(McpTokens tokens, WorkflowTools tools) {
        this.tokens = tokens;
        this.tools = tools;
    }

    @GetMapping("/api/mcp/tokens")
    @Operation(summary = "Your personal MCP tokens")
    List<TokenView> personal(@AuthenticationPrincipal AuthenticatedUser user) {
        return tokens.personal(user.id()).stream().map(TokenView::of).toList();
    }

    @PostMapping("/api/mcp/tokens")
    @Operation(summary = "Create a personal MCP token (shown once)",
            description = "It reaches the published workflows of every project where you are an editor or owner.")
    @ApiResponse(responseCode = "201", description = "Created; the secret is in the answer and nowhere else")
    ResponseEntity<IssuedView> issuePersonal(@AuthenticationPrincipal AuthenticatedUser user, @RequestBody IssueRequest request) {
        return issued(tokens.issue(user.id(), null, request.name(), lifetime(request)), "/api/mcp/tokens/");
    }

    @DeleteMapping("/api/mcp/tokens/{tokenId}")
    @Operation(summary = "Revoke a personal MCP token")
    @ApiResponse(responseCode = "204", description = "Revoked")
    ResponseEntity<Void> revokePersonal(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID tokenId) {
        tokens.revokePersonal(user.id(), tokenId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/projects/{projectId}/mcp/tokens")
    @Operation(summary = "A project's MCP tokens (owner)")
    List<TokenView> ofProject(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId) {
        return tokens.ofProject(new ProjectId(projectId), user.id()).stream().map(TokenView::of).toList();
    }

    @PostMapping("/api/projects/{projectId}/mcp/tokens")
    @Operation(summary = "Create a project MCP token (owner; shown once)",
            description = "It reaches this project's published workflows only, acting as you.")
    @ApiResponse(responseCode = "201", description = "Created; the secret is in the answer and nowhere else")
    ResponseEntity<IssuedView> issueForProject(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId,
            @RequestBody IssueRequest request) {
        return issued(tokens.issue(user.id(), new ProjectId(projectId), request.name(), lifetime(request)),
                "/api/projects/" + projectId + "/mcp/tokens/");
    }

    @DeleteMapping("/api/projects/{projectId}/mcp/tokens/{tokenId}")
    @Operation(summary = "Revoke a project MCP token (owner)")
    @ApiResponse(responseCode = "204", description = "Revoked")
    ResponseEntity<Void> revokeOfProject(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId,
            @PathVariable UUID tokenId) {
        tokens.revokeOfProject(new ProjectId(projectId), user.id(), tokenId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/mcp/tools")
    @Operation(summary = "The published workflows MCP clients see as tools",
            description = "Of one project, or of every project where you are an editor or owner; names as tools/list gives them.")
    List<ToolView> tools(@AuthenticationPrincipal AuthenticatedUser user, @RequestParam(required = false) UUID projectId) {
        return tools.list(user.id(), projectId == null ? null : new ProjectId(projectId)).stream()
                .map(tool -> new ToolView(tool.name(), tool.workflow().id().value(), tool.workflow().projectId().value(),
                        tool.workflow().name(), tool.workflow().version(), tool.workflow().inputSchema()))
                .toList();
    }

    private static ResponseEntity<IssuedView> issued(McpTokens.Issued issued, String base) {
        return ResponseEntity.created(URI.create(base + issued.token().id())).body(new IssuedView(TokenView.of(issued.token()), issued.secret()));
    }

    private static Duration lifetime(IssueRequest request) {
        if (request.expiresInDays() == null) {
            return null;
        }
        if (request.expiresInDays() < 1 || request.expiresInDays() > MAX_DAYS) {
            throw new InvalidRequest("expiresInDays", "A token lives 1 to " + MAX_DAYS + " days.");
        }
        return Duration.ofDays(request.expiresInDays());
    }
}
