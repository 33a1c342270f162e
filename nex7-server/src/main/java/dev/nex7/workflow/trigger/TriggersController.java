package dev.nex7.workflow.trigger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.nex7.identity.AuthenticatedUser;
import dev.nex7.project.ProjectRole;
import dev.nex7.workflow.WorkflowId;
import dev.nex7.workflow.definition.WorkflowLibrary;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** What the active version's schedule, event and error triggers are waiting for: the canvas shows "next run at". */
@RestController
@Tag(name = "Workflows")
class TriggersController {

    private final WorkflowLibrary library;
    private final Schedules schedules;
    private final EventSubscriptions subscriptions;

    TriggersController(WorkflowLibrary library, Schedules schedules, EventSubscriptions subscriptions) {
        this.library = library;
        this.schedules = schedules;
        this.subscriptions = subscriptions;
    }

    record ScheduleView(String nodeId, int version, String cron, String timezone, String recoverMissed, Instant nextFireAt,
            Instant lastFiredAt) {
    }

    /** @param kind {@code event} or {@code error} */
    record ListenerView(String nodeId, String kind, String eventType) {
    }

    record TriggersView(List<ScheduleView> schedules, List<ListenerView> listeners) {
    }

    @GetMapping("/api/workflows/{workflowId}/triggers")
    @Operation(summary = "The active version's schedules (with their next fire time) and event listeners",
            description = "Empty while no version is active.")
    @ApiResponse(responseCode = "200", description = "The triggers")
    @ApiResponse(responseCode = "404", description = "No such workflow, or you are not a member of its project")
    TriggersView triggers(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID workflowId) {
        WorkflowId id = library.require(new WorkflowId(workflowId), user.id(), ProjectRole.VIEWER).id();
        return new TriggersView(
                schedules.of(id).stream().map(schedule -> new ScheduleView(schedule.nodeId(), schedule.version(), schedule.cron(),
                        schedule.timezone(), schedule.recover(), schedule.nextFireAt(), schedule.lastFiredAt())).toList(),
                subscriptions.of(id).stream().map(listener -> new ListenerView(listener.nodeId(), listener.kind().id(),
                        listener.eventType())).toList());
    }
}
