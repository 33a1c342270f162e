package dev.nex7.agent.web;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.nex7.agent.AgentDefinition;
import dev.nex7.agent.AgentRegistry;
import dev.nex7.agent.AgentTools;
import dev.nex7.agent.web.AgentViews.AgentRequest;
import dev.nex7.agent.web.AgentViews.AgentSwitchRequest;
import dev.nex7.agent.web.AgentViews.AgentView;
import dev.nex7.identity.AuthenticatedUser;
import dev.nex7.platform.InvalidRequest;
import dev.nex7.project.ProjectId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The agents: everyone reads them; admins create, change and delete custom agents (built-in and
 * plugin agents are read-only); a project's owners switch agents on and off in it.
 */
@RestController
@Tag(name = "Agents")
class AgentsController {

    private final AgentRegistry registry;

    AgentsController(AgentRegistry registry) {
        this.registry = registry;
    }

    @GetMapping("/api/agents")
    @Operation(operationId = "listAgents", summary = "Every agent, Nexy first",
            description = "With projectId (you must be a member), enabled says whether each may answer in that project.")
    @ApiResponse(responseCode = "200", description = "The agents")
    @ApiResponse(responseCode = "404", description = "No such project, or you are not a member")
    List<AgentView> listAgents(@AuthenticationPrincipal AuthenticatedUser user,
            @RequestParam(required = false) UUID projectId) {
        Set<String> off = projectId == null ? Set.of() : registry.disabledIn(new ProjectId(projectId), user.id());
        return registry.all().stream().map(agent -> AgentView.of(agent, !off.contains(agent.id()))).toList();
    }

    @GetMapping("/api/agents/{agentId}")
    @Operation(operationId = "getAgent", summary = "An agent, with its system prompt")
    @ApiResponse(responseCode = "200", description = "The agent")
    @ApiResponse(responseCode = "404", description = "No such agent")
    AgentView getAgent(@PathVariable String agentId) {
        return AgentView.of(registry.require(agentId), true);
    }

    @GetMapping("/api/agent-tools")
    @Operation(operationId = "listAgentTools", summary = "The tool names an agent may be allowed")
    @ApiResponse(responseCode = "200", description = "The tool names")
    List<String> listAgentTools() {
        return AgentTools.NAMES;
    }

    @PostMapping("/api/agents/{agentId}")
    @Operation(operationId = "createAgent", summary = "Create a custom agent (admin)",
            description = "The id is a slug: 2 to 32 lower-case letters, digits and single hyphens.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "400", description = "Invalid fields (every problem listed in errors)")
    @ApiResponse(responseCode = "403", description = "Not an admin")
    @ApiResponse(responseCode = "409", description = "An agent with this id exists")
    ResponseEntity<AgentView> createAgent(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable String agentId,
            @RequestBody AgentRequest request) {
        AgentDefinition created = registry.create(user, request.definition(agentId));
        return ResponseEntity.created(URI.create("/api/agents/" + created.id())).body(AgentView.of(created, true));
    }

    @PutMapping("/api/agents/{agentId}")
    @Operation(operationId = "updateAgent", summary = "Replace a custom agent's definition (admin)")
    @ApiResponse(responseCode = "200", description = "The agent as stored")
    @ApiResponse(responseCode = "400", description = "Invalid fields (every problem listed in errors)")
    @ApiResponse(responseCode = "403", description = "Not an admin")
    @ApiResponse(responseCode = "404", description = "No such agent")
    @ApiResponse(responseCode = "409", description = "A built-in or plugin agent: read-only")
    AgentView updateAgent(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable String agentId,
            @RequestBody AgentRequest request) {
        return AgentView.of(registry.update(user, request.definition(agentId)), true);
    }

    @DeleteMapping("/api/agents/{agentId}")
    @Operation(operationId = "deleteAgent", summary = "Delete a custom agent (admin)",
            description = "Conversations it was answering keep its id as their current agent; "
                    + "the chat has Nexy answer there.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "403", description = "Not an admin")
    @ApiResponse(responseCode = "404", description = "No such agent")
    @ApiResponse(responseCode = "409", description = "A built-in or plugin agent: read-only")
    ResponseEntity<Void> deleteAgent(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable String agentId) {
        registry.delete(user, agentId);
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/api/projects/{projectId}/agents/{agentId}")
    @Operation(operationId = "switchProjectAgent", summary = "Switch an agent on or off in a project (owner or admin)",
            description = "Every agent is on until switched off. Nexy cannot be switched off: it routes.")
    @ApiResponse(responseCode = "200", description = "The agent, with enabled as set")
    @ApiResponse(responseCode = "400", description = "enabled is missing")
    @ApiResponse(responseCode = "403", description = "Only owners (and admins) switch agents")
    @ApiResponse(responseCode = "404", description = "No such project or agent, or you are not a member")
    @ApiResponse(responseCode = "409", description = "Nexy cannot be switched off")
    AgentView switchProjectAgent(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId,
            @PathVariable String agentId, @RequestBody AgentSwitchRequest request) {
        if (request.enabled() == null) {
            throw new InvalidRequest("enabled", "is required");
        }
        AgentDefinition agent = registry.setEnabled(new ProjectId(projectId), agentId, request.enabled(), user);
        return AgentView.of(agent, request.enabled());
    }
}
