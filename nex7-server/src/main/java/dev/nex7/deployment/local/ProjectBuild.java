package dev.nex7.deployment.local;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;

import org.springframework.stereotype.Component;

import dev.nex7.deployment.local.LocalTargets.Target;
import dev.nex7.deployment.patch.Worktrees;
import dev.nex7.deployment.sandbox.BuildRequest;
import dev.nex7.deployment.sandbox.BuildRun;
import dev.nex7.deployment.sandbox.BuildSandbox;

/**
 * Checks out a commit of a local target's repository and builds it the way the project builds:
 * its install command, then its build command, each in the build sandbox (time, memory and output
 * limits, a clean environment, confined to the workspace). The log reads like a terminal: each
 * command after a {@code $}, then what it printed.
 */
@Component
public class ProjectBuild {

    /**
     * How a build went.
     *
     * @param buildTime the time the project's own commands took (what a fix's proof time excludes)
     */
    public record Result(boolean succeeded, String log, Duration buildTime) {
    }

    private final BuildSandbox sandbox;
    private final Worktrees worktrees;

    ProjectBuild(BuildSandbox sandbox, Worktrees worktrees) {
        this.sandbox = sandbox;
        this.worktrees = worktrees;
    }

    /** The directory builds happen in (workspaces live below it). */
    public Path root() {
        return sandbox.root();
    }

    /** A fresh checkout of {@code commitSha} into {@code workspace}, built. */
    public Result build(Target target, String commitSha, Path workspace) {
        delete(workspace);
        worktrees.checkout(LocalTargets.uri(target.repository()), commitSha, workspace);
        return run(target, workspace);
    }

    /** Runs the target's install and build commands in a checkout. */
    public Result run(Target target, Path checkout) {
        StringBuilder log = new StringBuilder();
        Duration total = Duration.ZERO;
        for (String command : target.installCommand() == null ? new String[] {target.buildCommand()}
                : new String[] {target.installCommand(), target.buildCommand()}) {
            BuildRun run = sandbox.run(BuildRequest.of(checkout, command));
            total = total.plus(run.duration());
            log.append("$ ").append(command).append('\n').append(run.output());
            if (!run.output().isEmpty() && !run.output().endsWith("\n")) {
                log.append('\n');
            }
            if (!run.succeeded()) {
                log.append(run.message()).append('\n');
                return new Result(false, log.toString(), total);
            }
        }
        return new Result(true, log.toString(), total);
    }

    /** Deletes a directory tree, not following symlinks; what cannot be deleted is left. */
    public static void delete(Path directory) {
        if (!Files.exists(directory, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path folder, IOException failure) throws IOException {
                    Files.deleteIfExists(folder);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException stuck) {
            org.slf4j.LoggerFactory.getLogger(ProjectBuild.class).warn("Could not delete {}: {}", directory, stuck.getMessage());
        }
    }
}
