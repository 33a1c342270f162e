package dev.nex7.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.awaitility.core.ConditionTimeoutException;

import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import dev.nex7.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/** Integration tests that create workflows and follow their executions through the API. */
abstract class WorkflowIntegrationTest extends IntegrationTest {

    String project(Session owner) {
        return api.post("/api/projects").token(owner.accessToken()).json(Api.map("name", "Flows", "type", "api")).send()
                .json().path("id").asString();
    }

    String workflow(Session owner, String project, Map<String, Object> definition) {
        Response created = api.post("/api/projects/" + project + "/workflows").token(owner.accessToken())
                .json(Api.map("name", "Flow", "definition", definition)).send();
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    /** A workflow in a new project of {@code owner}'s. */
    String workflow(Session owner, Map<String, Object> definition) {
        return workflow(owner, project(owner), definition);
    }

    /** Saves {@code definition} as the draft, over whatever is there. */
    void replaceDraft(Session owner, String workflow, Map<String, Object> definition) {
        Response current = api.get("/api/workflows/" + workflow).token(owner.accessToken()).send();
        Response saved = api.put("/api/workflows/" + workflow + "/draft").token(owner.accessToken()).header("If-Match", current.header("ETag"))
                .json(Api.map("definition", definition)).send();
        assertThat(saved.status()).as(saved.text()).isEqualTo(200);
    }

    Response run(Session user, String workflow, Object body) {
        return api.post("/api/workflows/" + workflow + "/executions").token(user.accessToken()).json(body).send();
    }

    /** Starts a run with {@code input} and returns the execution id. */
    String runWith(Session user, String workflow, Object input) {
        Response started = run(user, workflow, Api.map("input", input));
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        return started.json().path("id").asString();
    }

    JsonNode awaitStatus(Session user, String execution, String status) {
        JsonNode[] last = new JsonNode[1];
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
                last[0] = api.get("/api/executions/" + execution).token(user.accessToken()).send().json();
                return last[0].path("execution").path("status").asString().equals(status);
            });
        } catch (ConditionTimeoutException timeout) {
            throw new AssertionError("Not " + status + ": " + last[0], timeout);
        }
        return last[0];
    }

    static JsonNode node(JsonNode detail, String id) {
        return detail.path("nodes").valueStream().filter(n -> n.path("nodeId").asString().equals(id)).findFirst().orElseThrow();
    }
}
