package dev.nex7.deployment.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.nex7.support.Api;
import dev.nex7.support.Api.Response;
import dev.nex7.support.IntegrationTest;

/**
 * Linking a project's local deployment target: a real repository on disk is read before anything
 * is stored, bad paths, branches and commands are refused with every problem at once, and only
 * owners link and unlink.
 */
class LocalTargetIntegrationTests extends IntegrationTest {

    @TempDir
    Path directory;

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
