package dev.nex7.deployment.local;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * limits, a clean environment plus the target's own variables, confined to the workspace). The log
 * reads like a terminal: each command after a {@code $}, then what it printed, with the value of every
 * target variable masked where it appears verbatim. A build may be followed while it runs: its log's
 * lines (masked alike) go to a progress listener as they are written, the same lines the final log has
 * (as far as the output limit keeps them).
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

    /** What stands for a variable's value in a build's output. */
    static final String MASK = "[masked]";
    /** Shorter values are not masked: masking every "1" or "on" would garble the log and hide nothing. */
    static final int SHORTEST_MASKED = 4;

    private final BuildSandbox sandbox;
    private final Worktrees worktrees;
    private final TargetEnvironment environment;

    ProjectBuild(BuildSandbox sandbox, Worktrees worktrees, TargetEnvironment environment) {
        this.sandbox = sandbox;
        this.worktrees = worktrees;
        this.environment = environment;
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
        return run(commands(target), workspace, variables(target, Map.of()), progress);
    }

    /** Runs the target's install and build commands in a checkout, with the target's variables, stopping at the first that fails. */
    public Result run(Target target, Path checkout) {
        return run(target, checkout, Map.of());
    }

    /**
     * Runs the target's install and build commands in a checkout, stopping at the first that fails,
     * with the target's variables and {@code extra} ones (which win): how a fix that sets a variable
     * is proven before the variable is stored.
     */
    public Result run(Target target, Path checkout, Map<String, String> extra) {
        return run(commands(target), checkout, variables(target, extra), null);
    }

    private static List<String> commands(Target target) {
        return target.installCommand() == null ? List.of(target.buildCommand()) : List.of(target.installCommand(), target.buildCommand());
    }

    private Map<String, String> variables(Target target, Map<String, String> extra) {
        Map<String, String> variables = new LinkedHashMap<>(environment.values(target.projectId()));
        variables.putAll(extra);
        return variables;
    }

    /**
     * Runs a project's commands (at least one) in a checkout, one after the other, stopping at the
     * first that fails, with {@code variables} in their environment (masked in the log).
     */
    public Result run(Path checkout, List<String> commands, Map<String, String> variables) {
        return run(commands, checkout, variables, null);
    }

    private Result run(List<String> commands, Path checkout, Map<String, String> variables, Consumer<String> progress) {
        StringBuilder log = new StringBuilder();
        Duration total = Duration.ZERO;
        Result last = null;
        for (String command : commands) {
            last = command(checkout, command, variables, progress);
            total = total.plus(last.buildTime());
            log.append(last.log());
            if (!last.succeeded()) {
                break;
            }
        }
        return new Result(last.succeeded(), log.toString(), total, last.message());
    }

    /**
     * Runs one command of the project in a checkout, in the sandbox, without the target's variables
     * (a fix's own command, {@code eslint --fix}, needs none); its log reads like a terminal.
     */
    public Result command(Path checkout, String command) {
        return command(checkout, command, Map.of(), null);
    }

    private Result command(Path checkout, String command, Map<String, String> variables, Consumer<String> progress) {
        Consumer<String> lines = progress == null ? line -> {
        } : line -> progress.accept(masked(line, variables));
        lines.accept("$ " + command);
        BuildRun run = sandbox.run(BuildRequest.of(checkout, command).withEnvironment(variables)
                .withLineListener(progress == null ? null : lines));
        StringBuilder log = new StringBuilder("$ ").append(command).append('\n').append(run.output());
        if (!run.output().isEmpty() && !run.output().endsWith("\n")) {
            log.append('\n');
        }
        if (!run.succeeded()) {
            log.append(run.message()).append('\n');
            lines.accept(run.message());
        }
        return new Result(run.succeeded(), masked(log.toString(), variables), run.duration(), masked(run.message(), variables));
    }

    /** {@code text} with every variable's value (long enough to be worth it) replaced by {@link #MASK}, the longest first. */
    static String masked(String text, Map<String, String> variables) {
        if (text == null || variables.isEmpty()) {
            return text;
        }
        String result = text;
        for (String value : variables.values().stream().filter(value -> value.strip().length() >= SHORTEST_MASKED)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            result = result.replace(value, MASK);
            String trimmed = value.strip();
            if (!trimmed.equals(value)) {
                result = result.replace(trimmed, MASK);
            }
        }
        return result;
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
