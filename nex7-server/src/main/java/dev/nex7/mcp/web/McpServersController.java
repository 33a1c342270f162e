package dev.nex7.mcp.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.nex7.identity.AuthenticatedUser;
import dev.nex7.mcp.client.McpServers;
import dev.nex7.platform.InvalidRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * MCP servers whose tools agents may use (administrators only: the security chain admits admins to
 * {@code /api/admin/**}). Their address must be reachable through outbound HTTP's guard: a server on
 * this machine or a private network needs an entry in the outbound allow-list.
 */
@RestController
@RequestMapping("/api/admin/mcp/servers")
@Tag(name = "Administration")
class McpServersController {

    /** @param authHeader a header sent with every request (Authorization, X-API-Key, ...); its value is stored encrypted */
    @io.swagger.v3.oas.annotations.media.Schema(name = "McpServerRegistration")
    record RegisterRequest(@io.swagger.v3.oas.annotations.media.Schema(requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED) String name,
            @io.swagger.v3.oas.annotations.media.Schema(requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED) String url,
            String authHeader, String authValue) {
    }

    @io.swagger.v3.oas.annotations.media.Schema(name = "McpToolAllowList")
    record AllowRequest(List<String> tools) {
    }

    private final McpServers servers;

    McpServersController(McpServers servers) {
        this.servers = servers;
    }

    @GetMapping
    @Operation(summary = "Registered MCP servers, their tools and which agent may use which")
    List<McpServers.Server> list() {
        return servers.list();
    }

    @PostMapping
    @Operation(summary = "Register an MCP server (Streamable HTTP)", description = "Nothing is sent to it until its tools are listed.")
    @ApiResponse(responseCode = "201", description = "Registered")
    ResponseEntity<McpServers.Server> register(@AuthenticationPrincipal AuthenticatedUser admin, @RequestBody RegisterRequest request) {
        McpServers.Server server = servers.register(admin.id(), request.name(), request.url(), request.authHeader(), request.authValue());
        return ResponseEntity.created(URI.create("/api/admin/mcp/servers/" + server.id())).body(server);
    }

    @GetMapping("/{serverId}")
    @Operation(summary = "One MCP server")
    McpServers.Server get(@PathVariable UUID serverId) {
        return servers.get(serverId);
    }

    @DeleteMapping("/{serverId}")
    @Operation(summary = "Remove an MCP server and every agent's permission to use its tools")
    @ApiResponse(responseCode = "204", description = "Removed")
    ResponseEntity<Void> delete(@PathVariable UUID serverId) {
        servers.delete(serverId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{serverId}/tools")
    @Operation(summary = "List the server's tools now (initialize + tools/list; runs nothing)",
            description = "Tools it no longer has are no longer allowed to any agent.")
    @ApiResponse(responseCode = "200", description = "The server with its tools as just listed")
    @ApiResponse(responseCode = "502", description = "The server could not be reached or did not answer as MCP")
    McpServers.Server refresh(@PathVariable UUID serverId) {
        return servers.refreshTools(serverId);
    }

    @PutMapping("/{serverId}/agents/{agentId}")
    @Operation(summary = "Which of the server's tools an agent may use (replaces its list; empty for none)")
    McpServers.Server allow(@PathVariable UUID serverId, @PathVariable String agentId, @RequestBody AllowRequest request) {
        if (request.tools() == null) {
            throw new InvalidRequest("tools", "the list of tool names (empty for none)");
        }
        return servers.allow(serverId, agentId, request.tools());
    }
}
