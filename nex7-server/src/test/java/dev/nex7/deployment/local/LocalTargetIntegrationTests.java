package dev.nex7.deployment.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.nex7.deployment.Deployment;
import dev.nex7.deployment.DeploymentId;
import dev.nex7.deployment.DeploymentStatus;
import dev.nex7.deployment.Deployments;
import dev.nex7.deployment.NewDeployment;
import dev.nex7.project.ProjectId;
import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import dev.nex7.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * Linking a project's local deployment target: a real repository on disk is read before anything
 * is stored, bad paths, branches and commands are refused with every problem at once, and only
 * owners link and unlink. A deployment's real build is followed through its log while it runs,
 * also when it is built again because its builder stopped.
 */
class LocalTargetIntegrationTests extends IntegrationTest {

    private static final Duration BUILD = Duration.ofSeconds(90);

    @TempDir
    Path directory;

    @Autowired
    Deployments deployments;

    @Autowired
    LocalBuilder builder;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anOwnerLinksARepositoryAndTheTestReadsItsBranchHead() throws Exception {
        Session owner = newUser("local-link");
        String project = project(owner);
        RevCommit head = repository("shop");

        Response linked = api.put("/api/projects/" + project + "/local-target").token(owner.accessToken())
                .json(Api.map("repository", directory.resolve("shop").toString(), "installCommand", "npm ci", "buildCommand",
                        "npm run build", "watch", false))
                .send();
        Response tested = api.post("/api/projects/" + project + "/local-target/test").token(owner.accessToken()).send();
        Response read = api.get("/api/projects/" + project + "/local-target").token(owner.accessToken()).send();

        assertThat(linked.status()).as(linked.text()).isEqualTo(200);
        assertThat(linked.json().path("branch").asString()).isEqualTo("main");
        assertThat(tested.json().path("headSha").asString()).isEqualTo(head.getName());
        assertThat(tested.json().path("headMessage").asString()).isEqualTo("First commit");
        assertThat(read.json().path("buildCommand").asString()).isEqualTo("npm run build");
        assertThat(read.json().path("watch").asBoolean()).isFalse();
    }

    @Test
    void badInputIsRefusedWithEveryProblemAndNothingIsStored() throws Exception {
        Session owner = newUser("local-bad");
        String project = project(owner);
        repository("shop");

        Response invalid = api.put("/api/projects/" + project + "/local-target").token(owner.accessToken())
                .json(Api.map("repository", "relative/path", "branch", "no..dots", "buildCommand", "")).send();
        Response missing = api.put("/api/projects/" + project + "/local-target").token(owner.accessToken())
                .json(Api.map("repository", directory.resolve("nowhere").toString(), "buildCommand", "make")).send();
        Response remote = api.put("/api/projects/" + project + "/local-target").token(owner.accessToken())
                .json(Api.map("repository", "https://example.com/shop.git", "buildCommand", "make")).send();
        Response noBranch = api.put("/api/projects/" + project + "/local-target").token(owner.accessToken())
                .json(Api.map("repository", directory.resolve("shop").toString(), "branch", "release", "buildCommand", "make")).send();
        Response notARepository = api.put("/api/projects/" + project + "/local-target").token(owner.accessToken())
                .json(Api.map("repository", Files.createDirectories(directory.resolve("plain")).toString(), "buildCommand", "make")).send();
        Response twoLines = api.put("/api/projects/" + project + "/local-target").token(owner.accessToken())
                .json(Api.map("repository", directory.resolve("shop").toString(), "buildCommand", "make\nrm -rf /")).send();
        Response stored = api.get("/api/projects/" + project + "/local-target").token(owner.accessToken()).send();

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(Api.fields(invalid)).contains("repository", "branch", "buildCommand");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(remote.status()).isEqualTo(400);
        assertThat(noBranch.status()).isEqualTo(422);
        assertThat(noBranch.problemType()).endsWith("local-target-unreadable");
        assertThat(notARepository.status()).isEqualTo(422);
        assertThat(twoLines.status()).isEqualTo(400);
        assertThat(Api.fields(twoLines)).containsExactly("buildCommand");
        assertThat(stored.status()).isEqualTo(404);
    }

