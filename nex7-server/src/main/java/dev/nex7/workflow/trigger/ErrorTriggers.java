package dev.nex7.workflow.trigger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.nex7.workflow.WorkflowEvents.WorkflowFailed;
import dev.nex7.workflow.definition.Workflow;
import dev.nex7.workflow.nodes.ErrorTrigger;
import dev.nex7.workflow.persistence.Workflows;
import dev.nex7.workflow.trigger.EventSubscriptions.Kind;
import dev.nex7.workflow.trigger.EventSubscriptions.Subscription;
import dev.nex7.workflow.trigger.TriggerStarts.Active;

/**
 * Starts the error workflows of a project when one of its other workflows fails. Cancelled
 * executions do not count, and neither do failures of executions that an error or event trigger
 * started: an error workflow that fails starts nothing, so error workflows cannot loop.
 */
@Component
class ErrorTriggers {

    /** What error triggers listen for. */
    static final String EVENT_TYPE = "workflow.failed";

    private final EventSubscriptions subscriptions;
    private final TriggerStarts starts;
    private final Workflows workflows;

    ErrorTriggers(EventSubscriptions subscriptions, TriggerStarts starts, Workflows workflows) {
        this.subscriptions = subscriptions;
        this.starts = starts;
        this.workflows = workflows;
    }

    @ApplicationModuleListener
    void on(WorkflowFailed failed) {
        if (!"failed".equals(failed.status()) || TriggerStarts.startedByTrigger(failed.mode())) {
            return;
        }
        Map<String, Object> input = null;
        for (Subscription subscription : subscriptions.listening(failed.projectId(), Kind.ERROR, EVENT_TYPE)) {
            if (subscription.workflowId().equals(failed.workflowId())) {
                continue;
            }
            Optional<Active> active = starts.active(subscription.workflowId(), subscription.nodeId(), ErrorTrigger.TYPE);
            if (active.isEmpty() || !watches(active.get(), failed)) {
                continue;
            }
            input = input == null ? input(failed) : input;
            starts.start(active.get(), "error", failed.executionId().toString(), input);
        }
    }

    private static boolean watches(Active active, WorkflowFailed failed) {
        Object watched = active.node().parameters().get("workflows");
        return !(watched instanceof List<?> ids) || ids.isEmpty()
                || ids.stream().anyMatch(id -> failed.workflowId().toString().equalsIgnoreCase(String.valueOf(id).strip()));
    }

    private Map<String, Object> input(WorkflowFailed failed) {
        Map<String, Object> execution = new LinkedHashMap<>();
        execution.put("id", failed.executionId().toString());
        execution.put("mode", failed.mode());
        execution.put("status", failed.status());
        execution.put("failedNode", failed.failedNode());
        execution.put("message", failed.message());
        Map<String, Object> workflow = new LinkedHashMap<>();
        workflow.put("id", failed.workflowId().toString());
        workflow.put("name", workflows.find(failed.workflowId()).map(Workflow::name).orElse(null));
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("execution", execution);
        input.put("workflow", workflow);
        return input;
    }
}
