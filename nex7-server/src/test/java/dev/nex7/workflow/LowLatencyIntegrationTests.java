package dev.nex7.workflow;

import static dev.nex7.workflow.WorkflowFixtures.definition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import tools.jackson.databind.JsonNode;

/** Webhook workflows in the low-latency mode: run in memory, recorded as one row when they end. */
class LowLatencyIntegrationTests extends WorkflowIntegrationTest {

    String activate(Session owner, String workflow) {
        assertThat(api.post("/api/workflows/" + workflow + "/versions").token(owner.accessToken()).send().status()).isEqualTo(201);
        api.put("/api/workflows/" + workflow + "/activation").token(owner.accessToken()).json(Api.map("version", 1)).send();
        return api.get("/api/workflows/" + workflow).token(owner.accessToken()).send().json().path("webhookPath").asString();
    }

    JsonNode recorded(Session owner, String workflow, int count) {
        JsonNode[] list = new JsonNode[1];
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            list[0] = api.get("/api/executions?workflowId=" + workflow).token(owner.accessToken()).send().json();
            return list[0].path("totalItems").asInt() == count;
        });
        return list[0];
    }

    @Test
    void aLowLatencyWebhookAnswersAndIsRecordedWithItsNodeRuns() {
        Session owner = newUser("Sprinter");
        String id = workflow(owner, definition()
                .node("hook", "webhook-trigger", Map.of("responseMode", "respond-node", "executionMode", "low-latency"))
                .node("set", "set", Map.of("fields", List.of(Map.of("name", "n", "value", "{{ body.n + 1 }}"))))
                .node("reply", "respond-to-webhook", Map.of("body", "{{ $input }}"))
                .edge("hook", "set")
                .edge("set", "reply")
                .build());
        String path = activate(owner, id);

        Response first = api.post(path).json(Map.of("n", 0, "msg", "hello", "id", "abc123")).send();
        Response second = api.post(path).json(Map.of("n", 41)).send();

        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(first.json().path("n").asInt()).isEqualTo(1);
        assertThat(second.json().path("n").asInt()).isEqualTo(42);
        JsonNode list = recorded(owner, id, 2);
        assertThat(list.path("items").valueStream().map(item -> item.path("status").asString()).toList()).containsOnly("succeeded");
        JsonNode detail = api.get("/api/executions/" + list.path("items").get(0).path("id").asString()).token(owner.accessToken()).send().json();
        assertThat(detail.path("execution").path("mode").asString()).isEqualTo("webhook");
        assertThat(detail.path("nodes").valueStream().map(run -> run.path("nodeId").asString()).toList())
                .containsExactlyInAnyOrder("hook", "set", "reply");
        assertThat(node(detail, "set").path("status").asString()).isEqualTo("succeeded");
        // Only the result is kept: the last node's output.
        assertThat(node(detail, "set").path("output").isNull()).isTrue();
        assertThat(node(detail, "reply").path("output").path("main").path("n").asInt()).isIn(1, 42);
    }

    @Test
    void aFailureIsRecordedAndAWaitIsRefusedInTheLowLatencyMode() {
        Session owner = newUser("Stumbler");
        String failing = workflow(owner, definition()
                .node("hook", "webhook-trigger", Map.of("executionMode", "low-latency"))
                .node("boom", "set", Map.of("fields", List.of(Map.of("name", "x", "value", "{{ $error('nope') }}"))))
                .edge("hook", "boom")
                .build());
        String waiting = workflow(owner, definition()
                .node("hook", "webhook-trigger", Map.of("executionMode", "low-latency", "responseMode", "last-node"))
                .node("pause", "wait", Map.of("amount", 1, "unit", "minutes"))
                .edge("hook", "pause")
                .build());
        String failingPath = activate(owner, failing);
        String waitingPath = activate(owner, waiting);

        Response accepted = api.post(failingPath).json(Map.of("n", 1)).send();
        Response refused = api.post(waitingPath).json(Map.of("n", 1)).send();

        assertThat(accepted.status()).isEqualTo(202);
        JsonNode failed = recorded(owner, failing, 1).path("items").get(0);
        assertThat(failed.path("status").asString()).isEqualTo("failed");
        assertThat(failed.path("error").path("code").asString()).isEqualTo("expression-error");
        assertThat(refused.status()).isEqualTo(500);
        JsonNode parked = recorded(owner, waiting, 1).path("items").get(0);
        assertThat(parked.path("error").path("code").asString()).isEqualTo("low-latency-wait");
    }

    @Test
    void deactivatingAWebhookClosesItAtOnce() {
        Session owner = newUser("Closer");
        String id = workflow(owner, definition().node("hook", "webhook-trigger", Map.of("executionMode", "low-latency")).build());
        String path = activate(owner, id);

        Response open = api.post(path).json(Map.of()).send();
        api.put("/api/workflows/" + id + "/activation").token(owner.accessToken()).json(Api.map("version", null)).send();
        Response closed = api.post(path).json(Map.of()).send();

        assertThat(open.status()).isEqualTo(202);
        assertThat(closed.status()).isEqualTo(404);
    }
}