    @Test
    void onlyOwnersLinkAndUnlink() throws Exception {
        Session owner = newUser("local-owner");
        Session editor = newUser("local-editor");
        String project = project(owner);
        api.post("/api/projects/" + project + "/members").token(owner.accessToken()).json(Api.map("email", editor.email(), "role", "editor"))
                .send();
        repository("shop");
        Object body = Api.map("repository", directory.resolve("shop").toString(), "buildCommand", "make");

        Response byEditor = api.put("/api/projects/" + project + "/local-target").token(editor.accessToken()).json(body).send();
        api.put("/api/projects/" + project + "/local-target").token(owner.accessToken()).json(body).send();
        Response editorUnlinks = api.delete("/api/projects/" + project + "/local-target").token(editor.accessToken()).send();
        Response ownerUnlinks = api.delete("/api/projects/" + project + "/local-target").token(owner.accessToken()).send();
        Response gone = api.get("/api/projects/" + project + "/local-target").token(editor.accessToken()).send();

        assertThat(byEditor.status()).isEqualTo(403);
        assertThat(editorUnlinks.status()).isEqualTo(403);
        assertThat(ownerUnlinks.status()).isEqualTo(204);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.problemType()).endsWith("local-target-not-linked");
    }

    @Test
    void aRunningBuildsLogIsFollowedThroughTheCursorAndEndsAsTheStoredLog() throws Exception {
        Session owner = newUser("local-live-log");
        String project = project(owner);
        Path folder = directory.resolve("live");
        gatedBuild(folder);
        api.put("/api/projects/" + project + "/local-target").token(owner.accessToken())
                .json(Api.map("repository", folder.toString(), "buildCommand", "node build.js", "watch", false)).send();
        String id = api.post("/api/projects/" + project + "/deployments").token(owner.accessToken()).send().json().path("id").asString();
        Deployment queued = deployments.find(new DeploymentId(UUID.fromString(id))).orElseThrow();

        JsonNode first = await().atMost(BUILD).pollInterval(Duration.ofMillis(200)).until(() -> log(owner, id, null),
                read -> read.path("text").asString("").contains("step 1 of 2"));
        JsonNode nothingNew = log(owner, id, first.path("cursor").asString());
        Files.writeString(builder.workspace(queued).resolve("release"), "go\n");
        StringBuilder followed = new StringBuilder(first.path("text").asString());
        AtomicReference<String> cursor = new AtomicReference<>(first.path("cursor").asString());
        List<JsonNode> reads = new ArrayList<>();
        await().atMost(BUILD).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode read = log(owner, id, cursor.get());
            reads.add(read);
            if (read.path("reset").asBoolean()) {
                followed.setLength(0);
            }
            followed.append(read.path("text").asString());
            cursor.set(read.path("cursor").asString());
            return !read.path("status").asString().equals("building");
        });

        assertThat(first.path("status").asString()).isEqualTo("building");
        assertThat(first.path("text").asString()).startsWith("$ node build.js\n").doesNotContain("step 2 of 2");
        assertThat(nothingNew.path("text").asString()).isEmpty();
        assertThat(nothingNew.path("status").asString()).isEqualTo("building");
        assertThat(reads.getLast().path("status").asString()).isEqualTo("ready");
        assertThat(reads).as("the log only grew: never read whole again").noneMatch(read -> read.path("reset").asBoolean());
        String stored = deployments.log(queued.id()).text();
        assertThat(stored).contains("step 2 of 2: bundled 3 pages");
        assertThat(followed.toString()).as("what was followed is what finish stored").isEqualTo(stored);
        assertThat(api.get("/api/deployments/" + id + "/log").token(owner.accessToken()).send().json().path("text").asString())
                .isEqualTo(stored);
    }

    @Test
    void aDeploymentWhoseBuilderStoppedIsBuiltAgainAndItsLiveLogSaysSo() throws Exception {
        Session owner = newUser("local-rebuild");
        String project = project(owner);
        Path folder = directory.resolve("again");
        String sha = gatedBuild(folder);
        api.put("/api/projects/" + project + "/local-target").token(owner.accessToken())
                .json(Api.map("repository", folder.toString(), "buildCommand", "node build.js", "watch", false)).send();
        Deployment stopped = deployments.record(new NewDeployment(new ProjectId(UUID.fromString(project)), Deployment.LOCAL, null, "manual",
                null, sha, "Add build.js", "main", null), DeploymentStatus.BUILDING);
        deployments.appendLog(stopped.id(), "$ node build.js\nstep 1 of 2: compiling the shop\n", null);
        jdbc.sql("UPDATE deployments SET claimed_by = 'builder-gone', lease_until = :past, attempts = 1 WHERE id = :id")
                .param("past", OffsetDateTime.ofInstant(clock.instant().minusSeconds(60), ZoneOffset.UTC)).param("id", stopped.id().value())
                .update();

        builder.wake();
        String again = await().atMost(BUILD).pollInterval(Duration.ofMillis(200))
                .until(() -> log(owner, stopped.id().toString(), null).path("text").asString(""), text -> text.contains("attempt 2]\n$ node"));
        Files.writeString(builder.workspace(stopped).resolve("release"), "go\n");
        await().atMost(BUILD).pollInterval(Duration.ofMillis(200))
                .until(() -> log(owner, stopped.id().toString(), null).path("status").asString(), "ready"::equals);

        assertThat(again).startsWith("$ node build.js\nstep 1 of 2: compiling the shop\n[nex7: the builder of this deployment stopped");
        assertThat(deployments.log(stopped.id()).text()).as("the final log is the last attempt's")
                .startsWith("$ node build.js\nstep 1 of 2").contains("step 2 of 2").doesNotContain("[nex7:");
    }

    /** A repository whose build prints its first step, then waits until a file {@code release} appears in its checkout; the commit. */
    private static String gatedBuild(Path folder) throws Exception {
        return commit(folder, "build.js", """
                const fs = require("fs");
                console.log("step 1 of 2: compiling the shop");
                const deadline = Date.now() + 120000;
                const timer = setInterval(() => {
                  if (fs.existsSync("release") || Date.now() > deadline) {
                    clearInterval(timer);
                    console.log("step 2 of 2: bundled 3 pages");
                  }
                }, 50);
                """);
    }

    private JsonNode log(Session owner, String deployment, String after) {
        Response read = api.get("/api/deployments/" + deployment + "/log" + (after == null ? "" : "?after=" + after))
                .token(owner.accessToken()).send();
        assertThat(read.status()).as(read.text()).isEqualTo(200);
        return read.json();
    }

    private static String commit(Path folder, String file, String text) throws Exception {
        try (Git git = Git.init().setInitialBranch("main").setDirectory(folder.toFile()).call()) {
            Files.writeString(folder.resolve(file), text);
            git.add().addFilepattern(".").call();
            return git.commit().setMessage("Add " + file).setAuthor("Dana", "dana@shop.test").setCommitter("Dana", "dana@shop.test").call()
                    .getName();
        }
    }

    private RevCommit repository(String name) throws Exception {
        Path folder = directory.resolve(name);
        try (Git git = Git.init().setInitialBranch("main").setDirectory(folder.toFile()).call()) {
            Files.writeString(folder.resolve("README.md"), "# " + name + "\n");
            git.add().addFilepattern(".").call();
            return git.commit().setMessage("First commit").setAuthor("Dana", "dana@shop.test").setCommitter("Dana", "dana@shop.test").call();
        }
    }

    private String project(Session owner) {
        return api.post("/api/projects").token(owner.accessToken()).json(Api.map("name", "Shop " + UUID.randomUUID().toString().substring(0, 6),
                "type", "web")).send().json().path("id").asString();
    }
}
