package dev.nex7.deployment.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.nex7.deployment.local.LocalDeployments;
import dev.nex7.deployment.local.LocalTargets;
import dev.nex7.deployment.local.TargetEnvironment;
import dev.nex7.identity.AuthenticatedUser;
import dev.nex7.project.ProjectId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** A project's local deployment target, its environment variables, and deploying it by hand. */
@RestController
@Tag(name = "Deployments")
class LocalTargetController {

    @Schema(name = "LocalTargetRequest")
    record LinkRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "/home/me/shop",
                    description = "An absolute path on the server, or a file: URL, of a git repository") String repository,
            @Schema(example = "main", description = "Default main") String branch,
            @Schema(example = "npm ci") String installCommand,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "npm run build") String buildCommand,
            @Schema(description = "Deploy new commits of the branch as they appear (default true)") Boolean watch) {
    }

    @Schema(name = "LocalTarget")
    record TargetView(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String repository,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String branch, String installCommand,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String buildCommand,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean watch,
            @Schema(description = "The newest commit of the branch NEX7 has seen") String lastSeenSha,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant linkedAt) {

        static TargetView of(LocalTargets.Target target) {
            return new TargetView(target.repository(), target.branch(), target.installCommand(), target.buildCommand(), target.watch(),
                    target.lastSeenSha(), target.linkedAt());
        }
    }

    @Schema(name = "DeployRequest")
    record DeployRequest(@Schema(description = "A full commit id; absent: the branch head") String commitSha) {
    }

    @Schema(name = "TargetEnvironmentValue")
    record ValueRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "password", accessMode = Schema.AccessMode.WRITE_ONLY,
            description = "The value; stored sealed and never returned") String value) {
    }

    private final LocalTargets targets;
    private final LocalDeployments deployments;
    private final TargetEnvironment environment;

    LocalTargetController(LocalTargets targets, LocalDeployments deployments, TargetEnvironment environment) {
        this.targets = targets;
        this.deployments = deployments;
        this.environment = environment;
    }

    @PutMapping("/api/projects/{projectId}/local-target")
    @Operation(operationId = "linkLocalTarget", summary = "Link a git repository on this machine as the project's deployment target (owner)")
    @ApiResponse(responseCode = "422", description = "The repository or its branch cannot be read")
    TargetView link(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId, @RequestBody LinkRequest request) {
        return TargetView.of(targets.link(new ProjectId(projectId), user.id(), request.repository(), request.branch(),
                request.installCommand(), request.buildCommand(), request.watch() == null || request.watch()));
    }

    @GetMapping("/api/projects/{projectId}/local-target")
    @Operation(operationId = "getLocalTarget", summary = "The project's local deployment target (members)")
    TargetView get(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId) {
        return TargetView.of(targets.get(new ProjectId(projectId), user.id()));
    }

    @DeleteMapping("/api/projects/{projectId}/local-target")
    @Operation(operationId = "unlinkLocalTarget", summary = "Unlink the project's local target (owner); its deployments stay")
    @ApiResponse(responseCode = "204", description = "Unlinked")
    ResponseEntity<Void> unlink(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId) {
        targets.unlink(new ProjectId(projectId), user.id());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/projects/{projectId}/local-target/test")
    @Operation(operationId = "testLocalTarget", summary = "Read the branch head of the local target's repository (editor)")
    LocalTargets.Check test(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId) {
        return targets.test(new ProjectId(projectId), user.id());
    }

    @GetMapping("/api/projects/{projectId}/local-target/environment")
    @Operation(operationId = "listLocalTargetEnvironment", summary = "The names of the local target's environment variables (editor)",
            description = "Values are never returned.")
    List<TargetEnvironment.Variable> environment(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId) {
        return environment.list(new ProjectId(projectId), user.id());
    }

    @PutMapping("/api/projects/{projectId}/local-target/environment/{name}")
    @Operation(operationId = "setLocalTargetEnvironmentVariable", summary = "Set or replace an environment variable of the local target (editor)",
            description = "The install and build commands get it in the sandbox; the value is stored sealed, masked in build output and "
                    + "never returned. Names are POSIX names; values at most 32 KiB; at most 100 variables.")
    @ApiResponse(responseCode = "400", description = "A bad name or value, or one variable too many")
    TargetEnvironment.Variable setVariable(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId,
            @PathVariable String name, @RequestBody ValueRequest request) {
        return environment.set(new ProjectId(projectId), user.id(), name, request.value());
    }

    @DeleteMapping("/api/projects/{projectId}/local-target/environment/{name}")
    @Operation(operationId = "deleteLocalTargetEnvironmentVariable", summary = "Delete an environment variable of the local target (editor)")
    @ApiResponse(responseCode = "204", description = "Deleted")
    ResponseEntity<Void> deleteVariable(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId,
            @PathVariable String name) {
        environment.delete(new ProjectId(projectId), user.id(), name);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/projects/{projectId}/deployments")
    @Operation(operationId = "deployLocalTarget", summary = "Deploy a commit of the local target (editor)",
            description = "Queues the deployment; the timeline shows it building.")
    @ApiResponse(responseCode = "202", description = "Queued")
    ResponseEntity<DeploymentView> deploy(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId,
            @RequestBody(required = false) DeployRequest request) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(DeploymentView.of(
                deployments.deploy(new ProjectId(projectId), user.id(), request == null ? null : request.commitSha())));
    }
}
