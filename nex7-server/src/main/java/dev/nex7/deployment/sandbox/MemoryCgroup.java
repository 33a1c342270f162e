package dev.nex7.deployment.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One build's memory cgroup. The build's first process moves itself in before it runs the
 * command, so everything the command starts is inside: limited together, killed together
 * (daemons that left the process tree included), and an out-of-memory kill is counted.
 */
final class MemoryCgroup implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MemoryCgroup.class);
    private static final int KILL_ROUNDS = 10;

    private final Path directory;
    private final boolean unified;

    MemoryCgroup(Path directory, boolean unified) {
        this.directory = directory;
        this.unified = unified;
    }

    /** The file a process writes its id to to join. */
    Path processes() {
        return directory.resolve("cgroup.procs");
    }

    /** Whether the kernel killed a process of the group for exceeding its limit. */
    boolean outOfMemoryKilled() {
        Path events = directory.resolve(unified ? "memory.events" : "memory.oom_control");
        try {
            for (String line : Files.readAllLines(events)) {
                if (line.startsWith("oom_kill ")) {
                    return Long.parseLong(line.substring("oom_kill ".length()).strip()) > 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            log.debug("Could not read {}", events, e);
        }
        return false;
    }

    /** Kills every process in the group and waits (bounded) until they are gone. */
    void killAll() {
        List<ProcessHandle> killed = new ArrayList<>();
        Path kill = directory.resolve("cgroup.kill");
        if (unified && Files.exists(kill)) {
            try {
                Files.writeString(kill, "1");
            } catch (IOException e) {
                log.debug("Could not write {}", kill, e);
            }
        }
        for (int round = 0; round < KILL_ROUNDS; round++) {
            List<ProcessHandle> members = members();
            if (members.isEmpty()) {
                break;
            }
            members.forEach(ProcessHandle::destroyForcibly);
            killed.addAll(members);
            ProcessTree.awaitExit(members);
        }
        ProcessTree.awaitExit(killed);
    }

    /** Kills what is left and removes the group. */
    @Override
    public void close() {
        if (!Files.isDirectory(directory)) {
            return;
        }
        killAll();
        try {
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            log.warn("Could not remove the build cgroup {}; the next start removes it", directory, e);
        }
    }

    private List<ProcessHandle> members() {
        try {
            return Files.readAllLines(processes()).stream().map(String::strip).filter(pid -> !pid.isEmpty())
                    .map(pid -> ProcessHandle.of(Long.parseLong(pid))).flatMap(Optional::stream).toList();
        } catch (IOException | NumberFormatException e) {
            return List.of();
        }
    }
}
