package dev.nex7.workflow.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import dev.nex7.support.IntegrationTest.Session;
import tools.jackson.databind.JsonNode;

/**
 * A node driven the way a user drives it, through the REST API: a project, a vault credential, a
 * workflow of a manual trigger followed by the node, and a run whose result is awaited.
 */
final class FlowsOverApi {

    private final Api api;
    private final Session owner;
    private final String project;

    FlowsOverApi(Api api, Session owner) {
        this.api = api;
        this.owner = owner;
        this.project = api.post("/api/projects").token(owner.accessToken()).json(Api.map("name", "IO", "type", "api"))
                .send().json().path("id").asString();
    }

    /** Stores a credential in the project's vault and returns its id. */
    String credential(String kind, Map<String, Object> data) {
        Response created = api.post("/api/projects/" + project + "/credentials").token(owner.accessToken())
                .json(Api.map("kind", kind, "name", kind + " server", "data", data)).send();
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    /** A workflow where a manual trigger feeds one node, named {@code node}, of {@code type}. */
    String workflow(String type, Map<String, Object> parameters, String slot, String credential) {
        Map<String, Object> definition = Map.of(
                "nodes", List.of(
                        Map.of("id", "start", "type", "manual-trigger", "typeVersion", 1, "name", "start",
                                "position", Map.of("x", 0, "y", 0), "parameters", Map.of()),
                        Map.of("id", "node", "type", type, "typeVersion", 1, "name", "node",
                                "position", Map.of("x", 200, "y", 0), "parameters", parameters,
                                "credentials", Map.of(slot, credential))),
                "edges", List.of(Map.of("source", "start", "sourcePort", "main", "target", "node", "targetPort", "main")));
        Response created = api.post("/api/projects/" + project + "/workflows").token(owner.accessToken())
                .json(Api.map("name", type, "definition", definition)).send();
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    /** Runs the workflow with {@code input} and returns the execution once it has finished. */
    Run run(String workflow, Map<String, Object> input) {
        Response started = api.post("/api/workflows/" + workflow + "/executions").token(owner.accessToken())
                .json(Api.map("input", input)).send();
        assertThat(started.status()).as(started.text()).isIn(200, 201, 202);
        String execution = started.json().path("id").asString();
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            last[0] = api.get("/api/executions/" + execution).token(owner.accessToken()).send().json();
            return List.of("succeeded", "failed", "cancelled").contains(last[0].path("execution").path("status").asString());
        });
        String everything = api.get("/api/executions/" + execution).token(owner.accessToken()).send().text();
        return new Run(last[0], everything);
    }

    /**
     * A finished execution.
     *
     * @param detail the execution with its node runs
     * @param text everything the API returns about it, to look for secrets in
     */
    record Run(JsonNode detail, String text) {

        String status() {
            return detail.path("execution").path("status").asString();
        }

        JsonNode node() {
            return detail.path("nodes").valueStream().filter(n -> n.path("nodeId").asString().equals("node"))
                    .findFirst().orElseThrow();
        }
    }
}
