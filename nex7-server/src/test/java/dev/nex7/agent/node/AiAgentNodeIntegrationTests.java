package dev.nex7.agent.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.nex7.agent.FakeModelIntegrationTest;
import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import dev.nex7.workflow.WorkflowFixtures;
import tools.jackson.databind.JsonNode;

/** The "AI agent / LLM" workflow node against the fake Anthropic, run by the real engine. */
class AiAgentNodeIntegrationTests extends FakeModelIntegrationTest {

    private static final Map<String, Object> LABEL = Map.of("type", "object",
            "properties", Map.of("label", Map.of("type", "string", "enum", List.of("bug", "feature"))), "required", List.of("label"));

    @Test
    void itAnswersWithDataMatchingTheOutputSchemaAndRecordsTheUsage() {
        Session owner = newUser("ai-node-schema");
        String project = project(owner);
        String workflow = workflow(owner, project, "Triage", aiFlow(Map.of("prompt", "Classify this report: {{ text }}", "agent", "debugger",
                "outputSchema", LABEL)));
        script(toolUse("toolu_r1", "respond", Map.of("label", "bug")));

        JsonNode detail = runToEnd(owner, workflow, Map.of("text", "the app crashes on save"), "succeeded");

        JsonNode output = node(detail, "ai").path("output").path("main");
        assertThat(output.path("data").path("label").asString()).isEqualTo("bug");
        assertThat(output.path("usage").path("inputTokens").asLong()).isEqualTo(50);
        assertThat(output.path("usage").path("outputTokens").asLong()).isEqualTo(12);
        JsonNode request = requests().getFirst();
        assertThat(request.path("messages").toString()).contains("Classify this report: the app crashes on save");
        assertThat(request.path("system").toString()).contains("You are Debugger").contains("respond tool");
        assertThat(request.path("tools").toString()).contains("\"respond\"").contains("feature");
        JsonNode usage = api.get("/api/llm/usage?projectId=" + project + "&groupBy=agent").token(owner.accessToken()).send().json();
        assertThat(usage.toString()).contains("debugger");
    }

    @Test
    void anAnswerThatStillDoesNotMatchTheSchemaAfterOneRepairFailsTheNode() {
        Session owner = newUser("ai-node-invalid");
        String workflow = workflow(owner, project(owner), "Triage", aiFlow(Map.of("prompt", "Classify", "outputSchema", LABEL)));
        script(toolUse("toolu_r1", "respond", Map.of("label", "question")), toolUse("toolu_r2", "respond", Map.of("label", "maybe")));

        JsonNode detail = runToEnd(owner, workflow, Map.of(), "failed");

        assertThat(node(detail, "ai").path("error").path("code").asString()).isEqualTo("llm-output-invalid");
        List<JsonNode> requests = requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).path("messages").toString()).contains("does not match the schema");
    }

    @Test
    void itCallsAChosenPublishedWorkflowAsASubWorkflow() {
        Session owner = newUser("ai-node-tools");
        String project = project(owner);
        String doubler = workflow(owner, project, "Doubler", WorkflowFixtures.definition()
                .node("start", "manual-trigger", Map.of("inputSchema", Map.of("type", "object", "properties", Map.of("a", Map.of("type", "number")))))
                .node("set", "set", Map.of("fields", List.of(Map.of("name", "doubled", "value", "{{ a * 2 }}"))))
                .edge("start", "set").build());
        publish(owner, doubler);
        String caller = workflow(owner, project, "Asks", aiFlow(Map.of("prompt", "What is 4 doubled?", "workflows", List.of(doubler))));
        script(toolUse("toolu_d1", "workflow_doubler", Map.of("a", 4)), text("4 doubled is 8."));

        JsonNode detail = runToEnd(owner, caller, Map.of(), "succeeded");

        JsonNode output = node(detail, "ai").path("output").path("main");
        assertThat(output.path("text").asString()).isEqualTo("4 doubled is 8.");
        assertThat(output.path("toolCalls").get(0).path("status").asString()).isEqualTo("succeeded");
        assertThat(requests().get(0).path("tools").toString()).contains("workflow_doubler").contains("\"a\"");
        assertThat(requests().get(1).path("messages").toString()).contains("toolu_d1").contains("\\\"doubled\\\":8");
        JsonNode child = api.get("/api/executions?workflowId=" + doubler).token(owner.accessToken()).send().json().path("items").get(0);
        assertThat(child.path("mode").asString()).isEqualTo("subworkflow");
    }

    @Test
    void aWorkflowThatIsNotPublishedCannotBeATool() {
        Session owner = newUser("ai-node-unpublished");
        String project = project(owner);
        String draft = workflow(owner, project, "Draft", WorkflowFixtures.definition().node("start", "manual-trigger", Map.of()).build());
        String caller = workflow(owner, project, "Asks", aiFlow(Map.of("prompt", "hi", "workflows", List.of(draft))));

        JsonNode detail = runToEnd(owner, caller, Map.of(), "failed");

        assertThat(node(detail, "ai").path("error").path("code").asString()).isEqualTo("workflow-not-published");
        assertThat(requests()).isEmpty();
    }

    // --- helpers ---

    private static Map<String, Object> aiFlow(Map<String, Object> parameters) {
        return WorkflowFixtures.definition().node("start", "manual-trigger", Map.of()).node("ai", "ai-agent", parameters)
                .edge("start", "ai").build();
    }

    private String project(Session owner) {
        return api.post("/api/projects").token(owner.accessToken()).json(Api.map("name", "AI", "type", "api")).send().json().path("id").asString();
    }

    private String workflow(Session owner, String project, String name, Map<String, Object> definition) {
        Response created = api.post("/api/projects/" + project + "/workflows").token(owner.accessToken())
                .json(Api.map("name", name, "definition", definition)).send();
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    private void publish(Session owner, String workflow) {
        int version = api.post("/api/workflows/" + workflow + "/versions").token(owner.accessToken()).send().json().path("version").asInt();
        assertThat(api.put("/api/workflows/" + workflow + "/activation").token(owner.accessToken()).json(Api.map("version", version)).send().status())
                .isEqualTo(200);
    }

    private JsonNode runToEnd(Session owner, String workflow, Object input, String status) {
        Response started = api.post("/api/workflows/" + workflow + "/executions").token(owner.accessToken()).json(Api.map("input", input)).send();
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        String execution = started.json().path("id").asString();
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            last[0] = api.get("/api/executions/" + execution).token(owner.accessToken()).send().json();
            return last[0].path("execution").path("status").asString().matches("succeeded|failed|cancelled");
        });
        assertThat(last[0].path("execution").path("status").asString()).as(last[0].toString()).isEqualTo(status);
        return last[0];
    }

    private static JsonNode node(JsonNode detail, String id) {
        return detail.path("nodes").valueStream().filter(n -> n.path("nodeId").asString().equals(id)).findFirst().orElseThrow();
    }
}
