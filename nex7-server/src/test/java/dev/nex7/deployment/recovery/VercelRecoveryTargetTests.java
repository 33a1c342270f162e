package dev.nex7.deployment.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.nex7.deployment.recovery.RecoveryTarget.CannotRecover;
import dev.nex7.integration.VercelApi.ProjectSettings;

/**
 * How a Vercel project's fix is proven: with the project's own commands, or Vercel's defaults where
 * its settings leave them empty (install by the lockfile the project has), in its root directory,
 * which must be a folder inside the source.
 */
class VercelRecoveryTargetTests {

    @TempDir
    Path source;

    @Test
    void theProjectsOwnCommandsAreRunWhenItHasThem() {
        ProjectSettings settings = new ProjectSettings("shop", "pnpm install --frozen-lockfile", "pnpm build", null, "nextjs", "22.x");

        assertThat(VercelRecoveryTarget.commands(settings, source)).containsExactly("pnpm install --frozen-lockfile", "pnpm build");
    }

    @Test
    void emptyCommandsFallBackToVercelsDefaultsByLockfile() throws IOException {
        ProjectSettings defaults = new ProjectSettings("shop", null, " ", null, null, null);

        assertThat(VercelRecoveryTarget.commands(defaults, source)).containsExactly("npm install", "npm run build");
        Files.writeString(source.resolve("yarn.lock"), "");
        assertThat(VercelRecoveryTarget.commands(defaults, source)).containsExactly("yarn install", "npm run build");
        Files.writeString(source.resolve("pnpm-lock.yaml"), "");
        assertThat(VercelRecoveryTarget.commands(defaults, source)).first().isEqualTo("pnpm install");
        Files.writeString(source.resolve("package-lock.json"), "{}");
        assertThat(VercelRecoveryTarget.commands(defaults, source)).first().isEqualTo("npm ci");
    }

    @Test
    void theRootDirectoryIsAFolderInsideTheSource() throws IOException {
        Files.createDirectories(source.resolve("apps/web"));
        Path outside = Files.createTempDirectory("outside-");
        Files.createSymbolicLink(source.resolve("elsewhere"), outside);
        Files.writeString(source.resolve("README.md"), "shop");

        assertThat(VercelRecoveryTarget.rootDirectory(root(null), source)).isEmpty();
        assertThat(VercelRecoveryTarget.rootDirectory(root("./"), source)).isEmpty();
        assertThat(VercelRecoveryTarget.rootDirectory(root("apps//web/"), source)).isEqualTo("apps/web");
        for (String refused : new String[] {"../shop", "/etc", "apps/../../etc", ".git", "elsewhere", "README.md", "apps/api"}) {
            assertThatThrownBy(() -> VercelRecoveryTarget.rootDirectory(root(refused), source)).as(refused)
                    .isInstanceOf(CannotRecover.class).hasMessageContaining("root directory " + refused);
        }
    }

    private static ProjectSettings root(String rootDirectory) {
        return new ProjectSettings("shop", null, null, rootDirectory, null, null);
    }
}
