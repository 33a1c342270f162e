package dev.nex7.workflow.trigger;

import static dev.nex7.workflow.WorkflowFixtures.definition;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import dev.nex7.project.ProjectId;
import dev.nex7.support.Api;
import dev.nex7.workflow.TriggerEvent;
import dev.nex7.support.Api.Response;
import tools.jackson.databind.JsonNode;

@ExtendWith(OutputCaptureExtension.class)
class EventTriggerIntegrationTests extends TriggerIntegrationTest {

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;

    static Map<String, Object> manual() {
        return definition().node("start", "manual-trigger", Map.of()).build();
    }

    static Map<String, Object> listening(String eventType, String filter) {
        return definition()
                .node("on", "event-trigger", filter == null ? Api.map("eventType", eventType) : Api.map("eventType", eventType, "filter", filter))
                .node("echo", "set", Map.of("fields", List.of(Map.of("name", "source", "value", "{{ payload.executionId }}"))))
                .edge("on", "echo")
                .build();
    }

    @Test
    void aCompletedWorkflowStartsTheListeningWorkflowsOfItsOwnProjectOnly() {
        Session owner = newUser("Listener");
        String project = project(owner);
        String source = activeWorkflow(owner, project, "Source", manual());
        String listener = activeWorkflow(owner, project, "Listener", listening("workflow.completed", null));
        String matching = activeWorkflow(owner, project, "Matching", listening("workflow.completed", "mode = \"manual\""));
        String filteredOut = activeWorkflow(owner, project, "Filtered", listening("workflow.completed", "mode = \"webhook\""));
        String otherType = activeWorkflow(owner, project, "Other type", listening("workflow.failed", null));
        String inactive = workflow(owner, project, "Inactive", listening("workflow.completed", null));
        String elsewhere = activeWorkflow(owner, project(owner), "Elsewhere", listening("workflow.completed", null));

        String sourceRun = run(owner, source);
        awaitStatus(owner, sourceRun, "succeeded");
        JsonNode started = detail(owner, awaitFinishedExecutions(owner, listener, 1).getFirst().path("id").asString());
        awaitFinishedExecutions(owner, matching, 1);
        awaitTriggerListenersIdle();

        assertThat(started.path("execution").path("mode").asString()).isEqualTo("event");
        assertThat(started.path("execution").path("status").asString()).isEqualTo("succeeded");
        assertThat(output(started, "on").path("type").asString()).isEqualTo("workflow.completed");
        assertThat(output(started, "on").path("payload").path("workflowId").asString()).isEqualTo(source);
        assertThat(output(started, "on").path("payload").path("mode").asString()).isEqualTo("manual");
        assertThat(output(started, "echo").path("source").asString()).isEqualTo(sourceRun);
        assertThat(executions(owner, filteredOut)).isEmpty();
        assertThat(executions(owner, otherType)).isEmpty();
        assertThat(executions(owner, inactive)).isEmpty();
        assertThat(executions(owner, elsewhere)).isEmpty();
    }

    @Test
    void eventsNeverChainAWorkflowsOwnEventsAndThoseOfTriggeredRunsStartNothing() {
        Session owner = newUser("Looper");
        String project = project(owner);
        // Each listens for every completion in the project, itself included: without the rules they would start each other forever.
        String first = activeWorkflow(owner, project, "First", listening("workflow.completed", null));
        String second = activeWorkflow(owner, project, "Second", listening("workflow.completed", null));
        String self = activeWorkflow(owner, project, "Self", definition()
                .node("start", "manual-trigger", Map.of())
                .node("on", "event-trigger", Api.map("eventType", "workflow.completed"))
                .build());

        awaitStatus(owner, run(owner, self), "succeeded");
        awaitFinishedExecutions(owner, first, 1);
        awaitFinishedExecutions(owner, second, 1);
        awaitTriggerListenersIdle();

        assertThat(executions(owner, self)).hasSize(1);
        assertThat(executions(owner, first)).hasSize(1);
        assertThat(executions(owner, second)).hasSize(1);
    }

