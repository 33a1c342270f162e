package dev.nex7.workflow;

import static dev.nex7.workflow.WorkflowFixtures.definition;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import dev.nex7.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

class WorkflowDefinitionIntegrationTests extends IntegrationTest {

    static Map<String, Object> simple() {
        return definition()
                .node("start", "manual-trigger", Map.of())
                .node("check", "if", Map.of("condition", true))
                .node("join", "merge", Map.of("mode", "append"))
                .edge("start", "check")
                .edge("check", "true", "join", "a")
                .edge("check", "false", "join", "b")
                .build();
    }

    String project(Session owner) {
        return api.post("/api/projects").token(owner.accessToken()).json(Api.map("name", "Flows", "type", "api")).send()
                .json().path("id").asString();
    }

    Response createWorkflow(Session user, String project, Object definition) {
        return api.post("/api/projects/" + project + "/workflows").token(user.accessToken())
                .json(Api.map("name", "Order intake", "definition", definition)).send();
    }

    @Test
    void aStaleDraftSaveIsRefusedWith412AndNothingIsOverwritten() {
        Session owner = newUser("Drafter");
        String project = project(owner);
        Response created = createWorkflow(owner, project, simple());
        String id = created.json().path("id").asString();
        String etag = created.header("ETag");

        Response first = api.put("/api/workflows/" + id + "/draft").token(owner.accessToken()).header("If-Match", etag)
                .json(Api.map("name", "Renamed by Ann")).send();
        Response stale = api.put("/api/workflows/" + id + "/draft").token(owner.accessToken()).header("If-Match", etag)
                .json(Api.map("name", "Renamed by Bob")).send();
        Response blind = api.put("/api/workflows/" + id + "/draft").token(owner.accessToken())
                .json(Api.map("name", "No If-Match")).send();
        Response read = api.get("/api/workflows/" + id).token(owner.accessToken()).send();

        assertThat(created.status()).isEqualTo(201);
        assertThat(etag).isEqualTo("\"1\"");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("ETag")).isEqualTo("\"2\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.problemType()).isEqualTo("draft-changed");
        assertThat(blind.status()).isEqualTo(428);
        assertThat(read.json().path("name").asString()).isEqualTo("Renamed by Ann");
        assertThat(read.header("ETag")).isEqualTo("\"2\"");
    }

    @Test
    void validationReportsEveryProblemWithItsNodeAndPointer() {
        Session owner = newUser("Validator");
        String project = project(owner);
        Map<String, Object> broken = definition()
                .node("start", "manual-trigger", Map.of())
                .node("mystery", "teleport", Map.of())
                .node("check", "if", Map.of("unexpected", 1))
                .node("wait", "wait", Map.of("unit", "fortnights", "amount", "{{ $input.n }}"))
                .node("a", "merge", Map.of()).node("b", "merge", Map.of())
                .node("orphan", "wait", Map.of())
                .edge("start", "check")
                .edge("check", "maybe", "wait", "main")
                .edge("a", "main", "b", "a").edge("b", "main", "a", "a")
                .edge("start", "main", "a", "b")
                .build();
        String id = createWorkflow(owner, project, broken).json().path("id").asString();

        JsonNode result = api.post("/api/workflows/" + id + "/validate").token(owner.accessToken()).send().json();
        Response version = api.post("/api/workflows/" + id + "/versions").token(owner.accessToken()).json(Api.map("message", "v1")).send();

        assertThat(result.path("valid").asBoolean()).isFalse();
        List<String> problems = result.path("problems").valueStream()
                .map(p -> p.path("code").asString() + "@" + p.path("pointer").asString()).toList();
        assertThat(problems).contains(
                "unknown-type@/nodes/1/type",
                "invalid-parameter@/nodes/2/parameters/condition",
                "invalid-parameter@/nodes/2/parameters/unexpected",
                "invalid-parameter@/nodes/3/parameters/unit",
                "unknown-port@/edges/1/sourcePort",
                "cycle@/nodes/4", "cycle@/nodes/5",
                "unreachable@/nodes/6");
        // An expression is typed only when it runs, so "amount": "{{ … }}" is not a type error.
        assertThat(problems).doesNotContain("invalid-parameter@/nodes/3/parameters/amount");
        assertThat(version.status()).isEqualTo(400);
        assertThat(version.problemType()).isEqualTo("workflow-invalid");
        assertThat(version.json().path("problems").size()).isEqualTo(result.path("problems").size());
    }

