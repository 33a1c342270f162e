package dev.nex7.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.nex7.project.ProjectRoleTooLow;
import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;

class ProjectMemoryIntegrationTests extends AgentIntegrationTest {

    @Autowired
    ProjectMemory memory;

    @Autowired
    AgentSettings settings;

    @Test
    void anEditorAddsRewritesAndDeletesFactsThatViewersRead() {
        Session owner = newUser("Owner");
        Session editor = newUser("Editor");
        Session viewer = newUser("Viewer");
        String project = project(owner);
        addMember(owner, project, editor, "editor");
        addMember(owner, project, viewer, "viewer");
        String base = "/api/projects/" + project + "/memory";

        Response added = api.post(base).token(editor.accessToken()).json(Api.map("text", "  We deploy with Vercel. ")).send();
        String path = base + "/" + added.json().path("id").asString();
        Response listed = api.get(base).token(viewer.accessToken()).send();
        Response rewritten = api.patch(path).token(editor.accessToken()).json(Api.map("text", "We deploy with Vercel, "
                + "production from main.")).send();
        Response deleted = api.delete(path).token(owner.accessToken()).send();

        assertThat(added.status()).isEqualTo(201);
        assertThat(added.header("Location")).isEqualTo(path);
        assertThat(added.json().path("text").asString()).isEqualTo("We deploy with Vercel.");
        assertThat(added.json().path("source").asString()).isEqualTo("user");
        assertThat(added.json().path("agentId").isNull()).isTrue();
        assertThat(added.json().path("createdBy").asString()).isEqualTo(editor.id().toString());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get(0)).isEqualTo(added.json());
        assertThat(rewritten.status()).isEqualTo(200);
        assertThat(rewritten.json().path("text").asString()).isEqualTo("We deploy with Vercel, production from main.");
        assertThat(rewritten.json().path("createdAt").asString()).isEqualTo(added.json().path("createdAt").asString());
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.get(base).token(viewer.accessToken()).send().json().isEmpty()).isTrue();
    }

    @Test
    void viewersCannotWriteAndStrangersCannotSeeTheProject() {
        Session owner = newUser("Owner");
        Session viewer = newUser("Viewer");
        Session stranger = newUser("Stranger");
        String project = project(owner);
        addMember(owner, project, viewer, "viewer");
        String base = "/api/projects/" + project + "/memory";
        String path = base + "/" + api.post(base).token(owner.accessToken()).json(Api.map("text", "pnpm, not npm"))
                .send().json().path("id").asString();

        Response viewerAdd = api.post(base).token(viewer.accessToken()).json(Api.map("text", "mine")).send();
        Response viewerEdit = api.patch(path).token(viewer.accessToken()).json(Api.map("text", "mine")).send();
        Response viewerDelete = api.delete(path).token(viewer.accessToken()).send();
        Response strangerRead = api.get(base).token(stranger.accessToken()).send();
        Response strangerDelete = api.delete(path).token(stranger.accessToken()).send();

        assertThat(List.of(viewerAdd.status(), viewerEdit.status(), viewerDelete.status())).containsOnly(403);
        assertThat(viewerAdd.problemType()).isEqualTo("project-role-too-low");
        assertThat(List.of(strangerRead.status(), strangerDelete.status())).containsOnly(404);
        assertThat(strangerRead.problemType()).isEqualTo("project-not-found");
        assertThat(texts(api.get(base).token(viewer.accessToken()).send())).containsExactly("pnpm, not npm");
    }

    @Test
    void anAgentRemembersForItsUserWhoMustBeAbleToEdit() {
        Session owner = newUser("Owner");
        Session viewer = newUser("Viewer");
        String project = project(owner);
        addMember(owner, project, viewer, "viewer");

        MemoryFact fact = memory.remember(projectId(project), "The API runs on Java 21.", "dev", userId(owner));

        assertThat(fact.source()).isEqualTo(FactSource.AGENT);
        assertThat(fact.agentId()).isEqualTo("dev");
        assertThat(memory.facts(projectId(project))).containsExactly(fact);
        assertThat(api.get("/api/projects/" + project + "/memory").token(viewer.accessToken()).send().json().get(0)
                .path("source").asString()).isEqualTo("agent");
        assertThatThrownBy(() -> memory.remember(projectId(project), "Viewers cannot", "dev", userId(viewer)))
                .isInstanceOf(ProjectRoleTooLow.class);
    }

    @Test
    void badFactsAreProblemsAndChangeNothing() {
        Session owner = newUser("Owner");
        String project = project(owner);
        String other = project(owner);
        String base = "/api/projects/" + project + "/memory";
        String path = base + "/" + api.post(base).token(owner.accessToken()).json(Api.map("text", "Kept")).send()
                .json().path("id").asString();

        Response tooLong = api.post(base).token(owner.accessToken()).json(Api.map("text", "x".repeat(1001))).send();
        Response longest = api.post(base).token(owner.accessToken()).json(Api.map("text", "y".repeat(1000))).send();
        Response blank = api.patch(path).token(owner.accessToken()).json(Api.map("text", "  ")).send();
        Response missing = api.post(base).token(owner.accessToken()).json("{}").send();
        Response unknownField = api.post(base).token(owner.accessToken()).json(Api.map("text", "a", "pinned", true)).send();
        Response malformed = api.post(base).token(owner.accessToken()).json("{\"text\": \"a\"").send();
        Response badId = api.patch(base + "/not-a-uuid").token(owner.accessToken()).json(Api.map("text", "a")).send();
        Response unknownId = api.patch(base + "/" + UUID.randomUUID()).token(owner.accessToken())
                .json(Api.map("text", "a")).send();
        Response fromOtherProject = api.delete(path.replace(project, other)).token(owner.accessToken()).send();

        assertThat(Api.fields(tooLong)).containsExactly("text");
        assertThat(longest.status()).isEqualTo(201);
        assertThat(Api.fields(blank)).containsExactly("text");
        assertThat(Api.fields(missing)).containsExactly("text");
        assertThat(Api.fields(unknownField)).containsExactly("pinned");
        assertThat(malformed.problemType()).isEqualTo("malformed-request");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(unknownId.problemType()).isEqualTo("memory-fact-not-found");
        assertThat(fromOtherProject.problemType()).isEqualTo("memory-fact-not-found");
        assertThat(texts(api.get(base).token(owner.accessToken()).send())).containsExactly("Kept", "y".repeat(1000));
    }

    @Test
    void aProjectRemembersAtMostTheConfiguredNumberOfFacts() {
        Session owner = newUser("Owner");
        String project = project(owner);
        for (int i = 0; i < settings.factsPerProject(); i++) {
            memory.add(projectId(project), userId(owner), "Fact " + i);
        }

        Response full = api.post("/api/projects/" + project + "/memory").token(owner.accessToken())
                .json(Api.map("text", "One too many")).send();

        assertThat(full.status()).isEqualTo(409);
        assertThat(full.problemType()).isEqualTo("project-memory-full");
        assertThat(full.json().path("detail").asString()).contains(String.valueOf(settings.factsPerProject()));
        assertThat(memory.facts(projectId(project))).hasSize(settings.factsPerProject());
    }

    private static List<String> texts(Response facts) {
        List<String> texts = new ArrayList<>();
        facts.json().forEach(fact -> texts.add(fact.path("text").asString()));
        return texts;
    }
}