    /** An event another module could offer to workflows. */
    record Happened(ProjectId projectId, String id) implements TriggerEvent {
        @Override
        public String type() {
            return "test.happened";
        }

        @Override
        public Map<String, Object> payload() {
            return Map.of("id", id);
        }
    }

    @Test
    void anEventStartsWorkflowsOnlyWhenTheTransactionThatPublishedItCommits() {
        Session owner = newUser("Atomic");
        String project = project(owner);
        String listener = activeWorkflow(owner, project, "Listener", listening("test.happened", null));
        ProjectId projectId = new ProjectId(java.util.UUID.fromString(project));

        transactions.executeWithoutResult(status -> {
            events.publishEvent(new Happened(projectId, "rolled-back"));
            status.setRollbackOnly();
        });
        transactions.executeWithoutResult(status -> events.publishEvent(new Happened(projectId, "kept")));
        JsonNode started = detail(owner, awaitFinishedExecutions(owner, listener, 1).getFirst().path("id").asString());
        transactions.executeWithoutResult(status -> events.publishEvent(new Happened(projectId, "kept")));

        assertThat(output(started, "on").path("payload").path("id").asString()).isEqualTo("kept");
        assertThat(executions(owner, listener)).hasSize(1);
    }

    @Test
    void whoListensIsCachedButAnActivationOrDeactivationHereIsSeenByTheNextEvent() {
        Session owner = newUser("Cached");
        String project = project(owner);
        ProjectId projectId = new ProjectId(java.util.UUID.fromString(project));
        // nobody listens yet: the answer is cached
        transactions.executeWithoutResult(status -> events.publishEvent(new Happened(projectId, "before")));

        String listener = activeWorkflow(owner, project, "Late listener", listening("test.happened", null));
        transactions.executeWithoutResult(status -> events.publishEvent(new Happened(projectId, "after")));
        JsonNode started = detail(owner, awaitFinishedExecutions(owner, listener, 1).getFirst().path("id").asString());
        Response off = api.put("/api/workflows/" + listener + "/activation").token(owner.accessToken()).json(Api.map("version", null)).send();
        assertThat(off.status()).as(off.text()).isEqualTo(200);
        transactions.executeWithoutResult(status -> events.publishEvent(new Happened(projectId, "deactivated")));

        assertThat(output(started, "on").path("payload").path("id").asString()).isEqualTo("after");
        assertThat(executions(owner, listener)).hasSize(1);
    }

    @Test
    void aFilterThatFailsStartsNothingAndSaysWhy(CapturedOutput logs) {
        Session owner = newUser("Failing filter");
        String project = project(owner);
        String source = activeWorkflow(owner, project, "Source", manual());
        String broken = activeWorkflow(owner, project, "Broken", listening("workflow.completed", "$error(\"no such field\")"));
        String control = activeWorkflow(owner, project, "Control", listening("workflow.completed", null));

        awaitStatus(owner, run(owner, source), "succeeded");
        awaitFinishedExecutions(owner, control, 1);
        awaitTriggerListenersIdle();

        assertThat(executions(owner, broken)).isEmpty();
        assertThat(logs.getAll()).contains("The filter of event trigger on in workflow " + broken);
    }

    @Test
    void aFilterThatCannotParseOrAMissingEventTypeRefusesTheActivation() {
        Session owner = newUser("Bad filter");
        String workflow = workflow(owner, project(owner), "Bad", listening("workflow.completed", "mode = = 1"));

        Response refused = activateDraft(owner, workflow);
        JsonNode after = api.get("/api/workflows/" + workflow).token(owner.accessToken()).send().json();

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("problems").get(0).path("pointer").asString()).isEqualTo("/nodes/0/parameters/filter");
        assertThat(refused.json().path("problems").get(0).path("nodeId").asString()).isEqualTo("on");
        assertThat(after.path("activeVersion").isNull()).isTrue();
        assertThat(triggers(owner, workflow).path("listeners").isEmpty()).isTrue();
    }
}