    @Test
    void versionsAreNumberedDiffedAndRestored() {
        Session owner = newUser("Versioner");
        String project = project(owner);
        Response created = createWorkflow(owner, project, simple());
        String id = created.json().path("id").asString();

        Response v1 = api.post("/api/workflows/" + id + "/versions").token(owner.accessToken()).json(Api.map("message", "first")).send();
        Map<String, Object> changed = definition()
                .node("start", "manual-trigger", Map.of())
                .node("check", "if", Map.of("condition", false))
                .node("pause", "wait", Map.of("amount", 5, "unit", "seconds"))
                .edge("start", "check")
                .edge("check", "true", "pause", "main")
                .build();
        Response saved = api.put("/api/workflows/" + id + "/draft").token(owner.accessToken()).header("If-Match", created.header("ETag"))
                .json(Api.map("definition", changed)).send();
        Response v2 = api.post("/api/workflows/" + id + "/versions").token(owner.accessToken()).send();
        JsonNode diff = api.get("/api/workflows/" + id + "/versions/1/diff?against=2").token(owner.accessToken()).send().json();
        Response list = api.get("/api/workflows/" + id + "/versions").token(owner.accessToken()).send();
        Response restored = api.post("/api/workflows/" + id + "/versions/1/restore").token(owner.accessToken())
                .header("If-Match", saved.header("ETag")).send();

        assertThat(v1.status()).isEqualTo(201);
        assertThat(v1.json().path("version").asInt()).isEqualTo(1);
        assertThat(v2.json().path("version").asInt()).isEqualTo(2);
        assertThat(diff.path("addedNodes").valueStream().map(JsonNode::asString).toList()).containsExactly("pause");
        assertThat(diff.path("removedNodes").valueStream().map(JsonNode::asString).toList()).containsExactly("join");
        assertThat(diff.path("changedNodes").get(0).path("nodeId").asString()).isEqualTo("check");
        assertThat(diff.path("changedNodes").get(0).path("changes").get(0).asString()).isEqualTo("/parameters/condition");
        assertThat(diff.path("addedEdges").size()).isEqualTo(1);
        assertThat(diff.path("removedEdges").size()).isEqualTo(2);
        assertThat(list.json().valueStream().map(v -> v.path("version").asInt()).toList()).containsExactly(2, 1);
        assertThat(list.json().get(1).path("message").asString()).isEqualTo("first");
        assertThat(restored.status()).isEqualTo(200);
        assertThat(restored.json().path("draft").path("nodes").size()).isEqualTo(3);
        assertThat(restored.json().path("draft").path("nodes").get(2).path("id").asString()).isEqualTo("join");
        assertThat(restored.header("ETag")).isEqualTo("\"3\"");
    }

    @Test
    void aWorkflowFileRoundTripsThroughYamlAndJson() {
        Session owner = newUser("Exporter");
        String project = project(owner);
        String id = createWorkflow(owner, project, simple()).json().path("id").asString();

        Response yaml = api.get("/api/workflows/" + id + "/export?format=yaml").token(owner.accessToken()).send();
        Response imported = api.post("/api/projects/" + project + "/workflows/import").token(owner.accessToken())
                .raw("application/yaml", yaml.text()).send();
        Response json = api.get("/api/workflows/" + id + "/export").token(owner.accessToken()).send();
        Response notAFile = api.post("/api/projects/" + project + "/workflows/import").token(owner.accessToken())
                .raw("application/json", "{\"format\":\"something-else/v9\",\"name\":\"x\",\"definition\":{}}").send();

        assertThat(yaml.status()).isEqualTo(200);
        assertThat(yaml.header("Content-Disposition")).contains("Order-intake.nex7.yaml");
        assertThat(yaml.text()).contains("format: \"nex7.workflow/v1\"").contains("manual-trigger");
        assertThat(imported.status()).isEqualTo(201);
        assertThat(imported.json().path("draft")).isEqualTo(
                api.get("/api/workflows/" + id).token(owner.accessToken()).send().json().path("draft"));
        assertThat(json.json().path("format").asString()).isEqualTo("nex7.workflow/v1");
        assertThat(notAFile.status()).isEqualTo(400);
    }

    @Test
    void projectRolesApplyToWorkflows() {
        Session owner = newUser("Boss");
        Session viewer = newUser("Watcher");
        Session stranger = newUser("Stranger");
        String project = project(owner);
        api.post("/api/projects/" + project + "/members").token(owner.accessToken())
                .json(Api.map("email", viewer.email(), "role", "viewer")).send();
        String id = createWorkflow(owner, project, simple()).json().path("id").asString();

        assertThat(api.get("/api/workflows/" + id).token(viewer.accessToken()).send().status()).isEqualTo(200);
        assertThat(createWorkflow(viewer, project, simple()).status()).isEqualTo(403);
        assertThat(api.post("/api/workflows/" + id + "/executions").token(viewer.accessToken()).send().status()).isEqualTo(403);
        assertThat(api.delete("/api/workflows/" + id).token(viewer.accessToken()).send().status()).isEqualTo(403);
        assertThat(api.get("/api/workflows/" + id).token(stranger.accessToken()).send().status()).isEqualTo(404);
        assertThat(api.get("/api/projects/" + project + "/workflows").token(stranger.accessToken()).send().status()).isEqualTo(404);
        assertThat(api.get("/api/projects/" + project + "/workflows").token(viewer.accessToken()).send().json()
                .path("totalItems").asInt()).isEqualTo(1);
        assertThat(api.delete("/api/workflows/" + id).token(owner.accessToken()).send().status()).isEqualTo(204);
    }

    @Test
    void theNodeCatalogDescribesPortsSchemasAndDefaults() {
        Session user = newUser("Browser");
        JsonNode catalog = api.get("/api/node-types").token(user.accessToken()).send().json();
        JsonNode wait = catalog.valueStream().filter(type -> type.path("type").asString().equals("wait")).findFirst().orElseThrow();

        assertThat(catalog.valueStream().map(type -> type.path("type").asString()).toList())
                .contains("manual-trigger", "webhook-trigger", "respond-to-webhook", "if", "switch", "merge", "wait");
        assertThat(wait.path("category").asString()).isEqualTo("flow");
        assertThat(wait.path("inputs").get(0).path("name").asString()).isEqualTo("main");
        assertThat(wait.path("parameterSchema").path("properties").path("unit").path("default").asString()).isEqualTo("minutes");
    }
}
