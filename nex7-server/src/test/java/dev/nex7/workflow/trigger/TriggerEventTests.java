package dev.nex7.workflow.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.nex7.project.ProjectId;
import dev.nex7.workflow.ExecutionId;
import dev.nex7.workflow.TriggerEvent;
import dev.nex7.workflow.WorkflowEvents.WorkflowCompleted;
import dev.nex7.workflow.WorkflowEvents.WorkflowFailed;
import dev.nex7.workflow.WorkflowId;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

class TriggerEventTests {

    private final ExecutionId execution = ExecutionId.random();
    private final WorkflowId workflow = WorkflowId.random();
    private final ProjectId project = new ProjectId(UUID.randomUUID());

    @Test
    void workflowEventsOfferTheirTypePayloadAndOrigin() {
        TriggerEvent completed = new WorkflowCompleted(execution, workflow, project, "webhook", 12);
        TriggerEvent failed = new WorkflowFailed(execution, workflow, project, "event", "failed", "http", "502 Bad Gateway");
        TriggerEvent cancelled = new WorkflowFailed(execution, workflow, project, "manual", "cancelled", null, "cancelled");

        assertThat(completed.type()).isEqualTo("workflow.completed");
        assertThat(completed.payload()).containsEntry("executionId", execution.toString()).containsEntry("mode", "webhook")
                .containsEntry("durationMillis", 12L);
        assertThat(failed.type()).isEqualTo("workflow.failed");
        assertThat(failed.payload()).containsEntry("failedNode", "http").containsEntry("message", "502 Bad Gateway");
        assertThat(failed.originWorkflow()).isEqualTo(workflow);
        assertThat(failed.originMode()).isEqualTo("event");
        assertThat(cancelled.type()).isEqualTo("workflow.cancelled");
        assertThat(cancelled.payload()).containsEntry("failedNode", null);
    }

    @Test
    void theEventsSurviveThePublicationRegistrysJsonRoundTrip() {
        // The registry stores events as JSON and reads them back after a restart; the derived members must not get in the way.
        JsonMapper json = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        WorkflowFailed failed = new WorkflowFailed(execution, workflow, project, "manual", "failed", "http", "boom");

        String stored = json.writeValueAsString(failed);
        Map<String, Object> fields = json.readValue(stored, new tools.jackson.core.type.TypeReference<Map<String, Object>>() { });

        assertThat(json.readValue(stored, WorkflowFailed.class)).isEqualTo(failed);
        assertThat(fields.keySet()).doesNotContain("type", "payload", "originWorkflow", "originMode");
    }
}
