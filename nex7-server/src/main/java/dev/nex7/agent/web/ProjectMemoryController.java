package dev.nex7.agent.web;

import java.net.URI;
import java.time.Instant;
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
import org.springframework.web.bind.annotation.RestController;

import dev.nex7.agent.FactId;
import dev.nex7.agent.FactSource;
import dev.nex7.agent.MemoryFact;
import dev.nex7.agent.ProjectMemory;
import dev.nex7.identity.AuthenticatedUser;
import dev.nex7.project.ProjectId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** What the agents remember about a project: viewers read, editors add, edit and delete. */
@RestController
@RequestMapping("/api/projects/{projectId}/memory")
@Tag(name = "Agents")
class ProjectMemoryController {

    private static final String NOT_A_MEMBER = "No such project, or you are not a member";

    private final ProjectMemory memory;

    ProjectMemoryController(ProjectMemory memory) {
        this.memory = memory;
    }

    /**
     * A memory fact.
     *
     * @param agentId the agent that remembered it, when source is agent
     * @param createdBy the member who added it, or in whose conversation an agent did
     */
    record FactView(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID id,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = ProjectMemory.MAX_FACT_LENGTH) String text,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) FactSource source,
            String agentId,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID createdBy,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant createdAt,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant updatedAt) {

        static FactView of(MemoryFact fact) {
            return new FactView(fact.id().value(), fact.text(), fact.source(), fact.agentId(), fact.createdBy().value(),
                    fact.createdAt(), fact.updatedAt());
        }
    }

    /** A fact's text. */
    record FactRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = ProjectMemory.MAX_FACT_LENGTH)
            String text) {
    }

    @GetMapping
    @Operation(operationId = "listMemoryFacts", summary = "The project's memory facts, oldest first")
    @ApiResponse(responseCode = "200", description = "The facts")
    @ApiResponse(responseCode = "404", description = NOT_A_MEMBER)
    List<FactView> listMemoryFacts(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId) {
        return memory.list(new ProjectId(projectId), user.id()).stream().map(FactView::of).toList();
    }

    @PostMapping
    @Operation(operationId = "addMemoryFact", summary = "Add a fact to the project's memory (editor)")
    @ApiResponse(responseCode = "201", description = "Added")
    @ApiResponse(responseCode = "400", description = "Empty, or longer than 1,000 characters")
    @ApiResponse(responseCode = "403", description = "Viewers cannot add")
    @ApiResponse(responseCode = "404", description = NOT_A_MEMBER)
    @ApiResponse(responseCode = "409", description = "The project's memory is full (nex7.agent.facts-per-project)")
    ResponseEntity<FactView> addMemoryFact(@AuthenticationPrincipal AuthenticatedUser user,
            @PathVariable UUID projectId, @RequestBody FactRequest request) {
        FactView added = FactView.of(memory.add(new ProjectId(projectId), user.id(), request.text()));
        return ResponseEntity.created(URI.create("/api/projects/" + projectId + "/memory/" + added.id())).body(added);
    }

    @PatchMapping("/{factId}")
    @Operation(operationId = "updateMemoryFact", summary = "Rewrite a memory fact (editor)")
    @ApiResponse(responseCode = "200", description = "The fact as changed")
    @ApiResponse(responseCode = "400", description = "Empty, or longer than 1,000 characters")
    @ApiResponse(responseCode = "403", description = "Viewers cannot edit")
    @ApiResponse(responseCode = "404", description = "No such project or fact, or you are not a member")
    FactView updateMemoryFact(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId,
            @PathVariable UUID factId, @RequestBody FactRequest request) {
        return FactView.of(memory.change(new ProjectId(projectId), new FactId(factId), user.id(), request.text()));
    }

    @DeleteMapping("/{factId}")
    @Operation(operationId = "deleteMemoryFact", summary = "Delete a memory fact (editor)")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "403", description = "Viewers cannot delete")
    @ApiResponse(responseCode = "404", description = "No such project or fact, or you are not a member")
    ResponseEntity<Void> deleteMemoryFact(@AuthenticationPrincipal AuthenticatedUser user,
            @PathVariable UUID projectId, @PathVariable UUID factId) {
        memory.forget(new ProjectId(projectId), new FactId(factId), user.id());
        return ResponseEntity.noContent().build();
    }
}
