package dev.nex7.deployment.sandbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where builds get their own memory cgroup: a directory of the memory controller the server may
 * create groups in. Found from {@code /proc/self/cgroup} and {@code /proc/self/mountinfo}:
 * <ul>
 * <li>cgroup v1 (a {@code memory} hierarchy): the server's own memory group; groups below it are
 * limited by it too, so builds never escape the limits the server itself runs under.</li>
 * <li>cgroup v2 (unified): the server's own group only if it already delegates the memory
 * controller to its children ({@code memory} in {@code cgroup.subtree_control}). v2 forbids a group
 * with processes to do so, so with the server in its group this needs an operator's setup (a
 * systemd unit with {@code Delegate=yes} and the server moved to a leaf), named by
 * {@code nex7.deployment.sandbox.cgroup-parent}.</li>
 * </ul>
 * A group is tried (made and removed) before it is trusted. Groups left by a server that died are
 * removed when the next one starts; each group's name carries its server's process id for that.
 */
final class MemoryCgroups {

    private static final Logger log = LoggerFactory.getLogger(MemoryCgroups.class);
    private static final String PREFIX = "nex7-build-";
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final Path parent;
    private final boolean unified;

    private MemoryCgroups(Path parent, boolean unified) {
        this.parent = parent;
        this.unified = unified;
    }

    /** The groups' parent, when builds can have memory cgroups here. */
    static Optional<MemoryCgroups> find(Path configuredParent) {
        Optional<MemoryCgroups> found = configuredParent != null ? at(configuredParent) : own();
        return found.filter(MemoryCgroups::usable);
    }

    Path parent() {
        return parent;
    }

    /** A new group limited to {@code bytes} of memory (and no swap, where the kernel accounts it). */
    MemoryCgroup create(long bytes) throws IOException {
        Path group = parent.resolve(PREFIX + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet());
        Files.createDirectory(group);
        try {
            if (unified) {
                Files.writeString(group.resolve("memory.max"), Long.toString(bytes));
                writeIfPresent(group.resolve("memory.swap.max"), "0");
            } else {
                Files.writeString(group.resolve("memory.limit_in_bytes"), Long.toString(bytes));
                writeIfPresent(group.resolve("memory.memsw.limit_in_bytes"), Long.toString(bytes));
            }
        } catch (IOException e) {
            Files.deleteIfExists(group);
            throw e;
        }
        return new MemoryCgroup(group, unified);
    }

    private static Optional<MemoryCgroups> at(Path directory) {
        if (Files.isRegularFile(directory.resolve("memory.limit_in_bytes"))) {
            return Optional.of(new MemoryCgroups(directory, false));
        }
        if (Files.isRegularFile(directory.resolve("cgroup.controllers"))) {
            return Optional.of(new MemoryCgroups(directory, true));
        }
        return Optional.empty();
    }

    private static Optional<MemoryCgroups> own() {
        try {
            List<String> memberships = Files.readAllLines(Path.of("/proc/self/cgroup"));
            List<String> mounts = Files.readAllLines(Path.of("/proc/self/mountinfo"));
            for (String membership : memberships) {
                String[] parts = membership.split(":", 3);
                if (parts.length == 3 && List.of(parts[1].split(",")).contains("memory")) {
                    Optional<Path> mount = mountOf(mounts, false);
                    if (mount.isPresent()) {
                        return at(mount.get().resolve(parts[2].substring(1)));
                    }
                }
            }
            for (String membership : memberships) {
                if (membership.startsWith("0::")) {
                    Optional<Path> mount = mountOf(mounts, true);
                    if (mount.isPresent()) {
                        Path own = mount.get().resolve(membership.substring(4));
                        String delegated = Files.readString(own.resolve("cgroup.subtree_control"));
                        return List.of(delegated.strip().split("\\s+")).contains("memory") ? at(own) : Optional.empty();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("No memory cgroup for builds", e);
        }
        return Optional.empty();
    }

    /** The mount point of the v1 memory hierarchy, or of the v2 hierarchy, mounted at its root. */
    private static Optional<Path> mountOf(List<String> mountInfo, boolean unified) {
        for (String mount : mountInfo) {
            int separator = mount.indexOf(" - ");
            if (separator < 0) {
                continue;
            }
            String[] fields = mount.substring(0, separator).split(" ");
            String[] filesystem = mount.substring(separator + 3).split(" ");
            boolean matches = unified ? filesystem[0].equals("cgroup2")
                    : filesystem[0].equals("cgroup") && filesystem.length > 2
                            && List.of(filesystem[2].split(",")).contains("memory");
            if (matches && fields.length > 4 && fields[3].equals("/")) {
                return Optional.of(Path.of(fields[4].replace("\\040", " ")));
            }
        }
        return Optional.empty();
    }

    /** Removes groups of servers that are gone, then proves a group can be made here. */
    private boolean usable() {
        removeAbandoned();
        try {
            create(64L * 1024 * 1024).close();
            return true;
        } catch (IOException | RuntimeException e) {
            log.debug("Cannot make memory cgroups in {}", parent, e);
            return false;
        }
    }

    private void removeAbandoned() {
        try (DirectoryStream<Path> groups = Files.newDirectoryStream(parent, PREFIX + "*")) {
            for (Path group : groups) {
                String[] name = group.getFileName().toString().substring(PREFIX.length()).split("-");
                boolean serverGone = ProcessHandle.of(Long.parseLong(name[0])).isEmpty();
                if (serverGone) {
                    new MemoryCgroup(group, unified).close();
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("Could not look for abandoned build cgroups in {}", parent, e);
        }
    }

    private static void writeIfPresent(Path file, String value) {
        if (Files.exists(file)) {
            try {
                Files.writeString(file, value);
            } catch (IOException e) {
                log.debug("Could not write {} to {}", value, file, e);
            }
        }
    }
}
