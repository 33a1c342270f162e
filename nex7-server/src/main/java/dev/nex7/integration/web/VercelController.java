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
import dev.nex7.integration.vercel.VercelLinks;
import dev.nex7.integration.vercel.VercelWebhooks;
import dev.nex7.project.ProjectId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** A project's Vercel deployment target, and the endpoint Vercel's webhook events arrive at. */
@RestController
@Tag(name = "Vercel")
class VercelController {

    /** @param webhookSecret the secret Vercel showed when the webhook was created; events are refused without it */
    @Schema(name = "VercelLinkRequest")
    record LinkRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String vercelProjectId, String teamId, UUID credentialId,
            String webhookSecret) {
    }

    @Schema(name = "VercelLinkView")
    record LinkView(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String vercelProjectId, String teamId, UUID credentialId,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Whether a webhook secret is set") boolean signed,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant linkedAt,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String webhookUrl) {

        static LinkView of(VercelLinks.Link link) {
            return new LinkView(link.vercelProjectId(), link.teamId(), link.credentialId(), link.signed(), link.createdAt(), "/api/webhooks/vercel");
        }
    }

    private final VercelLinks links;
    private final VercelWebhooks webhooks;

    VercelController(VercelLinks links, VercelWebhooks webhooks) {
        this.links = links;
        this.webhooks = webhooks;
    }

    @PostMapping("/api/webhooks/vercel")
    @Operation(summary = "Vercel webhook events (public; HMAC-SHA1-checked with the linked project's secret)")
    @ApiResponse(responseCode = "202", description = "Stored and announced (deployment events)")
    @ApiResponse(responseCode = "200", description = "Already received, or stored and ignored")
    @ApiResponse(responseCode = "401", description = "The signature matches no project linked to the Vercel project")
    ResponseEntity<Map<String, String>> receive(@RequestHeader(name = "x-vercel-signature", required = false) String signature,
            @RequestBody(required = false) byte[] body) {
        VercelWebhooks.Outcome outcome = webhooks.receive(signature, body == null ? new byte[0] : body);
        return ResponseEntity.status(outcome == VercelWebhooks.Outcome.ACCEPTED ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .body(Map.of("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)));
    }

    @PutMapping("/api/projects/{projectId}/vercel")
    @Operation(summary = "Link a Vercel project as the project's deployment target (owner)")
    LinkView link(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId, @RequestBody LinkRequest request) {
        return LinkView.of(links.link(new ProjectId(projectId), user.id(), request.vercelProjectId(), request.teamId(), request.credentialId(),
                request.webhookSecret()));
    }

    @GetMapping("/api/projects/{projectId}/vercel")
    @Operation(summary = "The project's linked Vercel project (members)")
    LinkView get(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId) {
        return LinkView.of(links.get(new ProjectId(projectId), user.id()));
    }

    @DeleteMapping("/api/projects/{projectId}/vercel")
    @Operation(summary = "Unlink the project's Vercel project (owner)")
    @ApiResponse(responseCode = "204", description = "Unlinked")
    ResponseEntity<Void> unlink(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId) {
        links.unlink(new ProjectId(projectId), user.id());
        return ResponseEntity.noContent().build();
    }
}
