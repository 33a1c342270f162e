package dev.nex7.notification.web;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.nex7.identity.AuthenticatedUser;
import dev.nex7.notification.NotificationKind;
import dev.nex7.notification.inbox.Inbox;
import dev.nex7.notification.inbox.LiveNotifications;
import dev.nex7.notification.inbox.Notification;
import dev.nex7.notification.inbox.NotificationId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The signed-in person's in-app notifications: list, count, mark read, and the live stream the bell listens to. */
@RestController
@RequestMapping("/api/notifications")
@Tag(name = "Notifications")
class NotificationsController {

    /** A stream ends after this long; the client opens a new one. */
    private static final long STREAM_TIMEOUT_MS = 30 * 60 * 1000L;

    @Schema(name = "NotificationView")
    record NotificationView(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID id,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID projectId,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) NotificationKind kind,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String title,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String body,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "A path of the web app") String link,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Instant createdAt,
            Instant readAt) {

        static NotificationView of(Notification notification) {
            return new NotificationView(notification.id().value(), notification.projectId().value(), notification.kind(),
                    notification.title(), notification.body(), notification.link(), notification.createdAt(), notification.readAt());
        }
    }

    @Schema(name = "NotificationPage")
    record NotificationPage(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<NotificationView> items,
            @Schema(description = "Pass as `before` for the next page; absent on the last") UUID nextBefore) {
    }

    @Schema(name = "UnreadCountView")
    record UnreadCount(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) long count) {
    }

    private final Inbox inbox;
    private final LiveNotifications live;
    private final java.util.Set<SseEmitter> open = java.util.concurrent.ConcurrentHashMap.newKeySet();

    NotificationsController(Inbox inbox, LiveNotifications live) {
        this.inbox = inbox;
        this.live = live;
    }

    @GetMapping
    @Operation(operationId = "listNotifications", summary = "Your notifications, newest first", description = "Page on with `before` set to the previous page's `nextBefore`.")
    @ApiResponse(responseCode = "200", description = "A page of notifications")
    @ApiResponse(responseCode = "400", description = "limit is not between 1 and 100, or before is not one of your notifications")
    NotificationPage list(@AuthenticationPrincipal AuthenticatedUser user, @RequestParam(defaultValue = "false") boolean unreadOnly,
            @RequestParam(defaultValue = "20") int limit, @RequestParam(required = false) UUID before) {
        Inbox.Page page = inbox.page(user.id(), unreadOnly, before == null ? null : new NotificationId(before), limit);
        return new NotificationPage(page.items().stream().map(NotificationView::of).toList(),
                page.nextBefore() == null ? null : page.nextBefore().value());
    }

    @GetMapping("/unread-count")
    @Operation(operationId = "countUnreadNotifications", summary = "How many of your notifications are unread")
    UnreadCount unreadCount(@AuthenticationPrincipal AuthenticatedUser user) {
        return new UnreadCount(inbox.unread(user.id()));
    }

    @PostMapping("/{notificationId}/read")
    @Operation(operationId = "markNotificationRead", summary = "Mark one of your notifications read")
    @ApiResponse(responseCode = "200", description = "The notification, read")
    @ApiResponse(responseCode = "404", description = "No such notification of yours")
    NotificationView markRead(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID notificationId) {
        return NotificationView.of(inbox.markRead(user.id(), new NotificationId(notificationId)));
    }

    @PostMapping("/read-all")
    @Operation(operationId = "markAllNotificationsRead", summary = "Mark all your notifications read")
    @ApiResponse(responseCode = "200", description = "The unread count, now")
    UnreadCount markAllRead(@AuthenticationPrincipal AuthenticatedUser user) {
        inbox.markAllRead(user.id());
        return new UnreadCount(inbox.unread(user.id()));
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(operationId = "streamNotifications", summary = "Your notifications, live (server-sent events)",
            description = "First an `unread` event (`{\"count\": n}`), then a `notification` event (a NotificationView) for each new "
                    + "notification and an `unread` event whenever the count changes. The stream ends after 30 minutes; open another.")
    @ApiResponse(responseCode = "200", description = "The event stream")
    SseEmitter stream(@AuthenticationPrincipal AuthenticatedUser user) {
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT_MS);
        // Subscribe first, then count, under the emitter's lock: a change committed meanwhile is sent after the
        // first count, never before it, so the last count the client sees is the newest.
        synchronized (emitter) {
            Runnable subscription = live.subscribe(user.id(), change -> send(emitter, change));
            open.add(emitter);
            Runnable unsubscribe = () -> {
                open.remove(emitter);
                subscription.run();
            };
            emitter.onCompletion(unsubscribe);
            emitter.onTimeout(unsubscribe);
            emitter.onError(failure -> unsubscribe.run());
            send(emitter, new LiveNotifications.Unread(inbox.unread(user.id())));
        }
        return emitter;
    }

    /**
     * Ends the open streams when the application shuts down: a graceful shutdown waits for running
     * requests, and an open stream would hold it for its whole timeout. Clients reconnect to another instance.
     */
    @org.springframework.context.event.EventListener(org.springframework.context.event.ContextClosedEvent.class)
    void closeStreams() {
        for (SseEmitter emitter : java.util.List.copyOf(open)) {
            emitter.complete();
        }
    }

    private static void send(SseEmitter emitter, LiveNotifications.Change change) {
        SseEmitter.SseEventBuilder event = switch (change) {
            case LiveNotifications.Arrived arrived -> SseEmitter.event().name("notification")
                    .data(NotificationView.of(arrived.notification()), MediaType.APPLICATION_JSON);
            case LiveNotifications.Unread unread -> SseEmitter.event().name("unread").data(new UnreadCount(unread.count()),
                    MediaType.APPLICATION_JSON);
        };
        synchronized (emitter) {
            try {
                emitter.send(event);
            } catch (IOException | IllegalStateException gone) {
                emitter.completeWithError(gone);
            }
        }
    }
}
