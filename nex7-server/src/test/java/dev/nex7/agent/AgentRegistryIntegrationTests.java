package dev.nex7.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import dev.nex7.agent.AgentRegistryChanged.Change;
import dev.nex7.identity.AuthenticatedUser;
import dev.nex7.identity.Role;
import dev.nex7.platform.InvalidRequest;
import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import tools.jackson.databind.JsonNode;

@RecordApplicationEvents
class AgentRegistryIntegrationTests extends AgentIntegrationTest {

    @Autowired
    AgentRegistry registry;

    @Autowired
    ApplicationEvents events;

    @Test
    void everyoneSeesTheBuiltInsNexyFirstWithTheirPrompts() {
        Session user = newUser("Reader");

        Response list = api.get("/api/agents").token(user.accessToken()).send();
        Response dev = api.get("/api/agents/dev").token(user.accessToken()).send();
        Response missing = api.get("/api/agents/nobody").token(user.accessToken()).send();
        Response tools = api.get("/api/agent-tools").token(user.accessToken()).send();

        assertThat(list.status()).isEqualTo(200);
        assertThat(ids(list).subList(0, 5)).containsExactly("nexy", "debugger", "designer", "dev", "teacher");
        assertThat(list.json().get(0).path("enabled").asBoolean()).isTrue();
        assertThat(dev.status()).isEqualTo(200);
        assertThat(dev.json().path("name").asString()).isEqualTo("Dev");
        assertThat(dev.json().path("source").asString()).isEqualTo("builtin");
        assertThat(dev.json().path("systemPrompt").asString()).startsWith("You are Dev, the software engineer");
        assertThat(dev.json().path("color").asString()).isEqualTo("#2563eb");
        assertThat(strings(dev.json().path("handsOffTo"))).contains("debugger", "nexy");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.problemType()).isEqualTo("agent-not-found");
        assertThat(strings(tools.json())).isEqualTo(AgentTools.NAMES);
    }

    @Test
    void aPluginRegistersAnAgentThatEveryoneSeesUntilItUnregistersIt() {
        Session user = newUser("Plugin user");
        AgentDefinition reviewer = definition("sql-reviewer", "plugin:sql-tools");

        AgentDefinition registered = registry.register(reviewer);
        Response listed = api.get("/api/agents").token(user.accessToken()).send();
        Response read = api.get("/api/agents/sql-reviewer").token(user.accessToken()).send();
        assertThatThrownBy(() -> registry.register(definition("sql-reviewer", "plugin:other"))).isInstanceOf(AgentIdTaken.class);
        assertThatThrownBy(() -> registry.register(definition("dev", "plugin:sql-tools"))).isInstanceOf(AgentIdTaken.class);
        assertThatThrownBy(() -> registry.register(definition("sql-helper", "custom")))
                .isInstanceOf(IllegalArgumentException.class);
        registry.unregister("sql-reviewer");
        Response gone = api.get("/api/agents/sql-reviewer").token(user.accessToken()).send();

        assertThat(registered.source()).isEqualTo("plugin:sql-tools");
        assertThat(ids(listed)).contains("sql-reviewer");
        assertThat(read.json().path("source").asString()).isEqualTo("plugin:sql-tools");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(registry.find("sql-reviewer")).isEmpty();
        assertThat(events.stream(AgentRegistryChanged.class).filter(e -> e.agentId().equals("sql-reviewer")))
                .extracting(AgentRegistryChanged::change).containsExactly(Change.ADDED, Change.REMOVED);
    }

    @Test
    void aPluginAgentThatBreaksARuleIsRefusedWithEveryProblem() {
        AgentDefinition broken = new AgentDefinition("Bad Id", "", "two\nlines", " ", List.of("shell.exec"),
                List.of("not a model"), "🙂", "blue", "plugin:broken", List.of("ghost"));

        assertThatThrownBy(() -> registry.register(broken)).isInstanceOfSatisfying(InvalidRequest.class,
                invalid -> assertThat(invalid.errors()).extracting(e -> e.field()).containsExactly("id", "name",
                        "persona", "systemPrompt", "color", "tools[0]", "models[0]", "handsOffTo[0]"));
        assertThat(registry.find("Bad Id")).isEmpty();
    }

    @Test
    void anAdminCreatesChangesAndDeletesACustomAgent() {
        Session admin = admin();
        Session user = newUser("Onlooker");

        Response created = api.post("/api/agents/release-notes").token(admin.accessToken()).json(request("Scribe")).send();
        Response read = api.get("/api/agents/release-notes").token(user.accessToken()).send();
        Response again = api.post("/api/agents/release-notes").token(admin.accessToken()).json(request("Scribe")).send();
        Response changed = api.put("/api/agents/release-notes").token(admin.accessToken())
                .json(request("Chronicler")).send();
        Response listed = api.get("/api/agents").token(user.accessToken()).send();
        Response deleted = api.delete("/api/agents/release-notes").token(admin.accessToken()).send();

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/agents/release-notes");
        assertThat(created.json().path("source").asString()).isEqualTo("custom");
        assertThat(created.json().path("color").asString()).as("stored in lower case").isEqualTo("#0f766e");
        assertThat(read.json().path("name").asString()).isEqualTo("Scribe");
        assertThat(strings(read.json().path("tools"))).containsExactly("repo.read", "memory.remember");
        assertThat(strings(read.json().path("models"))).containsExactly("anthropic:claude-sonnet-4-5");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.problemType()).isEqualTo("agent-exists");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().path("name").asString()).isEqualTo("Chronicler");
        assertThat(ids(listed)).contains("release-notes");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.get("/api/agents/release-notes").token(user.accessToken()).send().status()).isEqualTo(404);
        assertThat(api.delete("/api/agents/release-notes").token(admin.accessToken()).send().status()).isEqualTo(404);
        assertThat(api.put("/api/agents/release-notes").token(admin.accessToken()).json(request("X")).send().status())
                .isEqualTo(404);
    }

    @Test
    void creatingChangingAndDeletingACustomAgentTellsWhoeverCaches() {
        AuthenticatedUser admin = new AuthenticatedUser(userId(admin()), ADMIN_EMAIL, Role.ADMIN);
        AgentDefinition agent = definition("changelog", AgentDefinition.CUSTOM);

        registry.create(admin, agent);
        registry.update(admin, agent);
        registry.delete(admin, "changelog");

        assertThat(events.stream(AgentRegistryChanged.class).filter(e -> e.agentId().equals("changelog")))
                .extracting(AgentRegistryChanged::change).containsExactly(Change.ADDED, Change.CHANGED, Change.REMOVED);
    }

    @Test
    void onlyAdminsManageAgents() {
        Session admin = admin();
        Session user = newUser("Not admin");
        api.post("/api/agents/house-style").token(admin.accessToken()).json(request("House style")).send();

        Response create = api.post("/api/agents/my-agent").token(user.accessToken()).json(request("Mine")).send();
        Response change = api.put("/api/agents/house-style").token(user.accessToken()).json(request("Hijacked")).send();
        Response delete = api.delete("/api/agents/house-style").token(user.accessToken()).send();

        assertThat(List.of(create.status(), change.status(), delete.status())).containsOnly(403);
        assertThat(create.problemType()).isEqualTo("forbidden");
        assertThat(registry.find("my-agent")).isEmpty();
        assertThat(registry.require("house-style").name()).isEqualTo("House style");
        api.delete("/api/agents/house-style").token(admin.accessToken()).send();
    }

    @Test
    void builtInAndPluginAgentsAreReadOnly() {
        Session admin = admin();
        registry.register(definition("lint-bot", "plugin:lint"));
        try {
            Response changeBuiltIn = api.put("/api/agents/dev").token(admin.accessToken()).json(request("Evil Dev")).send();
            Response deleteBuiltIn = api.delete("/api/agents/nexy").token(admin.accessToken()).send();
            Response createOverBuiltIn = api.post("/api/agents/teacher").token(admin.accessToken())
                    .json(request("Teacher 2")).send();
            Response changePlugin = api.put("/api/agents/lint-bot").token(admin.accessToken()).json(request("Mine")).send();
            Response deletePlugin = api.delete("/api/agents/lint-bot").token(admin.accessToken()).send();

            assertThat(changeBuiltIn.status()).isEqualTo(409);
            assertThat(changeBuiltIn.problemType()).isEqualTo("agent-read-only");
            assertThat(deleteBuiltIn.status()).isEqualTo(409);
            assertThat(createOverBuiltIn.status()).isEqualTo(409);
            assertThat(createOverBuiltIn.problemType()).isEqualTo("agent-exists");
            assertThat(changePlugin.problemType()).isEqualTo("agent-read-only");
            assertThat(deletePlugin.problemType()).isEqualTo("agent-read-only");
            assertThat(registry.require("dev").name()).isEqualTo("Dev");
            assertThat(registry.require("lint-bot").source()).isEqualTo("plugin:lint");
        } finally {
            registry.unregister("lint-bot");
        }
    }

    @Test
    void anInvalidCustomAgentIsRefusedWithEveryProblemAndNothingIsStored() {
        Session admin = admin();
        Map<String, Object> bad = Api.map("name", "x".repeat(41), "persona", "Helps.", "systemPrompt", "",
                "tools", List.of("workflows.run", "rm.rf", "workflows.run"), "models", List.of("gpt"),
                "avatar", "🙂", "color", "#12345", "handsOffTo", List.of("nobody"));

        Response invalid = api.post("/api/agents/fine-id").token(admin.accessToken()).json(bad).send();
        Response badId = api.post("/api/agents/Not_A_Slug").token(admin.accessToken()).json(request("Ok")).send();
        Response missing = api.post("/api/agents/empty").token(admin.accessToken()).json("{}").send();
        Response unknownField = api.post("/api/agents/extra").token(admin.accessToken())
                .json(withField(request("Ok"), "temperature", 2)).send();
        Response malformed = api.post("/api/agents/broken").token(admin.accessToken()).json("{\"name\": ").send();

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.problemType()).isEqualTo("validation-failed");
        assertThat(Api.fields(invalid)).containsExactly("name", "systemPrompt", "color", "tools[1]", "tools[2]",
                "models[0]", "handsOffTo[0]");
        assertThat(Api.fields(badId)).containsExactly("id");
        assertThat(Api.fields(missing)).containsExactly("name", "persona", "avatar", "systemPrompt", "color");
        assertThat(Api.fields(unknownField)).containsExactly("temperature");
        assertThat(malformed.problemType()).isEqualTo("malformed-request");
        assertThat(registry.find("fine-id")).isEmpty();
        assertThat(registry.find("empty")).isEmpty();
    }

    @Test
    void aProjectOwnerSwitchesAgentsOffAndOnButNotNexy() {
        Session owner = newUser("Owner");
        Session editor = newUser("Editor");
        Session stranger = newUser("Stranger");
        String project = project(owner);
        addMember(owner, project, editor, "editor");
        String base = "/api/projects/" + project + "/agents/";

        Response off = api.put(base + "designer").token(owner.accessToken()).json(Api.map("enabled", false)).send();
        Response asEditor = api.put(base + "dev").token(editor.accessToken()).json(Api.map("enabled", false)).send();
        Response asStranger = api.put(base + "dev").token(stranger.accessToken()).json(Api.map("enabled", false)).send();
        Response nexy = api.put(base + "nexy").token(owner.accessToken()).json(Api.map("enabled", false)).send();
        Response unknown = api.put(base + "ghost").token(owner.accessToken()).json(Api.map("enabled", false)).send();
        Response noValue = api.put(base + "dev").token(owner.accessToken()).json("{}").send();
        Response seenByEditor = api.get("/api/agents?projectId=" + project).token(editor.accessToken()).send();
        Response seenByStranger = api.get("/api/agents?projectId=" + project).token(stranger.accessToken()).send();

        assertThat(off.status()).isEqualTo(200);
        assertThat(off.json().path("enabled").asBoolean()).isFalse();
        assertThat(asEditor.status()).isEqualTo(403);
        assertThat(asStranger.status()).isEqualTo(404);
        assertThat(nexy.status()).isEqualTo(409);
        assertThat(nexy.problemType()).isEqualTo("agent-always-enabled");
        assertThat(unknown.problemType()).isEqualTo("agent-not-found");
        assertThat(Api.fields(noValue)).containsExactly("enabled");
        assertThat(enabled(seenByEditor)).containsEntry("designer", false).containsEntry("dev", true)
                .containsEntry("nexy", true);
        assertThat(seenByStranger.status()).isEqualTo(404);
        assertThat(registry.enabledFor(projectId(project))).extracting(AgentDefinition::id).contains("dev", "nexy")
                .doesNotContain("designer");

        Response on = api.put(base + "designer").token(owner.accessToken()).json(Api.map("enabled", true)).send();
        assertThat(on.json().path("enabled").asBoolean()).isTrue();
        assertThat(registry.enabledFor(projectId(project))).extracting(AgentDefinition::id).contains("designer");
    }

    @Test
    void anAdminSwitchesAgentsInAProjectTheyAreNotAMemberOf() {
        Session owner = newUser("Owner");
        String project = project(owner);

        Response off = api.put("/api/projects/" + project + "/agents/teacher").token(admin().accessToken())
                .json(Api.map("enabled", false)).send();

        assertThat(off.status()).isEqualTo(200);
        assertThat(enabled(api.get("/api/agents?projectId=" + project).token(owner.accessToken()).send()))
                .containsEntry("teacher", false);
    }

    private static AgentDefinition definition(String id, String source) {
        return new AgentDefinition(id, "Reviewer " + id, "Reviews SQL.", "You review SQL.", List.of("snippet.analyse"),
                List.of(), "🧮", "#334155", source, List.of("nexy"));
    }

    private static Map<String, Object> request(String name) {
        return Api.map("name", name, "persona", "Writes release notes from merged pull requests.",
                "systemPrompt", "You are " + name + ". You write release notes.",
                "tools", List.of("repo.read", "memory.remember"), "models", List.of("anthropic:claude-sonnet-4-5"),
                "avatar", "📝", "color", "#0F766E", "handsOffTo", List.of("dev", "nexy"));
    }

    private static Map<String, Object> withField(Map<String, Object> body, String field, Object value) {
        body.put(field, value);
        return body;
    }

    private static List<String> ids(Response agents) {
        List<String> ids = new ArrayList<>();
        agents.json().forEach(agent -> ids.add(agent.path("id").asString()));
        return ids;
    }

    private static Map<String, Boolean> enabled(Response agents) {
        Map<String, Boolean> enabled = new java.util.HashMap<>();
        agents.json().forEach(agent -> enabled.put(agent.path("id").asString(), agent.path("enabled").asBoolean()));
        return enabled;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }
}
