package dev.nex7.workflow.trigger;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

import dev.nex7.workflow.WorkflowEvents.WorkflowActivated;
import dev.nex7.workflow.catalog.ValidationProblem;
import dev.nex7.workflow.definition.DefinitionInvalid;
import dev.nex7.workflow.definition.NodeDefinition;
import dev.nex7.workflow.definition.WorkflowDefinition;
import dev.nex7.workflow.expression.ExpressionFailure;
import dev.nex7.workflow.expression.ExpressionScope;
import dev.nex7.workflow.expression.Expressions;
import dev.nex7.workflow.nodes.ErrorTrigger;
import dev.nex7.workflow.nodes.EventTrigger;
import dev.nex7.workflow.nodes.ScheduleTrigger;
import dev.nex7.workflow.persistence.WorkflowVersions;
import dev.nex7.workflow.trigger.EventSubscriptions.Kind;
import dev.nex7.workflow.trigger.EventSubscriptions.Subscription;
import dev.nex7.workflow.trigger.Schedules.Schedule;

/**
 * Keeps the schedule and event tables in step with the active version. It listens synchronously, in
 * the activating transaction: a trigger that cannot work (a cron that does not parse, an unknown
 * time zone, a filter with a syntax error) refuses the activation with a 400 naming the node and the
 * parameter, and nothing changes.
 */
@Component
class TriggerActivation {

    private static final Set<String> RECOVER = Set.of("none", "last", "all");

    private final WorkflowVersions versions;
    private final Schedules schedules;
    private final EventSubscriptions subscriptions;
    private final Expressions expressions;
    private final Clock clock;

    TriggerActivation(WorkflowVersions versions, Schedules schedules, EventSubscriptions subscriptions, Expressions expressions,
            Clock clock) {
        this.versions = versions;
        this.schedules = schedules;
        this.subscriptions = subscriptions;
        this.expressions = expressions;
        this.clock = clock;
    }

    /** What the active version's trigger nodes ask for, or what is wrong with them. */
    private record Wanted(List<Schedule> schedules, List<Subscription> subscriptions, List<ValidationProblem> problems) {
    }

    @EventListener
    void on(WorkflowActivated event) {
        if (event.version() == null) {
            schedules.replace(event.workflowId(), List.of());
            subscriptions.replace(event.workflowId(), event.projectId(), List.of());
            return;
        }
        WorkflowDefinition definition = versions.find(event.workflowId(), event.version())
                .orElseThrow(() -> new IllegalStateException("Activated version " + event.version() + " does not exist")).definition();
        Wanted wanted = new Wanted(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Instant now = clock.instant();
        for (int i = 0; i < definition.nodes().size(); i++) {
            NodeDefinition node = definition.nodes().get(i);
            String at = "/nodes/" + i + "/parameters/";
            switch (node.type()) {
                case ScheduleTrigger.TYPE -> schedule(event, node, at, now, wanted);
                case EventTrigger.TYPE -> event(node, at, wanted);
                case ErrorTrigger.TYPE -> error(node, at, wanted);
                case null, default -> {
                }
            }
        }
        if (!wanted.problems().isEmpty()) {
            throw new DefinitionInvalid(wanted.problems());
        }
        schedules.replace(event.workflowId(), wanted.schedules());
        subscriptions.replace(event.workflowId(), event.projectId(), wanted.subscriptions());
    }

    private static void schedule(WorkflowActivated event, NodeDefinition node, String at, Instant now, Wanted wanted) {
        Map<String, Object> parameters = node.parameters();
        String cron = text(parameters.get("cron"));
        String timezone = parameters.get("timezone") == null ? "UTC" : text(parameters.get("timezone"));
        String recover = parameters.get("recoverMissed") == null ? "none" : text(parameters.get("recoverMissed"));
        int before = wanted.problems().size();
        CronExpression expression = null;
        ZoneId zone = null;
        try {
            expression = CronSchedule.parseCron(cron);
        } catch (IllegalArgumentException invalid) {
            wanted.problems().add(problem(node, at + "cron", invalid.getMessage()));
        }
        try {
            zone = CronSchedule.parseZone(timezone);
        } catch (IllegalArgumentException invalid) {
            wanted.problems().add(problem(node, at + "timezone", invalid.getMessage()));
        }
        CronSchedule schedule = expression == null || zone == null ? null : CronSchedule.of(cron, timezone);
        if (!RECOVER.contains(recover)) {
            wanted.problems().add(problem(node, at + "recoverMissed", "recoverMissed is none, last or all."));
        }
        Instant next = schedule == null ? null : schedule.next(now);
        if (schedule != null && next == null) {
            wanted.problems().add(problem(node, at + "cron", "\"" + cron + "\" never fires."));
        }
        if (wanted.problems().size() == before) {
            wanted.schedules().add(new Schedule(event.workflowId(), node.id(), event.projectId(), event.version(), cron.strip(),
                    schedule.zone().getId(), recover, next, null));
        }
    }

    private void event(NodeDefinition node, String at, Wanted wanted) {
        String type = text(node.parameters().get("eventType")).strip();
        if (type.isEmpty() || type.length() > 100) {
            wanted.problems().add(problem(node, at + "eventType", "Choose the event type (1 to 100 characters), e.g. workflow.failed."));
            return;
        }
        Object filter = node.parameters().get("filter");
        if (filter instanceof String text && !text.isBlank()) {
            try {
                expressions.evaluate(text, ExpressionScope.ofInput(Map.of()));
            } catch (ExpressionFailure failure) {
                // Only a filter that can never work refuses activation; one that fails on some payloads is logged when it does.
                if (ExpressionFailure.SYNTAX.equals(failure.code()) || ExpressionFailure.FORBIDDEN.equals(failure.code())) {
                    wanted.problems().add(problem(node, at + "filter", failure.getMessage()));
                    return;
                }
            }
        }
        wanted.subscriptions().add(new Subscription(null, node.id(), Kind.EVENT, type));
    }

    private static void error(NodeDefinition node, String at, Wanted wanted) {
        Object watched = node.parameters().get("workflows");
        if (watched != null && !(watched instanceof List<?>)) {
            wanted.problems().add(problem(node, at + "workflows", "workflows is a list of workflow ids."));
            return;
        }
        List<?> ids = watched == null ? List.of() : (List<?>) watched;
        for (int i = 0; i < ids.size(); i++) {
            try {
                UUID.fromString(String.valueOf(ids.get(i)));
            } catch (IllegalArgumentException notAnId) {
                wanted.problems().add(problem(node, at + "workflows/" + i, "\"" + ids.get(i) + "\" is not a workflow id."));
                return;
            }
        }
        wanted.subscriptions().add(new Subscription(null, node.id(), Kind.ERROR, ErrorTriggers.EVENT_TYPE));
    }

    private static ValidationProblem problem(NodeDefinition node, String pointer, String message) {
        return ValidationProblem.error("invalid-trigger", node.displayName() + ": " + message, node.id(), pointer);
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}
