package dev.nex7.notification.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.nex7.identity.AuthenticatedUser;
import dev.nex7.notification.NotificationKind;
import dev.nex7.notification.delivery.Delivery;
import dev.nex7.notification.delivery.DeliveryStatus;
import dev.nex7.notification.webhook.ProjectWebhooks;
import dev.nex7.platform.ApiProblem.FieldError;
import dev.nex7.platform.InvalidRequest;
import dev.nex7.project.ProjectId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** A project's outgoing notification webhook: owners configure and test it, members see it and its recent deliveries. */
@RestController
@RequestMapping("/api/projects/{projectId}/notification-webhook")
@Tag(name = "Notifications")
class NotificationWebhookController {

    /**
     * @param enabled absent: true
     * @param kinds notification kind ids to post; absent: all
     * @param rotateSecret make a new signing secret (shown once); a new webhook always gets one
     */
    @Schema(name = "NotificationWebhookRequest")
    record WebhookRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String url, Boolean enabled, List<String> kinds,
            Boolean rotateSecret) {
    }

    @Schema(name = "NotificationWebhookView")
    record WebhookView(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The whole URL for owners, its origin for other members") String url,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean enabled,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<NotificationKind> kinds,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant createdAt,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant updatedAt,
            @Schema(description = "The signing secret: only in the answer that made it, never again") String secret,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The most recent deliveries, newest first")
            List<DeliveryView> deliveries) {
    }

    @Schema(name = "NotificationDeliveryView")
    record DeliveryView(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID id,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "A notification kind's id, or test") String kind,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"pending", "delivered", "failed"}) String status,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) int attempts,
            @Schema(description = "The HTTP status of the last attempt") Integer lastStatus,
            String lastError,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant createdAt,
            @Schema(description = "When it is tried next, while pending") Instant nextAttemptAt,
            Instant finishedAt) {

        static DeliveryView of(Delivery delivery) {
            boolean pending = delivery.status() == DeliveryStatus.PENDING;
            return new DeliveryView(delivery.id(), delivery.kind(), delivery.status().id(), delivery.attempts(), delivery.lastStatus(),
                    delivery.lastError(), delivery.createdAt(), pending ? delivery.nextAttemptAt() : null, delivery.finishedAt());
        }
    }

    @Schema(name = "NotificationWebhookTestView")
    record TestView(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean delivered,
            @Schema(description = "The HTTP status the webhook answered, when it answered") Integer status,
            @Schema(description = "Why it was not delivered") String error,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) long durationMillis) {
    }

    private final ProjectWebhooks webhooks;

    NotificationWebhookController(ProjectWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @GetMapping
    @Operation(operationId = "getNotificationWebhook", summary = "The project's notification webhook and its recent deliveries (members; never the secret)")
    @ApiResponse(responseCode = "200", description = "The webhook")
    @ApiResponse(responseCode = "404", description = "No such project, or no webhook")
    WebhookView get(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId) {
        ProjectId project = new ProjectId(projectId);
        return view(webhooks.get(project, user.id()), null, webhooks.recent(project, user.id()));
    }

    @PutMapping
    @Operation(operationId = "saveNotificationWebhook", summary = "Create or change the project's notification webhook (owner)",
            description = "A new webhook (or rotateSecret) gets a signing secret, in this answer only. Calls are POSTed with "
                    + "X-Nex7-Timestamp (unix seconds) and X-Nex7-Signature: sha256=hex(HMAC-SHA256(secret, timestamp + \".\" + body)).")
    @ApiResponse(responseCode = "200", description = "The webhook")
    @ApiResponse(responseCode = "400", description = "Not an http(s) URL, or an unknown kind")
    @ApiResponse(responseCode = "403", description = "Only owners configure the webhook")
    WebhookView put(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId, @RequestBody WebhookRequest request) {
        ProjectId project = new ProjectId(projectId);
        ProjectWebhooks.Saved saved = webhooks.save(project, user.id(), request.url(), request.enabled() == null || request.enabled(),
                kinds(request.kinds()), Boolean.TRUE.equals(request.rotateSecret()));
        return view(saved.webhook(), saved.secret(), webhooks.recent(project, user.id()));
    }

    @DeleteMapping
    @Operation(operationId = "deleteNotificationWebhook", summary = "Remove the project's notification webhook and its deliveries (owner)")
    @ApiResponse(responseCode = "204", description = "Removed")
    @ApiResponse(responseCode = "403", description = "Only owners remove the webhook")
    @ApiResponse(responseCode = "404", description = "No such project, or no webhook")
    ResponseEntity<Void> delete(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId) {
        webhooks.delete(new ProjectId(projectId), user.id());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/test")
    @Operation(operationId = "testNotificationWebhook", summary = "Send a test call now and say how it went (owner)")
    @ApiResponse(responseCode = "200", description = "What happened, delivered or not")
    @ApiResponse(responseCode = "403", description = "Only owners test the webhook")
    @ApiResponse(responseCode = "404", description = "No such project, or no webhook")
    TestView test(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID projectId) {
        ProjectWebhooks.TestOutcome outcome = webhooks.test(new ProjectId(projectId), user.id());
        return new TestView(outcome.delivered(), outcome.status(), outcome.error(), outcome.durationMillis());
    }

    private static Set<NotificationKind> kinds(List<String> ids) {
        if (ids == null) {
            return null;
        }
        Set<NotificationKind> kinds = EnumSet.noneOf(NotificationKind.class);
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            NotificationKind kind = Kinds.parse(ids.get(i));
            if (kind == null) {
                errors.add(new FieldError("kinds[" + i + "]", "must be one of " + Kinds.ALL));
            } else {
                kinds.add(kind);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        return kinds;
    }

    private static WebhookView view(ProjectWebhooks.Webhook webhook, String secret, List<Delivery> deliveries) {
        return new WebhookView(webhook.url(), webhook.enabled(), List.copyOf(webhook.kinds()), webhook.createdAt(), webhook.updatedAt(),
                secret, deliveries.stream().map(DeliveryView::of).toList());
    }
}
