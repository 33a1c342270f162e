package dev.nex7.deployment.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real repositories, made with JGit in a temporary directory. */
class WorktreesTests {

    private static final CommitAuthor NEX7 = new CommitAuthor("NEX7", "recovery@nex7.dev");

    @TempDir
    Path temp;

    private final Worktrees worktrees = new Worktrees(Clock.fixed(Instant.parse("2026-05-01T10:00:00Z"), ZoneOffset.UTC));
    private Path origin;
    private String first;
    private String second;

    @BeforeEach
    void createOrigin() throws IOException, GitAPIException {
        origin = temp.resolve("origin");
        try (Git git = Git.init().setDirectory(origin.toFile()).setInitialBranch("main").call()) {
            write(origin, ".gitignore", "dist/\n.env\n");
            write(origin, "package.json", "{ \"name\": \"shop\" }\n");
            write(origin, "src/index.ts", "import { format } from './Format';\n");
            first = commit(git, "First");
            write(origin, "src/index.ts", "import { format } from './Format';\nconsole.log(format(1));\n");
            second = commit(git, "Second");
        }
    }

    @Test
    void aCheckoutIsAFreshCloneAtTheCommit() throws IOException {
        Path checkout = worktrees.checkout(origin, first, temp.resolve("attempt-1"));

        assertThat(Files.readString(checkout.resolve("src/index.ts"))).isEqualTo("import { format } from './Format';\n");
        assertThat(worktrees.head(checkout)).isEqualTo(first);
        assertThat(worktrees.diff(checkout)).isEmpty();
        assertThat(worktrees.head(worktrees.checkout(origin, "main", temp.resolve("attempt-2")))).isEqualTo(second);
        assertThat(worktrees.head(worktrees.checkout(origin, second.substring(0, 10), temp.resolve("attempt-3")))).isEqualTo(second);
        Path emptyWorkspace = Files.createDirectories(temp.resolve("workspace"));
        assertThat(worktrees.checkout(origin.toString(), "main", emptyWorkspace)).isEqualTo(emptyWorkspace.toRealPath());
    }

    @Test
    void aBareRepositoryIsClonedThroughAFileUrl() throws GitAPIException {
        Path bare = temp.resolve("bare.git");
        Git.cloneRepository().setURI(origin.toString()).setDirectory(bare.toFile()).setBare(true).call().close();

        Path checkout = worktrees.checkout(bare.toUri(), second, temp.resolve("attempt"));

        assertThat(checkout.resolve("src/index.ts")).content().contains("console.log");
    }

    @Test
    void anUnknownCommitIsReported() {
        assertThatThrownBy(() -> worktrees.checkout(origin, "0123456789abcdef0123456789abcdef01234567", temp.resolve("attempt")))
                .isInstanceOf(CommitNotFound.class);
        assertThatThrownBy(() -> worktrees.checkout(temp.resolve("nothing"), "main", temp.resolve("attempt-2")))
                .isInstanceOf(GitFailed.class);
    }

    @Test
    void theDiffShowsChangedAndNewFilesButNeitherIgnoredOnesNorDependencies() throws IOException {
        Path checkout = worktrees.checkout(origin, second, temp.resolve("attempt"));
        write(checkout, "src/index.ts", "import { format } from './format';\nconsole.log(format(1));\n");
        write(checkout, "src/format.ts", "export const format = String;\n");
        write(checkout, "dist/index.js", "built");
        write(checkout, ".env", "SECRET=1");
        write(checkout, "node_modules/left-pad/index.js", "module.exports = () => {};\n");

        String diff = worktrees.diff(checkout);

        assertThat(diff).contains("diff --git a/src/index.ts b/src/index.ts", "-import { format } from './Format';",
                "+import { format } from './format';", "diff --git a/src/format.ts b/src/format.ts", "new file mode 100644");
        assertThat(diff).doesNotContain("dist/", ".env", "node_modules");
    }

    @Test
    void aDiffOfOneCheckoutAppliesToAnotherCheckoutOfTheSameCommit() throws IOException {
        Path edited = worktrees.checkout(origin, second, temp.resolve("edited"));
        write(edited, "src/index.ts", "import { format } from './format';\nconsole.log(format(2));\n");
        write(edited, "src/format.ts", "export const format = (n: number) => n.toFixed(2);\n");
        Files.delete(edited.resolve("package.json"));
        Path fresh = worktrees.checkout(origin, second, temp.resolve("fresh"));

        List<String> changed = UnifiedDiff.apply(new Worktree(fresh), UnifiedDiff.parse(worktrees.diff(edited)), null);

        assertThat(changed).containsExactlyInAnyOrder("src/index.ts", "src/format.ts", "package.json");
        assertThat(worktrees.diff(fresh)).isEqualTo(worktrees.diff(edited));
        assertThat(fresh.resolve("src/format.ts")).hasSameTextualContentAs(edited.resolve("src/format.ts"));
    }

