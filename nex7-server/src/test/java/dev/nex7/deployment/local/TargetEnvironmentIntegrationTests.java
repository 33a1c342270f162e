package dev.nex7.deployment.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import dev.nex7.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * The local target's environment variables: editors set, list and delete them, viewers do not; names
 * are POSIX names, values and counts are capped, and every refusal changes nothing; a value is stored
 * sealed, never returned, reaches the target's real build in the sandbox and is masked in its log.
 */
class TargetEnvironmentIntegrationTests extends IntegrationTest {

    private static final String SECRET = "s3cret-api-token-0f9e8d";

    @TempDir
    Path directory;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TargetEnvironment environment;

    @Test
    void editorsSetListAndDeleteVariablesWhoseValuesAreNeverReturned() throws Exception {
        Session owner = newUser("env-owner");
        Session editor = newUser("env-editor");
        Session viewer = newUser("env-viewer");
        String project = linked(owner, "true");
        member(owner, project, editor, "editor");
        member(owner, project, viewer, "viewer");
        String environment = "/api/projects/" + project + "/local-target/environment";

        Response byOwner = api.put(environment + "/API_TOKEN").token(owner.accessToken()).json(Api.map("value", SECRET)).send();
        Response byEditor = api.put(environment + "/api_url").token(editor.accessToken()).json(Api.map("value", "https://api.shop.test"))
                .send();
        Response replaced = api.put(environment + "/API_TOKEN").token(editor.accessToken()).json(Api.map("value", SECRET + "-2")).send();
        Response byViewer = api.put(environment + "/VIEWER_SET").token(viewer.accessToken()).json(Api.map("value", "nope-nope")).send();
        Response viewerLists = api.get(environment).token(viewer.accessToken()).send();
        Response viewerDeletes = api.delete(environment + "/API_TOKEN").token(viewer.accessToken()).send();
        Response listed = api.get(environment).token(editor.accessToken()).send();

        assertThat(byOwner.status()).as(byOwner.text()).isEqualTo(200);
        assertThat(byOwner.json().path("name").asString()).isEqualTo("API_TOKEN");
        assertThat(byEditor.status()).isEqualTo(200);
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(byViewer.status()).isEqualTo(403);
        assertThat(viewerLists.status()).isEqualTo(403);
        assertThat(viewerDeletes.status()).isEqualTo(403);
        assertThat(listed.json()).extracting(variable -> variable.path("name").asString()).containsExactly("API_TOKEN", "api_url");
        assertThat(listed.json().get(0).has("value")).isFalse();
        for (Response response : List.of(byOwner, byEditor, replaced, listed)) {
            assertThat(response.text()).doesNotContain(SECRET).doesNotContain("api.shop.test");
        }
        byte[] stored = jdbc.sql("SELECT sealed_value FROM deployment_local_environment WHERE project_id = :project AND name = 'API_TOKEN'")
                .param("project", UUID.fromString(project)).query(byte[].class).single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).as("the value is sealed").doesNotContain(SECRET);

