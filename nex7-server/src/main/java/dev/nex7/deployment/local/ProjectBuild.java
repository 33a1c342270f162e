package dev.nex7.deployment.local;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

import org.slf4j.LoggerFactory;
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
 * command after a {@code $}, then what it printed. A build may be followed while it runs: its log's
 * lines go to a progress listener as they are written, the same lines the final log has (as far as
 * the output limit keeps them).
 */
@Component
public class ProjectBuild {

    /**
     * How a build (or one command) went.
     *
     * @param log the commands, each after a {@code $}, with what they printed and, for the one that failed, how it ended
     * @param buildTime the time the project's own commands took (what a fix's proof time excludes)
     * @param message how the last command ended, in one sentence
     */
    public record Result(boolean succeeded, String log, Duration buildTime, String message) {
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
        return build(target, commitSha, workspace, null);
    }

    /**
     * A fresh checkout of {@code commitSha} into {@code workspace}, built, each line of its log
     * going to {@code progress} as it is written (on a thread of the sandbox; null for none).
     */
    Result build(Target target, String commitSha, Path workspace, Consumer<String> progress) {
        delete(workspace);
        worktrees.checkout(LocalTargets.uri(target.repository()), commitSha, workspace);
        return run(target, workspace, progress);
    }

    /** Runs the target's install and build commands in a checkout, stopping at the first that fails. */
    public Result run(Target target, Path checkout) {
        return run(target, checkout, null);
    }

    private Result run(Target target, Path checkout, Consumer<String> progress) {
        StringBuilder log = new StringBuilder();
        Duration total = Duration.ZERO;
        Result last = null;
        for (String command : target.installCommand() == null ? new String[] {target.buildCommand()}
                : new String[] {target.installCommand(), target.buildCommand()}) {
            last = command(checkout, command, progress);
            total = total.plus(last.buildTime());
            log.append(last.log());
            if (!last.succeeded()) {
                break;
            }
        }
        return new Result(last.succeeded(), log.toString(), total, last.message());
    }

    /** Runs one command of the project in a checkout, in the sandbox; its log reads like a terminal. */
    public Result command(Path checkout, String command) {
        return command(checkout, command, null);
    }

    private Result command(Path checkout, String command, Consumer<String> progress) {
        Consumer<String> lines = progress != null ? progress : line -> {
        };
        lines.accept("$ " + command);
        BuildRun run = sandbox.run(BuildRequest.of(checkout, command).withLineListener(progress));
        StringBuilder log = new StringBuilder("$ ").append(command).append('\n').append(run.output());
        if (!run.output().isEmpty() && !run.output().endsWith("\n")) {
            log.append('\n');
        }
        if (!run.succeeded()) {
            log.append(run.message()).append('\n');
            lines.accept(run.message());
        }
        return new Result(run.succeeded(), log.toString(), run.duration(), run.message());
    }

    /** Deletes a directory below the sandbox root, if it is there; what cannot be deleted is logged and left. */
    public void delete(Path directory) {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            sandbox.delete(directory);
        } catch (UncheckedIOException stuck) {
            LoggerFactory.getLogger(ProjectBuild.class).warn("Could not delete {}: {}", directory, stuck.getMessage());
        }
    }
}
