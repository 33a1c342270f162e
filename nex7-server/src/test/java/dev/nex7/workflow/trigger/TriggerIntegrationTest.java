package dev.nex7.workflow.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import dev.nex7.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/** What the trigger tests share: projects and workflows made through the API, and ways to wait for what triggers do. */
abstract class TriggerIntegrationTest extends IntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    JdbcClient jdbc;

    String project(Session owner) {
        Response created = api.post("/api/projects").token(owner.accessToken()).json(Api.map("name", "Triggers", "type", "api")).send();
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    String workflow(Session owner, String project, String name, Map<String, Object> definition) {
        Response created = api.post("/api/projects/" + project + "/workflows").token(owner.accessToken())
                .json(Api.map("name", name, "definition", definition)).send();
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    /** Saves the draft as the next version and activates it; returns the activation's answer. */
    Response activateDraft(Session owner, String workflow) {
        Response version = api.post("/api/workflows/" + workflow + "/versions").token(owner.accessToken()).send();
        assertThat(version.status()).as(version.text()).isEqualTo(201);
        return api.put("/api/workflows/" + workflow + "/activation").token(owner.accessToken())
                .json(Api.map("version", version.json().path("version").asInt())).send();
    }

    String activeWorkflow(Session owner, String project, String name, Map<String, Object> definition) {
        String workflow = workflow(owner, project, name, definition);
        Response activated = activateDraft(owner, workflow);
        assertThat(activated.status()).as(activated.text()).isEqualTo(200);
        return workflow;
    }

    void replaceDraft(Session owner, String workflow, Map<String, Object> definition) {
        Response current = api.get("/api/workflows/" + workflow).token(owner.accessToken()).send();
        Response saved = api.put("/api/workflows/" + workflow + "/draft").token(owner.accessToken())
                .header("If-Match", current.header("ETag")).json(Api.map("definition", definition)).send();
        assertThat(saved.status()).as(saved.text()).isEqualTo(200);
    }

    JsonNode triggers(Session owner, String workflow) {
        Response answer = api.get("/api/workflows/" + workflow + "/triggers").token(owner.accessToken()).send();
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json();
    }

    /** The workflow's executions, newest first. */
    List<JsonNode> executions(Session owner, String workflow) {
        Response page = api.get("/api/executions?size=100&workflowId=" + workflow).token(owner.accessToken()).send();
        assertThat(page.status()).as(page.text()).isEqualTo(200);
        return page.json().path("items").valueStream().toList();
    }

    String run(Session owner, String workflow) {
        Response started = api.post("/api/workflows/" + workflow + "/executions").token(owner.accessToken()).json(Map.of()).send();
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        return started.json().path("id").asString();
    }

    /** Waits until the workflow has {@code count} executions, all finished; returns them newest first. */
    List<JsonNode> awaitFinishedExecutions(Session owner, String workflow, int count) {
        AtomicReference<List<JsonNode>> last = new AtomicReference<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> {
            last.set(executions(owner, workflow));
            return last.get().size() == count && last.get().stream().allMatch(execution -> List.of("succeeded", "failed", "cancelled")
                    .contains(execution.path("status").asString()));
        });
        return last.get();
    }

    JsonNode detail(Session owner, String execution) {
        return api.get("/api/executions/" + execution).token(owner.accessToken()).send().json();
    }

    JsonNode awaitStatus(Session owner, String execution, String status) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> {
            last[0] = detail(owner, execution);
            return last[0].path("execution").path("status").asString().equals(status);
        });
        return last[0];
    }

    static JsonNode output(JsonNode detail, String node) {
        return detail.path("nodes").valueStream().filter(run -> run.path("nodeId").asString().equals(node)).findFirst().orElseThrow()
                .path("output").path("main");
    }

    /**
     * Waits until the event and error trigger listeners have handled every event published so far,
     * so that anything they were going to start has been stored: the way to see that something did
     * not start.
     */
    void awaitTriggerListenersIdle() {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> jdbc.sql(
                        "SELECT count(*) FROM event_publication WHERE completion_date IS NULL AND listener_id LIKE '%workflow.trigger.%'")
                .query(Long.class).single() == 0);
    }
}
