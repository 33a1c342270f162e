package dev.nex7.deployment.sandbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Kills a process and everything it started: its descendants, collected before anyone is killed
 * (a killed parent's children are re-parented and no longer show as its descendants) and again for
 * what was started in between, and the members of its process group, which is where background
 * jobs stay after their parent shell exited (the launcher makes the build a group leader). A daemon
 * that made its own session is out of reach here; the memory cgroup or the PID namespace catches
 * those.
 */
final class ProcessTree {

    private static final int ROUNDS = 4;
    private static final Duration EXIT_WAIT = Duration.ofSeconds(10);

    private ProcessTree() {
    }

    static void kill(ProcessHandle root) {
        Set<ProcessHandle> killed = new LinkedHashSet<>();
        for (int round = 0; round < ROUNDS; round++) {
            Set<ProcessHandle> tree = new LinkedHashSet<>(root.descendants().toList());
            tree.addAll(group(root.pid()));
            tree.removeIf(process -> !process.isAlive());
            if (tree.isEmpty() && !root.isAlive()) {
                break;
            }
            root.destroyForcibly();
            tree.forEach(ProcessHandle::destroyForcibly);
            killed.addAll(tree);
        }
        killed.add(root);
        awaitExit(killed);
    }

    /** Waits (bounded) until the processes are gone, so that their files and pipes are released. */
    static void awaitExit(Collection<ProcessHandle> processes) {
        long deadline = System.nanoTime() + EXIT_WAIT.toNanos();
        for (ProcessHandle process : processes) {
            try {
                process.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // A process stuck in the kernel (uninterruptible I/O) dies when it returns; nothing more to do.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The processes of process group {@code id}, from {@code /proc} (the JDK does not show groups). */
    private static List<ProcessHandle> group(long id) {
        List<ProcessHandle> members = new ArrayList<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                processGroup(process).filter(group -> group == id)
                        .flatMap(group -> ProcessHandle.of(Long.parseLong(process.getFileName().toString())))
                        .ifPresent(members::add);
            }
        } catch (IOException e) {
            // No /proc (not Linux): the descendants are all there is to kill.
        }
        return members;
    }

    /** Field 5 of {@code /proc/<pid>/stat}, counted after the command name, which may hold spaces and parentheses. */
    private static Optional<Long> processGroup(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(Long.parseLong(fields[2]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