        Response deleted = api.delete(environment + "/api_url").token(editor.accessToken()).send();
        Response again = api.delete(environment + "/api_url").token(editor.accessToken()).send();
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.problemType()).endsWith("environment-variable-not-found");
        assertThat(api.get(environment).token(owner.accessToken()).send().json()).extracting(variable -> variable.path("name").asString())
                .containsExactly("API_TOKEN");
    }

    @Test
    void badNamesValuesAndOneVariableTooManyAreRefusedAndChangeNothing() throws Exception {
        Session owner = newUser("env-bad");
        String project = linked(owner, "true");
        String environment = "/api/projects/" + project + "/local-target/environment";

        Response digit = api.put(environment + "/1PASSWORD").token(owner.accessToken()).json(Api.map("value", "x")).send();
        Response dash = api.put(environment + "/API-URL").token(owner.accessToken()).json(Api.map("value", "x")).send();
        Response noValue = api.put(environment + "/API_URL").token(owner.accessToken()).json(Api.map()).send();
        Response tooLong = api.put(environment + "/API_URL").token(owner.accessToken())
                .json(Api.map("value", "x".repeat(TargetEnvironment.MAX_VALUE_BYTES + 1))).send();
        Response withNul = api.put(environment + "/API_URL").token(owner.accessToken()).json(Api.map("value", "a\0b")).send();
        for (Response refused : List.of(digit, dash, noValue, tooLong, withNul)) {
            assertThat(refused.status()).as(refused.text()).isEqualTo(400);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(Api.fields(digit)).containsExactly("name");
        assertThat(Api.fields(noValue)).containsExactly("value");
        assertThat(Api.fields(tooLong)).containsExactly("value");
        assertThat(api.get(environment).token(owner.accessToken()).send().json()).isEmpty();

        for (int i = 0; i < TargetEnvironment.MAX_VARIABLES; i++) {
            assertThat(api.put(environment + "/VARIABLE_" + i).token(owner.accessToken()).json(Api.map("value", "v")).send().status())
                    .isEqualTo(200);
        }
        Response oneTooMany = api.put(environment + "/ONE_TOO_MANY").token(owner.accessToken()).json(Api.map("value", "v")).send();
        Response replacing = api.put(environment + "/VARIABLE_0").token(owner.accessToken()).json(Api.map("value", "w")).send();
        assertThat(oneTooMany.status()).isEqualTo(400);
        assertThat(replacing.status()).as("replacing a variable adds none").isEqualTo(200);
        assertThat(api.get(environment).token(owner.accessToken()).send().json()).hasSize(TargetEnvironment.MAX_VARIABLES);

        String unlinked = api.post("/api/projects").token(owner.accessToken()).json(Api.map("name", "Unlinked", "type", "web")).send().json()
                .path("id").asString();
        Response notLinked = api.put("/api/projects/" + unlinked + "/local-target/environment/API_URL").token(owner.accessToken())
                .json(Api.map("value", "x")).send();
        assertThat(notLinked.status()).isEqualTo(404);
        assertThat(notLinked.problemType()).endsWith("local-target-not-linked");
    }

    @Test
    void theBuildGetsTheVariablesAndItsLogMasksTheirValues() throws Exception {
        Session owner = newUser("env-build");
        String project = linked(owner, "test \"$API_TOKEN\" = \"" + SECRET + "\" && echo \"calling the API with $API_TOKEN\"");
        api.put("/api/projects/" + project + "/local-target/environment/API_TOKEN").token(owner.accessToken()).json(Api.map("value", SECRET))
                .send();

        String id = api.post("/api/projects/" + project + "/deployments").token(owner.accessToken()).send().json().path("id").asString();
        JsonNode[] finished = new JsonNode[1];
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).until(() -> {
            finished[0] = api.get("/api/deployments/" + id).token(owner.accessToken()).send().json();
            return List.of("ready", "error").contains(finished[0].path("status").asString());
        });
        String log = api.get("/api/deployments/" + id + "/log").token(owner.accessToken()).send().json().path("text").asString();

        assertThat(finished[0].path("status").asString()).as(log).isEqualTo("ready");
        assertThat(log).contains("calling the API with " + ProjectBuild.MASK).doesNotContain(SECRET);
    }

    @Test
    void aKeyRotationResealsTheValuesAndTheyStillOpen() throws Exception {
        Session owner = newUser("env-rotation");
        String project = linked(owner, "true");
        api.put("/api/projects/" + project + "/local-target/environment/API_TOKEN").token(owner.accessToken()).json(Api.map("value", SECRET))
                .send();

        Response rotated = api.post("/api/admin/secrets/rotate").token(admin().accessToken()).send();

        assertThat(rotated.status()).as(rotated.text()).isEqualTo(200);
        String keyId = jdbc.sql("SELECT key_id FROM deployment_local_environment WHERE project_id = :project")
                .param("project", UUID.fromString(project)).query(String.class).single();
        assertThat(keyId).isEqualTo(rotated.json().path("activeKeyId").asString());
        assertThat(environment.values(new dev.nex7.project.ProjectId(UUID.fromString(project)))).containsEntry("API_TOKEN", SECRET);
    }

    /** A project whose local target is a one-commit repository built by {@code buildCommand}. */
    private String linked(Session owner, String buildCommand) throws Exception {
        String project = api.post("/api/projects").token(owner.accessToken()).json(Api.map("name", "Shop " + UUID.randomUUID().toString()
                .substring(0, 6), "type", "web")).send().json().path("id").asString();
        Path folder = directory.resolve("repo-" + project);
        try (Git git = Git.init().setInitialBranch("main").setDirectory(folder.toFile()).call()) {
            Files.writeString(folder.resolve("README.md"), "# shop\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("First commit").setAuthor("Dana", "dana@shop.test").setCommitter("Dana", "dana@shop.test").call();
        }
        Response linked = api.put("/api/projects/" + project + "/local-target").token(owner.accessToken())
                .json(Api.map("repository", folder.toString(), "buildCommand", buildCommand, "watch", false)).send();
        assertThat(linked.status()).as(linked.text()).isEqualTo(200);
        return project;
    }

    private void member(Session owner, String project, Session member, String role) {
        api.post("/api/projects/" + project + "/members").token(owner.accessToken()).json(Api.map("email", member.email(), "role", role)).send();
    }
}
