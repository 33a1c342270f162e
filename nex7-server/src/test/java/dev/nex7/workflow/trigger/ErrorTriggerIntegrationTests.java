package dev.nex7.workflow.trigger;

import static dev.nex7.workflow.WorkflowFixtures.definition;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.nex7.support.Api;
import tools.jackson.databind.JsonNode;

class ErrorTriggerIntegrationTests extends TriggerIntegrationTest {

    /** Fails at its "combine" node: combining needs objects and gets a list. */
    static Map<String, Object> failing() {
        return definition()
                .node("start", "manual-trigger", Map.of())
                .node("list", "merge", Map.of("mode", "append"))
                .node("combine", "merge", Map.of("mode", "combine"))
                .edge("start", "main", "list", "a")
                .edge("list", "main", "combine", "a")
                .build();
    }

    static Map<String, Object> errorWorkflow(List<String> watched) {
        return definition().node("failure", "error-trigger", Api.map("workflows", watched)).build();
    }

    @Test
    void aFailedWorkflowStartsItsProjectsErrorWorkflowsWithWhatFailed() {
        Session owner = newUser("Firefighter");
        String project = project(owner);
        String failing = activeWorkflow(owner, project, "Nightly import", failing());
        String other = activeWorkflow(owner, project, "Other", failing());
        String catchAll = activeWorkflow(owner, project, "Catch all", errorWorkflow(List.of()));
        String watchingFailing = activeWorkflow(owner, project, "Watching it", errorWorkflow(List.of(failing.toUpperCase())));
        String watchingOther = activeWorkflow(owner, project, "Watching other", errorWorkflow(List.of(other)));
        String elsewhere = activeWorkflow(owner, project(owner), "Elsewhere", errorWorkflow(List.of()));

        String failed = run(owner, failing);
        awaitStatus(owner, failed, "failed");
        JsonNode caught = detail(owner, awaitFinishedExecutions(owner, catchAll, 1).getFirst().path("id").asString());
        awaitFinishedExecutions(owner, watchingFailing, 1);
        awaitTriggerListenersIdle();
        JsonNode failure = output(caught, "failure");

        assertThat(caught.path("execution").path("mode").asString()).isEqualTo("error");
        assertThat(failure.path("execution").path("id").asString()).isEqualTo(failed);
        assertThat(failure.path("execution").path("mode").asString()).isEqualTo("manual");
        assertThat(failure.path("execution").path("status").asString()).isEqualTo("failed");
        assertThat(failure.path("execution").path("failedNode").asString()).isEqualTo("combine");
        assertThat(failure.path("execution").path("message").asString()).isNotBlank();
        assertThat(failure.path("workflow").path("id").asString()).isEqualTo(failing);
        assertThat(failure.path("workflow").path("name").asString()).isEqualTo("Nightly import");
        assertThat(executions(owner, watchingOther)).isEmpty();
        assertThat(executions(owner, elsewhere)).isEmpty();
    }

    @Test
    void failuresOfErrorWorkflowsAndCancelledRunsStartNothing() {
        Session owner = newUser("No loops");
        String project = project(owner);
        // An error workflow that fails itself, and a second error workflow that would hear about it.
        String failingHandler = activeWorkflow(owner, project, "Failing handler", definition()
                .node("failure", "error-trigger", Map.of())
                .node("list", "merge", Map.of("mode", "append"))
                .node("combine", "merge", Map.of("mode", "combine"))
                .edge("failure", "main", "list", "a")
                .edge("list", "main", "combine", "a")
                .build());
        String handler = activeWorkflow(owner, project, "Handler", errorWorkflow(List.of()));
        String failing = activeWorkflow(owner, project, "Failing", failing());
        String waiting = activeWorkflow(owner, project, "Waiting", definition()
                .node("start", "manual-trigger", Map.of())
                .node("pause", "wait", Map.of("amount", 1, "unit", "hours"))
                .edge("start", "pause")
                .build());

        String cancelled = run(owner, waiting);
        awaitStatus(owner, cancelled, "waiting");
        api.post("/api/executions/" + cancelled + "/cancel").token(owner.accessToken()).send();
        awaitStatus(owner, cancelled, "cancelled");
        awaitStatus(owner, run(owner, failing), "failed");
        List<JsonNode> handlerFailed = awaitFinishedExecutions(owner, failingHandler, 1);
        awaitFinishedExecutions(owner, handler, 1);
        awaitTriggerListenersIdle();

        assertThat(handlerFailed.getFirst().path("status").asString()).isEqualTo("failed");
        assertThat(handlerFailed.getFirst().path("mode").asString()).isEqualTo("error");
        // One run each, for "Failing": not for the cancelled run, and not for the failed error workflow.
        assertThat(executions(owner, handler)).hasSize(1);
        assertThat(executions(owner, failingHandler)).hasSize(1);
    }
}
