package dev.nex7.deployment.sandbox;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Namespace confinement with bubblewrap ({@code bwrap}): the build sees the whole file system
 * read-only, except its working directory, its home and temp directories and the npm cache, which
 * are writable. The working directory's {@code .git} stays read-only (the server commits from it
 * later and must not run what a build planted there). The data directory, the server user's home
 * and the other {@code hidden-paths} are replaced by empty directories (secrets such as the
 * master key file, the embedded database's password, {@code ~/.npmrc} tokens), as is the rest of
 * the sandbox root (other builds); directories on the build's {@code PATH} inside them are shown
 * again read-only. It gets its own PID namespace and {@code /proc}, so it cannot see the server's
 * processes or read their environment, and it dies with the server. It keeps the network (installs
 * need their registry) and, when the server runs as root, stays root but without capabilities, so
 * it cannot remount what is read-only.
 *
 * <p>Whether bubblewrap works is tried once by running {@code /bin/true} in it: it needs the
 * {@code bwrap} binary (Debian: {@code apt-get install bubblewrap}) and either root or
 * unprivileged user namespaces (Debian's default); unprivileged containers usually forbid both.
 */
final class Bubblewrap {

    private static final List<String> NAMESPACES = List.of("--die-with-parent", "--new-session", "--unshare-pid",
            "--unshare-ipc", "--unshare-uts", "--cap-drop", "ALL");

    private final Path executable;

    private Bubblewrap(Path executable) {
        this.executable = executable;
    }

    /** Bubblewrap, when it is installed and works here; otherwise why not, for the log. */
    static Probe probe(String serverPath) {
        Optional<Path> found = Executables.find(serverPath, "bwrap");
        if (found.isEmpty()) {
            return new Probe(Optional.empty(), "bwrap is not installed (Debian: apt-get install bubblewrap)");
        }
        List<String> command = new ArrayList<>();
        command.add(found.get().toString());
        command.addAll(NAMESPACES);
        command.addAll(List.of("--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--", "/bin/true"));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            byte[] output = process.getInputStream().readNBytes(4096);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Probe(Optional.empty(), "bwrap did not finish a trial run");
            }
            if (process.exitValue() != 0) {
                return new Probe(Optional.empty(), "bwrap cannot make namespaces here: "
                        + new String(output, StandardCharsets.UTF_8).strip());
            }
            return new Probe(Optional.of(new Bubblewrap(found.get())), "bwrap works");
        } catch (IOException e) {
            return new Probe(Optional.empty(), "bwrap could not be started: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Probe(Optional.empty(), "interrupted while trying bwrap");
        }
    }

    record Probe(Optional<Bubblewrap> bubblewrap, String finding) {
    }

    /**
     * The command line that runs {@code command} confined. Every path is absolute and real (no
     * symbolic links), as bubblewrap mounts where they point.
     */
    List<String> confine(Mounts mounts, List<String> command) {
        List<String> line = new ArrayList<>();
        line.add(executable.toString());
        line.addAll(NAMESPACES);
        line.addAll(List.of("--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"));
        for (Path hidden : mounts.hidden()) {
            if (Files.isDirectory(hidden, LinkOption.NOFOLLOW_LINKS)) {
                line.addAll(List.of("--tmpfs", hidden.toString()));
            }
        }
        line.addAll(List.of("--tmpfs", mounts.root().toString()));
        for (Path readable : mounts.readable()) {
            line.addAll(List.of("--ro-bind", readable.toString(), readable.toString()));
        }
        for (Path writable : mounts.writable()) {
            line.addAll(List.of("--bind", writable.toString(), writable.toString()));
        }
        Path git = mounts.workingDirectory().resolve(".git");
        if (Files.exists(git, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(git)) {
            line.addAll(List.of("--ro-bind", git.toString(), git.toString()));
        }
        line.addAll(List.of("--chdir", mounts.workingDirectory().toString(), "--"));
        line.addAll(command);
        return line;
    }

    /**
     * What a confined build sees.
     *
     * @param root the sandbox root, hidden but for the writable directories
     * @param workingDirectory where the build runs (one of {@code writable})
     * @param writable the directories it may write
     * @param hidden directories replaced by empty ones
     * @param readable directories inside hidden ones shown again, read-only
     */
    record Mounts(Path root, Path workingDirectory, List<Path> writable, List<Path> hidden, List<Path> readable) {
    }

    /** The directories among {@code pathEntries} that lie in a hidden directory, as install prefixes to show again. */
    static List<Path> toShowAgain(Collection<Path> pathEntries, Collection<Path> hidden) {
        List<Path> readable = new ArrayList<>();
        for (Path entry : pathEntries) {
            if (hidden.stream().anyMatch(entry::startsWith)) {
                // A tool's bin directory needs its install prefix: node's lib/node_modules/npm, for one.
                Path prefix = entry.getFileName() != null && entry.getFileName().toString().equals("bin")
                        ? entry.getParent() : entry;
                if (!readable.contains(prefix)) {
                    readable.add(prefix);
                }
            }
        }
        return readable;
    }
}