    @Test
    void aCommitTakesChangedNewAndDeletedFilesButNotDependencies() throws IOException, GitAPIException {
        Path checkout = worktrees.checkout(origin, second, temp.resolve("attempt"));
        write(checkout, "src/index.ts", "import { format } from './format';\n");
        write(checkout, "src/format.ts", "export const format = String;\n");
        write(checkout, "node_modules/left-pad/index.js", "module.exports = () => {};\n");
        write(checkout, "dist/index.js", "built");
        Files.delete(checkout.resolve("package.json"));

        String id = worktrees.commit(checkout, "Fix the import's case", NEX7).orElseThrow();

        assertThat(worktrees.head(checkout)).isEqualTo(id);
        assertThat(worktrees.diff(checkout)).isEmpty();
        try (Git git = Git.open(checkout.toFile())) {
            RevCommit commit = git.getRepository().parseCommit(ObjectId.fromString(id));
            assertThat(commit.getFullMessage()).isEqualTo("Fix the import's case");
            assertThat(commit.getAuthorIdent().getName()).isEqualTo("NEX7");
            assertThat(commit.getAuthorIdent().getWhenAsInstant()).isEqualTo(Instant.parse("2026-05-01T10:00:00Z"));
            assertThat(commit.getParent(0).name()).isEqualTo(second);
            assertThat(files(git, id)).containsExactlyInAnyOrder(".gitignore", "src/index.ts", "src/format.ts");
        }
        assertThat(worktrees.commit(checkout, "Nothing", NEX7)).isEmpty();
    }

    @Test
    void hooksABuildPlantedAreNotRunOnCommitOrPush() throws IOException, GitAPIException {
        Path checkout = worktrees.checkout(origin, second, temp.resolve("attempt"));
        Path ran = temp.resolve("hook-ran");
        for (String hook : List.of("pre-commit", "commit-msg", "post-commit", "pre-push")) {
            Path file = write(checkout, ".git/hooks/" + hook, "#!/bin/sh\necho " + hook + " >> " + ran + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path remote = temp.resolve("remote.git");
        Git.init().setDirectory(remote.toFile()).setBare(true).call().close();
        write(checkout, "src/format.ts", "export const format = String;\n");

        worktrees.commit(checkout, "Add format", NEX7);
        worktrees.push(checkout, remote.toString(), "nex7/fix-1");

        assertThat(ran).doesNotExist();
    }

    @Test
    void aPushCreatesTheBranchOnTheRemoteAndRefusesToRewriteIt() throws IOException, GitAPIException {
        Path remote = temp.resolve("remote.git");
        Git.cloneRepository().setURI(origin.toString()).setDirectory(remote.toFile()).setBare(true).call().close();
        Path checkout = worktrees.checkout(remote, second, temp.resolve("attempt"));
        write(checkout, "src/format.ts", "export const format = String;\n");
        String fix = worktrees.commit(checkout, "Add format", NEX7).orElseThrow();

        worktrees.push(checkout, remote.toString(), "nex7/fix-1");

        try (Git git = Git.open(remote.toFile())) {
            assertThat(git.getRepository().resolve("refs/heads/nex7/fix-1").name()).isEqualTo(fix);
            assertThat(git.getRepository().resolve("refs/heads/main").name()).isEqualTo(second);
        }
        Path other = worktrees.checkout(remote, first, temp.resolve("other"));
        write(other, "README.md", "# Shop\n");
        worktrees.commit(other, "Readme", NEX7);
        assertThatThrownBy(() -> worktrees.push(other, remote.toString(), "nex7/fix-1")).isInstanceOf(GitFailed.class)
                .hasMessageContaining("REJECTED_NONFASTFORWARD");
        assertThatThrownBy(() -> worktrees.push(other, remote.toString(), "bad..name")).isInstanceOf(IllegalArgumentException.class);
    }

    private static Path write(Path root, String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private static String commit(Git git, String message) throws GitAPIException {
        git.add().addFilepattern(".").call();
        return git.commit().setMessage(message).setAuthor("Dev", "dev@example.com").setCommitter("Dev", "dev@example.com")
                .setSign(false).call().name();
    }

    private static List<String> files(Git git, String commit) throws IOException {
        List<String> files = new java.util.ArrayList<>();
        try (var walk = new org.eclipse.jgit.treewalk.TreeWalk(git.getRepository())) {
            walk.addTree(git.getRepository().parseCommit(ObjectId.fromString(commit)).getTree());
            walk.setRecursive(true);
            while (walk.next()) {
                files.add(walk.getPathString());
            }
        }
        return files;
    }
}
