package dev.nex7.integration.web;

import java.time.Instant;
import java.util.Map;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.nex7.identity.AuthenticatedUser;
import dev.nex7.integration.github.GitHubLinks;
import dev.nex7.integration.github.GitHubWebhooks;
import dev.nex7.project.ProjectId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** A project's linked GitHub repository, and the endpoint GitHub's webhook deliveries arrive at. */
@RestController
@Tag(name = "GitHub")
class GitHubController {

    /** @param webhookSecret absent: NEX7 makes one and shows it once */
    @Schema(name = "GitHubLinkRequest")
    record LinkRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String owner,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String repo, UUID credentialId, String webhookSecret) {
    }

    @Schema(name = "GitHubLinkView")
    record LinkView(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String owner, @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String repo,
            UUID credentialId, @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant linkedAt,
            @Schema(description = "Shown once, when NEX7 made the secret") String webhookSecret,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String webhookUrl) {
    }

    private final GitHubLinks links;
    private final GitHubWebhooks webhooks;

    GitHubController(GitHubLinks links, GitHubWebhooks webhooks) {
        this.links = links;
        this.webhooks = webhooks;
    }

    @PostMapping("/api/webhooks/github")
    @Operation(summary = "GitHub webhook deliveries (public; HMAC-checked with the linked project's secret)",
            description = "Stored before the answer; a redelivery (same X-GitHub-Delivery) changes nothing.")
    @ApiResponse(responseCode = "202", description = "Stored (and announced when push, pull_request, release or ping)")
    @ApiResponse(responseCode = "200", description = "Already received, or stored and ignored (another event)")
    @ApiResponse(responseCode = "401", description = "The signature matches no project linked to the repository")
    ResponseEntity<Map<String, String>> receive(@RequestHeader(name = "X-GitHub-Event", required = false) String event,
            @RequestHeader(name = "X-GitHub-Delivery", required = false) String delivery,
            @RequestHeader(name = "X-Hub-Signature-256", required = false) String signature, @RequestBody(required = false) byte[] body) {
        GitHubWebhooks.Outcome outcome = webhooks.receive(event, delivery, signature, body == null ? new byte[0] : body);
        return ResponseEntity.status(outcome == GitHubWebhooks.Outcome.ACCEPTED ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .body(Map.of("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)));
    }

    @PutMapping("/api/projects/{projectId}/github")
    @Operation(summary = "Link a GitHub repository to the project (owner)", description = "Without webhookSecret NEX7 makes one and shows it once.")
    LinkView link(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId, @RequestBody LinkRequest request) {
        GitHubLinks.Linked linked = links.link(new ProjectId(projectId), user.id(), request.owner(), request.repo(), request.credentialId(),
                request.webhookSecret());
        return view(linked.link(), linked.webhookSecret());
    }

    @GetMapping("/api/projects/{projectId}/github")
    @Operation(summary = "The project's linked GitHub repository (members)")
    LinkView get(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId) {
        return view(links.get(new ProjectId(projectId), user.id()), null);
    }

    @DeleteMapping("/api/projects/{projectId}/github")
    @Operation(summary = "Unlink the project's GitHub repository (owner)")
    @ApiResponse(responseCode = "204", description = "Unlinked")
    ResponseEntity<Void> unlink(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId) {
        links.unlink(new ProjectId(projectId), user.id());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/projects/{projectId}/github/test")
    @Operation(summary = "Ask GitHub for the linked repository with the project's token (owner)")
    @ApiResponse(responseCode = "502", description = "GitHub refused the token, does not know the repository, or could not be reached")
    GitHubLinks.Check test(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId) {
        return links.test(new ProjectId(projectId), user.id());
    }

    private static LinkView view(GitHubLinks.Link link, String secret) {
        return new LinkView(link.owner(), link.repo(), link.credentialId(), link.createdAt(), secret, "/api/webhooks/github");
    }
}
